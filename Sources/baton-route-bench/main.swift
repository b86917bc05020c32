import BatonRouter
import Dispatch
import Foundation

/// Speed of the router on one model and one file of messages (one message per line); prints
/// JSON. A measurement, not a test: `bench/route_latency.py` runs it on BANKING77.
///
///     baton-route-bench MODEL_DIR MESSAGES.txt [--rounds N] [--loads N] [--batch-repeats N]
///
/// MODEL_DIR is a version folder or a models folder (its `current` is followed).
/// - load: wall time of a full verified load (read, SHA-256 every file, decode), median of
///   `--loads` (default 5);
/// - single: per-message latency of `decide(_:)` on one thread, warm, every message `--rounds`
///   times (default 20): p50, p90, p99, max, mean in microseconds;
/// - batch: throughput of `decide(_:)` on the whole array, all cores (median of
///   `--batch-repeats`, default 5), beside the single-thread throughput.
enum RouteBenchmark {
    struct Options {
        var model: URL
        var messages: URL
        var rounds = 20
        var loads = 5
        var batchRepeats = 5
    }

    struct Report: Encodable {
        struct Model: Encodable {
            var version: String
            var intents: Int
            var features: Int
            var temperature: Double
        }
        struct Load: Encodable {
            var medianSeconds: Double
            var runsSeconds: [Double]
        }
        struct Single: Encodable {
            var samples: Int
            var p50Microseconds: Double
            var p90Microseconds: Double
            var p99Microseconds: Double
            var maxMicroseconds: Double
            var meanMicroseconds: Double
            var messagesPerSecond: Double
        }
        struct Batch: Encodable {
            var messages: Int
            var cores: Int
            var medianSeconds: Double
            var messagesPerSecond: Double
        }
        var model: Model
        var messages: Int
        var meanCharacters: Double
        var load: Load
        var single: Single
        var batch: Batch
        /// Sum of all confidences seen: keeps the work from being optimised away, and lets two
        /// runs on the same inputs be compared.
        var checksum: Double
    }

    enum BenchError: Error, CustomStringConvertible {
        case usage(String)
        case unreadable(String, String)

        var description: String {
            switch self {
            case .usage(let message):
                return "\(message)\nusage: baton-route-bench MODEL_DIR MESSAGES.txt [--rounds N] [--loads N] [--batch-repeats N]"
            case .unreadable(let path, let reason):
                return "cannot read \(path): \(reason)"
            }
        }
    }

    static func options(_ arguments: [String]) throws -> Options {
        var positionals: [String] = []
        var numbers: [String: Int] = [:]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if ["--rounds", "--loads", "--batch-repeats"].contains(argument) {
                guard index + 1 < arguments.count, let value = Int(arguments[index + 1]), value > 0 else {
                    throw BenchError.usage("\(argument) needs a positive whole number")
                }
                numbers[argument] = value
                index += 2
            } else if argument.hasPrefix("--") {
                throw BenchError.usage("unknown option \(argument)")
            } else {
                positionals.append(argument)
                index += 1
            }
        }
        guard positionals.count == 2 else { throw BenchError.usage("expected MODEL_DIR and MESSAGES.txt") }
        var options = Options(model: URL(fileURLWithPath: positionals[0]), messages: URL(fileURLWithPath: positionals[1]))
        options.rounds = numbers["--rounds"] ?? options.rounds
        options.loads = numbers["--loads"] ?? options.loads
        options.batchRepeats = numbers["--batch-repeats"] ?? options.batchRepeats
        return options
    }

    /// A verified router for a version folder or a models folder.
    static func load(_ folder: URL) throws -> IntentRouter {
        let manifest = folder.appendingPathComponent("manifest.json").path
        return FileManager.default.fileExists(atPath: manifest)
            ? try IntentRouter(versionFolder: folder) : try IntentRouter(modelsDirectory: folder)
    }

    @inline(__always)
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// The value below which `fraction` of the sorted samples lie (nearest rank).
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(sorted.count - 1, max(0, rank))]
    }

    static func run(_ options: Options) throws -> Report {
        let text: String
        do {
            text = try String(contentsOf: options.messages, encoding: .utf8)
        } catch {
            throw BenchError.unreadable(options.messages.path, "\(error)")
        }
        var messages = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if messages.last == "" { messages.removeLast() }
        guard !messages.isEmpty else { throw BenchError.usage("\(options.messages.path) holds no messages") }

        var loadTimes: [Double] = []
        var router = try load(options.model)
        for _ in 0..<options.loads {
            let start = now()
            router = try load(options.model)
            loadTimes.append(Double(now() - start) / 1e9)
        }
        let manifest = router.currentManifest

        var checksum = 0.0
        for message in messages { checksum += router.decide(message).confidence }  // warm-up
        var latencies: [Double] = []
        latencies.reserveCapacity(messages.count * options.rounds)
        let singleStart = now()
        for _ in 0..<options.rounds {
            for message in messages {
                let start = now()
                let decision = router.decide(message)
                let end = now()
                checksum += decision.confidence
                latencies.append(Double(end - start) / 1e3)
            }
        }
        let singleSeconds = Double(now() - singleStart) / 1e9
        latencies.sort()

        var batchTimes: [Double] = []
        for _ in 0..<options.batchRepeats {
            let start = now()
            let decisions = router.decide(messages)
            batchTimes.append(Double(now() - start) / 1e9)
            checksum += decisions.reduce(0) { $0 + $1.confidence }
        }
        let batchSeconds = median(batchTimes)

        return Report(
            model: .init(
                version: manifest.version, intents: manifest.intents.count, features: manifest.featureCount,
                temperature: manifest.temperature),
            messages: messages.count,
            meanCharacters: Double(messages.reduce(0) { $0 + $1.count }) / Double(messages.count),
            load: .init(medianSeconds: median(loadTimes), runsSeconds: loadTimes),
            single: .init(
                samples: latencies.count, p50Microseconds: percentile(latencies, 0.5), p90Microseconds: percentile(latencies, 0.9),
                p99Microseconds: percentile(latencies, 0.99), maxMicroseconds: latencies.last ?? 0,
                meanMicroseconds: latencies.reduce(0, +) / Double(max(1, latencies.count)),
                messagesPerSecond: Double(latencies.count) / singleSeconds),
            batch: .init(
                messages: messages.count, cores: ProcessInfo.processInfo.activeProcessorCount, medianSeconds: batchSeconds,
                messagesPerSecond: Double(messages.count) / batchSeconds),
            checksum: checksum)
    }

    static func main() -> Int32 {
        do {
            let report = try run(options(Array(CommandLine.arguments.dropFirst())))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
            return 0
        } catch {
            FileHandle.standardError.write(Data("baton-route-bench: error: \(error)\n".utf8))
            return error is BenchError ? 2 : 3
        }
    }
}

exit(RouteBenchmark.main())
