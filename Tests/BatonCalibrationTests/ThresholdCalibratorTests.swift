import BatonCore
import BatonModel
import Foundation
import Testing

@testable import BatonCalibration

@Suite struct ThresholdCalibratorTests {
    static func predictions(_ intent: String, correct: Int, wrong: Int = 0, from high: Double = 0.99, to low: Double = 0.90) -> [OutOfSamplePrediction] {
        let total = correct + wrong
        return (0..<total).map { index in
            let confidence = total > 1 ? high - (high - low) * Double(index) / Double(total - 1) : high
            // Wrong answers at the low end, where a real model makes them.
            return OutOfSamplePrediction(predictedIntent: intent, confidence: confidence, correct: index < correct)
        }
    }

    @Test func twelveOfTwelveCannotCertifyNinetyFivePercent() throws {
        let settings = ThresholdSettings(minimumEvidence: 1)
        let fit = ThresholdCalibrator.fit(Self.predictions("refund", correct: 12), intents: ["refund"], settings: settings)
        let thresholds = try #require(fit.perIntent["refund"])
        #expect(thresholds.source == "intent")
        #expect(thresholds.evidence == 12)
        #expect(thresholds.autoResolve == nil)  // LB(12/12) = 0.779 < 0.95
        #expect(thresholds.review == nil)  // 0.779 < 0.80 too
    }

    @Test func sixtyOfSixtyCertifiesNinetyFivePercentAtTheLowestConfidence() throws {
        let predictions = Self.predictions("refund", correct: 60)
        let fit = ThresholdCalibrator.fit(predictions, intents: ["refund"], settings: ThresholdSettings())
        let thresholds = try #require(fit.perIntent["refund"])
        #expect(thresholds.source == "intent")
        #expect(thresholds.autoResolve == predictions.map(\.confidence).min())  // LB(60/60) = 0.9513
        #expect(thresholds.review == thresholds.autoResolve)
    }

    @Test func aThresholdStopsWhereTheEvidenceStopsSupportingIt() throws {
        // 300 predictions: the top 150 all correct, then 100 with every tenth wrong, then 50 of
        // which half are wrong.
        var predictions = (0..<150).map { OutOfSamplePrediction(predictedIntent: "a", confidence: 0.99 - Double($0) * 0.001, correct: true) }
        predictions += (0..<100).map { OutOfSamplePrediction(predictedIntent: "a", confidence: 0.80 - Double($0) * 0.001, correct: $0 % 10 != 5) }
        predictions += (0..<50).map { OutOfSamplePrediction(predictedIntent: "a", confidence: 0.60 - Double($0) * 0.001, correct: $0 % 2 == 0) }
        let fit = ThresholdCalibrator.fit(predictions, intents: ["a"], settings: ThresholdSettings())
        let thresholds = try #require(fit.perIntent["a"])
        let auto = try #require(thresholds.autoResolve)
        let review = try #require(thresholds.review)
        #expect(review < auto)
        // Brute force. Auto-resolve: the set above certifies 0.95, nothing lower does.
        #expect(Self.lowerBoundAbove(auto, in: predictions) >= 0.95)
        for lower in Set(predictions.map(\.confidence)) where lower < auto {
            #expect(Self.lowerBoundAbove(lower, in: predictions) < 0.95)
        }
        // Review judges the band tier 2 would answer, [review, auto): it certifies 0.80, no lower start does.
        let band = predictions.filter { $0.confidence < auto }
        #expect(Self.lowerBoundAbove(review, in: band) >= 0.80)
        for lower in Set(band.map(\.confidence)) where lower < review {
            #expect(Self.lowerBoundAbove(lower, in: band) < 0.80)
        }
    }

    static func lowerBoundAbove(_ threshold: Double, in predictions: [OutOfSamplePrediction], bound: PrecisionBound = .clopperPearson) -> Double {
        let covered = predictions.filter { $0.confidence >= threshold }
        return bound.lowerBound(successes: covered.filter(\.correct).count, trials: covered.count, level: 0.95)
    }

    static func observedPrecisionAbove(_ threshold: Double, in predictions: [OutOfSamplePrediction]) -> Double {
        let covered = predictions.filter { $0.confidence >= threshold }
        return covered.isEmpty ? 1 : Double(covered.filter(\.correct).count) / Double(covered.count)
    }

