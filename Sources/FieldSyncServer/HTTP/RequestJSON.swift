import FieldSyncEngine
import Foundation
import HTTPTypes
import Hummingbird

/// Reads a JSON request body, turning a decoding error into a message that names the field.
enum RequestJSON {
    static let limit = 1 << 20

    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let buffer = try await request.body.collect(upTo: limit)
        let data = Data(buffer.readableBytesView)
        do {
            return try APIJSON.decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw BookingFailure.invalidRequest(describe(error))
        } catch {
            throw BookingFailure.invalidRequest("the body is not valid JSON")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            return "\(parent.isEmpty ? "" : parent + ".")\(key.stringValue) is required"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            let where_ = path(context.codingPath)
            return where_.isEmpty ? "the body is not valid JSON" : "\(where_): \(context.debugDescription)"
        @unknown default:
            return "the body could not be read"
        }
    }
}
