import Foundation
import Testing

@testable import FieldSyncHousecallPro

@Suite("Splitting a list page into raw records")
struct JSONListScannerTests {
    static let body = """
        {"page":2, "page_size":"3", "total_pages":4.0,"total_items":11,
         "jobs": [ {"id":"a","note":"brace } and bracket ] and \\"quote\\""} ,
          [1,2] , "text" ,{"nested":{"x":[{}]}}
         ],"tail":null}
        """

    @Test("each element's text is kept exactly, whatever its strings hold, with the envelope's numbers")
    func split() throws {
        let page = try HCPPage.parse(Array(Self.body.utf8), listKey: "jobs")
        #expect(page.page == 2)
        #expect(page.pageSize == 3)
        #expect(page.totalPages == 4)
        #expect(page.totalItems == 11)
        #expect(
            page.records.map(\.text) == [
                #"{"id":"a","note":"brace } and bracket ] and \"quote\""}"#, "[1,2]", #""text""#, #"{"nested":{"x":[{}]}}"#,
            ])
        #expect(page.records.map(\.position) == [1, 2, 3, 4])
    }

    @Test("every truncation of a page is refused")
    func truncated() {
        let bytes = Array(Self.body.utf8)
        for length in 0..<bytes.count where !bytes[..<length].allSatisfy({ $0 == 0x20 || $0 == 0x0A }) {
            #expect(throws: JSONListScanner.Failure.self) { try HCPPage.parse(Array(bytes[..<length]), listKey: "jobs") }
        }
        #expect(throws: JSONListScanner.Failure.self) { try HCPPage.parse([], listKey: "jobs") }
    }

    @Test("a missing list is refused; a null or empty list is an empty page")
    func missingOrEmpty() throws {
        #expect(throws: JSONListScanner.Failure.self) { try HCPPage.parse(Array(#"{"page":1}"#.utf8), listKey: "jobs") }
        #expect(try HCPPage.parse(Array(#"{"jobs":null}"#.utf8), listKey: "jobs").records.isEmpty)
        #expect(try HCPPage.parse(Array(#"{"jobs":[ ]}"#.utf8), listKey: "jobs").records.isEmpty)
        #expect(throws: JSONListScanner.Failure.self) { try HCPPage.parse(Array(#"{"jobs":[]} x"#.utf8), listKey: "jobs") }
        #expect(throws: JSONListScanner.Failure.self) { try HCPPage.parse(Array(#"<html>"#.utf8), listKey: "jobs") }
    }
}
