import FieldSyncCore
import Foundation

/// An in-memory Housecall Pro behind the ``HTTPTransport`` protocol: it checks the `Token`
/// header, sorts and pages its lists as the API does, records every request, and lets a test
/// answer any request itself (faults) or change the data before one is answered.
actor ScriptedHousecallPro: HTTPTransport {
    static let apiKey = "test-secret-key-0123456789"
    static let base = URL(string: "http://127.0.0.1:9/housecallpro")!

    var data: FakeData
    private(set) var requests: [HTTPTransportRequest] = []
    /// Answers a request instead of the fake (nil: let the fake answer). Gets the request and its
    /// number, from 1.
    var script: (@Sendable (HTTPTransportRequest, Int) -> HTTPTransportResponse?)?
    /// Changes the data before the first request for a path (ending so) and page is answered.
    private var pageChanges: [(path: String, page: Int, change: @Sendable (inout FakeData) -> Void)] = []

    init(_ data: FakeData = FakeData()) { self.data = data }

    func setScript(_ script: (@Sendable (HTTPTransportRequest, Int) -> HTTPTransportResponse?)?) { self.script = script }
    func change(beforeNext path: String, page: Int, _ change: @escaping @Sendable (inout FakeData) -> Void) {
        pageChanges.append((path, page, change))
    }
    func update(_ change: (inout FakeData) -> Void) { change(&data) }
    func clearRequests() { requests = [] }

    func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        requests.append(request)
        let number = requests.count
        if let index = pageChanges.firstIndex(where: {
            request.apiPath == $0.path && Int(request.query["page"] ?? "") == $0.page && request.query["page_size"] != "1"
        }) {
            pageChanges.remove(at: index).change(&data)
        }
        if let script, let answer = script(request, number) { return answer }
        return answer(request)
    }

    /// What the fake API answers.
    private func answer(_ request: HTTPTransportRequest) -> HTTPTransportResponse {
        guard request.headers.contains(where: { $0.name == "Authorization" && $0.value == "Token \(Self.apiKey)" }) else {
            return Self.json(401, #"{"error":{"message":"Unauthorized"}}"#)
        }
        guard let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false),
            components.path.hasPrefix("/housecallpro/"), let (key, all) = data.records(at: components.path)
        else { return Self.json(404, #"{"error":{"message":"Not found"}}"#) }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let page = Int(query["page"] ?? "1") ?? 1
        let size = Int(query["page_size"] ?? "10") ?? 10
        let descending = (query["sort_direction"] ?? "desc") == "desc"
        let byUpdated = query["sort_by"] == "updated_at"
        let sorted = all.sorted { a, b in
            let (ka, kb) = byUpdated ? (a.updatedAt, b.updatedAt) : (a.createdAt, b.createdAt)
            if ka != kb { return descending ? ka > kb : ka < kb }
            return descending ? a.id > b.id : a.id < b.id
        }
        let start = min(sorted.count, (page - 1) * size)
        let slice = sorted[start..<min(sorted.count, start + size)]
        let totalPages = (all.count + size - 1) / size
        let body = #"{"page":\#(page),"page_size":\#(size),"total_pages":\#(totalPages),"total_items":\#(all.count),"\#(key)":[\#(slice.map(\.json).joined(separator: ","))]}"#
        return Self.json(200, body)
    }

    static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> HTTPTransportResponse {
        HTTPTransportResponse(
            status: status, headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a }, body: Array(body.utf8))
    }
}

extension HTTPTransportRequest {
    /// The path without the base's prefix, e.g. `/jobs`.
    var apiPath: String { url.path.replacingOccurrences(of: "/housecallpro", with: "") }

    /// The decoded query, by name (the last value wins).
    var query: [String: String] {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
