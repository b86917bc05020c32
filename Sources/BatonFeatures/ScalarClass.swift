/// The classes of Unicode scalars that the feature specification refers to, as fast predicates
/// over scalar values (`UInt32`).
///
/// Every class is defined so that a Python router can test it with the standard library alone
/// (see the member comments), because a router that disagrees on a single scalar produces
/// different features. ASCII is answered by comparisons; other scalars by the Unicode
/// properties of the toolchain's Unicode version.
enum ScalarClass {
    /// Unicode's `White_Space` property: U+0009–U+000D, U+0020, U+0085, U+00A0, U+1680,
    /// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    ///
    /// This is NOT Python's `str.isspace()`, which also accepts U+001C–U+001F: a Python
    /// router tests membership in this exact set.
    @inline(__always)
    static func isWhitespace(_ value: UInt32) -> Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        switch value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// '0'–'9' only (U+0030–U+0039).
    @inline(__always)
    static func isASCIIDigit(_ value: UInt32) -> Bool { value &- 0x30 < 10 }

    /// General category L* (Lu, Ll, Lt, Lm, Lo); Python: `unicodedata.category(c)[0] == "L"`.
    @inline(__always)
    static func isLetter(_ value: UInt32) -> Bool {
        if value < 0x80 { return (value | 0x20) &- 0x61 < 26 }
        switch category(value) {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// General category Lu; Python: `unicodedata.category(c) == "Lu"` (not `str.isupper()`).
    @inline(__always)
    static func isUppercaseLetter(_ value: UInt32) -> Bool {
        if value < 0x80 { return value &- 0x41 < 26 }
        return category(value) == .uppercaseLetter
    }

    /// A token character: general category L* or N*, or '_' (U+005F). Python: `c == "_" or
    /// unicodedata.category(c)[0] in "LN"`, which is exactly what Python's `re` matches with `\w`.
    @inline(__always)
    static func isTokenCharacter(_ value: UInt32) -> Bool {
        if value < 0x80 {
            return (value | 0x20) &- 0x61 < 26 || value &- 0x30 < 10 || value == 0x5F
        }
        switch category(value) {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default: return false
        }
    }

    @inline(__always)
    private static func category(_ value: UInt32) -> Unicode.GeneralCategory? {
        Unicode.Scalar(value)?.properties.generalCategory
    }
}
