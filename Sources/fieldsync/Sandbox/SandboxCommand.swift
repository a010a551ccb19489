import ArgumentParser

/// `fieldsync sandbox …`: the imitation ServiceTitan and Housecall Pro APIs.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the imitation ServiceTitan and Housecall Pro APIs, or generate data for them.",
        discussion: """
            The sandbox is a real HTTP server on loopback that answers in the vendors' published \
            shapes (ServiceTitan under /servicetitan, Housecall Pro under /housecallpro), from a \
            data directory or a generated shop, with faults you choose. Use it to try fieldsync \
            without an account, and in tests.

            Quick start (from the checkout):
              fieldsync sandbox serve --port 8089 --write-config /tmp/sandbox.yaml
              fieldsync sync --config /tmp/sandbox.yaml
            """,
        subcommands: [SandboxServeCommand.self, SandboxGenerateCommand.self]
    )
}
