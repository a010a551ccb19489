/// One element of a list page, exactly as the server sent it.
struct HCPRawRecord: Sendable {
    /// Its position on the page, from 1.
    var position: Int
    var bytes: ArraySlice<UInt8>

    /// The record's text as received, for ``FieldSyncCore/RejectedRecord/rawPayload``.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
