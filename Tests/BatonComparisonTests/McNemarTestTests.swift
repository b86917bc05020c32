import BatonComparison
import Foundation
import Testing

@Suite("McNemar's test")
struct McNemarTestTests {
    @Test("exact two-sided p for b01 = 8, b10 = 2 is 2 · 56 / 1024")
    func exactHandComputed() {
        let test = McNemarTest(b01: 8, b10: 2)
        #expect(test.method == .exactBinomial)
        #expect(abs(test.pValue - 0.109375) < 1e-12)
        #expect(McNemarTest(b01: 2, b10: 8).pValue == test.pValue)
    }

    @Test("equal discordant counts give p = 1, none at all give p = 1")
    func noEvidence() {
        #expect(McNemarTest(b01: 0, b10: 0).pValue == 1)
        #expect(McNemarTest(b01: 0, b10: 0).method == .none)
        #expect(McNemarTest(b01: 5, b10: 5).pValue == 1)
        #expect(McNemarTest(b01: 30, b10: 30).pValue == 1)
    }

    @Test("exact below 25 discordant messages, chi-square with continuity correction from 25")
    func methodBoundary() {
        let exact = McNemarTest(b01: 24, b10: 0)
        #expect(exact.method == .exactBinomial)
        #expect(abs(exact.pValue - 2 / pow(2, 24)) < 1e-18)
        let chi = McNemarTest(b01: 30, b10: 10)
        #expect(chi.method == .chiSquareContinuityCorrected)
        // (|30 − 10| − 1)² / 40 = 9.025; scipy.stats.chi2.sf(9.025, 1) = 0.002663119259138558.
        #expect(abs((chi.statistic ?? 0) - 9.025) < 1e-12)
        #expect(abs(chi.pValue - 0.002663119259138558) < 1e-12)
    }

    @Test("counts come from paired correctness")
    func fromCorrectness() {
        let test = McNemarTest(aCorrect: [true, false, false, true, true], bCorrect: [true, true, true, false, true])
        #expect(test.b01 == 2 && test.b10 == 1)
    }
}
