/// A ServiceTitan id: an int64 in the specs, accepted as a JSON number or string and kept as
/// the decimal text used in external ids and paths.
struct STID: Decodable, Hashable, Sendable, CustomStringConvertible {
    let value: String

    init(_ value: String) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            value = String(number)
        } else if let text = try? container.decode(String.self), !text.isEmpty {
            value = text
        } else {
            throw DecodingError.typeMismatch(
                Int64.self, .init(codingPath: decoder.codingPath, debugDescription: "expected an id (a number)"))
        }
    }

    var description: String { value }
}

/// Just the `id` of a record, read when the record as a whole could not be.
struct STIdentity: Decodable {
    var id: STID?

    private enum CodingKeys: String, CodingKey { case id }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try? container.decodeIfPresent(STID.self, forKey: .id)
    }
}

/// The id and `modifiedOn` of a list record: what keyset paging needs even from a record that
/// cannot be mapped.
struct STVersionKey: Decodable {
    var id: STID
    var modifiedOn: String
}
