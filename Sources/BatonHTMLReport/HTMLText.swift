import Foundation

/// Text made safe for HTML and SVG, and numbers written the same way everywhere in a report.
///
/// Intent names, version names and message texts come from data files and agents: every one
/// of them goes through ``escape(_:)`` before it reaches the page, in text and in attributes
/// alike, so a label such as `<img src=x onerror=alert(1)>` is shown, never run.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newline are not allowed in HTML text.
                if character.value < 0x20 && character != "\t" && character != "\n" {
                    out += " "
                } else {
                    out.unicodeScalars.append(character)
                }
            }
        }
        return out
    }

    /// "87.3%".
    static func percent(_ value: Double?, digits: Int = 1) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.\(digits)f%%", value * 100)
    }

    /// A difference in percentage points: "+1.2", "−0.4", "0.0".
    static func points(_ value: Double?, digits: Int = 1) -> String {
        guard let value, value.isFinite else { return "–" }
        let magnitude = String(format: "%.\(digits)f", abs(value) * 100)
        if Double(magnitude) == 0 { return magnitude }
        return (value < 0 ? "−" : "+") + magnitude
    }

    /// A plain number with `digits` decimals, "–" when missing.
    static func number(_ value: Double?, digits: Int = 3) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.\(digits)f", value)
    }

    /// A p-value: "0.109", "< 0.001".
    static func pValue(_ value: Double) -> String {
        value < 0.001 ? "&lt; 0.001" : String(format: "%.3f", value)
    }

    /// An SVG coordinate with one decimal.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        return String(format: "%.1f", value)
    }
}
