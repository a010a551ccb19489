/// One content line: `NAME;PARAM=VALUE:value`, unfolded.
///
/// The value is kept exactly as written (escapes not decoded), because how to read it depends on
/// its type; see ``ICalValues`` and ``textValue``.
public struct ICalProperty: Hashable, Sendable {
    /// Uppercased (`DTSTART`, `X-WR-TIMEZONE`).
    public var name: String
    /// The group prefix (`item1` in `item1.X-ABLABEL`), when there is one.
    public var group: String?
    public var parameters: [ICalParameter]
    public var rawValue: String
    /// 1-based physical line where the content line starts.
    public var line: Int

    public init(name: String, group: String? = nil, parameters: [ICalParameter] = [], rawValue: String, line: Int = 0) {
        self.name = name
        self.group = group
        self.parameters = parameters
        self.rawValue = rawValue
        self.line = line
    }

    /// The first value of a parameter, by case-insensitive name.
    public func parameter(_ name: String) -> String? {
        let upper = ComponentName.uppercased(name)
        return parameters.first { $0.name == upper }?.values.first
    }

    /// All values of a parameter, by case-insensitive name.
    public func parameterValues(_ name: String) -> [String] {
        let upper = ComponentName.uppercased(name)
        return parameters.first { $0.name == upper }?.values ?? []
    }

    /// The value read as TEXT: escapes (`\n`, `\,`, `\;`, `\\`) decoded.
    public var textValue: String { ICalText.unescape(rawValue) }

    /// The value read as a list of TEXT values separated by unescaped commas (CATEGORIES).
    public var textValues: [String] { ICalText.split(rawValue, on: ",").map(ICalText.unescape) }
}
