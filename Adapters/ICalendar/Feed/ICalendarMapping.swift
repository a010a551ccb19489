import FieldSyncCore

/// How events in a technician's calendar count for scheduling (`Mappings/icalendar.yaml`).
///
/// Rules are tried in order; the first that matches decides the window's kind. A rule matches
/// when one of its phrases occurs in the SUMMARY as whole words (ignoring case), or when one of
/// its categories equals a CATEGORIES value (ignoring case). Events no rule matches get
/// ``defaultKind``.
///
/// ```swift
/// let mapping = ICalendarMapping(rules: [.init(kind: .timeOff, summaryPhrases: ["PTO", "vacation"])])
/// mapping.kind(summary: "PTO - dentist", categories: [])   // .timeOff
/// ```
public struct ICalendarMapping: Sendable, Hashable {
    public struct Rule: Sendable, Hashable {
        public var kind: AvailabilityKind
        public var summaryPhrases: [String]
        public var categories: [String]

        public init(kind: AvailabilityKind, summaryPhrases: [String] = [], categories: [String] = []) {
            self.kind = kind
            self.summaryPhrases = summaryPhrases
            self.categories = categories
        }
    }

    public var rules: [Rule]
    public var defaultKind: AvailabilityKind

    public init(rules: [Rule] = [], defaultKind: AvailabilityKind = .busy) {
        self.rules = rules
        self.defaultKind = defaultKind
    }

    public func kind(summary: String?, categories: [String]) -> AvailabilityKind {
        let words = Self.words(summary ?? "")
        let lowerCategories = Set(categories.map { $0.lowercased() })
        for rule in rules {
            if rule.categories.contains(where: { lowerCategories.contains($0.lowercased()) }) { return rule.kind }
            for phrase in rule.summaryPhrases {
                let phraseWords = Self.words(phrase)
                guard !phraseWords.isEmpty, phraseWords.count <= words.count else { continue }
                for start in 0...(words.count - phraseWords.count)
                where Array(words[start..<(start + phraseWords.count)]) == phraseWords {
                    return rule.kind
                }
            }
        }
        return defaultKind
    }

    /// Lowercased runs of letters and digits.
    private static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}
