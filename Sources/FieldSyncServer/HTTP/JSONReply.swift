import FieldSyncEngine
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON responses.
enum JSONReply {
    static func ok(_ body: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func failure(_ failure: BookingFailure) -> Response {
        var headers: HTTPFields = [:]
        if failure.status == 401 { headers[.wwwAuthenticate] = #"Bearer realm="fieldsync""# }
        return ok(failure.body, status: HTTPResponse.Status(code: failure.status), headers: headers)
    }
}
