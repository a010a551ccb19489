extension WalkState {
    /// Step-backs allowed in one walk before it carries on regardless (a list that keeps
    /// shrinking under it); the next full pass catches what this one may have missed.
    static let maximumStepBacks = 20

    /// After reading page `pageNumber`, whose answer reported `totalItems`: the page to read next
    /// when records may have moved onto pages already read, or nil to go on. Updates
    /// ``totalItems`` and ``stepBacks``.
    ///
    /// Pages are positions in a list that changes while it is read. A record removed from a page
    /// already read moves every later record one place up, so the first record of the next page
    /// slides onto the page just read and would be skipped. The answer's `total_items` shows it:
    /// - newest `updated_at` first (incremental walks), new and changed records enter at the
    ///   front and only push records down, so a drop in the total bounds how far records moved
    ///   up: go back that many records' worth of pages;
    /// - oldest `created_at` first (full passes), new records join at the end, so a removal can
    ///   hide behind a creation: any change in the total goes back at least one page.
    /// A creation and a removal between the same two page reads of a full pass leave the total
    /// unchanged and are not seen; the next full pass corrects what that misses.
    mutating func stepBack(afterReading pageNumber: Int, totalItems newTotal: Int?) -> Int? {
        defer { if let newTotal { totalItems = newTotal } }
        guard let oldTotal = totalItems, let newTotal, newTotal != oldTotal, stepBacks < Self.maximumStepBacks else {
            return nil
        }
        let moved: Int
        switch mode {
        case .incremental:
            guard newTotal < oldTotal else { return nil }
            moved = oldTotal - newTotal
        case .full:
            moved = max(1, abs(oldTotal - newTotal))
        }
        stepBacks += 1
        return max(1, pageNumber - (moved + pageSize - 1) / pageSize)
    }
}
