import FieldSyncSandbox
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real HTTP client for a sandbox on loopback (URLSession, as fieldsync's transport uses).
struct SandboxClient: Sendable {
    let port: Int
    let tenant = "1000001"

    struct Reply: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data

        var json: JSONValue? { try? JSONParser.parse(Array(body)) }
        var text: String { String(decoding: body, as: UTF8.self) }

        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    /// Percent-encodes a query component the strict way (`+`, `:`, `[`, `]` escaped).
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    func send(
        _ method: String, _ path: String, query: [(String, String)] = [], headers: [String: String] = [:],
        body: Data? = nil, timeout: TimeInterval = 10
    ) async throws -> Reply {
        var text = "http://127.0.0.1:\(port)\(path)"
        if !query.isEmpty {
            text += "?" + query.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = timeout
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let body {
            request.httpBody = body
            if request.value(forHTTPHeaderField: "Content-Type") == nil {
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            }
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { fields[key] = value }
        }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }

    // MARK: ServiceTitan

    func token(clientID: String = "sandbox-client", secret: String = "sandbox-secret") async throws -> Reply {
        let form = "grant_type=client_credentials&client_id=\(Self.encode(clientID))&client_secret=\(Self.encode(secret))"
        return try await send(
            "POST", "/servicetitan/connect/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Data(form.utf8))
    }

    /// A fresh access token (fails the test when the sandbox refuses).
    func accessToken() async throws -> String {
        let reply = try await token()
        guard let token = reply.json?["access_token"]?.stringValue else {
            throw SandboxTestError("no access token: \(reply.status) \(reply.text)")
        }
        return token
    }

    /// A ServiceTitan API call: `path` is relative to the tenant (`jpm/v2/tenant/{t}/` is added
    /// after the module), e.g. `st("GET", "jpm", "jobs")`.
    func st(
        _ method: String, _ module: String, _ resource: String, query: [(String, String)] = [], token: String,
        appKey: String? = "sandbox-app-key", tenant: String? = nil, json: JSONValue? = nil, timeout: TimeInterval = 10
    ) async throws -> Reply {
        var headers = ["Authorization": "Bearer \(token)"]
        if let appKey { headers["ST-App-Key"] = appKey }
        return try await send(
            method, "/servicetitan/\(module)/v2/tenant/\(tenant ?? self.tenant)/\(resource)", query: query, headers: headers,
            body: json.map { Data(JSONWriter.bytes($0)) }, timeout: timeout)
    }

    /// A Housecall Pro API call (`path` without the prefix, e.g. `jobs`).
    func hcp(
        _ method: String, _ path: String, query: [(String, String)] = [], key: String = "sandbox-hcp-key",
        json: JSONValue? = nil, timeout: TimeInterval = 10
    ) async throws -> Reply {
        try await send(
            method, "/housecallpro/\(path)", query: query, headers: ["Authorization": "Token \(key)"],
            body: json.map { Data(JSONWriter.bytes($0)) }, timeout: timeout)
    }
}

struct SandboxTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
