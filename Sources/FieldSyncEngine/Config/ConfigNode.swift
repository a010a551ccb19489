import Foundation
import Yams

/// A YAML node with where it came from, for reading configuration with errors that name the
/// line and the key path, and with `${VARIABLE}` expansion from the environment.
struct ConfigNode {
    let node: Node
    let file: String
    let path: String
    let environment: [String: String]

    var line: Int? { node.mark.map { $0.line } }

    func error(_ message: String, key: String? = nil) -> ConfigError {
        let child = key.map { path.isEmpty ? $0 : "\(path).\($0)" } ?? path
        return ConfigError(file: file, line: line, keyPath: child, message: message)
    }

    /// Fails on keys not in `allowed`: a typo must not silently drop a setting.
    func requireKeys(_ allowed: Set<String>) throws(ConfigError) {
        guard let mapping = node.mapping else { throw error("expected a mapping (key: value lines)") }
        for key in mapping.keys {
            guard let name = key.string else { throw error("keys must be text") }
            if !allowed.contains(name) {
                let suggestion = allowed.min { Self.distance($0, name) < Self.distance($1, name) }
                let hint = suggestion.map { Self.distance($0, name) <= 2 ? " (did you mean \($0)?)" : "" } ?? ""
                throw ConfigError(
                    file: file, line: key.mark?.line, keyPath: path, message: "unknown key \"\(name)\"\(hint)")
            }
        }
    }

    func child(_ key: String) -> ConfigNode? {
        guard let value = node.mapping?[key] else { return nil }
        if case .scalar(let scalar) = value, scalar.string == "~" || (scalar.tag == .implicit && scalar.string.isEmpty) {
            return nil
        }
        return ConfigNode(node: value, file: file, path: path.isEmpty ? key : "\(path).\(key)", environment: environment)
    }

    func items() throws(ConfigError) -> [ConfigNode] {
        guard let sequence = node.sequence else { throw error("expected a list (lines starting with -)") }
        return sequence.enumerated().map {
            ConfigNode(node: $0.element, file: file, path: "\(path)[\($0.offset)]", environment: environment)
        }
    }

    /// The scalar as text, with `${VAR}` expanded.
    func text() throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a single value") }
        return try expand(scalar.string)
    }

    func string(_ key: String) throws(ConfigError) -> String? {
        try child(key)?.text()
    }

    func requiredString(_ key: String) throws(ConfigError) -> String {
        guard let value = try string(key), !value.isEmpty else { throw error("is required", key: key) }
        return value
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let c = child(key) else { return nil }
        guard let value = Int(try c.text()), range.contains(value) else {
            throw c.error("must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func strings(_ key: String) throws(ConfigError) -> [String] {
        guard let c = child(key) else { return [] }
        if c.node.scalar != nil { return [try c.text()] }
        var values: [String] = []
        for item in try c.items() { values.append(try item.text()) }
        return values
    }

    /// The entries of a mapping, in file order, each as a node with its own line.
    func entries() throws(ConfigError) -> [(key: String, node: ConfigNode)] {
        guard let mapping = node.mapping else { throw error("expected a mapping (key: value lines)") }
        var result: [(key: String, node: ConfigNode)] = []
        for (k, v) in mapping {
            guard let name = k.string else { throw error("keys must be text") }
            let folded = name.trimmingCharacters(in: .whitespaces).lowercased()
            if let earlier = result.first(where: { $0.key.trimmingCharacters(in: .whitespaces).lowercased() == folded }) {
                let same = earlier.key == name ? "" : " (as \"\(earlier.key)\"; case and spaces do not count)"
                throw ConfigError(
                    file: file, line: k.mark?.line, keyPath: path, message: "\"\(name)\" is listed twice\(same)")
            }
            result.append((name, ConfigNode(node: v, file: file, path: path.isEmpty ? name : "\(path).\(name)", environment: environment)))
        }
        return result
    }

    func stringMap(_ key: String) throws(ConfigError) -> [String: String] {
        guard let c = child(key) else { return [:] }
        guard let mapping = c.node.mapping else { throw c.error("expected a mapping") }
        var result: [String: String] = [:]
        for (k, v) in mapping {
            guard let name = k.string else { throw c.error("keys must be text") }
            result[name] = try ConfigNode(node: v, file: file, path: "\(c.path).\(name)", environment: environment).text()
        }
        return result
    }

    /// Expands `${NAME}` from the environment; `$$` is a literal `$`. A missing variable is an
    /// error that names the variable, never its would-be value.
    private func expand(_ raw: String) throws(ConfigError) -> String {
        guard raw.contains("$") else { return raw }
        var out = ""
        var rest = Substring(raw)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("$") {
                out += "$"
                rest = after.dropFirst()
            } else if after.hasPrefix("{"), let close = after.firstIndex(of: "}") {
                let name = String(after[after.index(after: after.startIndex)..<close])
                guard let value = environment[name] else {
                    throw error("the environment variable \(name) is not set")
                }
                out += value
                rest = after[after.index(after: close)...]
            } else {
                out += "$"
                rest = after
            }
        }
        return out + rest
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
