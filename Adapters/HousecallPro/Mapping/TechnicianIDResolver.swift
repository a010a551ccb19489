/// Turns Housecall Pro employee ids into local technician ids: the configured link, or
/// `<source name>-<employee id>`.
struct TechnicianIDResolver: Sendable {
    let sourceName: String
    let links: [String: String]

    func localID(for employeeID: String) -> String {
        links[employeeID] ?? "\(sourceName)-\(employeeID)"
    }

    /// Local ids for `employeeIDs`, in order, without repeats.
    func localIDs(for employeeIDs: [String]) -> [String] {
        var seen = Set<String>()
        return employeeIDs.map(localID(for:)).filter { seen.insert($0).inserted }
    }

    /// Whether the shop linked this employee to a local technician by hand.
    func isLinked(_ employeeID: String) -> Bool { links[employeeID] != nil }
}
