import FieldSyncCore
import Foundation

/// The records the sandbox serves, per vendor and resource.
///
/// A data directory holds one JSON array per resource, each element a record exactly as the
/// vendor returns it:
///
/// ```
/// DIR/sandbox.json                     {"anchor_date": "2026-11-23"}   (optional)
/// DIR/servicetitan/technicians.json    [{"id": 10101, "name": "Maria Lopez", …}, …]
/// DIR/servicetitan/jobs.json
/// DIR/housecallpro/jobs.json           [{"id": "job_…", "schedule": {"appointments": […]}, …}]
/// ```
///
/// When the manifest names an `anchor_date`, ``load(from:shiftToCurrentWeek:now:)`` moves every
/// date and time by whole weeks so that the anchor's week is the current week: the committed
/// data set stays current forever, and weekdays stay aligned with shifts.
public struct SandboxData: Sendable {
    /// The day the data set was built around (its week becomes the current week on load).
    public var anchorDate: LocalDate?
    /// The records of every resource (a missing resource has none).
    public var records: [SandboxResource: [SandboxRecord]]
    /// The messy records the generator planted on purpose (not served; for tests and the README).
    public var plantedProblems: [PlantedProblem]
    /// The zone of the ServiceTitan tenant (wall-clock week shifts happen there).
    public var serviceTitanTimeZone: String
    /// The zone of the Housecall Pro company.
    public var housecallProTimeZone: String

    public init(
        anchorDate: LocalDate? = nil, records: [SandboxResource: [SandboxRecord]] = [:],
        plantedProblems: [PlantedProblem] = [], serviceTitanTimeZone: String = "America/Chicago",
        housecallProTimeZone: String = "America/Denver"
    ) {
        self.anchorDate = anchorDate
        self.records = records
        self.plantedProblems = plantedProblems
        self.serviceTitanTimeZone = serviceTitanTimeZone
        self.housecallProTimeZone = housecallProTimeZone
    }

    /// The records of one resource.
    public subscript(resource: SandboxResource) -> [SandboxRecord] {
        get { records[resource] ?? [] }
        set { records[resource] = newValue }
    }

    /// The records of a ServiceTitan resource.
    public subscript(serviceTitan resource: ServiceTitanResource) -> [SandboxRecord] {
        get { self[.serviceTitan(resource)] }
        set { self[.serviceTitan(resource)] = newValue }
    }

    /// The records of a Housecall Pro resource.
    public subscript(housecallPro resource: HousecallProResource) -> [SandboxRecord] {
        get { self[.housecallPro(resource)] }
        set { self[.housecallPro(resource)] = newValue }
    }

    /// How many records there are in all.
    public var count: Int { records.values.reduce(0) { $0 + $1.count } }

    /// The same data with every date and time moved by `weeks` weeks of wall-clock time (in each
    /// vendor's zone). The anchor date moves too.
    public func shifted(byWeeks weeks: Int) -> SandboxData {
        guard weeks != 0 else { return self }
        var copy = self
        copy.anchorDate = anchorDate?.adding(days: weeks * 7)
        for (resource, list) in records {
            let zoneName = resource.vendor == .serviceTitan ? serviceTitanTimeZone : housecallProTimeZone
            let zone: any ZoneRules = IANAZoneRules(identifier: zoneName) ?? FixedOffsetZoneRules.utc
            let shift = WeekShift(weeks: weeks, zone: zone)
            copy.records[resource] = list.map { SandboxRecord(shift.apply($0.value)) }
        }
        return copy
    }

    /// The data moved so that the anchor's week is the week of `now` (unchanged without anchor).
    public func shiftedToCurrentWeek(now: Date = Date()) -> SandboxData {
        guard let anchorDate else { return self }
        return shifted(byWeeks: WeekShift.weeks(anchor: anchorDate, now: now))
    }

