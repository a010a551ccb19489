/// Reading Housecall Pro's JSON the way an integration must: a field of an unexpected type or a
/// `null` is treated as absent instead of sinking the whole record. Only a record that is not a
/// JSON object at all fails to decode (and is rejected with its raw text).
extension KeyedDecodingContainer {
    /// A string, or a number or boolean written as text (ids sometimes arrive as numbers).
    func lenientString(_ key: Key) -> String? {
        if let text = try? decodeIfPresent(String.self, forKey: key) { return text }
        if let number = try? decodeIfPresent(Int64.self, forKey: key) { return String(number) }
        if let number = try? decodeIfPresent(Double.self, forKey: key) { return String(number) }
        if let flag = try? decodeIfPresent(Bool.self, forKey: key) { return String(flag) }
        return nil
    }

    /// A string that is there and not blank.
    func lenientText(_ key: Key) -> String? {
        guard let text = lenientString(key)?.trimmingSpaces, !text.isEmpty else { return nil }
        return text
    }

    /// An integer, from a JSON number (`15`, `15.0`) or a numeric string (`"15"`).
    func lenientInt(_ key: Key) -> Int? {
        if let number = try? decodeIfPresent(Int.self, forKey: key) { return number }
        if let number = try? decodeIfPresent(Double.self, forKey: key), number.isFinite,
            abs(number) < Double(Int32.max)
        {
            return Int(number)
        }
        if let text = try? decodeIfPresent(String.self, forKey: key) {
            return Int(text.trimmingSpaces) ?? Double(text.trimmingSpaces).flatMap { $0.isFinite ? Int($0) : nil }
        }
        return nil
    }

    /// A number, from a JSON number or a numeric string (coordinates).
    func lenientDouble(_ key: Key) -> Double? {
        if let number = try? decodeIfPresent(Double.self, forKey: key) { return number.isFinite ? number : nil }
        if let text = try? decodeIfPresent(String.self, forKey: key), let number = Double(text.trimmingSpaces),
            number.isFinite
        {
            return number
        }
        return nil
    }

    func lenientBool(_ key: Key) -> Bool? {
        if let flag = try? decodeIfPresent(Bool.self, forKey: key) { return flag }
        if let text = try? decodeIfPresent(String.self, forKey: key) {
            switch text.trimmingSpaces.lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default: return nil
            }
        }
        return nil
    }

    /// The strings of an array, skipping elements that are not strings; nil when absent.
    func lenientStrings(_ key: Key) -> [String]? {
        guard let items = try? decodeIfPresent([LenientElement<String>].self, forKey: key) else { return nil }
        return items.compactMap(\.value)
    }

    /// A nested object; nil when absent, `null` or not an object.
    func lenientObject<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }

    /// The elements of an array of objects, skipping the ones that cannot be read; nil when the
    /// array is absent or `null`.
    func lenientObjects<T: Decodable>(_ type: T.Type, _ key: Key) -> [T]? {
        guard let items = try? decodeIfPresent([LenientElement<T>].self, forKey: key) else { return nil }
        return items.compactMap(\.value)
    }
}
