/// An error answer in the vendor's own shape: RFC 7807 problem details for ServiceTitan
/// (`{"type","title","status","traceId","errors","data"}`), `{"error":{"message"}}` for
/// Housecall Pro. Thrown by the store and the handlers; turned into a response in one place.
struct VendorError: Error, Sendable {
    var vendor: SandboxVendor
    var status: Int
    /// ServiceTitan `title`; Housecall Pro `error.message`.
    var title: String
    /// ServiceTitan `errors`: field name → messages.
    var fieldErrors: [(String, [String])] = []
    /// Extra response headers (`Retry-After`, `WWW-Authenticate`).
    var headers: [(String, String)] = []
    /// A body that is not the vendor's usual error shape (the OAuth token endpoint's).
    var customBody: JSONValue?

    init(_ vendor: SandboxVendor, _ status: Int, _ title: String, fieldErrors: [(String, [String])] = []) {
        self.vendor = vendor
        self.status = status
        self.title = title
        self.fieldErrors = fieldErrors
    }

    /// 400 naming one bad query parameter or body field.
    static func badValue(_ vendor: SandboxVendor, field: String, value: String, expected: String) -> VendorError {
        VendorError(
            vendor, 400, vendor == .serviceTitan ? "One or more validation errors occurred." : "\(field) is invalid",
            fieldErrors: [(field, ["The value '\(value)' is not valid for \(field): expected \(expected)."])])
    }

    static func notFound(_ vendor: SandboxVendor, _ what: String) -> VendorError {
        VendorError(vendor, 404, vendor == .serviceTitan ? "\(what) was not found." : "\(what) not found")
    }

    static func rfc7807Type(_ status: Int) -> String {
        switch status {
        case 400: "https://tools.ietf.org/html/rfc7231#section-6.5.1"
        case 401: "https://tools.ietf.org/html/rfc7235#section-3.1"
        case 403: "https://tools.ietf.org/html/rfc7231#section-6.5.3"
        case 404: "https://tools.ietf.org/html/rfc7231#section-6.5.4"
        case 409: "https://tools.ietf.org/html/rfc7231#section-6.5.8"
        case 422: "https://tools.ietf.org/html/rfc4918#section-11.2"
        case 429: "https://tools.ietf.org/html/rfc6585#section-4"
        case 500: "https://tools.ietf.org/html/rfc7231#section-6.6.1"
        case 502: "https://tools.ietf.org/html/rfc7231#section-6.6.3"
        case 503: "https://tools.ietf.org/html/rfc7231#section-6.6.4"
        case 504: "https://tools.ietf.org/html/rfc7231#section-6.6.5"
        default: "about:blank"
        }
    }

    /// The JSON body and its content type.
    func body(traceID: String) -> (JSONValue, String) {
        if let customBody { return (customBody, "application/json; charset=utf-8") }
        switch vendor {
        case .serviceTitan:
            var errors = JSONObject()
            for (field, messages) in fieldErrors { errors[field] = .array(messages.map { .string($0) }) }
            let body: JSONValue = [
                "type": .string(Self.rfc7807Type(status)), "title": .string(title), "status": .int(Int64(status)),
                "traceId": .string(traceID), "errors": .object(errors), "data": [:],
            ]
            return (body, "application/problem+json; charset=utf-8")
        case .housecallPro:
            var message = title
            if !fieldErrors.isEmpty {
                message += ": " + fieldErrors.map { "\($0.0) \($0.1.joined(separator: " "))" }.joined(separator: "; ")
            }
            return (["error": ["message": .string(message)]], "application/json; charset=utf-8")
        }
    }
}
