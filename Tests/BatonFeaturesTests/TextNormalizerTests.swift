import Foundation
import Testing
@testable import BatonFeatures

@Suite struct TextNormalizerTests {
    let normalizer = TextNormalizer()

    @Test func lowercasesAfterScrubbing() {
        #expect(normalizer.normalize("Hello WORLD, my name is Anna") == "hello world, my name is  __name__ ")
    }

    @Test func compatibilityFormsAreFoldedBeforeScrubbing() {
        // Full-width letters and '@', and a ligature, become plain ASCII first.
        #expect(normalizer.normalize("ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ") == " __email__ ")
        #expect(normalizer.normalize("ﬁne") == "fine")
        #expect(normalizer.normalize("①②③④⑤⑥") == " __number__ ")
        #expect(normalizer.normalize("Cafe\u{301}") == "caf\u{E9}")
    }

    @Test func lowercasingIsPerScalarFullMapping() {
        #expect(normalizer.normalize("İSTANBUL") == "i\u{307}stanbul")
        #expect(normalizer.normalize("STRAẞE") == "straße")
        // No Final_Sigma context rule (Python's str.lower() would give "οδος").
        #expect(normalizer.normalize("ΟΔΟΣ") == "οδοσ")
    }

    @Test func asciiFastPathEqualsFoundationNFKC() {
        let text = "I am still waiting on my card? Call 555-123-4567!"
        #expect(TextNormalizer.nfkcScalars(text) == text.precomposedStringWithCompatibilityMapping.unicodeScalars.map(\.value))
    }

    @Test func scalarLowercasingEqualsStringLowercased() {
        let samples = ["ABC xyz", "ÀÉÎÕÜ", "ΣΑΣ Σ", "İı", "ǅǄǆ", "ＡＢＣ", "Ωmega ΚΑΙ", "ẞ", "𐐀𐐁", ""]
        for sample in samples {
            let scalars = sample.unicodeScalars.map(\.value)
            #expect(TextNormalizer.lowercased(scalars) == sample.lowercased().unicodeScalars.map(\.value), "\(sample)")
        }
    }
}
