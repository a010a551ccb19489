import ArgumentParser

/// `fieldsync ical …`: look inside one iCalendar file the way fieldsync reads it.
struct ICalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ical",
        abstract: "Inspect an iCalendar (.ics) feed exactly as fieldsync reads it.",
        discussion: """
            Use these to answer "why does fieldsync think Maria is busy at 3 p.m.?" without \
            touching the cache: they read one file and print what fieldsync makes of it.
            """,
        subcommands: [ICalOccurrencesCommand.self, ICalCheckCommand.self, ICalParseCommand.self]
    )
}
