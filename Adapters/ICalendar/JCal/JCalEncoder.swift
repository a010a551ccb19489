import FieldSyncCore

/// Converts parsed iCalendar into jCal (RFC 7265), the JSON form of iCalendar: what
/// `fieldsync ical parse` prints, so an operator sees exactly how each line was read.
///
/// Value types come from the VALUE parameter, else from the property's default type in
/// RFC 5545/7986, else are detected from the value for properties that allow several
/// (`DTSTART:20120901` is a date). Properties fieldsync does not know are `unknown`, with their
/// value as written. Values jCal cannot carry as written follow the reference implementation
/// (ical.js): a BOOLEAN other than TRUE is false, an unreadable INTEGER or FLOAT is 0.
public struct JCalEncoder: Sendable {
    public init() {}

    /// One component, or, for a stream of several top-level components, an array of them.
    public func encode(_ document: ICalDocument) -> JCalValue {
        let components = document.components.map(encode)
        return components.count == 1 ? components[0] : .array(components)
    }

    public func encode(_ component: ICalComponent) -> JCalValue {
        .array([
            .string(component.name.lowercased()),
            .array(component.properties.map(encode)),
            .array(component.components.map(encode)),
        ])
    }

    public func encode(_ property: ICalProperty) -> JCalValue {
        var name = property.name.lowercased()
        if let group = property.group { name = group.lowercased() + "." + name }
        var parameters: [(String, JCalValue)] = []
        for p in property.parameters where p.name != "VALUE" {
            parameters.append(
                (p.name.lowercased(), p.values.count == 1 ? .string(p.values[0]) : .array(p.values.map { .string($0) })))
        }
        let type = valueType(of: property)
        return .array([.string(name), .object(parameters), .string(type)] + values(of: property, type: type))
    }

    // MARK: Types

    private static let defaultTypes: [String: String] = {
        var t: [String: String] = [:]
        for n in [
            "CALSCALE", "METHOD", "PRODID", "VERSION", "CATEGORIES", "CLASS", "COMMENT", "DESCRIPTION", "LOCATION",
            "RESOURCES", "STATUS", "SUMMARY", "TRANSP", "TZID", "TZNAME", "UID", "CONTACT", "RELATED-TO",
            "REQUEST-STATUS", "ACTION", "NAME", "COLOR",
        ] { t[n] = "text" }
        for n in ["COMPLETED", "DTEND", "DUE", "DTSTART", "RECURRENCE-ID", "EXDATE", "RDATE", "CREATED", "DTSTAMP", "LAST-MODIFIED"] {
            t[n] = "date-time"
        }
        for n in ["DURATION", "TRIGGER", "REFRESH-INTERVAL"] { t[n] = "duration" }
        t["FREEBUSY"] = "period"
        for n in ["PERCENT-COMPLETE", "PRIORITY", "SEQUENCE", "REPEAT"] { t[n] = "integer" }
        t["GEO"] = "float"
        for n in ["TZOFFSETFROM", "TZOFFSETTO"] { t[n] = "utc-offset" }
        for n in ["TZURL", "URL", "ATTACH", "SOURCE", "IMAGE", "CONFERENCE"] { t[n] = "uri" }
        for n in ["ATTENDEE", "ORGANIZER"] { t[n] = "cal-address" }
        for n in ["RRULE", "EXRULE"] { t[n] = "recur" }
        return t
    }()

    /// Properties whose value may be a date, a date-time or (RDATE) a period.
    private static let dateLike: Set<String> = [
        "DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE",
    ]

    func valueType(of p: ICalProperty) -> String {
        if let declared = p.parameter("VALUE") { return declared.lowercased() }
        if Self.dateLike.contains(p.name) {
            let first = p.rawValue.split(separator: ",").first.map(String.init) ?? p.rawValue
            if p.name == "RDATE", first.contains("/") { return "period" }
            // As ical.js decides: no time part, a date (Google's `RDATE:20131210Z` too).
            if !first.isEmpty, !first.contains("T"), !first.contains("t") { return "date" }
            return "date-time"
        }
        return Self.defaultTypes[p.name] ?? "unknown"
    }

    // MARK: Values

    private static let multiValued: Set<String> = ["CATEGORIES", "RESOURCES", "FREEBUSY", "EXDATE", "RDATE"]

    private func values(of p: ICalProperty, type: String) -> [JCalValue] {
        let raw = p.rawValue
        if p.name == "GEO" {
            return [.array(raw.split(separator: ";", omittingEmptySubsequences: false).map { .double(Double($0.trimmingSpaces) ?? 0) })]
        }
        if p.name == "REQUEST-STATUS" {
            return [.array(ICalText.split(raw, on: ";").map { .string(ICalText.unescape($0)) })]
        }
        let items: [String]
        if Self.multiValued.contains(p.name) {
            items = type == "text" ? ICalText.split(raw, on: ",") : raw.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        } else {
            items = [raw]
        }
        return items.map { value(of: $0, type: type) }
    }

    private func value(of raw: String, type: String) -> JCalValue {
        switch type {
        case "text": return .string(ICalText.unescape(raw))
        case "date", "date-time": return .string(Self.extended(raw))
        case "time": return .string(Self.extendedTime(raw))
        case "period":
            let parts = raw.split(separator: "/", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return .string(raw) }
            let end = parts[1].first == "P" || parts[1].first == "-" || parts[1].first == "+" ? parts[1] : Self.extended(parts[1])
            return .array([.string(Self.extended(parts[0])), .string(end)])
        case "integer": return .integer(Int(raw.trimmingSpaces) ?? 0)
        case "float": return .double(Double(raw.trimmingSpaces) ?? 0)
        case "boolean": return .bool(raw.uppercased() == "TRUE")
        case "utc-offset":
            guard let seconds = try? ICalUTCOffset.parse(raw) else { return .string(raw) }
            return .string(UTCOffsetFormat.string(seconds))
        case "recur": return recur(raw)
        default: return .string(raw)
        }
    }

    /// `20120901T130000Z` → `2012-09-01T13:00:00Z`; `20120901` → `2012-09-01`; anything else as written.
    static func extended(_ raw: String) -> String {
        guard let value = try? ICalDateTime.parse(raw) else { return raw }
        switch value.form {
        case .date: return value.local.date.description
        case .utc: return value.local.description + "Z"
        case .floating, .zoned: return value.local.description
        }
    }

    private static func extendedTime(_ raw: String) -> String {
        let chars = Array(raw)
        guard chars.count >= 6 else { return raw }
        var s = String(chars[0..<2]) + ":" + String(chars[2..<4]) + ":" + String(chars[4..<6])
        if chars.count == 7, chars[6] == "Z" || chars[6] == "z" { s += "Z" }
        return s
    }

    private static let numericRecurParts: Set<String> = [
        "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS",
    ]

    private func recur(_ raw: String) -> JCalValue {
        var pairs: [(String, JCalValue)] = []
        for part in raw.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2 else { continue }
            let key = kv[0].uppercased()
            let items = kv[1].split(separator: ",").map(String.init)
            let values: [JCalValue]
            if Self.numericRecurParts.contains(key) {
                values = items.map { Int($0).map(JCalValue.integer) ?? .string($0) }
            } else if key == "UNTIL" {
                values = items.map { .string(Self.extended($0)) }
            } else {
                values = items.map { .string($0) }
            }
            pairs.append((key.lowercased(), values.count == 1 ? values[0] : .array(values)))
        }
        return .object(pairs)
    }
}
