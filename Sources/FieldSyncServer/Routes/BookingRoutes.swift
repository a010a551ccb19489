import FieldSyncEngine
import FieldSyncStore
import Foundation
import HTTPTypes
import Hummingbird

/// The `/v1` routes: slot search, bookings, and a booking's state.
enum BookingRoutes {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!

    static func register(on v1: RouterGroup<BasicRequestContext>, service: BookingService) {
        v1.post("slots/search") { request, _ -> Response in
            let body = try await RequestJSON.decode(SlotSearchRequest.self, from: request)
            let answer = try await service.searchSlots(body)
            return JSONReply.ok(APIJSON.string(answer))
        }

        v1.post("bookings") { request, _ -> Response in
            let key = request.headers[idempotencyKey] ?? ""
            let body = try await RequestJSON.decode(BookingRequest.self, from: request)
            let answer = try await service.book(body, idempotencyKey: key)
            var headers: HTTPFields = [.location: "/v1/bookings/\(answer.view.bookingID)"]
            if answer.replayed { headers[replayed] = "true" }
            return JSONReply.ok(APIJSON.string(answer.view), status: HTTPResponse.Status(code: answer.status), headers: headers)
        }

        v1.post("holds") { request, _ -> Response in
            let key = request.headers[idempotencyKey] ?? ""
            let body = try await RequestJSON.decode(BookingRequest.self, from: request)
            var minutes: Int?
            if let text = request.uri.queryParameters.get("minutes") {
                guard let value = Int(text) else { throw BookingFailure.invalidRequest("\"minutes\" must be a whole number") }
                minutes = value
            }
            let answer = try await service.hold(body, idempotencyKey: key, minutes: minutes)
            var headers: HTTPFields = [.location: "/v1/bookings/\(answer.view.bookingID)"]
            if answer.replayed { headers[replayed] = "true" }
            return JSONReply.ok(APIJSON.string(answer.view), status: HTTPResponse.Status(code: answer.status), headers: headers)
        }

        v1.post("holds/:id/book") { _, context -> Response in
            let answer = try await service.bookHold(id: context.parameters.get("id") ?? "")
            return JSONReply.ok(
                APIJSON.string(answer.view), status: HTTPResponse.Status(code: answer.status),
                headers: [.location: "/v1/bookings/\(answer.view.bookingID)"])
        }

        v1.delete("holds/:id") { _, context -> Response in
            JSONReply.ok(APIJSON.string(try service.releaseHold(id: context.parameters.get("id") ?? "")))
        }

        v1.get("bookings/:id") { _, context -> Response in
            let id = context.parameters.get("id") ?? ""
            return JSONReply.ok(APIJSON.string(try service.booking(id: id)))
        }

        v1.get("bookings") { request, _ -> Response in
            let query = request.uri.queryParameters
            var states: [BookingState] = []
            if let status = query.get("status") {
                for name in status.split(separator: ",") {
                    guard let state = BookingState(rawValue: String(name)) else {
                        throw BookingFailure.invalidRequest(
                            "unknown status \"\(name)\"; use \(BookingState.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    states.append(state)
                }
            }
            var limit = 50
            if let text = query.get("limit") {
                guard let value = Int(text) else { throw BookingFailure.invalidRequest("\"limit\" must be a whole number") }
                limit = value
            }
            return JSONReply.ok(APIJSON.string(["bookings": try service.recentBookings(states: states, limit: min(max(limit, 1), 500))]))
        }
    }
}
