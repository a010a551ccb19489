/// A query string split into decoded name/value pairs, the way the vendors' web frameworks read
/// it: percent escapes decoded and `+` read as a space (so an unescaped `+00:00` offset breaks,
/// as it does on the real services).
struct QueryParameters: Sendable {
    let items: [(name: String, value: String)]
    /// ServiceTitan (ASP.NET) matches names case-insensitively; Housecall Pro does not.
    var caseInsensitive = false

    init(items: [(name: String, value: String)], caseInsensitive: Bool = false) {
        self.items = items
        self.caseInsensitive = caseInsensitive
    }

    init(_ query: String?, caseInsensitive: Bool = false) {
        self.caseInsensitive = caseInsensitive
        guard let query, !query.isEmpty else {
            items = []
            return
        }
        items = query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let eq = pair.firstIndex(of: "=") {
                return (Self.decode(pair[..<eq]), Self.decode(pair[pair.index(after: eq)...]))
            }
            return (Self.decode(pair), "")
        }
    }

    private func matches(_ a: String, _ b: String) -> Bool {
        caseInsensitive ? a.lowercased() == b.lowercased() : a == b
    }

    /// The first value of `name` (nil when absent; empty values count as absent).
    func first(_ name: String) -> String? {
        items.first { matches($0.name, name) && !$0.value.isEmpty }?.value
    }

    /// Every value of `name` and `name[]`, with comma-separated lists left whole.
    func all(_ name: String) -> [String] {
        items.filter { (matches($0.name, name) || matches($0.name, name + "[]")) && !$0.value.isEmpty }.map(\.value)
    }

    func has(_ name: String) -> Bool { first(name) != nil }

    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let b = iterator.popFirst() {
            if b == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if b == UInt8(ascii: "%"), iterator.count >= 2,
                      let high = hexValue(iterator[iterator.startIndex]),
                      let low = hexValue(iterator[iterator.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: b - 48
        case 65...70: b - 55
        case 97...102: b - 87
        default: nil
        }
    }
}
