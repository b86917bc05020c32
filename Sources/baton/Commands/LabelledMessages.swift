import BatonData
import Foundation

/// Texts and their true intents from a labelled file, for evaluating versions.
struct LabelledMessages {
    var texts: [String]
    var intents: [String]
    /// Rows of the file that could not be used (malformed, or without an intent).
    var skipped: Int
    var description: String

    /// Reads a transcripts file (CSV `text,intent` at least, or JSON Lines); rows without an
    /// intent and malformed rows are skipped and reported on stderr.
    static func read(file path: String) throws -> LabelledMessages {
        var texts: [String] = []
        var intents: [String] = []
        var skipped = 0
        for row in try TranscriptFile.read(at: URL(fileURLWithPath: path)) {
            switch row {
            case .record(let record, _, _):
                guard let intent = record.finalIntent else {
                    skipped += 1
                    continue
                }
                texts.append(record.text)
                intents.append(intent)
            case .malformed(let line, _, let reason):
                skipped += 1
                Console.error("baton: \(path):\(line): skipped: \(reason)")
            }
        }
        return LabelledMessages(texts: texts, intents: intents, skipped: skipped, description: (path as NSString).lastPathComponent)
    }
}
