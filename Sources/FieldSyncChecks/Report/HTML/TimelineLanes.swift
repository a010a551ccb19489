import Foundation

/// Stacks a row's appointments and busy blocks in lanes so that two that overlap in time sit one
/// above the other and both stay visible: each item takes the first lane free at its start.
enum TimelineLanes {
    /// The items a row stacks; shifts, on-call and time off are drawn as bands behind them.
    static func isStacked(_ kind: Timeline.ItemKind) -> Bool {
        switch kind {
        case .appointment, .busy, .nonJobAppointment: true
        case .shift, .onCall, .timeOff: false
        }
    }

    /// The lane of each of `items` (by index; nil for items that are not stacked) and how many
    /// lanes the row needs (at least 1).
    static func assign(_ items: [Timeline.Item]) -> (lanes: [Int?], count: Int) {
        var lanes = [Int?](repeating: nil, count: items.count)
        let order = items.indices.filter { isStacked(items[$0].kind) }.sorted {
            (items[$0].start, items[$0].end, $0) < (items[$1].start, items[$1].end, $1)
        }
        // When each lane is free again. An instant (end not after start) still takes a minute, so
        // an impossible appointment drawn as a thin mark is not hidden under a neighbour.
        var freeAt: [Date] = []
        for i in order {
            let item = items[i]
            let end = max(item.end, item.start.addingTimeInterval(60))
            if let lane = freeAt.firstIndex(where: { $0 <= item.start }) {
                lanes[i] = lane
                freeAt[lane] = end
            } else {
                lanes[i] = freeAt.count
                freeAt.append(end)
            }
        }
        return (lanes, max(1, freeAt.count))
    }
}
