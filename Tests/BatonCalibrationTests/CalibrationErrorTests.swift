import Testing

@testable import BatonCalibration

@Suite struct CalibrationErrorTests {
    @Test func eceOfASmallExampleWorkedOutByHand() {
        // 5 bins. (0, .2]: 0.1 wrong → |0 − .1| · 1/5 = .02.  (.2, .4]: 0.3 right, 0.35 wrong →
        // |.5 − .325| · 2/5 = .07.  (.8, 1]: 0.9, 0.95 right → |1 − .925| · 2/5 = .03.  Total .12.
        let ece = CalibrationError.expected(
            confidences: [0.1, 0.3, 0.35, 0.9, 0.95], correct: [false, true, false, true, true], bins: 5)
        #expect(abs(ece - 0.12) < 1e-12)
    }

    @Test func perfectlyCalibratedBinsGiveZero() {
        let confidences = [Double](repeating: 0.75, count: 4) + [Double](repeating: 0.25, count: 4) + [1.0, 1.0]
        let correct = [true, true, true, false, true, false, false, false, true, true]
        #expect(CalibrationError.expected(confidences: confidences, correct: correct) < 1e-12)
        #expect(CalibrationError.expected(confidences: confidences, correct: correct.map { !$0 }) > 0.4)
    }

    @Test func binEdgesFollowTheHalfOpenRule() {
        let bins = CalibrationError.reliability(confidences: [0, 0.2, 0.2000001, 0.6, 1.0], correct: [true, true, false, true, false], bins: 5)
        #expect(bins.count == 5)
        #expect(bins.map(\.count) == [2, 1, 1, 0, 1])  // 0 and 0.2 in (0, .2]; 0.6 in (.4, .6]; 1.0 in (.8, 1]
        #expect(bins[0].lower == 0 && bins[0].upper == 0.2)
        #expect(abs(bins[0].meanConfidence - 0.1) < 1e-12)
        #expect(bins[0].accuracy == 1)
        #expect(bins[2].count == 1 && bins[2].accuracy == 1)
        #expect(bins[3].meanConfidence == 0 && bins[3].accuracy == 0)
        #expect(bins[4].accuracy == 0)
        // Every edge i/B lands in bin i − 1 and the next double above it in bin i, despite
        // rounding in i/B · B (7/25 · 25 > 7, for one).
        for binCount in 1...60 {
            for i in 1...binCount {
                let edge = Double(i) / Double(binCount)
                #expect(CalibrationError.binIndex(edge, binCount: binCount) == i - 1, "\(i)/\(binCount)")
                if i < binCount { #expect(CalibrationError.binIndex(edge.nextUp, binCount: binCount) == i, "\(i)/\(binCount)⁺") }
            }
        }
    }

    @Test func emptyInputHasNoError() {
        #expect(CalibrationError.expected(confidences: [], correct: []) == 0)
        #expect(CalibrationError.reliability(confidences: [], correct: [], bins: 15).count == 15)
    }
}