    /// For every auto-resolve threshold t an intent gets: its own record above t meets the target,
    /// and a bound certifies t — its own evidence's, or the pooled evidence's at a pooled threshold
    /// at or below t. A thin intent gets exactly the pooled thresholds; nil means nothing certified.
    @Test(arguments: [(UInt64(1), PrecisionBound.clopperPearson), (2, .clopperPearson), (3, .wilson), (4, .wilson), (5, .clopperPearson)])
    func thresholdsNeverCertifyWhatTheBoundDoesNotSupport(seed: UInt64, bound: PrecisionBound) throws {
        var generator = SeededGenerator(seed: seed)
        let intents = ["a", "b", "c", "d", "e"]
        var predictions: [OutOfSamplePrediction] = []
        for intent in intents {
            let skill = Double.random(in: 0.5...4, using: &generator)
            for _ in 0..<Int.random(in: 0...300, using: &generator) {
                // Coarse confidences make ties; accuracy rises with confidence.
                let confidence = (Double.random(in: 0.2...1, using: &generator) * 50).rounded() / 50
                let correct = Double.random(in: 0..<1, using: &generator) < pow(confidence, 1 / skill)
                predictions.append(.init(predictedIntent: intent, confidence: confidence, correct: correct))
            }
        }
        let settings = ThresholdSettings(autoResolveTarget: 0.9, reviewTarget: 0.7, bound: bound, minimumEvidence: 40, floor: 0)
        let fit = ThresholdCalibrator.fit(predictions, intents: intents, settings: settings)
        let pooledThreshold = Set(predictions.map(\.confidence)).filter { Self.lowerBoundAbove($0, in: predictions, bound: bound) >= 0.9 }.min()
        #expect(fit.fallback.autoResolve == pooledThreshold)
        var certified = 0
        for intent in intents {
            let thresholds = try #require(fit.perIntent[intent])
            let own = predictions.filter { $0.predictedIntent == intent }
            if let auto = thresholds.autoResolve, let review = thresholds.review { #expect(review <= auto) }
            guard own.count >= 40 else {
                #expect(thresholds == fit.fallback)
                continue
            }
            #expect(thresholds.evidence == own.count)
            guard let auto = thresholds.autoResolve else { continue }
            certified += 1
            #expect(Self.observedPrecisionAbove(auto, in: own) >= 0.9, "\(intent) \(auto): own record below target")
            let ownBound = Self.lowerBoundAbove(auto, in: own, bound: bound)
            let pooledBound = pooledThreshold.map { $0 <= auto } ?? false
            #expect(ownBound >= 0.9 || pooledBound, "\(intent) \(auto) is certified by no bound")
        }
        #expect(certified > 0, "the generated sets should certify something")
    }

    @Test func byDefaultNoThresholdIsBelowOneHalf() throws {
        // An easy corpus certifies a pooled threshold far below 0.5; the default floor holds it at 0.5.
        let predictions = Self.predictions("a", correct: 400, from: 0.99, to: 0.1) + Self.predictions("b", correct: 400, from: 0.99, to: 0.1)
        let unfloored = ThresholdCalibrator.fit(predictions, intents: ["a", "b"], settings: ThresholdSettings(floor: 0))
        #expect((unfloored.fallback.autoResolve ?? 1) < 0.5)
        let fit = ThresholdCalibrator.fit(predictions, intents: ["a", "b"], settings: ThresholdSettings())
        for thresholds in Array(fit.perIntent.values) + [fit.fallback] {
            #expect(thresholds.autoResolve == 0.5)
            #expect(thresholds.review == 0.5)
        }
        #expect(PolicyFile().thresholdFloor == 0.5)
    }

    @Test func aWeakIntentIsRaisedAboveThePooledThreshold() throws {
        // Strong intents make the pooled threshold 0.5-ish; "weak" is often wrong in the middle.
        var predictions: [OutOfSamplePrediction] = []
        for intent in ["s1", "s2", "s3"] { predictions += Self.predictions(intent, correct: 300, wrong: 6, from: 0.99, to: 0.5) }
        let weak = (0..<200).map { index -> OutOfSamplePrediction in
            let confidence = 0.99 - Double(index) * 0.0025
            return OutOfSamplePrediction(predictedIntent: "weak", confidence: confidence, correct: confidence > 0.8 || index % 3 == 0)
        }
        let fit = ThresholdCalibrator.fit(predictions + weak, intents: ["s1", "s2", "s3", "weak"], settings: ThresholdSettings())
        let pooled = try #require(fit.fallback.autoResolve)
        let raised = try #require(fit.perIntent["weak"]?.autoResolve)
        #expect(raised > pooled)
        #expect(raised > 0.75)
        #expect(fit.perIntent["weak"]?.source == "intent")
        #expect(Self.observedPrecisionAbove(raised, in: weak) >= 0.95)
    }

    @Test func thinIntentsGetThePooledThresholds() throws {
        let predictions = Self.predictions("a", correct: 100, wrong: 2) + Self.predictions("b", correct: 80) + Self.predictions("thin", correct: 5, wrong: 5)
        let fit = ThresholdCalibrator.fit(predictions, intents: ["a", "b", "thin", "unseen"], settings: ThresholdSettings())
        #expect(fit.fallback.source == "pooled")
        #expect(fit.fallback.evidence == 192)
        for intent in ["thin", "unseen"] {
            let thresholds = try #require(fit.perIntent[intent])
            #expect(thresholds == fit.fallback)
        }
        #expect(fit.perIntent["a"]?.source == "intent")
        #expect(fit.perIntent["a"]?.evidence == 102)
        #expect(fit.perIntent["b"]?.evidence == 80)
        // The pooled set includes thin's five mistakes at the bottom, so its threshold is higher than b's.
        let pooled = try #require(fit.fallback.autoResolve)
        let own = try #require(fit.perIntent["b"]?.autoResolve)
        #expect(pooled > own)
    }

    /// The lowest distinct confidence whose set above it has a Clopper–Pearson bound ≥ target, by brute force.
    static func lowestCertified(in predictions: [OutOfSamplePrediction], target: Double) -> Double? {
        Set(predictions.map(\.confidence)).filter { lowerBoundAbove($0, in: predictions) >= target }.min()
    }

    @Test func overridesUseTheirTargetsOnTheRightEvidence() throws {
        // 600 predictions from 0.999 down to 0.400, wrong at positions 450 and 599.
        let refund = (0..<600).map {
            OutOfSamplePrediction(predictedIntent: "refund", confidence: 0.999 - Double($0) * 0.001, correct: $0 != 450 && $0 != 599)
        }
        let billing = Self.predictions("billing", correct: 10)
        let all = refund + billing
        let settings = ThresholdSettings(floor: 0, overrides: [
            "refund": TargetOverride(autoResolveTarget: 0.99), "billing": TargetOverride(autoResolveTarget: 0.99, reviewTarget: 0.9),
        ])
        let fit = ThresholdCalibrator.fit(all, intents: ["refund", "billing"], settings: settings)
        let plain = ThresholdCalibrator.fit(all, intents: ["refund", "billing"], settings: ThresholdSettings(floor: 0))

        let strict = try #require(fit.perIntent["refund"])
        #expect(strict.source == "override")
        #expect(strict.evidence == 600)
        let strictAuto = try #require(strict.autoResolve)
        #expect(strictAuto == Self.lowestCertified(in: refund, target: 0.99))
        let plainAuto = try #require(plain.perIntent["refund"]?.autoResolve)
        #expect(plainAuto == Self.lowestCertified(in: refund, target: 0.95))
        #expect(strictAuto > plainAuto)
        #expect(strict.review == plain.perIntent["refund"]?.review)  // review target not overridden

        // Too thin for its own thresholds: the override's targets on the pooled evidence.
        let thin = try #require(fit.perIntent["billing"])
        #expect(thin.source == "override")
        #expect(thin.evidence == 610)
        #expect(thin.autoResolve == Self.lowestCertified(in: all, target: 0.99))
        #expect(thin.review == Self.lowestCertified(in: all, target: 0.9))
        #expect(plain.perIntent["billing"]?.source == "pooled")
    }

    @Test func floorAndCeilingClampFittedThresholds() throws {
        let predictions = Self.predictions("a", correct: 200, from: 0.99, to: 0.70)
            + Self.predictions("a", correct: 0, wrong: 100, from: 0.69, to: 0.10)
        let free = try #require(ThresholdCalibrator.fit(predictions, intents: ["a"], settings: ThresholdSettings()).perIntent["a"])
        let freeAuto = try #require(free.autoResolve)
        // A few mistakes just below 0.70 are absorbed by 200 right answers above it.
        #expect(freeAuto == Self.lowestCertified(in: predictions, target: 0.95))
        #expect(freeAuto > 0.6 && freeAuto <= 0.70)
        let floored = try #require(ThresholdCalibrator.fit(predictions, intents: ["a"], settings: ThresholdSettings(floor: 0.8)).perIntent["a"])
        #expect(floored.autoResolve == 0.8)
        #expect(floored.review == 0.8)
        let capped = try #require(ThresholdCalibrator.fit(predictions, intents: ["a"], settings: ThresholdSettings(ceiling: 0.5)).perIntent["a"])
        #expect(capped.autoResolve == 0.5)
        #expect(capped.review.map { $0 <= 0.5 } == true)
        // Nothing certified stays nil: a floor or ceiling never invents a threshold.
        let hopeless = Self.predictions("a", correct: 10, wrong: 90)
        let none = try #require(
            ThresholdCalibrator.fit(hopeless, intents: ["a"], settings: ThresholdSettings(floor: 0.2, ceiling: 0.5)).perIntent["a"])
        #expect(none.autoResolve == nil)
        #expect(none.review == nil)
    }

    @Test func reviewIsNeverAboveAutoResolve() throws {
        // Review target above the auto-resolve target (inconsistent settings) still yields review ≤ auto.
        let predictions = Self.predictions("a", correct: 95, wrong: 5, from: 0.99, to: 0.5)
        let settings = ThresholdSettings(autoResolveTarget: 0.85, reviewTarget: 0.99)
        let thresholds = try #require(ThresholdCalibrator.fit(predictions, intents: ["a"], settings: settings).perIntent["a"])
        let auto = try #require(thresholds.autoResolve)
        #expect(thresholds.review == auto)
    }

    @Test func noPredictionsMeansNoThresholds() {
        let fit = ThresholdCalibrator.fit([], intents: ["a"], settings: ThresholdSettings())
        #expect(fit.fallback == TierPolicy.Thresholds(autoResolve: nil, review: nil, evidence: 0, source: "pooled"))
        #expect(fit.perIntent["a"] == fit.fallback)
    }
}
