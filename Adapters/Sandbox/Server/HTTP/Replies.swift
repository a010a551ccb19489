import HTTPTypes
import Hummingbird
import NIOCore

/// Builds every response the sandbox sends, so a `truncate` fault applies to all of them.
enum Replies {
    struct TruncatedOnPurpose: Error {}

    static func json(
        _ bytes: [UInt8], status: HTTPResponse.Status = .ok, contentType: String = "application/json; charset=utf-8",
        headers extra: [(String, String)] = [], context: SandboxRequestContext
    ) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        for (name, value) in extra {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        if let fault = context.fault, fault.kind == .truncate, bytes.count > 1 {
            let cut = Array(bytes.prefix(max(1, bytes.count / 2)))
            if fault.abortConnection {
                // Promise the whole body, send half, then drop the connection.
                let full = bytes.count
                return Response(
                    status: status, headers: headers,
                    body: ResponseBody(contentLength: full) { writer in
                        try await writer.write(ByteBuffer(bytes: cut))
                        throw TruncatedOnPurpose()
                    })
            }
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: cut)))
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, context: SandboxRequestContext) -> Response {
        json(JSONWriter.bytes(value), status: status, context: context)
    }

    /// `200` with no body (ServiceTitan's hold, delete and cancel answers).
    static func empty(status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [:], body: .init())
    }

    static func error(_ error: VendorError, context: SandboxRequestContext) -> Response {
        let traceID = "00-" + String(UInt64.random(in: 0...UInt64.max), radix: 16) + String(UInt64.random(in: 0...UInt64.max), radix: 16) + "-00"
        let (body, contentType) = error.body(traceID: traceID)
        return json(
            JSONWriter.bytes(body), status: HTTPResponse.Status(code: error.status), contentType: contentType,
            headers: error.headers, context: context)
    }
}
