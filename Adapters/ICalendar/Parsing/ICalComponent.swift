/// A component (`VCALENDAR`, `VEVENT`, `VTIMEZONE`, `STANDARD`, ...) with its properties and
/// sub-components, in file order.
public struct ICalComponent: Hashable, Sendable {
    /// Uppercased.
    public var name: String
    public var properties: [ICalProperty]
    public var components: [ICalComponent]
    /// Line of its `BEGIN:`.
    public var line: Int
    /// Line of its `END:`, or nil when the file never closed it (a truncated download).
    public var endLine: Int?
    /// Problems found inside this component itself (bad lines, a missing END).
    public var problems: [ICalProblem]

    public init(
        name: String, properties: [ICalProperty] = [], components: [ICalComponent] = [], line: Int = 0,
        endLine: Int? = nil, problems: [ICalProblem] = []
    ) {
        self.name = name
        self.properties = properties
        self.components = components
        self.line = line
        self.endLine = endLine
        self.problems = problems
    }

    /// The first property with this (case-insensitive) name.
    public func property(_ name: String) -> ICalProperty? {
        let upper = ComponentName.uppercased(name)
        return properties.first { $0.name == upper }
    }

    /// Every property with this name, in file order.
    public func properties(named name: String) -> [ICalProperty] {
        let upper = ComponentName.uppercased(name)
        return properties.filter { $0.name == upper }
    }

    /// Direct sub-components with this name.
    public func components(named name: String) -> [ICalComponent] {
        let upper = ComponentName.uppercased(name)
        return components.filter { $0.name == upper }
    }

    /// True when the component and everything in it was closed by a matching END.
    public var isComplete: Bool {
        endLine != nil && components.allSatisfy(\.isComplete)
    }
}
