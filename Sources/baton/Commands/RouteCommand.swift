import BatonRouter
import Foundation

/// `baton route [--models DIR] [--version V] [TEXT ...]`: the router's decision for each
/// message, one JSON line per message on stdout.
///
/// Without TEXT it reads stdin line by line and writes each decision as soon as it is made
/// (every input line gives exactly one output line, blank ones included), so it can sit in a
/// pipe or check a model by hand. Loads `current` (or the pinned `--version`) through the same
/// verified path as a live router.
enum RouteCommand {
    static func run(_ raw: [String]) throws -> ExitCode {
        var arguments = try ArgumentList(raw, valueOptions: Locations.valueOptions.union(["version"]))
        let locations = Locations(&arguments)
        let version = arguments.option("version")
        try arguments.finish(maxPositionals: Int.max)
        let router: IntentRouter
        if let version {
            guard isVersionName(version) else {
                throw UsageError("--version must name a published version such as v7, got '\(version)'")
            }
            router = try IntentRouter(versionFolder: locations.models.appendingPathComponent(version, isDirectory: true))
        } else {
            router = try IntentRouter(modelsDirectory: locations.models)
        }
        if !arguments.positionals.isEmpty {
            for text in arguments.positionals { Console.output(try JSONLine.encode(router.decide(text))) }
            return .success
        }
        while let line = readLine(strippingNewline: true) {
            Console.output(try JSONLine.encode(router.decide(line)))
        }
        return .success
    }

    /// "v" followed by a positive number without leading zeros, the registry's version names;
    /// anything else (a path, "..") is refused before it reaches the file system.
    static func isVersionName(_ name: String) -> Bool {
        let digits = name.utf8.dropFirst()
        guard name.utf8.first == UInt8(ascii: "v"), let first = digits.first, first != UInt8(ascii: "0") else { return false }
        return digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
