/// Writes a ``JSONValue`` as JSON text, compact (for responses) or indented two spaces (for the
/// committed data set), with object keys in their stored order.
public enum JSONWriter {
    /// Compact UTF-8 JSON.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out, indent: nil)
        return out
    }

    /// Indented UTF-8 JSON, ending without a newline.
    public static func prettyBytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, into: &out, indent: 0)
        return out
    }

    /// Compact JSON as a string.
    public static func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    static func write(_ value: JSONValue, into out: inout [UInt8], indent: Int?) {
        switch value {
        case .null: out.append(contentsOf: [110, 117, 108, 108])
        case .bool(let b):
            if b { out.append(contentsOf: [116, 114, 117, 101]) } else { out.append(contentsOf: [102, 97, 108, 115, 101]) }
        case .int(let i): writeInteger(i, into: &out)
        case .double(let d):
            if d.isFinite {
                if d.rounded() == d, abs(d) < 1e15 {
                    writeInteger(Int64(d), into: &out)
                } else {
                    out.append(contentsOf: String(d).utf8)
                }
            } else {
                out.append(contentsOf: [110, 117, 108, 108])
            }
        case .string(let s): writeString(s, into: &out)
        case .array(let elements):
            if elements.isEmpty {
                out.append(contentsOf: [91, 93])
                return
            }
            out.append(91)
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(44) }
                newline(&out, indent.map { $0 + 1 })
                write(element, into: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out.append(93)
        case .object(let object):
            if object.count == 0 {
                out.append(contentsOf: [123, 125])
                return
            }
            out.append(123)
            for (i, member) in object.members.enumerated() {
                if i > 0 { out.append(44) }
                newline(&out, indent.map { $0 + 1 })
                writeString(member.key, into: &out)
                out.append(58)
                if indent != nil { out.append(32) }
                write(member.value, into: &out, indent: indent.map { $0 + 1 })
            }
            newline(&out, indent)
            out.append(125)
        }
    }

    static func writeInteger(_ value: Int64, into out: inout [UInt8]) {
        if value == 0 {
            out.append(48)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var magnitude = value.magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[count] = UInt8(48 + magnitude % 10)
                magnitude /= 10
                count += 1
            }
        }
        if value < 0 { out.append(45) }
        withUnsafeBytes(of: &digits) { buffer in
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
        }
    }

    /// Re-indents compact JSON (as ``bytes(_:)`` writes it) the way ``prettyBytes(_:)`` would,
    /// without building a ``JSONValue``: for writing large data sets quickly.
    static func reindent(_ compact: [UInt8], depth: Int, into out: inout [UInt8]) {
        var level = depth
        var i = 0
        let n = compact.count
        func newline(_ out: inout [UInt8], _ level: Int) {
            out.append(10)
            for _ in 0..<(level * 2) { out.append(32) }
        }
        while i < n {
            let b = compact[i]
            switch b {
            case 34:
                // Copy the whole string, escapes included.
                var end = i + 1
                while end < n, compact[end] != 34 { end += compact[end] == 92 ? 2 : 1 }
                out.append(contentsOf: compact[i...min(end, n - 1)])
                i = end
            case 123, 91:
                out.append(b)
                if i + 1 < n, compact[i + 1] == (b == 123 ? 125 : 93) {
                    out.append(compact[i + 1])
                    i += 1
                } else {
                    level += 1
                    newline(&out, level)
                }
            case 125, 93:
                level -= 1
                newline(&out, level)
                out.append(b)
            case 44:
                out.append(b)
                newline(&out, level)
            case 58:
                out.append(58)
                out.append(32)
            default:
                out.append(b)
            }
            i += 1
        }
    }

    private static func newline(_ out: inout [UInt8], _ indent: Int?) {
        guard let indent else { return }
        out.append(10)
        out.append(contentsOf: repeatElement(32, count: indent * 2))
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(34)
        // Most strings need no escaping: copy them whole.
        let copied = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(where: { $0 == 34 || $0 == 92 || $0 < 32 }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            out.append(34)
            return
        }
        for b in s.utf8 {
            switch b {
            case 34: out.append(contentsOf: [92, 34])
            case 92: out.append(contentsOf: [92, 92])
            case 10: out.append(contentsOf: [92, 110])
            case 13: out.append(contentsOf: [92, 114])
            case 9: out.append(contentsOf: [92, 116])
            case 0..<32:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [92, 117, 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(34)
    }
}
