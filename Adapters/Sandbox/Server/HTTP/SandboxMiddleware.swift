import FieldSyncCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The one middleware every request passes: it records the request log, applies the per-tenant
/// rate limit, injects faults, checks credentials, and turns errors into the vendor's error body.
struct SandboxMiddleware: RouterMiddleware {
    typealias Context = SandboxRequestContext

    let store: SandboxStore
    let faults: FaultInjector
    let limiter: RateLimiter?
    let rateLimit: Int
    let log: RequestLog
    let now: @Sendable () -> Date

    static let appKeyHeader = HTTPField.Name("ST-App-Key")!

    /// ServiceTitan paths (after `tenant/{t}/`) and Housecall Pro paths that read a page of a list.
    static let serviceTitanPageReads: Set<String> = [
        "technicians", "business-units", "technician-shifts", "non-job-appointments", "zones",
        "appointment-assignments", "jobs", "appointments", "job-types", "customers", "locations", "customers/contacts",
    ]
    static let housecallProPageReads: Set<String> = ["jobs", "employees", "customers", "events", "job_fields/job_types"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let arrival = now()
        let path = request.uri.path
        let vendor = SandboxVendor.allCases.first { path == $0.pathPrefix || path.hasPrefix($0.pathPrefix + "/") }
        var context = context
        var faultName: String?
        var dropped = false
        var response: Response
        do {
            response = try await process(
                request, context: &context, vendor: vendor, faultName: &faultName, dropped: &dropped, next: next)
        } catch let error as VendorError {
            response = Replies.error(error, context: context)
        } catch is CancellationError {
            dropped = true
            response = Replies.empty(status: .serviceUnavailable)
        } catch {
            response = Replies.error(
                VendorError(vendor ?? .serviceTitan, 500, "An unexpected error occurred."), context: context)
        }
        let elapsed = ContinuousClock.now - started
        let millis = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        await log.record(
            RequestLogEntry(
                time: Self.stamp(arrival), vendor: vendor, method: request.method.rawValue, path: path,
                query: Self.maskedQuery(request.uri.query), status: dropped ? 0 : Int(response.status.code),
                fault: faultName, durationMilliseconds: millis))
        return response
    }

