/// The faults of one run, checked in order for every request.
///
/// Each fault counts the requests it matches on its own; when a request is the (after+1)th to
/// (after+times)th match of a fault, that fault is due. When several are due on one request,
/// the first listed fires and the others count the request as hit.
public struct FaultPlan: Sendable, Hashable {
    /// The faults, in the order they are checked.
    public var faults: [FaultSpec]

    public init(_ faults: [FaultSpec] = []) {
        self.faults = faults
    }

    /// Parses one spec per element (as repeated `--fault` options give them).
    public init(parsing specs: [String]) throws(SandboxError) {
        var faults: [FaultSpec] = []
        for spec in specs { faults.append(try FaultSpec(parsing: spec)) }
        self.faults = faults
    }

    public var isEmpty: Bool { faults.isEmpty }
}
