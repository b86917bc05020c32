import BatonJob
import Foundation
import Testing

@Suite("Prometheus textfile")
struct PrometheusTextfileTests {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    /// A strict line-by-line reader of the text exposition format: every line is a HELP, a
    /// TYPE or a `name{labels} value` sample whose metric was announced by both first.
    static func parse(_ text: String) throws -> [Sample] {
        #expect(text.hasSuffix("\n"))
        var helped: Set<String> = []
        var typed: Set<String> = []
        var samples: [Sample] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("# HELP ") {
                let name = line.dropFirst(7).split(separator: " ", maxSplits: 1)
                #expect(name.count == 2, "HELP without text: \(line)")
                helped.insert(String(name[0]))
                continue
            }
            if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ")
                #expect(parts.count == 2 && parts[1] == "gauge", "\(line)")
                typed.insert(String(parts[0]))
                continue
            }
            let space = try #require(line.lastIndex(of: " "), "no value: \(line)")
            let series = line[..<space]
            let value = try #require(Double(line[line.index(after: space)...]), "bad value: \(line)")
            var name = String(series)
            var labels: [String: String] = [:]
            if let brace = series.firstIndex(of: "{") {
                #expect(series.hasSuffix("}"), "\(line)")
                name = String(series[..<brace])
                let body = series[series.index(after: brace)..<series.index(before: series.endIndex)]
                for pair in body.split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    let quoted = try #require(parts.count == 2 ? parts[1] : nil)
                    #expect(quoted.hasPrefix("\"") && quoted.hasSuffix("\""), "\(line)")
                    labels[String(parts[0])] = String(quoted.dropFirst().dropLast())
                }
            }
            #expect(name.range(of: #"^[a-zA-Z_:][a-zA-Z0-9_:]*$"#, options: .regularExpression) != nil, "bad name \(name)")
            #expect(helped.contains(name) && typed.contains(name), "\(name) sampled before its HELP and TYPE")
            samples.append(Sample(name: name, labels: labels, value: value))
        }
        return samples
    }

    static let metrics = PrometheusTextfile.Metrics(
        lastRunAt: Date(timeIntervalSince1970: 1_796_000_013.6), status: .rejected,
        lastPublishAt: Date(timeIntervalSince1970: 1_795_900_000), macroF1: 0.8731, tier1Precision: 0.962, tier1Coverage: 0.58,
        trainRows: 9003, phaseSeconds: ["train": 41.5, "features": 2.25, "total": 50])

    @Test("every line parses; values and labels are the run's")
    func parsesLineByLine() throws {
        let samples = try Self.parse(PrometheusTextfile.render(Self.metrics))
        func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
            samples.first { $0.name == name && $0.labels == labels }?.value
        }
        #expect(value("baton_last_run_timestamp_seconds") == 1_796_000_013)
        #expect(value("baton_last_run_success") == 1)
        #expect(value("baton_last_run_status", ["status": "rejected"]) == 1)
        for other in ["published", "skipped", "written", "failed"] { #expect(value("baton_last_run_status", ["status": other]) == 0) }
        #expect(value("baton_last_publish_timestamp_seconds") == 1_795_900_000)
        #expect(value("baton_model_macro_f1") == 0.8731)
        #expect(value("baton_model_tier1_precision") == 0.962)
        #expect(value("baton_model_tier1_coverage") == 0.58)
        #expect(value("baton_train_rows") == 9003)
        #expect(value("baton_run_duration_seconds", ["phase": "train"]) == 41.5)
        #expect(value("baton_run_duration_seconds", ["phase": "total"]) == 50)
        #expect(samples.count == 1 + 1 + 5 + 1 + 3 + 1 + 3)
    }

    @Test("a failed run without a model reports failure and omits the model gauges")
    func failedRun() throws {
        let text = PrometheusTextfile.render(.init(lastRunAt: Date(timeIntervalSince1970: 1_796_000_000), status: .failed))
        let samples = try Self.parse(text)
        #expect(samples.first { $0.name == "baton_last_run_success" }?.value == 0)
        #expect(samples.first { $0.labels == ["status": "failed"] }?.value == 1)
        #expect(!text.contains("baton_model_macro_f1") && !text.contains("baton_run_duration_seconds"))
    }

    @Test("written atomically over an existing file, no temporary left behind")
    func writesAtomically() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baton-prom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("baton.prom")
        try "stale\n".write(to: url, atomically: false, encoding: .utf8)
        try PrometheusTextfile.write(metrics: Self.metrics, to: url)
        let written = try String(contentsOf: url, encoding: .utf8)
        #expect(written == PrometheusTextfile.render(Self.metrics))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["baton.prom"])
        #expect(throws: PrometheusTextfile.WriteError.self) {
            try PrometheusTextfile.write(metrics: Self.metrics, to: folder.appendingPathComponent("missing/baton.prom"))
        }
    }
}
