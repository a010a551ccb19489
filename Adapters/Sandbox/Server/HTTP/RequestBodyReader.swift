import Hummingbird
import NIOCore

/// Reads request bodies: JSON for the API calls, a form for the token endpoint.
enum RequestBodyReader {
    static let limit = 4 << 20

    static func bytes(_ request: Request) async throws -> [UInt8] {
        let buffer = try await request.body.collect(upTo: limit)
        return Array(buffer.readableBytesView)
    }

    /// The JSON body (null when empty); 400 in the vendor's shape when it is not JSON.
    static func json(_ request: Request, vendor: SandboxVendor) async throws -> JSONValue {
        let data = try await bytes(request)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .null }
        do {
            return try JSONParser.parse(data)
        } catch {
            throw VendorError(
                vendor, 400, vendor == .serviceTitan ? "The request body is not valid JSON." : "the request body is not valid JSON",
                fieldErrors: [("body", [error.description])])
        }
    }
}
