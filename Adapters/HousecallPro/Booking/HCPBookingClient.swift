import FieldSyncCore
import Foundation

/// Sends the requests of a booking write to Housecall Pro and turns every failure into a
/// ``BookingWriteError`` (see `BookingWriteError.from(status:…)` for the rules).
///
/// Reads go through the configuration's retry policy; writes are sent exactly once: after an
/// unknown outcome the engine looks first (`find`). Bodies are never logged or repeated in
/// messages; the vendor's `error.message` is, with the API key blanked should it be echoed.
struct HCPBookingClient: Sendable {
    /// Where ``HCPBookingPage`` finds the name of its list member.
    static let listKey = CodingUserInfoKey(rawValue: "fieldsync.housecallpro.listKey")!

    let base: HousecallProClient

    var configuration: HousecallProConfiguration { base.configuration }

    /// Every page of `path` (`/jobs`), the records under `key` (`jobs`), up to `limit` pages.
    func list<T: Decodable & Sendable>(
        _ type: T.Type, _ path: String, key: String, query: [(name: String, value: String)], doing: String,
        limit: Int = 20
    ) async throws(BookingWriteError) -> [T] {
        var all: [T] = []
        for page in 1...max(1, limit) {
            let response = try await send(
                "GET", path, query: query + [("page", String(page)), ("page_size", "100")], body: nil, doing: doing)
            let decoder = JSONDecoder()
            decoder.userInfo[Self.listKey] = key
            let decoded = try BookingWriteError.decode(
                HCPBookingPage<T>.self, from: response, method: "GET", doing: doing, using: decoder)
            all += decoded.items
            if page >= (decoded.totalPages ?? 1) { break }
        }
        return all
    }

    /// A `POST` of `body`, decoded as `T`; a success that cannot be read has an unknown outcome.
    func post<T: Decodable>(_ type: T.Type, _ path: String, body: BookingJSON, doing: String) async throws(BookingWriteError) -> T {
        let response = try await send("POST", path, query: [], body: body.bytes, doing: doing)
        return try BookingWriteError.decode(T.self, from: response, method: "POST", doing: doing)
    }

    private func send(
        _ method: String, _ path: String, query: [(name: String, value: String)], body: [UInt8]?, doing: String
    ) async throws(BookingWriteError) -> HTTPTransportResponse {
        var request = base.request(path: path, query: query)
        request.method = method
        if let body {
            request.body = body
            request.headers.append(("Content-Type", "application/json"))
        }
        let response: HTTPTransportResponse
        do {
            if method == "GET" {
                response = try await configuration.retry.send(request, via: base.transport, sleep: base.sleep)
            } else {
                response = try await base.transport.send(request)
            }
        } catch let error as HTTPTransportError {
            throw BookingWriteError.from(error, method: method, doing: doing)
        } catch {
            throw .unavailable("interrupted while trying to \(doing)", retryAfter: nil)
        }
        guard (200..<300).contains(response.status) else {
            throw BookingWriteError.from(
                status: response.status, retryAfter: response.header("Retry-After"), method: method,
                vendorMessage: base.serverMessage(response.body), doing: doing)
        }
        return response
    }
}
