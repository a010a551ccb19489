import Foundation

/// One element of a response's `data` array, as the exact bytes the server sent.
struct RawRecord: Sendable {
    let bytes: Data

    /// The record's JSON text exactly as received (for ``RejectedRecord/rawPayload``).
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
