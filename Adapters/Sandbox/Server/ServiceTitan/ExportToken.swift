import Foundation

/// A position in one export feed, handed out as an opaque `continueFrom` string.
///
/// It names the feed, the token epoch it was issued in (the sandbox can reject every older
/// token at once, as a real tenant does when its export state is rebuilt), the last change
/// sequence number served, and the `modifiedOn` floor a date-started export asked for.
struct ExportToken: Sendable, Equatable {
    var resource: ServiceTitanResource
    var epoch: Int64
    var sequence: Int64
    var floor: Int64?

    var encoded: String {
        let plain = "st-export|\(resource.rawValue)|\(epoch)|\(sequence)|\(floor.map(String.init) ?? "")"
        return Data(plain.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a token; nil when it is not one of ours.
    init?(decoding text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.utf8.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "st-export", let resource = ServiceTitanResource(rawValue: String(parts[1])),
              let epoch = Int64(parts[2]), let sequence = Int64(parts[3])
        else { return nil }
        self.resource = resource
        self.epoch = epoch
        self.sequence = sequence
        self.floor = parts[4].isEmpty ? nil : Int64(parts[4])
    }

    init(resource: ServiceTitanResource, epoch: Int64, sequence: Int64, floor: Int64?) {
        self.resource = resource
        self.epoch = epoch
        self.sequence = sequence
        self.floor = floor
    }

    /// True when `from` looks like a date rather than a continuation token.
    static func isDate(_ text: String) -> Bool {
        let b = Array(text.utf8)
        return b.count >= 10 && b[4] == UInt8(ascii: "-") && b[7] == UInt8(ascii: "-")
            && b[0..<4].allSatisfy { (48...57).contains($0) }
    }
}
