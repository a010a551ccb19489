import FieldSyncCore
import Foundation

/// One difference between a backend and the cache, found by reading the backend completely and
/// comparing field by field: a record the cache never saw, one that changed without the cache
/// hearing of it, or one the backend no longer has while the cache still does.
public struct Drift: Hashable, Sendable, Codable {
    /// What happened at the backend behind the cache's back.
    public enum Change: String, Hashable, Sendable, Codable, CaseIterable {
        /// The backend has the record; the cache does not (or holds it as deleted).
        case created
        /// Both have it, and at least one compared field differs.
        case changed
        /// The cache holds the record live; the backend deleted or deactivated it.
        case deleted
    }

    public var source: String
    public var entity: RecordEntity
    /// The record's id at the backend (an operator opens it in the vendor's tool with this).
    public var externalID: String
    public var change: Change
    /// For ``Change/changed``: each differing field, in a fixed order.
    public var fields: [FieldChange]
    /// The technician the record belongs to, when it has one (windows, assignments).
    public var technicianID: String?
    /// When the record starts (appointments, windows), for the report's context.
    public var start: Date?
    /// The appointment an assignment belongs to (ServiceTitan keeps assignments apart).
    public var appointmentExternalID: String?
    /// For assignments: the technicians the cache had on that appointment before this change.
    public var technicianIDsBefore: [String]?

    public init(
        source: String, entity: RecordEntity, externalID: String, change: Change, fields: [FieldChange] = [],
        technicianID: String? = nil, start: Date? = nil, appointmentExternalID: String? = nil,
        technicianIDsBefore: [String]? = nil
    ) {
        self.source = source
        self.entity = entity
        self.externalID = externalID
        self.change = change
        self.fields = fields
        self.technicianID = technicianID
        self.start = start
        self.appointmentExternalID = appointmentExternalID
        self.technicianIDsBefore = technicianIDsBefore
    }

    /// Identifies the record (not the change): one record drifts at most once per run.
    public var key: String {
        "\(source)\u{1}\(entity.rawValue)\u{1}\(technicianID.map { entity == .availability ? $0 : "" } ?? "")\u{1}\(externalID)"
    }
}

/// One field that differs between the backend and the cache.
public struct FieldChange: Hashable, Sendable, Codable {
    /// The field's name in the cache's terms (`starts_at`, `status`, `technicians`).
    public var name: String
    /// The cache's value, as text; nil when empty or when ``isPersonal``.
    public var before: String?
    /// The backend's value, as text; nil when empty or when ``isPersonal``.
    public var after: String?
    /// A customer's or technician's personal data (name, phone, e-mail, street): the report says
    /// that it changed, never what it was or became.
    public var isPersonal: Bool

    public init(name: String, before: String?, after: String?, isPersonal: Bool = false) {
        self.name = name
        self.before = isPersonal ? nil : before
        self.after = isPersonal ? nil : after
        self.isPersonal = isPersonal
    }

    enum CodingKeys: String, CodingKey {
        case name, before, after
        case isPersonal = "personal"
    }
}
