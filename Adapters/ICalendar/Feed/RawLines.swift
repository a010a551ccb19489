/// The physical lines of a feed, to quote a quarantined component exactly as it was received.
struct RawLines {
    private let bytes: [UInt8]
    /// Byte offset where each physical line starts (index 0 is line 1).
    private var starts: [Int] = [0]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == 0x0D || c == 0x0A {
                if c == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
    }

    /// Lines `first...last` (1-based) as text, at most `limit` bytes.
    func text(from first: Int, through last: Int?, limit: Int = 65_536) -> String {
        guard first >= 1, first <= starts.count else { return "" }
        let begin = starts[first - 1]
        let endLine = min(last ?? starts.count, starts.count)
        let end = endLine < starts.count ? starts[endLine] : bytes.count
        let slice = bytes[begin..<min(end, begin + limit)]
        var text = String(decoding: slice, as: UTF8.self)
        if end - begin > limit { text += "\n[… \(end - begin - limit) more bytes]" }
        return text
    }
}
