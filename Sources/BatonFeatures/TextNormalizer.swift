import Foundation

/// The whole text pipeline from a raw message to the text that is split into tokens:
/// Unicode NFKC, then ``PIIScrubber``, then lowercasing.
///
/// Training and every router run exactly this, so a message is featurized the same way
/// wherever it is seen.
///
/// ## Specification
///
/// 1. **NFKC**: Unicode Normalization Form KC (Python: `unicodedata.normalize("NFKC", text)`).
///    It folds full-width letters, ligatures and compatibility digits ("ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ",
///    "ﬁ", "①") to plain ones, so that the scrubber and the vocabulary see one spelling. Text
///    that is pure ASCII is already in NFKC and skips this step (same result, much faster).
/// 2. **Scrub**: ``PIIScrubber`` on the scalars of the NFKC text (before lowercasing, because
///    its name rules look for capitals).
/// 3. **Lowercase**: every scalar is replaced by its Unicode full lowercase mapping
///    (`Lowercase_Mapping` with the unconditional SpecialCasing entries, as Swift's
///    `String.lowercased()`): "İ" becomes "i" + U+0307, "ẞ" becomes "ß". The mapping is per
///    scalar, without context. Python's `str.lower()` agrees on every scalar except that it
///    applies the context-dependent Final_Sigma rule ("ΟΔΟΣ" → "οδος" in Python, "οδοσ"
///    here), so a Python router must lowercase scalar by scalar:
///    `"".join(c.lower() for c in text)`.
///
/// NFKC and lowercasing follow the Unicode version of the runtime (Swift's and Python's
/// `unicodedata.unidata_version`); they agree on every scalar assigned in both versions.
public struct TextNormalizer: Sendable, Hashable {
    /// The scrubber of step 2.
    public var scrubber: PIIScrubber

    public init(scrubber: PIIScrubber = PIIScrubber()) {
        self.scrubber = scrubber
    }

    /// The normalized text: NFKC, scrubbed, lowercased.
    public func normalize(_ text: String) -> String {
        PIIScrubber.string(from: normalizedScalars(text))
    }

    /// The normalized text as Unicode scalar values; the hot path of featurization.
    func normalizedScalars(_ text: String) -> [UInt32] {
        let scalars = Self.nfkcScalars(text)
        return Self.lowercased(scrubber.scrub(scalars: scalars))
    }

    /// The scalar values of the text in NFKC, without calling Foundation for ASCII text.
    static func nfkcScalars(_ text: String) -> [UInt32] {
        var text = text
        let ascii: [UInt32]? = text.withUTF8 { bytes in
            var values = [UInt32](repeating: 0, count: bytes.count)
            for index in bytes.indices {
                let byte = bytes[index]
                if byte >= 0x80 { return nil }
                values[index] = UInt32(byte)
            }
            return values
        }
        if let ascii { return ascii }
        return text.precomposedStringWithCompatibilityMapping.unicodeScalars.map(\.value)
    }

    /// Per-scalar full lowercase mapping, equal to `String.lowercased()` on the same scalars.
    static func lowercased(_ scalars: [UInt32]) -> [UInt32] {
        var result = scalars
        var needsFullMapping = false
        result.withUnsafeMutableBufferPointer { values in
            for index in values.indices {
                let value = values[index]
                if value < 0x80 {
                    if value &- 0x41 < 26 { values[index] = value | 0x20 }
                } else {
                    needsFullMapping = true
                }
            }
        }
        guard needsFullMapping else { return result }
        var mapped: [UInt32] = []
        mapped.reserveCapacity(result.count)
        for value in result {
            guard value >= 0x80, let scalar = Unicode.Scalar(value), scalar.properties.changesWhenLowercased else {
                mapped.append(value)
                continue
            }
            mapped.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars.lazy.map(\.value))
        }
        return mapped
    }
}
