import BatonCore

/// Turns labelled conversations into deduplicated, split training examples.
///
/// Pure and independent of row order: the same conversations and corrections give the
/// same `CollectedExamples`, byte for byte, however they were inserted. Strings are
/// ordered by their UTF-8 bytes (as SQLite's BINARY collation does), never by locale.
enum ExampleSelection {
    /// One conversation as collect needs it.
    struct Conversation {
        var id: String
        var text: String
        var finalIntent: String?
        var resolvedAt: String?
    }

    /// An agent's correction of a conversation's intent.
    struct Correction {
        var conversationID: String
        var intent: String
        var ratedAt: String?
        var sequence: Int64
    }

    static func select(
        conversations: [Conversation], corrections: [Correction], holdoutPercent: Int
    ) -> CollectedExamples {
        // The latest correction of each conversation: by rated_at (undated counts as
        // oldest), then by ingestion order.
        var latestCorrection: [String: Correction] = [:]
        for correction in corrections {
            if let current = latestCorrection[correction.conversationID],
                !isLater(correction, than: current)
            {
                continue
            }
            latestCorrection[correction.conversationID] = correction
        }

        struct Member {
            var id: String
            var label: String
            var resolvedAt: String
        }
        // Keyed by UTF-8 bytes: "exact duplicate" means byte-identical after trimming.
        var groups: [[UInt8]: [Member]] = [:]
        var labelled = 0
        var correctionsApplied = 0
        for conversation in conversations {
            let corrected = latestCorrection[conversation.id]?.intent
            guard let label = corrected ?? conversation.finalIntent else { continue }
            labelled += 1
            if let corrected, corrected != conversation.finalIntent { correctionsApplied += 1 }
            groups[Array(trimmed(conversation.text).utf8), default: []].append(
                Member(id: conversation.id, label: label, resolvedAt: conversation.resolvedAt ?? ""))
        }

        var train: [LabeledExample] = []
        var holdout: [LabeledExample] = []
        var duplicatesCollapsed = 0
        var conflictingTexts = 0
        for (textBytes, members) in groups {
            duplicatesCollapsed += members.count - 1
            var votes: [String: Int] = [:]
            for member in members { votes[member.label, default: 0] += 1 }
            if votes.count > 1 { conflictingTexts += 1 }
            let topVotes = votes.values.max() ?? 0
            // Majority wins; a tie goes to the most recently resolved conversation among
            // the tied labels (resolved_at, then id).
            let tiedMembers = members.filter { votes[$0.label] == topVotes }
            var winner = tiedMembers[0]
            for member in tiedMembers.dropFirst()
            where isMoreRecent(member.resolvedAt, member.id, than: winner.resolvedAt, winner.id) {
                winner = member
            }
            var exampleID = members[0].id
            for member in members.dropFirst() where precedes(member.id, exampleID) { exampleID = member.id }
            let example = LabeledExample(
                id: exampleID, text: String(decoding: textBytes, as: UTF8.self), intent: winner.label)
            if isHoldout(id: exampleID, percent: holdoutPercent) {
                holdout.append(example)
            } else {
                train.append(example)
            }
        }
        train.sort { precedes($0.id, $1.id) }
        holdout.sort { precedes($0.id, $1.id) }
        return CollectedExamples(
            train: train, holdout: holdout, labelled: labelled, duplicatesCollapsed: duplicatesCollapsed,
            conflictingTexts: conflictingTexts, correctionsApplied: correctionsApplied,
            fingerprint: fingerprint(train: train, holdout: holdout))
    }

    /// Whether the example goes to the holdout set: the first 8 bytes of
    /// SHA-256("holdout:" + id), big-endian, mod 100, below `percent`. Depends on the id
    /// alone, so an example stays on its side night after night.
    static func isHoldout(id: String, percent: Int) -> Bool {
        let digest = SHA256.hash(Array(("holdout:" + id).utf8))
        var value: UInt64 = 0
        for byte in digest.prefix(8) { value = value << 8 | UInt64(byte) }
        return value % 100 < UInt64(max(0, percent))
    }

    /// SHA-256 hex over one `split\tintent\ttext\n` line per example, train then holdout,
    /// each sorted by id. In the text, `\`, tab, LF and CR are written as `\\`, `\t`,
    /// `\n`, `\r`, so that no two different data sets share a byte stream.
    static func fingerprint(train: [LabeledExample], holdout: [LabeledExample]) -> String {
        var hasher = SHA256()
        for (split, examples) in [("train", train), ("holdout", holdout)] {
            for example in examples {
                var line = Array("\(split)\t\(example.intent)\t".utf8)
                for byte in example.text.utf8 {
                    switch byte {
                    case UInt8(ascii: "\\"): line += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                    case 0x09: line += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                    case 0x0A: line += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                    case 0x0D: line += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                    default: line.append(byte)
                    }
                }
                line.append(0x0A)
                line.withUnsafeBytes { hasher.update(bytes: $0) }
            }
        }
        return hexString(hasher.finalize())
    }

    /// `a` sorts before `b` by UTF-8 bytes.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private static func isLater(_ a: Correction, than b: Correction) -> Bool {
        let aDate = a.ratedAt ?? ""
        let bDate = b.ratedAt ?? ""
        if aDate != bDate { return precedes(bDate, aDate) }
        return a.sequence > b.sequence
    }

    private static func isMoreRecent(_ aDate: String, _ aID: String, than bDate: String, _ bID: String) -> Bool {
        if aDate != bDate { return precedes(bDate, aDate) }
        return precedes(bID, aID)
    }

    /// `text` without surrounding whitespace and line breaks.
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first...last])
    }
}
