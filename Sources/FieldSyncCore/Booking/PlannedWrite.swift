/// One request a write would send. Shadow mode records these instead of sending them.
///
/// ``body`` holds customer data: keep it in the outbox, never in logs (log ``method``, ``path``
/// and ``purpose`` only).
///
/// ```swift
/// PlannedWrite(
///     method: "POST", path: "jpm/v2/tenant/1000001/jobs",
///     body: #"{"customerId":"<customer id from step 1>", …}"#,
///     purpose: "create the job with its appointment and technician")
/// ```
public struct PlannedWrite: Sendable, Hashable, Codable {
    /// `POST`.
    public var method: String
    /// The path below the API base (`jpm/v2/tenant/1000001/jobs`, `customers`).
    public var path: String
    /// The JSON body as it would be sent; ids not known before an earlier step ran are written as
    /// placeholders such as `"<customer id from step 1>"`.
    public var body: String
    /// What the request is for (`create the customer`).
    public var purpose: String

    public init(method: String, path: String, body: String, purpose: String) {
        self.method = method
        self.path = path
        self.body = body
        self.purpose = purpose
    }
}
