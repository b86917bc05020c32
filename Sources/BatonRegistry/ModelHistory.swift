import Foundation
import Glibc

/// The append-only log of what happened to the versions of a models folder, `history.jsonl`.
///
/// One JSON line per ``HistoryEvent``, appended with `O_APPEND` and fsynced, so a line is
/// either wholly there or (after a crash mid-write) a torn last line. Readers skip a torn last
/// line and report it; the next append first ends it with a newline, so it stays one bad line
/// of its own instead of corrupting the new one. Lines are never rewritten: the history is the
/// audit trail of who changed what the routers serve.
public struct ModelHistory: Sendable {
    public static let fileName = "history.jsonl"

    public let url: URL

    public init(directory: URL) {
        url = directory.appendingPathComponent(Self.fileName)
    }

    /// What reading the history found.
    public struct Reading: Sendable, Hashable {
        /// Events in file order (oldest first).
        public var events: [HistoryEvent]
        /// The bytes of an unfinished last line (a crash mid-append), skipped; nil if none.
        public var tornLastLine: String?
        /// 1-based numbers of other lines that are not valid events, skipped.
        public var damagedLines: [Int]

        /// The version the last event that moved `current` points at.
        public var current: String? { events.last(where: \.movedCurrent)?.version }

        /// Warnings a reader should show: torn or damaged lines, with what to do.
        public var problems: [String] {
            var lines: [String] = []
            if let torn = tornLastLine {
                lines.append("the last line of the history is unfinished (a crash while appending) and was skipped: \(torn.prefix(80))")
            }
            if !damagedLines.isEmpty {
                lines.append("history lines \(damagedLines.map(String.init).joined(separator: ", ")) are not valid events and were skipped")
            }
            return lines
        }
    }

    /// The user running the command ($USER), or "cron" when there is none (cron sets no USER).
    public static func defaultActor(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        guard let user = environment["USER"]?.trimmingCharacters(in: .whitespacesAndNewlines), !user.isEmpty else { return "cron" }
        return user
    }

    /// Reads every event. A missing file is an empty history.
    public func read() throws(HistoryError) -> Reading {
        let path = url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            if !FileManager.default.fileExists(atPath: path) { return Reading(events: [], tornLastLine: nil, damagedLines: []) }
            throw .unreadable(path: path, reason: "\(error.localizedDescription)")
        }
        return Self.parse(Array(data))
    }

    static func parse(_ bytes: [UInt8]) -> Reading {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // A file that ends with a newline splits into a last empty piece; a file that does not
        // ends with an unfinished line.
        let unfinished = lines.last.map { !$0.isEmpty } ?? false
        let last = lines.popLast()
        let decoder = JSONDecoder()
        var events: [HistoryEvent] = []
        var damaged: [Int] = []
        for (index, line) in lines.enumerated() {
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) { continue }
            if let event = try? decoder.decode(HistoryEvent.self, from: Data(line)) {
                events.append(event)
            } else {
                damaged.append(index + 1)
            }
        }
        var torn: String?
        if unfinished, let last {
            // Cut exactly before its newline, the line is complete and counts.
            if let event = try? decoder.decode(HistoryEvent.self, from: Data(last)) {
                events.append(event)
            } else {
                torn = String(decoding: last, as: UTF8.self)
            }
        }
        return Reading(events: events, tornLastLine: torn, damagedLines: damaged)
    }

    /// Appends one event as one line and fsyncs it (and the folder, when the file is new).
    public func append(_ event: HistoryEvent) throws(HistoryError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let encoded: Data
        do {
            encoded = try encoder.encode(event)
        } catch {
            throw .unencodable(reason: "\(error)")
        }
        let path = url.path
        var status = stat()
        let existed = lstat(path, &status) == 0
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.failure(path, "open", errno) }
        defer { close(descriptor) }

        var bytes = Array(encoded) + [UInt8(ascii: "\n")]
        // End a torn last line first, so the new event starts a line of its own.
        guard fstat(descriptor, &status) == 0 else { throw Self.failure(path, "fstat", errno) }
        if status.st_size > 0 {
            var lastByte: UInt8 = 0
            let count = pread(descriptor, &lastByte, 1, status.st_size - 1)
            if count == 1, lastByte != UInt8(ascii: "\n") { bytes.insert(UInt8(ascii: "\n"), at: 0) }
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Self.failure(path, "write", errno)
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw Self.failure(path, "fsync", errno) }
        if !existed {
            let folder = url.deletingLastPathComponent().path
            let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard directory >= 0 else { throw Self.failure(folder, "open", errno) }
            defer { close(directory) }
            guard fsync(directory) == 0 else { throw Self.failure(folder, "fsync", errno) }
        }
    }

    private static func failure(_ path: String, _ operation: String, _ code: Int32) -> HistoryError {
        .unwritable(path: path, operation: operation, reason: String(cString: strerror(code)))
    }
}
