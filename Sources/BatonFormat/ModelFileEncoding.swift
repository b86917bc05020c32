import BatonCore

/// Byte layouts of the model folder's data files: little-endian float32 arrays and the
/// newline-terminated UTF-8 vocabulary.
///
/// Floats are encoded one by one through `bitPattern.littleEndian`, never by copying memory,
/// so the files mean the same on every machine and to readers written in other languages.
package enum ModelFileEncoding {
    /// Why vocabulary bytes could not be turned into terms.
    package enum VocabularyTextProblem: Error, Equatable {
        /// Line `line` (1-based) is not valid UTF-8.
        case invalidUTF8(line: Int)
        /// The file is not empty and its last byte is not "\n".
        case missingFinalNewline
    }

    /// Lowercase hex SHA-256 of a file's bytes, hashed a block at a time.
    package static func sha256Hex(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bytes: $0) }
        return hexString(hasher.finalize())
    }

    /// `values` as consecutive little-endian IEEE-754 binary32 numbers.
    package static func float32LittleEndian(_ values: [Float]) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: values.count * 4)
        bytes.withUnsafeMutableBytes { raw in
            for (index, value) in values.enumerated() {
                raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: index * 4, as: UInt32.self)
            }
        }
        return bytes
    }

    /// Floats from little-endian binary32 bytes; nil if the byte count is not a multiple of 4.
    package static func floats(fromLittleEndian bytes: [UInt8]) -> [Float]? {
        guard bytes.count % 4 == 0 else { return nil }
        let count = bytes.count / 4
        return bytes.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    let bits = raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)
                    buffer.initializeElement(at: index, to: Float(bitPattern: UInt32(littleEndian: bits)))
                }
                initialized = count
            }
        }
    }

    /// The vocabulary file: each term's UTF-8 followed by "\n". Terms must not contain "\n".
    package static func vocabularyText(_ terms: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(terms.reduce(0) { $0 + $1.utf8.count + 1 })
        for term in terms {
            bytes.append(contentsOf: term.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// Terms from the vocabulary file, one per "\n"-terminated line, kept exactly as written
    /// (no trimming, no Unicode normalisation).
    package static func vocabularyTerms(fromUTF8 bytes: [UInt8]) throws(VocabularyTextProblem) -> [String] {
        guard !bytes.isEmpty else { return [] }
        guard bytes.last == UInt8(ascii: "\n") else { throw .missingFinalNewline }
        let lines = bytes.dropLast().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var terms: [String] = []
        terms.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            guard let term = String(validating: line, as: UTF8.self) else { throw .invalidUTF8(line: index + 1) }
            terms.append(term)
        }
        return terms
    }
}
