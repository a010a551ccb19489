import FieldSyncCore
import Foundation
import Testing

@testable import FieldSyncHousecallPro

@Suite("Walk state: cursors and stepping back")
struct WalkStateTests {
    static func walk(_ mode: WalkState.Mode, total: Int?) -> WalkState {
        var walk = WalkState(mode: mode, nextPage: 1, pageSize: 2, sinceRun: 4, startedAt: "2026-11-02T00:00:00Z")
        walk.totalItems = total
        return walk
    }

    @Test("newest-first walks step back by the records removed, and not when records were added")
    func incremental() {
        var walk = Self.walk(.incremental, total: 10)
        #expect(walk.stepBack(afterReading: 4, totalItems: 12) == nil)
        #expect(walk.totalItems == 12)
        #expect(walk.stepBack(afterReading: 5, totalItems: 9) == 3)
        #expect(walk.stepBack(afterReading: 2, totalItems: 4) == 1)
        #expect(walk.stepBacks == 2)
    }

    @Test("oldest-first passes step back at least a page on any change in the total")
    func full() {
        var walk = Self.walk(.full, total: 10)
        #expect(walk.stepBack(afterReading: 4, totalItems: 10) == nil)
        #expect(walk.stepBack(afterReading: 4, totalItems: 11) == 3)
        #expect(walk.stepBack(afterReading: 6, totalItems: 6) == 3)
    }

    @Test("stepping back stops after the limit, so a list that keeps shrinking cannot hold a walk forever")
    func limit() {
        var walk = Self.walk(.full, total: 1000)
        var steps = 0
        for total in stride(from: 999, to: 900, by: -1) where walk.stepBack(afterReading: 5, totalItems: total) != nil {
            steps += 1
        }
        #expect(steps == WalkState.maximumStepBacks)
    }

    @Test("a walk survives the cursor round trip; an empty or unreadable cursor is no walk")
    func cursorRoundTrip() {
        var walk = Self.walk(.incremental, total: 7)
        walk.nextPage = 3
        walk.oldMark = "2026-11-01T00:00:00Z"
        walk.newMark = "2026-11-02T00:00:00Z"
        walk.markTaken = true
        let cursor = walk.cursor(key: HousecallProCursorKey.jobsWalk)
        #expect(cursor.key == "jobs/walk")
        #expect(WalkState.restore(cursor) == walk)
        #expect(WalkState.restore(WalkState.finished(key: "jobs/walk")) == nil)
        #expect(WalkState.restore(SourceCursor(key: "jobs/walk", value: "{\"mode\":\"sideways\"}")) == nil)
        #expect(WalkState.restore(nil) == nil)
    }
}
