import FieldSyncEngine
import HTTPTypes
import Hummingbird

/// Turns anything a handler throws, and unknown routes, into the API's JSON error.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let failure as BookingFailure {
            return JSONReply.failure(failure)
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : (error.status == .methodNotAllowed ? "method_not_allowed" : "http_error")
            let message = error.status == .notFound
                ? "no such endpoint: \(request.method.rawValue) \(request.uri.path); see /openapi.json"
                : (error.body ?? "\(error.status)")
            return JSONReply.failure(BookingFailure(code, message, status: Int(error.status.code)))
        } catch {
            return JSONReply.failure(BookingFailure("internal_error", "the request could not be handled", status: 500))
        }
    }
}
