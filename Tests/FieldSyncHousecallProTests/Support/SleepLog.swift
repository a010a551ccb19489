/// Records the waits an adapter asks for, without waiting.
actor SleepLog {
    private(set) var sleeps: [Duration] = []

    func record(_ duration: Duration) { sleeps.append(duration) }

    nonisolated var sleep: @Sendable (Duration) async throws -> Void {
        { duration in await self.record(duration) }
    }
}
