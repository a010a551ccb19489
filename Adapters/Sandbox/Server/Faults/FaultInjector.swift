/// What a request is, as far as fault matching cares.
struct FaultProbe: Sendable {
    var vendor: SandboxVendor?
    var method: String
    var path: String
    /// A ServiceTitan API call carrying a token that is currently valid.
    var hasValidToken: Bool
    /// An export call whose `from` is a continuation token.
    var hasContinuationToken: Bool
    /// A GET of a list or export.
    var isPageRead: Bool
}

/// Counts matching requests per fault and decides which fault, if any, hits a request.
actor FaultInjector {
    private let plan: FaultPlan
    private var matched: [Int]
    private var fired: [Int]

    init(plan: FaultPlan) {
        self.plan = plan
        matched = Array(repeating: 0, count: plan.faults.count)
        fired = Array(repeating: 0, count: plan.faults.count)
    }

    /// The fault that hits this request, if one is due.
    func decide(_ probe: FaultProbe) -> FaultSpec? {
        var chosen: FaultSpec?
        for (i, fault) in plan.faults.enumerated() where Self.matches(fault, probe) {
            matched[i] += 1
            guard matched[i] > fault.after, fault.times.map({ fired[i] < $0 }) ?? true else { continue }
            fired[i] += 1
            if chosen == nil { chosen = fault }
        }
        return chosen
    }

    /// How many requests each fault matched and hit so far.
    func counts() -> [(fault: FaultSpec, matched: Int, fired: Int)] {
        plan.faults.indices.map { (plan.faults[$0], matched[$0], fired[$0]) }
    }

    static func matches(_ fault: FaultSpec, _ probe: FaultProbe) -> Bool {
        if let vendor = fault.vendor, vendor != probe.vendor { return false }
        if probe.vendor == nil { return false }
        if let path = fault.path, !probe.path.contains(path) { return false }
        if let method = fault.method, method != probe.method { return false }
        switch fault.kind {
        case .expiredToken: return probe.vendor == .serviceTitan && probe.hasValidToken
        case .rejectedCursor: return probe.hasContinuationToken
        case .changeBetweenPages: return probe.isPageRead
        default: return true
        }
    }
}
