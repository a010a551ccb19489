import Foundation

/// A URL as it may appear in logs, reports and error messages.
///
/// Published calendar URLs carry their secret in the path (Google's
/// `/calendar/ical/<id>/private-<token>/basic.ics`) or the query (`?key=`, `?token=`), and some
/// carry `user:password@`. This keeps the scheme, host, port and the last path component, and
/// replaces everything else that could identify or unlock the feed.
public struct RedactedURL: Sendable, CustomStringConvertible {
    public let description: String

    public init(_ url: URL) {
        guard let scheme = url.scheme, let host = url.host else {
            description = url.isFileURL ? url.path : "<url>"
            return
        }
        if scheme == "file" {
            description = url.path
            return
        }
        var s = "\(scheme)://\(host)"
        if let port = url.port { s += ":\(port)" }
        let components = url.path.split(separator: "/")
        if let last = components.last {
            s += components.count > 1 ? "/…/\(last)" : "/\(last)"
        }
        if url.query != nil { s += "?…" }
        description = s
    }
}
