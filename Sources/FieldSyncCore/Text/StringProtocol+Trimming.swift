import Foundation

extension StringProtocol {
    /// The text without leading and trailing white space and line breaks, as
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives it.
    ///
    /// Text that starts and ends with a visible ASCII character (nearly every value a backend
    /// sends) is returned as it is, without the round trip through `NSString` that Foundation's
    /// trimming takes on Linux: that trip was a quarter of the ServiceTitan adapter's mapping time.
    public var trimmingWhitespace: String {
        let text = String(self)
        let visible: ClosedRange<UInt8> = 0x21...0x7E
        if let first = text.utf8.first, let last = text.utf8.last, visible.contains(first), visible.contains(last) {
            return text
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
