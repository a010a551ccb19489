import Foundation

/// ServiceTitan's OAuth client-credentials tokens and the checks every API call passes.
extension SandboxStore {
    /// `POST connect/token`: a new access token for good client credentials.
    func issueToken(form: QueryParameters) throws -> JSONValue {
        func oauthError(_ status: Int, _ code: String, _ description: String) -> VendorError {
            var error = VendorError(.serviceTitan, status, description)
            error.customBody = ["error": .string(code), "error_description": .string(description)]
            return error
        }
        guard let grant = form.first("grant_type") else {
            throw oauthError(400, "invalid_request", "grant_type is missing")
        }
        guard grant == "client_credentials" else {
            throw oauthError(400, "unsupported_grant_type", "only client_credentials is supported")
        }
        guard form.first("client_id") == credentials.clientID, form.first("client_secret") == credentials.clientSecret
        else {
            throw oauthError(400, "invalid_client", "the client id or secret is wrong")
        }
        let token = "sbx." + random.hex(24) + "." + random.hex(40)
        tokens[token] = nowMillis + Int64(tokenLifetime) * 1000
        return [
            "access_token": .string(token), "expires_in": .int(Int64(tokenLifetime)), "token_type": "Bearer",
            "scope": "tn.jpm tn.dispatch tn.settings tn.crm",
        ]
    }

    /// Checks a ServiceTitan API call: the Bearer token (401), the app key and the tenant (403).
    func authorize(authorization: String?, appKey: String?, tenant: String?) throws {
        var unauthorized = VendorError(
            .serviceTitan, 401, "Unauthorized: the access token is missing, invalid or expired.")
        unauthorized.headers = [("WWW-Authenticate", #"Bearer error="invalid_token""#)]
        guard let authorization, authorization.hasPrefix("Bearer ") else { throw unauthorized }
        let token = String(authorization.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let expiry = tokens[token] else { throw unauthorized }
        guard nowMillis < expiry else {
            tokens[token] = nil
            var expired = unauthorized
            expired.headers = [("WWW-Authenticate", #"Bearer error="invalid_token", error_description="The token expired""#)]
            throw expired
        }
        guard let appKey, appKey == credentials.appKey else {
            throw VendorError(.serviceTitan, 403, "Forbidden: the ST-App-Key header is missing or not valid for this application.")
        }
        guard let tenant, tenant == credentials.tenant else {
            throw VendorError(.serviceTitan, 403, "Forbidden: this application has no access to tenant \(tenant ?? "?").")
        }
    }

    /// True when the request carries a token that is currently valid.
    func hasValidToken(authorization: String?) -> Bool {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return false }
        let token = String(authorization.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        return tokens[token].map { nowMillis < $0 } ?? false
    }

    /// Revokes the token a request carries (the expired-token fault).
    func revoke(authorization: String?) {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return }
        tokens[String(authorization.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)] = nil
    }

    /// Checks `Authorization: Token <key>` for Housecall Pro (401 otherwise).
    func authorizeHousecallPro(authorization: String?) throws {
        guard let authorization, authorization.hasPrefix("Token "),
              authorization.dropFirst("Token ".count).trimmingCharacters(in: .whitespaces)
                == credentials.housecallProAPIKey
        else {
            throw VendorError(.housecallPro, 401, "Unauthorized: the API key is missing or invalid")
        }
    }
}
