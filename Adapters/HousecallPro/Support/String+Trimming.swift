import FieldSyncCore
import Foundation

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String { trimmingWhitespace }
}
