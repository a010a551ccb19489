import FieldSyncCore

/// Why a record (or a part of one, such as an appointment of a job) cannot be used, before it
/// becomes a ``FieldSyncCore/RejectedRecord`` with its raw text and location.
struct MappingProblem: Hashable, Sendable {
    /// `job`, `appointment`, `employee`, `customer`, `location`.
    var recordKind: String
    var externalID: String?
    /// In words an operator can act on; never customer details.
    var reason: String
    /// The problem the checks know it as, if any.
    var problem: RejectProblem? = nil
}
