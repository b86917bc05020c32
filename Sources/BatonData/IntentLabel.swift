/// The rules for an intent label.
///
/// Labels become manifest keys, metric names and report rows downstream, so they are
/// kept to `[A-Za-z0-9_.?!:+&()-]{1,64}`: no spaces, no slashes, no quotes, no surprises in a
/// shell. (`?` and friends are allowed because real taxonomies use them, e.g. BANKING77's
/// `reverted_card_payment?`.)
public enum IntentLabel {
    /// The longest label accepted.
    public static let maximumLength = 64

    /// Whether `label` (already trimmed) is a valid intent label.
    public static func isValid(_ label: String) -> Bool {
        problem(with: label) == nil
    }

    /// What is wrong with `label`, phrased to follow the field's name, or nil if it is valid.
    static func problem(with label: String) -> String? {
        let utf8 = label.utf8
        if utf8.isEmpty { return "is empty" }
        if utf8.count > maximumLength {
            return "is \(label.count) characters long; an intent label has at most \(maximumLength)"
        }
        for byte in utf8 where !isLabelByte(byte) {
            let character = label.unicodeScalars.first { !($0.isASCII && isLabelByte(UInt8($0.value))) }.map { String($0) } ?? "?"
            return "\"\(label)\" contains \"\(character)\"; an intent label uses only letters, digits and _ . ? ! : + & ( ) -"
        }
        return nil
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"),
            UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: ":"), UInt8(ascii: "+"), UInt8(ascii: "&"),
            UInt8(ascii: "("), UInt8(ascii: ")"):
            return true
        default:
            return false
        }
    }
}
