import FieldSyncCore

extension RecordMapper {
    /// Technicians, active or not: a deactivated technician is sent with `active = false` and
    /// keeps its details (the cache marks it inactive rather than forgetting it).
    ///
    /// Name from `name` (or first and last name), phone from `mobilePhone` (else
    /// `phoneNumber`), skills through the mapping, zone names from `mainZoneId` and `zoneIds`,
    /// home base from `home`, time zone from the configuration.
    func technicians(_ records: [RawRecord], into builder: inout PageBuilder) {
        var unknownZones = 0
        for raw in records {
            guard let record = builder.decode(STTechnician.self, raw) else { continue }
            let fullName = [record.firstName, record.lastName].compactMap(Self.nonEmpty).joined(separator: " ")
            let name = Self.nonEmpty(record.name) ?? (fullName.isEmpty ? "ServiceTitan technician \(record.id)" : fullName)
            var skills: [String] = []
            for skill in record.skills ?? [] {
                guard let skillName = Self.nonEmpty(skill.name) else { continue }
                let code = mapping.skill(skillName)
                if !skills.contains(code) { skills.append(code) }
            }
            var zones: [String] = []
            for zoneID in [record.mainZoneId].compactMap({ $0 }) + (record.zoneIds ?? []) {
                guard let zone = reference.zones[zoneID] else {
                    unknownZones += 1
                    continue
                }
                if let zoneName = Self.nonEmpty(zone.name), !zones.contains(zoneName) { zones.append(zoneName) }
            }
            builder.batch.technicians.append(
                Technician(
                    id: technicianID(record.id), name: name,
                    phone: Self.nonEmpty(record.mobilePhone) ?? Self.nonEmpty(record.phoneNumber),
                    email: Self.nonEmpty(record.email), skills: skills, homeBase: Self.location(record.home),
                    timeZone: timeZone, active: record.active ?? true, zones: zones,
                    source: sourceRef(record.id.value, version: record.modifiedOn)))
        }
        if unknownZones > 0 {
            builder.note("\(unknownZones) zone reference(s) name a zone id the tenant's zones do not have; left out")
        }
    }
}
