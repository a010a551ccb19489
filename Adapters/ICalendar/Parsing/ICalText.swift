/// TEXT escaping (RFC 5545 §3.3.11) and splitting of multi-valued properties.
public enum ICalText {
    /// Decodes `\\`, `\;`, `\,`, `\n` and `\N`. A backslash before anything else is kept, as
    /// producers that forget to escape are more common than ones that mean something by it.
    public static func unescape(_ raw: String) -> String {
        guard raw.utf8.contains(0x5C) else { return raw }
        var out = String.UnicodeScalarView()
        var iterator = raw.unicodeScalars.makeIterator()
        while let c = iterator.next() {
            guard c == "\\" else {
                out.append(c)
                continue
            }
            guard let next = iterator.next() else {
                out.append(c)
                break
            }
            switch next {
            case "n", "N": out.append("\n")
            case "\\", ";", ",", ":", "\"": out.append(next)
            default:
                out.append(c)
                out.append(next)
            }
        }
        return String(out)
    }

    /// Escapes text for writing into a content line.
    public static func escape(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Splits on `separator` where it is not escaped by a backslash. Escapes are left in place.
    public static func split(_ raw: String, on separator: Character) -> [String] {
        guard raw.contains(separator) else { return [raw] }
        var parts: [String] = []
        var current = ""
        var escaped = false
        for c in raw {
            if escaped {
                current.append(c)
                escaped = false
            } else if c == "\\" {
                current.append(c)
                escaped = true
            } else if c == separator {
                parts.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current)
        return parts
    }
}
