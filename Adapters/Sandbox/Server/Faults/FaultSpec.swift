/// One fault to inject: what goes wrong, on which requests, and how often.
///
/// Written as `KIND[:key=value,key=value…]`, for example:
///
/// ```
/// 429:path=export/jobs,after=2,times=3,retry-after=1
/// 503:vendor=hcp,times=2
/// slow:delay=1.5,times=all
/// timeout:path=technicians,hold=30
/// truncate:path=export/appointments,mode=abort
/// expired-token:after=3
/// bad-cursor:path=export/jobs
/// change-between-pages:path=export/jobs,after=1
/// lost-reply:path=jpm/v2/tenant/1000001/jobs,method=POST
/// ```
///
/// Kinds: `429` (rate limited, with `Retry-After`), `5xx` or a status such as `500`/`502`/`503`/
/// `504` (server error), `slow` (answer after `delay` seconds), `timeout` (hold the request
/// `hold` seconds, then close the connection without answering), `drop` (close at once without
/// answering), `truncate` (a valid status and headers, the body cut mid-JSON; `mode=abort`
/// promises the full length and closes the connection early instead), `expired-token` (a
/// ServiceTitan token that should still be valid is answered 401 and revoked), `bad-cursor` (a
/// ServiceTitan export continuation token that was valid is rejected with 400), and
/// `change-between-pages` (after a list or export page is served, its first record is modified
/// so its `modifiedOn`/`updated_at` moves and it comes again later), and `lost-reply` (the request
/// is handled as usual, so a write commits, then the connection is closed without an answer,
/// after `hold` seconds: a client's timeout after the server committed).
///
/// Keys: `vendor=st|hcp` (default both), `path=TEXT` (the request path contains it), `method=GET`,
/// `after=N` (let the first N matching requests through; default 0), `times=N|all` (how many
/// matching requests it hits; default 1), `retry-after=S` (429; default 1), `status=CODE` (5xx;
/// default 503), `delay=S` (slow; default 2), `hold=S` (timeout: default 30; lost-reply: default
/// 0), `mode=clean|abort`
/// (truncate). Only eligible requests count as matching: ServiceTitan calls with a valid token
/// for `expired-token`, exports with a continuation token for `bad-cursor`, list and export reads
/// for `change-between-pages`.
public struct FaultSpec: Sendable, Hashable, CustomStringConvertible {
    /// What goes wrong (the raw value is the name a spec uses).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case rateLimit = "429"
        case serverError = "5xx"
        case slow
        case timeout
        case drop
        case truncate
        case expiredToken = "expired-token"
        case rejectedCursor = "bad-cursor"
        case changeBetweenPages = "change-between-pages"
        case lostReply = "lost-reply"
    }

    /// What goes wrong.
    public var kind: Kind
    /// Only this vendor's requests (nil: both).
    public var vendor: SandboxVendor?
    /// Only requests whose path contains this text.
    public var path: String?
    /// Only requests with this method (upper case).
    public var method: String?
    /// Matching requests let through before the fault starts.
    public var after: Int = 0
    /// Matching requests the fault hits; nil hits every one after `after`.
    public var times: Int? = 1
    /// `Retry-After` seconds for `429`.
    public var retryAfter: Int = 1
    /// The status of a `5xx` fault.
    public var status: Int = 503
    /// Seconds a `slow` answer waits.
    public var delay: Double = 2
    /// Seconds a `timeout` holds the request (a `lost-reply` its handled answer) before closing
    /// the connection.
    public var hold: Double = 30
    /// For `truncate`: promise the full length and close the connection mid-body.
    public var abortConnection = false

    public init(_ kind: Kind, vendor: SandboxVendor? = nil, path: String? = nil, after: Int = 0, times: Int? = 1) {
        self.kind = kind
        self.vendor = vendor
        self.path = path
        self.after = after
        self.times = times
        if kind == .lostReply { hold = 0 }
    }

    /// Parses `KIND[:key=value,…]` (see the type's documentation).
    public init(parsing text: String) throws(SandboxError) {
        let trimmed = text.trimmingSpaces
        let head = trimmed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(head[0]).lowercased()
        func bad(_ why: String) -> SandboxError {
            SandboxError(.invalidFault, "fault \"\(text)\": \(why) (example: 429:path=export/jobs,after=2,times=3,retry-after=1)")
        }
        switch name {
        case "429", "rate-limit", "ratelimit": kind = .rateLimit
        case "5xx", "server-error": kind = .serverError
        case "slow": kind = .slow
        case "timeout": kind = .timeout
        case "drop": kind = .drop
        case "truncate", "truncated": kind = .truncate
        case "expired-token", "expired-tokens": kind = .expiredToken
        case "bad-cursor", "rejected-cursor", "bad-token": kind = .rejectedCursor
        case "change-between-pages", "changed-between-pages", "change": kind = .changeBetweenPages
        case "lost-reply", "lost-response", "lost-answer":
            kind = .lostReply
            hold = 0
        default:
            if let code = Int(name), (500...599).contains(code) {
                kind = .serverError
                status = code
            } else {
                throw bad("unknown kind \"\(name)\"; use 429, 5xx (or 500, 502, 503, 504), slow, timeout, drop, truncate, expired-token, bad-cursor, change-between-pages or lost-reply")
            }
        }
        guard head.count == 2, !head[1].isEmpty else { return }
        for pair in head[1].split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw bad("\"\(pair)\" is not key=value") }
            let key = parts[0].trimmingSpaces.lowercased()
            let value = parts[1].trimmingSpaces
            func int() throws(SandboxError) -> Int {
                guard let v = Int(value), v >= 0 else { throw bad("\(key) must be a whole number, not \"\(value)\"") }
                return v
            }
            func seconds() throws(SandboxError) -> Double {
                guard let v = Double(value), v >= 0, v.isFinite else { throw bad("\(key) must be seconds, not \"\(value)\"") }
                return v
            }
            switch key {
            case "vendor":
                switch value.lowercased() {
                case "st", "servicetitan": vendor = .serviceTitan
                case "hcp", "housecallpro": vendor = .housecallPro
                case "any", "all", "both": vendor = nil
                default: throw bad("vendor must be st or hcp, not \"\(value)\"")
                }
            case "path": path = value
            case "method": method = value.uppercased()
            case "after": after = try int()
            case "times":
                if ["all", "always", "*"].contains(value.lowercased()) { times = nil } else { times = try int() }
            case "retry-after", "retryafter": retryAfter = try int()
            case "status":
                let v = try int()
                guard (500...599).contains(v) else { throw bad("status must be 500 to 599") }
                status = v
            case "delay": delay = try seconds()
            case "hold": hold = try seconds()
            case "mode":
                switch value.lowercased() {
                case "clean": abortConnection = false
                case "abort": abortConnection = true
                default: throw bad("mode must be clean or abort")
                }
            default:
                throw bad("unknown key \"\(key)\"; use vendor, path, method, after, times, retry-after, status, delay, hold or mode")
            }
        }
    }

    /// The canonical text of this fault.
    public var description: String {
        var parts: [String] = []
        if let vendor { parts.append("vendor=\(vendor.shortName)") }
        if let path { parts.append("path=\(path)") }
        if let method { parts.append("method=\(method)") }
        if after != 0 { parts.append("after=\(after)") }
        parts.append("times=\(times.map(String.init) ?? "all")")
        switch kind {
        case .rateLimit: parts.append("retry-after=\(retryAfter)")
        case .serverError: parts.append("status=\(status)")
        case .slow: parts.append("delay=\(delay)")
        case .timeout, .lostReply: parts.append("hold=\(hold)")
        case .truncate: parts.append("mode=\(abortConnection ? "abort" : "clean")")
        default: break
        }
        return kind.rawValue + ":" + parts.joined(separator: ",")
    }

    /// The name the request log gives this fault (`429`, `503`, `truncate`).
    var logName: String {
        kind == .serverError ? String(status) : kind.rawValue
    }
}