    /// Reads a data directory (see the type's documentation).
    ///
    /// - Parameters:
    ///   - shiftToCurrentWeek: move the dates so the manifest's anchor week is the current week.
    ///   - now: the current time (for the shift).
    public static func load(from directory: String, shiftToCurrentWeek: Bool = true, now: Date = Date())
        throws(SandboxError) -> SandboxData
    {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SandboxError(
                .noSuchDirectory,
                "\(directory): no such data directory (it should hold servicetitan/*.json and housecallpro/*.json)")
        }
        let root = URL(fileURLWithPath: directory)
        var data = SandboxData()
        let manifestURL = root.appendingPathComponent("sandbox.json")
        if FileManager.default.fileExists(atPath: manifestURL.path) {
            let manifest = try readJSON(manifestURL)
            guard case .object = manifest else {
                throw SandboxError(.invalidData, "\(manifestURL.path): expected a JSON object like {\"anchor_date\": \"2026-11-23\"}")
            }
            if let text = manifest["anchor_date"]?.stringValue {
                guard let date = parseDate(text) else {
                    throw SandboxError(.invalidData, "\(manifestURL.path): anchor_date \"\(text)\" is not a date like 2026-11-23")
                }
                data.anchorDate = date
            }
            if let zones = manifest["time_zones"] {
                if let st = zones["servicetitan"]?.stringValue { data.serviceTitanTimeZone = st }
                if let hcp = zones["housecallpro"]?.stringValue { data.housecallProTimeZone = hcp }
            }
        }
        var found = 0
        for resource in SandboxResource.all {
            let url = root.appendingPathComponent(resource.vendor.directoryName)
                .appendingPathComponent(resource.name + ".json")
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            found += 1
            guard case .array(let elements) = try readJSON(url) else {
                throw SandboxError(.invalidData, "\(url.path): expected a JSON array of \(resource.name) records")
            }
            var list: [SandboxRecord] = []
            list.reserveCapacity(elements.count)
            for (i, element) in elements.enumerated() {
                guard case .object = element else {
                    throw SandboxError(.invalidData, "\(url.path): record \(i + 1) is not a JSON object")
                }
                guard element["id"] != nil else {
                    throw SandboxError(.invalidData, "\(url.path): record \(i + 1) has no \"id\"")
                }
                list.append(SandboxRecord(element))
            }
            data.records[resource] = list
        }
        guard found > 0 else {
            throw SandboxError(
                .invalidData,
                "\(directory): no data files found (expected servicetitan/<resource>.json or housecallpro/<resource>.json)")
        }
        return shiftToCurrentWeek ? data.shiftedToCurrentWeek(now: now) : data
    }

    /// Writes the data as a data directory: indented JSON arrays, keys in record order, and a
    /// `sandbox.json` manifest with the anchor date. Resources without records are not written.
    public func write(to directory: String) throws(SandboxError) {
        let root = URL(fileURLWithPath: directory)
        do {
            for vendor in SandboxVendor.allCases {
                try FileManager.default.createDirectory(
                    at: root.appendingPathComponent(vendor.directoryName), withIntermediateDirectories: true)
            }
            var manifest: JSONValue = [:]
            if let anchorDate { manifest["anchor_date"] = .string(anchorDate.description) }
            manifest["time_zones"] = [
                "servicetitan": .string(serviceTitanTimeZone), "housecallpro": .string(housecallProTimeZone),
            ]
            try Data(JSONWriter.prettyBytes(manifest) + [10]).write(to: root.appendingPathComponent("sandbox.json"))
            for resource in SandboxResource.all {
                guard let list = records[resource], !list.isEmpty else { continue }
                let url = root.appendingPathComponent(resource.vendor.directoryName)
                    .appendingPathComponent(resource.name + ".json")
                var bytes: [UInt8] = [91]
                bytes.reserveCapacity(list.reduce(2) { $0 + $1.bytes.count * 2 })
                for (i, record) in list.enumerated() {
                    if i > 0 { bytes.append(44) }
                    bytes.append(contentsOf: [10, 32, 32])
                    JSONWriter.reindent(record.bytes, depth: 1, into: &bytes)
                }
                bytes.append(contentsOf: [10, 93, 10])
                try Data(bytes).write(to: url)
            }
        } catch {
            throw SandboxError(.io, "\(directory): cannot write the data set: \(error.localizedDescription)")
        }
    }

    static func parseDate(_ text: String) -> LocalDate? {
        let parts = text.split(separator: "-")
        guard text.utf8.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        return LocalDate(year: y, month: m, day: d)
    }

    private static func readJSON(_ url: URL) throws(SandboxError) -> JSONValue {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: url))
        } catch {
            throw SandboxError(.io, "\(url.path): cannot be read: \(error.localizedDescription)")
        }
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw SandboxError(.invalidData, "\(url.path): \(error.description)")
        }
    }
}
