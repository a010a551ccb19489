/// The coding key for any JSON member name.
struct HCPKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension HCPKey: ExpressibleByStringLiteral {
    init(stringLiteral value: String) { stringValue = value }
}
