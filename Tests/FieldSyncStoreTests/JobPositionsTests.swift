import Foundation
import Testing

@testable import FieldSyncStore

/// The snapshot loader finds each appointment's job by hash, confirmed against the job itself.
@Suite("Job positions for the snapshot loader")
struct JobPositionsTests {
    @Test("jobs with the same hash are told apart by the confirmation, and a miss is nil")
    func collisions() {
        var table = JobPositions(count: 4)
        table.insert(42, position: 0)
        table.insert(42, position: 1)
        table.insert(7, position: 2)
        #expect(table.find(42) { $0 == 1 } == 1)
        #expect(table.find(42) { $0 == 0 } == 0)
        #expect(table.find(7) { _ in true } == 2)
        #expect(table.find(42) { $0 == 2 } == nil)
        #expect(table.find(99) { _ in true } == nil)
    }

    @Test("the table grows past the count it was made for and keeps every job")
    func grows() {
        var table = JobPositions(count: 2)
        let ids = (0..<5_000).map { "job-\($0)" }
        for (i, id) in ids.enumerated() { table.insert(JobPositions.hash(source: Int32(i % 3), externalID: id), position: Int32(i)) }
        #expect(table.count == 5_000)
        for (i, id) in ids.enumerated() {
            let found = id.utf8CString.withUnsafeBytes { bytes in
                // The bytes SQLite hands over carry no terminating NUL.
                let text = UnsafeRawBufferPointer(rebasing: bytes.dropLast())
                return table.find(JobPositions.hash(source: Int32(i % 3), externalID: text)) { ids[Int($0)].hasUTF8(text) }
            }
            #expect(found == Int32(i))
        }
        #expect(table.find(JobPositions.hash(source: 1, externalID: "job-0")) { ids[Int($0)] == "job-0" } == nil)
    }
}
