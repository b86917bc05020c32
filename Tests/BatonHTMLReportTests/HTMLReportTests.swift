import BatonComparison
import BatonHTMLReport
import BatonModel
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("HTML reports: self-contained, escaped, one SVG per chart")
struct HTMLReportTests {
    static let malicious = "<img src=x onerror=alert(1)>"
    static let intents = ["billing", "cancel", malicious, "refund_&_returns"]

    static func predictions(_ version: String, seed: UInt64, truth: [String]) -> VersionPredictions {
        var state = seed
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var probabilities: [Double] = []
        for intent in truth {
            let right = next() < 0.8
            let predicted = right ? intent : intents[Int(next() * Double(intents.count)) % intents.count]
            let confidence = 0.4 + 0.59 * next()
            let rest = (1 - confidence) / Double(intents.count - 1)
            probabilities += intents.map { $0 == predicted ? confidence : rest }
        }
        let policy = TierPolicy(thresholds: [malicious: .init(autoResolve: seed == 1 ? 0.9 : 0.7, review: 0.5, evidence: 30, source: "intent")])
        return VersionPredictions(version: version, intents: intents, probabilities: probabilities, policy: policy)
    }

    static func comparisonReport() throws -> ComparisonReport {
        let truth = (0..<240).map { intents[$0 % intents.count] }
        return try VersionComparison.compare(
            a: predictions("v1", seed: 1, truth: truth), b: predictions("v2", seed: 2, truth: truth), trueIntents: truth,
            bootstrapSamples: 200)
    }

    static let trend = [
        VersionTrendPoint(version: "v1", createdAt: "2026-12-01T02:00:00Z", macroF1: 0.81, tier1Coverage: 0.55, tier1Precision: 0.96),
        VersionTrendPoint(version: "v2", createdAt: "2026-12-02T02:00:00Z", macroF1: 0.84, tier1Coverage: nil, tier1Precision: nil),
        VersionTrendPoint(version: "v3", createdAt: "2026-12-03T02:00:00Z", macroF1: 0.83, tier1Coverage: 0.61, tier1Precision: 0.95),
    ]

    /// Checks every rule of a self-contained, safe report.
    static func checkSafe(_ html: String, charts: Int) throws {
        let lower = html.lowercased()
        #expect(!lower.contains("<script"))
        #expect(!lower.contains("http://") && !lower.contains("https://"))
        for external in ["<link", "<img", "<iframe", "<object", "<embed", " src=\"", " href=", "url(", "@import"] {
            #expect(!lower.contains(external), "found \(external)")
        }
        // No event-handler attribute anywhere: every "onerror" is inside escaped text.
        #expect(!html.contains(" onerror=alert(1)>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("refund_&amp;_returns") && !html.contains("refund_&_returns"))
        #expect(html.components(separatedBy: "<svg").count - 1 == charts)
        #expect(html.components(separatedBy: "</svg>").count - 1 == charts)
        #expect(html.components(separatedBy: "<table").count == html.components(separatedBy: "</table>").count)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        try checkSVGWellFormed(html)
    }

    /// Each `<svg>…</svg>` must be well-formed XML: an unescaped `<` or `&` from a name breaks it.
    static func checkSVGWellFormed(_ html: String) throws {
        #if canImport(FoundationXML)
            var rest = Substring(html)
            while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
                let fragment = String(rest[start.lowerBound..<end.upperBound])
                let parser = XMLParser(data: Data(fragment.utf8))
                #expect(parser.parse(), "SVG is not well-formed: \(parser.parserError.map { "\($0)" } ?? "?")")
                rest = rest[end.upperBound...]
            }
        #endif
    }

    @Test("comparison report: safe, self-contained, five charts with axes and legends")
    func comparisonSafe() throws {
        let report = try Self.comparisonReport()
        let html = HTMLReport.comparison(
            report, trend: Self.trend, messages: (0..<240).map { "message \($0) with <b>markup</b> & \"quotes\"" },
            dataDescription: "holdout of <store>", generatedAt: "2026-12-04T02:00:00Z")
        // Two reliability diagrams, risk–coverage, the trend, per-intent F1.
        try Self.checkSafe(html, charts: 5)
        #expect(!html.contains("<b>markup</b>") && html.contains("&lt;b&gt;markup&lt;/b&gt;"))
        #expect(html.contains("holdout of &lt;store&gt;"))
        for label in ["top-label confidence", "accuracy in bin", "perfect calibration", "coverage (share answered", "risk (error rate",
            "tier-1 operating point", "macro-F1", "tier-1 coverage", "F1 score", "Δ F1", "McNemar"]
        {
            #expect(html.contains(label), "missing \(label)")
        }
        #expect(html.contains("95% bootstrap interval"))
        // The malicious intent's threshold moved, so it is named in the threshold table too.
        #expect(report.thresholdChanges.contains { $0.intent == Self.malicious })
    }

    @Test("evaluation report: safe, self-contained, four charts")
    func evaluationSafe() throws {
        let truth = (0..<200).map { Self.intents[$0 % Self.intents.count] }
        let evaluation = try VersionEvaluation.evaluate(Self.predictions("v3", seed: 3, truth: truth), trueIntents: truth)
        let html = HTMLReport.evaluation(evaluation, trend: Self.trend, dataDescription: "test.csv")
        try Self.checkSafe(html, charts: 4)
        #expect(html.contains("Model evaluation: v3"))
        let withoutTrend = HTMLReport.evaluation(evaluation)
        #expect(withoutTrend.components(separatedBy: "<svg").count - 1 == 3)
    }

    @Test("a hostile version name is escaped in text and attributes")
    func hostileVersionName() throws {
        var report = try Self.comparisonReport()
        report.b.version = #"v2" onload="x'><script>alert(1)</script>"#
        let html = HTMLReport.comparison(report, trend: [])
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains(#"" onload=""#))
        #expect(html.contains("&quot; onload=&quot;x&#39;&gt;&lt;script&gt;"))
        try Self.checkSVGWellFormed(html)
    }

    @Test("bars and counts follow the data: one reliability bar per non-empty bin, labelled with its count")
    func reliabilityBarsMatchBins() throws {
        let report = try Self.comparisonReport()
        let html = HTMLReport.comparison(report)
        let start = try #require(html.range(of: "<svg"))
        let end = try #require(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
        let firstChart = String(html[start.lowerBound..<end.upperBound])
        let nonEmpty = report.a.reliability.bins.filter { $0.count > 0 }
        #expect(firstChart.components(separatedBy: "fill-opacity=\"0.85\"><title>").count - 1 == nonEmpty.count)
        for bin in nonEmpty { #expect(firstChart.contains(">\(bin.count)</text>")) }
        #expect(nonEmpty.map(\.count).reduce(0, +) == 240)
    }
}
