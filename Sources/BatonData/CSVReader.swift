/// A streaming RFC 4180 CSV parser over UTF-8 bytes.
///
/// Written by hand rather than wrapping a C library so that each record carries what
/// quarantine needs: the 1-based line on which it starts and its raw text (without the
/// final line break). Field values are unquoted, with `""` collapsed and line breaks kept. It reads one
/// record per `next()` call and never stops at a bad record:
///
/// - Fields may be quoted; a quoted field can hold commas, doubled quotes (`""` is one
///   `"`) and line breaks (kept verbatim). Records end at LF, CRLF or a lone CR.
/// - A UTF-8 byte order mark at the start is skipped. Empty lines between records are
///   skipped (they are not records), so a trailing newline never produces a bad row.
/// - A quote inside an unquoted field, text after a closing quote, a record that is not
///   valid UTF-8, or (once `expectedFieldCount` is set) a wrong number of fields becomes a
///   `.malformed` row; parsing resumes at the next line.
/// - A quote that is never closed would swallow the rest of the file. Instead, the record
///   is reported as malformed up to the end of the line where the quote opened, and
///   parsing resumes on the following line, so one stray quote costs one row, not the file.
public struct CSVReader: Sequence, IteratorProtocol {
    private let bytes: [UInt8]
    private var position: Int
    private var line: Int

    /// When set, a record with a different number of fields is malformed. Set it to the
    /// header's column count after reading the header.
    public var expectedFieldCount: Int?

    /// A reader over raw file bytes (a leading UTF-8 BOM is skipped).
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        self.position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.line = 1
    }

    /// A reader over text already in memory.
    public init(text: String) {
        self.init(bytes: Array(text.utf8))
    }

    private static let quote: UInt8 = 0x22
    private static let comma: UInt8 = 0x2C
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    /// Reads the next record, or returns nil at the end of the input.
    public mutating func next() -> ParsedRow<[String]>? {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.lineFeed || byte == Self.carriageReturn {
                position = endOfLineBreak(at: position)
                line += 1
                continue
            }
            return readRecord()
        }
        return nil
    }

    /// Why a record's structure is broken, and where its raw text ends.
    private enum Breakage {
        case quoteInUnquotedField(field: Int)
        case textAfterClosingQuote(field: Int)
        case unterminatedQuote(field: Int, openedOnLine: Int, openedAt: Int)
    }

    private mutating func readRecord() -> ParsedRow<[String]> {
        let start = position
        let startLine = line
        var currentLine = line
        var index = position
        var fields: [String] = []
        var field: [UInt8] = []
        var breakage: Breakage?

        fieldLoop: while true {
            if index < bytes.count, bytes[index] == Self.quote {
                let openedAt = index
                let openedOnLine = currentLine
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == Self.quote {
                        if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                            field.append(Self.quote)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if byte == Self.lineFeed
                        || (byte == Self.carriageReturn && !(index + 1 < bytes.count && bytes[index + 1] == Self.lineFeed))
                    {
                        currentLine += 1
                    }
                    field.append(byte)
                    index += 1
                }
                if !closed {
                    breakage = .unterminatedQuote(field: fields.count + 1, openedOnLine: openedOnLine, openedAt: openedAt)
                    break fieldLoop
                }
                if index >= bytes.count { break fieldLoop }
                let byte = bytes[index]
                if byte == Self.comma {
                    fields.append(String(decoding: field, as: UTF8.self))
                    field.removeAll(keepingCapacity: true)
                    index += 1
                    continue fieldLoop
                }
                if byte == Self.lineFeed || byte == Self.carriageReturn { break fieldLoop }
                breakage = .textAfterClosingQuote(field: fields.count + 1)
                break fieldLoop
            } else {
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == Self.comma || byte == Self.lineFeed || byte == Self.carriageReturn { break }
                    if byte == Self.quote {
                        breakage = .quoteInUnquotedField(field: fields.count + 1)
                        break fieldLoop
                    }
                    field.append(byte)
                    index += 1
                }
                if index < bytes.count, bytes[index] == Self.comma {
                    fields.append(String(decoding: field, as: UTF8.self))
                    field.removeAll(keepingCapacity: true)
                    index += 1
                    continue fieldLoop
                }
                break fieldLoop
            }
        }

        switch breakage {
        case nil:
            fields.append(String(decoding: field, as: UTF8.self))
            let raw = text(start..<index)
            finishRecord(endingAt: index, currentLine: currentLine)
            if let problem = UTF8Validation.problem(in: bytes[start..<index], unit: "record") {
                return .malformed(line: startLine, raw: raw, reason: problem)
            }
            if let expected = expectedFieldCount, fields.count != expected {
                return .malformed(
                    line: startLine, raw: raw,
                    reason: "expected \(expected) field\(expected == 1 ? "" : "s") as in the header, found \(fields.count)")
            }
            return .record(fields, line: startLine, raw: raw)

        case .quoteInUnquotedField(let number):
            let end = endOfLine(from: index)
            let raw = text(start..<end)
            finishRecord(endingAt: end, currentLine: currentLine)
            return .malformed(
                line: startLine, raw: raw,
                reason: "field \(number) has a quote inside an unquoted value; quote the whole field and double the inner quote (\"\")")

        case .textAfterClosingQuote(let number):
            let end = endOfLine(from: index)
            let raw = text(start..<end)
            finishRecord(endingAt: end, currentLine: currentLine)
            return .malformed(
                line: startLine, raw: raw,
                reason: "field \(number) has text after its closing quote; a quoted field must end at a comma or the end of the line")

        case .unterminatedQuote(let number, let openedOnLine, let openedAt):
            // Resume on the line after the opening quote rather than at the end of the file.
            let end = endOfLine(from: openedAt)
            let raw = text(start..<end)
            finishRecord(endingAt: end, currentLine: openedOnLine)
            return .malformed(
                line: startLine, raw: raw,
                reason: "field \(number) opens a quote on line \(openedOnLine) that is never closed before the end of the file")
        }
    }

    /// Moves past the line break at `end` (if any), one line further on.
    private mutating func finishRecord(endingAt end: Int, currentLine: Int) {
        if end < bytes.count {
            position = endOfLineBreak(at: end)
            line = currentLine + 1
        } else {
            position = end
            line = currentLine
        }
    }

    /// The index of the first line-break byte at or after `index`, or the end of input.
    private func endOfLine(from index: Int) -> Int {
        var cursor = index
        while cursor < bytes.count, bytes[cursor] != Self.lineFeed, bytes[cursor] != Self.carriageReturn { cursor += 1 }
        return cursor
    }

    /// The index just past the line break (LF, CRLF or CR) that starts at `index`.
    private func endOfLineBreak(at index: Int) -> Int {
        if bytes[index] == Self.carriageReturn, index + 1 < bytes.count, bytes[index + 1] == Self.lineFeed {
            return index + 2
        }
        return index + 1
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
