import Foundation

/// The token endpoint's answer to a client-credentials grant.
struct STTokenResponse: Decodable, Sendable {
    var accessToken: String
    var tokenType: String?
    /// Seconds; sent as a number (sometimes as a string).
    var expiresIn: Double?

    private enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.decode(String.self, forKey: .accessToken)
        tokenType = try container.decodeIfPresent(String.self, forKey: .tokenType)
        if let number = try? container.decodeIfPresent(Double.self, forKey: .expiresIn) {
            expiresIn = number
        } else {
            expiresIn = (try? container.decodeIfPresent(String.self, forKey: .expiresIn)).flatMap { Double($0) }
        }
    }
}
