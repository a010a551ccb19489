import Foundation

/// Text and numbers made safe to put into the HTML report (and the reconciliation's, which
/// uses the escaping and identifiers from here).
public enum HTMLText {
    /// Escapes the five characters that mean something in HTML text and quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A value usable as an element id or fragment: letters, digits, `-`, `_` and `.` kept, anything
    /// else (spaces, `#`, quotes) turned into `_`. Finding ids (`double_booking-0123abcd…`) pass as they are.
    public static func identifier(_ text: String) -> String {
        let kept = text.unicodeScalars.map { ch -> Character in
            switch ch {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": Character(ch)
            default: "_"
            }
        }
        return kept.isEmpty ? "_" : String(kept)
    }

    /// A CSS number with at most three decimals and no exponent: `12.5`, `0.125`, `100`.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let thousandths = Int((value * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = abs(thousandths)
        let whole = magnitude / 1000
        var fraction = magnitude % 1000
        if fraction == 0 { return "\(sign)\(whole)" }
        var digits = 3
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let padded = String(repeating: "0", count: digits - String(fraction).count) + String(fraction)
        return "\(sign)\(whole).\(padded)"
    }

    /// `1 finding`, `3 findings`.
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : (plural ?? singular + "s"))
    }
}
