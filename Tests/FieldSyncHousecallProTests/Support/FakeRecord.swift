/// One record the scripted server holds, with what it sorts by, and its JSON text as served.
struct FakeRecord: Sendable, Hashable {
    var id: String
    var createdAt: String
    var updatedAt: String
    var json: String
}
