/// A parsed iCalendar stream: its top-level components and what was wrong with it.
///
/// Usually one `VCALENDAR`; also several (concatenated exports), or bare components with no
/// calendar around them (a single VEVENT pasted from an e-mail).
public struct ICalDocument: Hashable, Sendable {
    public var components: [ICalComponent]
    /// Problems outside any component, and structural ones (an END with no BEGIN, a calendar
    /// never closed). Problems inside a component are on that component.
    public var problems: [ICalProblem]

    public init(components: [ICalComponent], problems: [ICalProblem]) {
        self.components = components
        self.problems = problems
    }

    /// The `VCALENDAR`s, plus a synthetic one holding any bare top-level components.
    public var calendars: [ICalComponent] {
        var calendars = components.filter { $0.name == "VCALENDAR" }
        let bare = components.filter { $0.name != "VCALENDAR" }
        if !bare.isEmpty {
            calendars.append(
                ICalComponent(name: "VCALENDAR", components: bare, line: bare[0].line, endLine: bare.last?.endLine)
            )
        }
        return calendars
    }

    /// True when every component was closed: a stream cut short (a truncated download) is not.
    public var isComplete: Bool { components.allSatisfy(\.isComplete) }

    /// Every problem in the document and in its components, in line order.
    public var allProblems: [ICalProblem] {
        var all = problems
        func collect(_ c: ICalComponent) {
            all += c.problems
            c.components.forEach(collect)
        }
        components.forEach(collect)
        return all.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }
}