    private func process(
        _ request: Request, context: inout Context, vendor: SandboxVendor?, faultName: inout String?,
        dropped: inout Bool, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        guard let vendor else {
            var error = VendorError(.housecallPro, 404, "Not found")
            error.customBody = ["error": ["message": "no such path; the sandbox serves /servicetitan/… and /housecallpro/…"]]
            throw error
        }
        let segments = path.split(separator: "/").map(String.init)
        let authorization = request.headers[.authorization]
        let isTokenRequest = vendor == .serviceTitan && segments.count >= 3 && segments[1] == "connect" && segments[2] == "token"
        // ServiceTitan: /servicetitan/<module>/v2/tenant/<tenant>/<rest…>
        var tenant: String?
        var rest = ""
        if vendor == .serviceTitan, segments.count >= 5, segments[3] == "tenant" {
            tenant = segments[4]
            rest = segments.dropFirst(5).joined(separator: "/")
        } else if vendor == .housecallPro {
            rest = segments.dropFirst().joined(separator: "/")
        }
        let query = QueryParameters(request.uri.query, caseInsensitive: vendor == .serviceTitan)

        // The per-tenant rate limit comes first, as a gateway's would.
        if let limiter, !isTokenRequest {
            let key = vendor == .serviceTitan ? "st:\(tenant ?? "-")" : "hcp:\(authorization ?? "-")"
            if await !limiter.admit(key, nowMillis: Int64(now().timeIntervalSince1970 * 1000)) {
                faultName = "rate-limit"
                var error = VendorError(
                    vendor, 429, "Too many requests: more than \(rateLimit) requests per second for this \(vendor == .serviceTitan ? "tenant" : "API key"). Retry after 1 second.")
                error.headers = [("Retry-After", "1")]
                throw error
            }
        }

        let isGet = request.method == .get
        let isExport = rest.hasPrefix("export/")
        let from = query.first("from")
        let tokenIsValid = vendor == .serviceTitan && !isTokenRequest
            ? await store.hasValidToken(authorization: authorization) : false
        let probe = FaultProbe(
            vendor: vendor, method: request.method.rawValue, path: path,
            hasValidToken: tokenIsValid,
            hasContinuationToken: vendor == .serviceTitan && isExport && from.map { !ExportToken.isDate($0) } == true,
            isPageRead: isGet && (isExport || (vendor == .serviceTitan ? Self.serviceTitanPageReads : Self.housecallProPageReads).contains(rest)))
        var lostReply: FaultSpec?
        if let fault = await faults.decide(probe) {
            faultName = fault.logName
            switch fault.kind {
            case .rateLimit:
                var error = VendorError(vendor, 429, "Too many requests. Retry after \(fault.retryAfter) second(s).")
                error.headers = [("Retry-After", String(fault.retryAfter))]
                throw error
            case .serverError:
                throw VendorError(vendor, fault.status, Self.serverErrorTitle(fault.status))
            case .slow:
                try await Task.sleep(for: .milliseconds(Int(fault.delay * 1000)))
            case .timeout:
                try? await Task.sleep(for: .milliseconds(Int(fault.hold * 1000)))
                dropped = true
                context.channel.close(promise: nil)
                return Replies.empty(status: .gatewayTimeout)
            case .drop:
                dropped = true
                context.channel.close(promise: nil)
                return Replies.empty(status: .badGateway)
            case .expiredToken:
                await store.revoke(authorization: authorization)
                var error = VendorError(.serviceTitan, 401, "Unauthorized: the access token is missing, invalid or expired.")
                error.headers = [("WWW-Authenticate", #"Bearer error="invalid_token", error_description="The token expired""#)]
                throw error
            case .rejectedCursor:
                let resource = ServiceTitanResource(rawValue: String(rest.dropFirst("export/".count)).replacingOccurrences(of: "customers/contacts", with: "customer-contacts")) ?? .jobs
                throw SandboxStore.rejectedToken(resource)
            case .truncate, .changeBetweenPages:
                context.fault = fault
            case .lostReply:
                lostReply = fault
            }
        }

        // Credentials.
        switch vendor {
        case .serviceTitan where !isTokenRequest:
            let appKey = request.headers[Self.appKeyHeader] ?? query.first("servicetitanapplicationkey")
            try await store.authorize(authorization: authorization, appKey: appKey, tenant: tenant)
        case .housecallPro:
            try await store.authorizeHousecallPro(authorization: authorization)
        default:
            break
        }

        do {
            let response = try await next(request, context)
            if let lostReply {
                // Handled (a write has committed); the answer never reaches the client.
                if lostReply.hold > 0 { try? await Task.sleep(for: .milliseconds(Int(lostReply.hold * 1000))) }
                dropped = true
                context.channel.close(promise: nil)
                return Replies.empty(status: .gatewayTimeout)
            }
            return response
        } catch let error as VendorError {
            throw error
        } catch let error as HTTPError {
            if error.status == .notFound {
                throw VendorError(vendor, 404, vendor == .serviceTitan
                    ? "No such endpoint: \(request.method.rawValue) \(path)."
                    : "no such endpoint: \(request.method.rawValue) \(path)")
            }
            throw VendorError(vendor, Int(error.status.code), error.body ?? "The request could not be handled.")
        }
    }

    static func serverErrorTitle(_ status: Int) -> String {
        switch status {
        case 502: "Bad gateway."
        case 503: "The service is temporarily unavailable. Try again later."
        case 504: "The upstream service timed out."
        default: "An unexpected error occurred."
        }
    }

    /// RFC 3339 with milliseconds.
    static func stamp(_ date: Date) -> String {
        Timestamp.serviceTitan(Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
            .replacingOccurrences(of: "0000Z", with: "Z")
    }

    /// The query with the app key (the only credential a query may carry) masked.
    static func maskedQuery(_ query: String?) -> String {
        guard let query, !query.isEmpty else { return "" }
        return query.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            pair.lowercased().hasPrefix("servicetitanapplicationkey=") ? "servicetitanapplicationkey=***" : String(pair)
        }.joined(separator: "&")
    }
}
