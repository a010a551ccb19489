import Foundation

/// An OAuth error body (`{"error":"invalid_client"}`) or an RFC 7807 problem (`title`,
/// `status`, `errors`), whichever the server sent; only the parts fit for a message.
struct STProblem: Decodable, Sendable {
    var title: String?
    var detail: String?
    var error: String?
    var errors: [String: [String]]?

    init(body: [UInt8]) {
        let decoded = try? JSONDecoder().decode(STProblem.self, from: .init(body))
        self = decoded ?? STProblem()
    }

    init() {}

    private enum CodingKeys: String, CodingKey { case title, detail, error, errors }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try? container.decodeIfPresent(String.self, forKey: .title)
        detail = try? container.decodeIfPresent(String.self, forKey: .detail)
        error = try? container.decodeIfPresent(String.self, forKey: .error)
        errors = try? container.decodeIfPresent([String: [String]].self, forKey: .errors)
    }

    /// Whether this says an export's `from` token is invalid or expired.
    var rejectsContinuationToken: Bool {
        var texts = [title, detail].compactMap { $0 }
        for (field, messages) in errors ?? [:] { texts += [field] + messages }
        return texts.map { $0.lowercased() }.contains {
            $0.contains("continuation") || $0.contains("continuefrom") || ($0.contains("token") && !$0.contains("access"))
                || $0 == "from"
        }
    }

    /// A short summary for an error message: the title (or OAuth error), cut to 160 characters.
    /// Server titles name the problem, not the data.
    var summary: String? {
        guard let text = title ?? error, !text.isEmpty else { return nil }
        return text.count > 160 ? String(text.prefix(160)) + "…" : text
    }
}
