import Foundation

/// A URL as it may appear in logs, reports and error messages.
///
/// Published calendar URLs carry their secret in the path (Google's
/// `/calendar/ical/<id>/private-<token>/basic.ics`, iCloud's `/published/2/<token>`,
/// Nextcloud's `/public-calendars/<token>`), in the query (`?key=`, `?token=`), or as
/// `user:password@`. This keeps the scheme, host and port, and the last path component only when
/// it looks like a plain file name (`basic.ics`); everything else that could identify or unlock
/// the feed is replaced by `…`.
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
            let prefix = components.count > 1 ? "/…/" : "/"
            s += Self.looksLikeFileName(last) ? prefix + last : "/…"
        }
        if url.query != nil { s += "?…" }
        description = s
    }

    /// `basic.ics`, `calendar.ics`: short, with a calendar extension, and no long runs of
    /// letters and digits that could be a token.
    private static func looksLikeFileName(_ name: Substring) -> Bool {
        let lower = name.lowercased()
        guard name.count <= 32, [".ics", ".ical", ".ifb", ".vcs"].contains(where: { lower.hasSuffix($0) }) else { return false }
        var run = 0
        for c in name {
            run = c.isLetter || c.isNumber ? run + 1 : 0
            if run > 16 { return false }
        }
        return true
    }
}
