import Foundation

/// A JSON Lines reader: one JSON object per line.
///
/// Each line is parsed on its own with `JSONSerialization`, so a broken line is one
/// malformed row and the next line is read as usual. Blank lines are skipped; a line
/// holding valid JSON that is not an object (an array, a string) is malformed.
public struct JSONLinesReader: Sequence, IteratorProtocol {
    private let bytes: [UInt8]
    private var position: Int
    private var line = 1

    /// A reader over raw file bytes (a leading UTF-8 BOM is skipped).
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        self.position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// A reader over text already in memory.
    public init(text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Whether the first non-blank byte opens a JSON array: a `.json` file written as one
    /// big array rather than as lines, which deserves a file-level explanation.
    public var startsWithJSONArray: Bool {
        bytes[position...].first { !Self.isBlank($0) } == UInt8(ascii: "[")
    }

    /// The object's values keyed by lowercased name, for one line.
    public typealias Object = [String: FieldValue]

    /// Reads the next non-blank line, or returns nil at the end of the input.
    public mutating func next() -> ParsedRow<Object>? {
        while position < bytes.count {
            let lineNumber = line
            var end = position
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var contentEnd = end
            if contentEnd > position, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let slice = bytes[position..<contentEnd]
            position = Swift.min(end + 1, bytes.count)
            line += 1
            if slice.allSatisfy(Self.isBlank) { continue }
            return Self.parse(slice, line: lineNumber)
        }
        return nil
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    private static func parse(_ slice: ArraySlice<UInt8>, line: Int) -> ParsedRow<Object> {
        let raw = String(decoding: slice, as: UTF8.self)
        if let problem = UTF8Validation.problem(in: slice, unit: "line") {
            return .malformed(line: line, raw: raw, reason: problem)
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(slice), options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            return .malformed(line: line, raw: raw, reason: "not valid JSON" + (detail.map { " (\($0))" } ?? ""))
        }
        guard let dictionary = parsed as? [String: Any] else {
            return .malformed(line: line, raw: raw, reason: "the line is \(describe(parsed)), not a JSON object")
        }
        var object: Object = [:]
        object.reserveCapacity(dictionary.count)
        for (key, value) in dictionary {
            // Names match case-insensitively; an exact lowercase key wins over "Text", whatever
            // order the dictionary yields them in.
            let name = key.lowercased()
            if name == key || object[name] == nil { object[name] = fieldValue(value) }
        }
        return .record(object, line: line, raw: raw)
    }

    private static func fieldValue(_ value: Any) -> FieldValue {
        if let text = value as? String { return .text(text) }
        if value is NSNull { return .null }
        if let number = value as? NSNumber {
            // Foundation hands JSON booleans over as NSNumber too; their type code is "c".
            if String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
            return .number(number.doubleValue)
        }
        return .nested(kind: describe(value))
    }

    private static func describe(_ value: Any) -> String {
        switch value {
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        case is String: return "a string"
        case is NSNull: return "null"
        case let number as NSNumber: return String(cString: number.objCType) == "c" ? "a boolean" : "a number"
        default: return "an unsupported value"
        }
    }
}
