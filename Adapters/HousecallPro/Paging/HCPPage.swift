/// One page of a Housecall Pro list: `{"page","page_size","total_pages","total_items","<plural>":[…]}`,
/// with the list split into raw records.
struct HCPPage: Sendable {
    var page: Int?
    var pageSize: Int?
    var totalPages: Int?
    var totalItems: Int?
    var records: [HCPRawRecord]

    /// Reads a page's envelope and splits its list named `listKey` into raw records.
    ///
    /// Throws when the body is not one complete JSON object (a truncated body) or has no such
    /// list; a `null` list is an empty page.
    static func parse(_ body: [UInt8], listKey: String) throws(JSONListScanner.Failure) -> HCPPage {
        let members = try JSONListScanner.members(of: body)
        var page = HCPPage(records: [])
        var list: Range<Int>?
        for member in members {
            switch member.name {
            case "page": page.page = integer(body[member.value])
            case "page_size": page.pageSize = integer(body[member.value])
            case "total_pages": page.totalPages = integer(body[member.value])
            case "total_items": page.totalItems = integer(body[member.value])
            case listKey: list = member.value
            default: break
            }
        }
        guard let list else {
            throw JSONListScanner.Failure(offset: 0, reason: "the answer has no \"\(listKey)\" list")
        }
        if String(decoding: body[list], as: UTF8.self) == "null" { return page }
        let ranges = try JSONListScanner.elements(of: list, in: body)
        page.records = ranges.enumerated().map { HCPRawRecord(position: $0.offset + 1, bytes: body[$0.element]) }
        return page
    }

    /// `3`, `3.0` or `"3"`; nil for anything else.
    private static func integer(_ bytes: ArraySlice<UInt8>) -> Int? {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
        if let value = Int(text) { return value }
        if let value = Double(text), value.isFinite, abs(value) < Double(Int32.max) { return Int(value) }
        return nil
    }
}
