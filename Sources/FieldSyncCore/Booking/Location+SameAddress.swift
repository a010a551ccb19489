extension Location {
    /// Whether a backend's address is this place: the same street (case, spacing, commas and
    /// dots aside) and, when both have one, the same five-digit postal code. Writers use it to
    /// reuse a customer's location instead of adding the same address again.
    ///
    /// ```swift
    /// Location(street: "1 N State St", postalCode: "60602").isSameAddress(street: "1 n state st.", postalCode: "60602-1234")  // true
    /// ```
    public func isSameAddress(street other: String?, postalCode otherPostalCode: String?) -> Bool {
        func fold(_ s: String?) -> String {
            (s ?? "").lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." }).joined(separator: " ")
        }
        guard !fold(street).isEmpty, fold(street) == fold(other) else { return false }
        let mine = fold(postalCode).prefix(5)
        let theirs = fold(otherPostalCode).prefix(5)
        return mine.isEmpty || theirs.isEmpty || mine == theirs
    }
}
