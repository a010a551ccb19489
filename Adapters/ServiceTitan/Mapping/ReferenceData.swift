import Foundation

/// The tenant's business units, job types and zones, read in full at the start of every run
/// (with `active=Any`, so records pointing at a deactivated one still resolve) and kept in
/// memory for mapping. They are not cached as rows.
struct ReferenceData: Sendable {
    var businessUnits: [STID: STBusinessUnit] = [:]
    var jobTypes: [STID: STJobType] = [:]
    var zones: [STID: STZone] = [:]

    /// Decodes one record of `resource` (business units, job types or zones) and keeps it.
    mutating func add(_ record: RawRecord, of resource: STResource, decoder: JSONDecoder) throws {
        switch resource {
        case .businessUnits:
            let unit = try decoder.decode(STBusinessUnit.self, from: record.bytes)
            businessUnits[unit.id] = unit
        case .jobTypes:
            let type = try decoder.decode(STJobType.self, from: record.bytes)
            jobTypes[type.id] = type
        case .zones:
            let zone = try decoder.decode(STZone.self, from: record.bytes)
            zones[zone.id] = zone
        default:
            break
        }
    }
}
