import FieldSyncEngine
import HTTPTypes
import Hummingbird

/// Refuses a request without `Authorization: Bearer <the token>`, comparing in constant time.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]

    init(token: String) {
        self.token = Array(token.utf8)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer ",
            Self.equal(Array(header.dropFirst(7).utf8), token)
        else {
            return JSONReply.failure(
                BookingFailure(
                    "unauthorized", "send the API token as Authorization: Bearer <token> (FIELDSYNC_API_TOKEN on the server)",
                    status: 401))
        }
        return try await next(request, context)
    }

    /// Compares without returning early, so the time taken does not tell how much matched.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for i in 0..<max(a.count, b.count) {
            difference |= (i < a.count ? a[i] : 0) ^ (i < b.count ? b[i] : 0)
        }
        return difference == 0 && !b.isEmpty
    }
}
