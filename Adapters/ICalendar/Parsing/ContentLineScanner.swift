/// Splits raw bytes into unfolded content lines (RFC 5545 §3.1).
///
/// Works on bytes, before any text decoding, because a fold may fall inside a multi-byte UTF-8
/// character. Accepts CRLF, LF and lone CR line breaks in any mix, a UTF-8 BOM at the start (or at
/// the start of any line, where files were concatenated), and blank lines (skipped). A line break followed by one space or tab is a fold and is removed.
struct ContentLineScanner {
    /// One unfolded line: a range into ``buffer`` and the physical line number it starts on.
    struct Line {
        var range: Range<Int>
        var lineNumber: Int
    }

    /// The unfolded text of every line, back to back.
    private(set) var buffer: [UInt8] = []
    private(set) var lines: [Line] = []

    init(_ bytes: [UInt8]) {
        buffer.reserveCapacity(bytes.count)
        var scanner = self
        bytes.withUnsafeBufferPointer { scanner.scan($0) }
        self = scanner
    }

    private mutating func scan(_ input: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = input.count
        if n >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { i = 3 }
        var physicalLine = 1
        var lineStart = buffer.count
        var lineNumber = 1
        while i < n {
            let c = input[i]
            if c == 0x0D || c == 0x0A {
                // A line break: CRLF, or a lone CR or LF.
                var next = i + 1
                if c == 0x0D, next < n, input[next] == 0x0A { next += 1 }
                physicalLine += 1
                // Blank lines between a line and its continuation are dropped with the fold
                // (some exporters write `NAME\n\n :value`).
                var afterBlank = next
                var blankLines = 0
                while afterBlank < n, input[afterBlank] == 0x0D || input[afterBlank] == 0x0A {
                    if input[afterBlank] == 0x0D, afterBlank + 1 < n, input[afterBlank + 1] == 0x0A { afterBlank += 1 }
                    afterBlank += 1
                    blankLines += 1
                }
                if afterBlank < n, input[afterBlank] == 0x20 || input[afterBlank] == 0x09 {
                    // Folded: drop the break(s) and the one whitespace character.
                    physicalLine += blankLines
                    i = afterBlank + 1
                    continue
                }
                finishLine(from: lineStart, lineNumber: lineNumber)
                lineStart = buffer.count
                lineNumber = physicalLine
                i = next
                // Concatenated exports (`cat a.ics b.ics`) carry the second file's BOM mid-stream.
                if i + 2 < n, input[i] == 0xEF, input[i + 1] == 0xBB, input[i + 2] == 0xBF { i += 3 }
                continue
            }
            buffer.append(c)
            i += 1
        }
        finishLine(from: lineStart, lineNumber: lineNumber)
    }

    private mutating func finishLine(from start: Int, lineNumber: Int) {
        var end = buffer.count
        // Trailing whitespace is never significant at the end of a content line.
        while end > start, buffer[end - 1] == 0x20 || buffer[end - 1] == 0x09 { end -= 1 }
        guard end > start else {
            buffer.removeSubrange(start...)
            return
        }
        buffer.removeSubrange(end...)
        lines.append(Line(range: start..<end, lineNumber: lineNumber))
    }
}
