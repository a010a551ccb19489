import FieldSyncCore

/// Turns the TZIDs a file uses into zone rules, the way real feeds need.
///
/// In order: an IANA name the system knows (`America/Chicago`); a Windows name
/// (`Eastern Standard Time`, through CLDR's windowsZones); an IANA name behind a prefix
/// (`/mozilla.org/20070129_1/Europe/Paris`); the file's own VTIMEZONE for that TZID (Exchange's
/// `Customized Time Zone`); a fixed offset spelled in the name (`GMT+05:30`, `(UTC-03:00) Brasília`).
public struct TimeZoneResolver {
    /// How a TZID was understood, for the operator.
    public enum Method: String, Sendable, Hashable {
        case iana, windows, prefixed, vtimezone, fixedOffset = "fixed_offset"
    }

    public struct Resolution: Sendable {
        public var rules: any ZoneRules
        public var method: Method
        /// The IANA identifier, when the TZID resolved to one.
        public var ianaIdentifier: String?
    }

    private let catalog: ZoneCatalog
    private let vtimezones: [String: ICalComponent]
    private var cache: [String: Result<Resolution, ICalendarError>] = [:]

    /// - Parameter vtimezones: the VTIMEZONE components of the file, by TZID. The key may be the
    ///   TZID property's value as written (`TZID:(UTC+01:00) Amsterdam\, Berlin`, a TEXT value with
    ///   escapes) or decoded: both spellings find the component, since a TZID *parameter* names it
    ///   decoded (`TZID="(UTC+01:00) Amsterdam, Berlin"`).
    public init(catalog: ZoneCatalog, vtimezones: [String: ICalComponent]) {
        self.catalog = catalog
        var byName = vtimezones
        for (tzid, component) in vtimezones {
            let decoded = ICalText.unescape(tzid).trimmingSpaces
            if byName[decoded] == nil { byName[decoded] = component }
        }
        self.vtimezones = byName
    }

    /// Resolves a TZID, or explains why it cannot be.
    public mutating func resolve(_ tzid: String) -> Result<Resolution, ICalendarError> {
        if let cached = cache[tzid] { return cached }
        let result = compute(tzid)
        cache[tzid] = result
        return result
    }

    private func compute(_ raw: String) -> Result<Resolution, ICalendarError> {
        let tzid = raw.trimmingSpaces
        if let zone = iana(tzid) {
            return .success(Resolution(rules: zone, method: .iana, ianaIdentifier: zone.identifier))
        }
        if let name = Self.windowsName(tzid), let zone = iana(name) {
            return .success(Resolution(rules: zone, method: .windows, ianaIdentifier: zone.identifier))
        }
        if tzid.contains("/") {
            let parts = tzid.split(separator: "/")
            for start in (tzid.hasPrefix("/") ? 0 : 1)..<parts.count {
                let candidate = parts[start...].joined(separator: "/")
                if candidate.contains("/") || start == parts.count - 1, let zone = iana(candidate) {
                    return .success(Resolution(rules: zone, method: .prefixed, ianaIdentifier: zone.identifier))
                }
            }
        }
        var vtimezoneError: ICalendarError?
        if let component = vtimezones[raw] ?? vtimezones[tzid] {
            do {
                return .success(Resolution(rules: try VTimeZoneRules(component), method: .vtimezone, ianaIdentifier: nil))
            } catch {
                vtimezoneError = error
            }
        }
        if let offset = Self.offsetSpelled(in: tzid) {
            return .success(
                Resolution(rules: FixedOffsetZoneRules(offset: offset, identifier: tzid), method: .fixedOffset, ianaIdentifier: nil))
        }
        if let vtimezoneError {
            return .failure(
                ICalendarError(.unknownTimeZone, "TZID \(Quoted(raw)): its VTIMEZONE cannot be used: \(vtimezoneError.message)", line: vtimezoneError.line))
        }
        return .failure(
            ICalendarError(
                .unknownTimeZone,
                "TZID \(Quoted(raw)) is not a known time zone and the file has no VTIMEZONE for it"))
    }

    private func iana(_ identifier: String) -> IANAZoneRules? {
        // Foundation also accepts offsets (`GMT+05:30`, `UTC-5` become GMT+0530, GMT-0500); those
        // are fixed offsets, resolved last and reported as such. Only take what looks like a
        // zone name (`UTC`, `GMT0` and `Etc/GMT+5` are).
        guard !identifier.isEmpty, !identifier.contains(" "), !Self.isOffsetName(identifier) else { return nil }
        return catalog.iana(identifier)
    }

    /// `GMT+…`, `UTC-…`, `UTC−…`: a name that is an offset, not a zone.
    static func isOffsetName(_ name: String) -> Bool {
        let upper = name.uppercased()
        guard upper.hasPrefix("GMT") || upper.hasPrefix("UTC") else { return false }
        guard let next = upper.dropFirst(3).first else { return false }
        return next == "+" || next == "-" || next == "\u{2212}"
    }

    /// Windows names CLDR has changed since the table was taken (CLDR 42 and later).
    private static let windowsUpdates: [String: String] = [
        "South Sudan Standard Time": "Africa/Juba",
        "Mountain Standard Time (Mexico)": "America/Mazatlan",
    ]

    /// The IANA name for a Windows zone name, matched exactly, then ignoring case.
    static func windowsName(_ name: String) -> String? {
        if let hit = windowsUpdates[name] ?? WindowsZoneTable.ianaByWindowsName[name] { return hit }
        let lower = name.lowercased()
        return WindowsZoneTable.ianaByWindowsName.first { $0.key.lowercased() == lower }?.value
    }

    /// A fixed offset written into a zone name: `GMT+05:30`, `UTC-5`, `(GMT +01:00)`,
    /// `(UTC-03:00) Brasília`, `UTC`, `GMT`, `Z`.
    static func offsetSpelled(in name: String) -> Int? {
        let upper = name.uppercased()
        if ["UTC", "GMT", "Z", "ETC/UTC", "ETC/GMT", "UNIVERSAL", "ZULU"].contains(upper) { return 0 }
        var chars = Substring(upper)
        if chars.hasPrefix("(") { chars = chars.dropFirst() }
        guard chars.hasPrefix("UTC") || chars.hasPrefix("GMT") else { return nil }
        chars = chars.dropFirst(3)
        while chars.first == " " { chars = chars.dropFirst() }
        guard let signChar = chars.first, signChar == "+" || signChar == "-" || signChar == "\u{2212}" else {
            return chars.isEmpty || chars.first == ")" ? 0 : nil
        }
        chars = chars.dropFirst()
        var digits = ""
        var separatorSeen = false
        var hours = 0
        var minutes = 0
        for c in chars {
            if c.isASCII, c.isNumber {
                digits.append(c)
            } else if c == ":" || c == "." {
                guard !separatorSeen else { break }
                separatorSeen = true
                hours = Int(digits) ?? 0
                digits = ""
            } else {
                break
            }
        }
        if separatorSeen {
            minutes = Int(digits) ?? 0
        } else if digits.count >= 3 {
            hours = Int(digits.prefix(digits.count - 2)) ?? 0
            minutes = Int(digits.suffix(2)) ?? 0
        } else {
            guard let h = Int(digits) else { return nil }
            hours = h
        }
        guard hours <= 14, minutes < 60 else { return nil }
        let total = hours * 3600 + minutes * 60
        return signChar == "+" ? total : -total
    }
}
