import FieldSyncCore
import Foundation

/// The JSON conventions of the booking API (and `fieldsync slots`/`book --json`): snake_case
/// keys spelled out by each type, instants as RFC 3339 in UTC, sorted keys so answers are stable.
public enum APIJSON {
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.string(date))
        }
        return encoder
    }

    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.parseDate(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "\"\(text)\" is not an RFC 3339 date-time with an offset (2026-11-24T14:00:00Z)")
            }
            return date
        }
        return decoder
    }

    /// Encodes a value the API's way; these types always encode.
    public static func string(_ value: some Encodable) -> String {
        String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }
}
