/// One element of an array that may fail to decode on its own without failing the array.
struct LenientElement<Value: Decodable>: Decodable {
    var value: Value?

    init(from decoder: any Decoder) throws {
        value = try? Value(from: decoder)
    }
}
