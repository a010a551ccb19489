/// The pages a sink has handed over, landing one after another while the adapter reads on.
///
/// Each page's task waits for the one before it and is queued before anything suspends, so pages
/// land in the order they were handed over, even from an adapter whose commits overlap. A page
/// that cannot land fails the pages queued after it with its error, so nothing after it lands.
struct PageLandings {
    /// The page queued last; awaiting it awaits every page before it.
    private(set) var last: Task<Void, any Error>?

    /// Queues `land` after the pages before it and returns the page queued just before, for
    /// the commit to wait for: the adapter reads at most one page ahead of what has landed.
    mutating func queue(_ land: @escaping @Sendable () async throws -> Void) -> Task<Void, any Error>? {
        let previous = last
        last = Task {
            try await previous?.value
            try await land()
        }
        return previous
    }
}
