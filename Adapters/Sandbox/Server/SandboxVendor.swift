/// The two scheduling tools the sandbox imitates, each under its own path prefix.
public enum SandboxVendor: String, Sendable, Hashable, CaseIterable, Codable {
    case serviceTitan = "servicetitan"
    case housecallPro = "housecallpro"

    /// The path prefix of this vendor's API on the sandbox (`/servicetitan`).
    public var pathPrefix: String { "/" + rawValue }

    /// The data set's folder for this vendor (`servicetitan`).
    public var directoryName: String { rawValue }

    /// The short name fault specs use (`st`, `hcp`).
    public var shortName: String {
        switch self {
        case .serviceTitan: "st"
        case .housecallPro: "hcp"
        }
    }
}
