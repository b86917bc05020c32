import Dispatch
import Foundation

/// Turns messages into TF-IDF feature vectors: fits a ``Vocabulary`` on training messages and
/// featurizes new ones, for the training job and, one message at a time, for chat routers.
///
/// The weights are those of scikit-learn's
/// `TfidfVectorizer(ngram_range=(1, maxNgram), min_df=minDocumentFrequency, sublinear_tf=True,
/// smooth_idf=True, norm="l2")`, applied to Baton's own text pipeline.
///
/// ## Specification
///
/// For one message:
/// 1. Normalize it with ``TextNormalizer`` (NFKC, ``PIIScrubber``, lowercase).
/// 2. Split it into terms with ``Tokenizer`` (`minTokenLength`, `maxNgram` from the config).
/// 3. Keep the terms that are in the ``Vocabulary``; count each one's occurrences in the message.
/// 4. For each kept term t with column j and count c, in ascending column order:
///    `tf = 1 + ln(c)` if `sublinearTF`, else `tf = c`; `w_j = tf * Double(idf_j)`, where idf_j
///    is the vocabulary's Float idf widened to binary64. All arithmetic is binary64.
/// 5. `norm = sqrt(w_j1² + w_j2² + …)`, the squares added left to right in ascending column
///    order (Python: a plain loop or `sum()`, not `math.fsum`).
/// 6. The entry at column j is `Float(w_j / norm)` (binary64 division, then rounding to the
///    nearest binary32). A message with no kept term gives the empty vector.
///
/// Fitting on n training messages builds the vocabulary from them (document frequencies over
/// their terms, see ``Vocabulary``) and featurizes each of them by the steps above, so the
/// fitted matrix equals ``transform(_:)`` of the same messages. A Python router with the same
/// libm `log` reproduces every Float exactly; with another libm, at worst the last bit.
public struct TFIDFVectorizer: Sendable {
    /// The features: terms in column order and their idf.
    public let vocabulary: Vocabulary
    /// The settings the vocabulary was fitted with; stored in the model manifest.
    public let config: FeaturizerConfig
    /// Step 1 of the specification.
    public let normalizer: TextNormalizer
    /// Step 2 of the specification.
    public let tokenizer: Tokenizer

    /// Messages per unit of parallel work. Fixed (not derived from the core count) so the work
    /// split, like the result, is the same on every machine.
    static let chunkSize = 256

    /// A vectorizer for a vocabulary fitted earlier, e.g. read from a published model.
    public init(vocabulary: Vocabulary, config: FeaturizerConfig) {
        self.vocabulary = vocabulary
        self.config = config
        self.normalizer = TextNormalizer()
        self.tokenizer = Tokenizer(config: config)
    }

    private var maxNgram: Int { max(1, config.maxNgram) }

    // MARK: - One message (the router's hot path)

    /// The TF-IDF vector of one message.
    public func vector(for text: String) -> SparseVector {
        var scratch = TokenBuffer()
        var columns: [Int32] = []
        appendColumns(of: text, to: &columns, scratch: &scratch)
        var vector = SparseVector()
        Self.appendRow(columns: &columns, idf: vocabulary.idf, sublinearTF: config.sublinearTF, indices: &vector.indices, values: &vector.values)
        return vector
    }

    /// Appends the column of every occurrence of a known term of `text` (unsorted, with repeats).
    private func appendColumns(of text: String, to columns: inout [Int32], scratch: inout TokenBuffer) {
        scratch.removeAll()
        tokenizer.tokenize(normalizer.normalizedScalars(text), into: &scratch)
        scratch.forEachTerm(maxNgram: maxNgram) { hash, bytes in
            let column = vocabulary.column(of: bytes, hash: hash)
            if column >= 0 { columns.append(column) }
        }
    }

    // MARK: - Many messages

    /// The TF-IDF matrix of `documents`, one row per document in order.
    public func transform(_ documents: [String]) -> SparseMatrix {
        let parts = Self.inChunks(of: documents.count) { range -> RowBlock in
            var block = RowBlock()
            var scratch = TokenBuffer()
            var columns: [Int32] = []
            for index in range {
                columns.removeAll(keepingCapacity: true)
                appendColumns(of: documents[index], to: &columns, scratch: &scratch)
                block.append(columns: &columns, idf: vocabulary.idf, sublinearTF: config.sublinearTF)
            }
            return block
        }
        return RowBlock.matrix(joining: parts, columnCount: vocabulary.count)
    }

    /// Fits the vocabulary on `documents` and returns it with their TF-IDF matrix.
    ///
    /// Deterministic: the same documents and config give identical arrays on every run,
    /// whatever the thread timing (work is split in fixed chunks and merged in order).
    public static func fit(documents: [String], config: FeaturizerConfig) -> (vectorizer: TFIDFVectorizer, matrix: SparseMatrix) {
        let normalizer = TextNormalizer()
        let tokenizer = Tokenizer(config: config)
        let maxNgram = max(1, config.maxNgram)

        // 1. Every term occurrence of every document, as ids of a table of distinct terms.
        //    Normalizing and hashing run in parallel; numbering terms runs in document order.
        var table = TermTable(minimumCapacity: 1 << 15)
        var occurrences: [Int32] = []
        var occurrenceOffsets: [Int] = [0]
        occurrenceOffsets.reserveCapacity(documents.count + 1)
        var documentFrequency: [Int32] = []
        var lastDocument: [Int32] = []
        let batchSize = chunkSize * 32
        for batchStart in stride(from: 0, to: documents.count, by: batchSize) {
            let batch = batchStart..<min(documents.count, batchStart + batchSize)
            let analyses = inChunks(of: batch.count) { range -> TermOccurrences in
                var analysis = TermOccurrences()
                var scratch = TokenBuffer()
                for index in range {
                    scratch.removeAll()
                    tokenizer.tokenize(normalizer.normalizedScalars(documents[batch.lowerBound + index]), into: &scratch)
                    scratch.forEachTerm(maxNgram: maxNgram) { hash, bytes in analysis.append(bytes, hash: hash) }
                    analysis.endDocument()
                }
                return analysis
            }
            for analysis in analyses {
                analysis.bytes.withUnsafeBufferPointer { bytes in
                    var term = 0
                    for termCount in analysis.termCounts {
                        let document = Int32(occurrenceOffsets.count - 1)
                        for _ in 0..<termCount {
                            let key = UnsafeBufferPointer(rebasing: bytes[analysis.starts[term]..<analysis.starts[term + 1]])
                            let id = Int(table.insert(key, hash: analysis.hashes[term]))
                            if id == documentFrequency.count {
                                documentFrequency.append(0)
                                lastDocument.append(-1)
                            }
                            if lastDocument[id] != document {
                                lastDocument[id] = document
                                documentFrequency[id] += 1
                            }
                            occurrences.append(Int32(id))
                            term += 1
                        }
                        occurrenceOffsets.append(occurrences.count)
                    }
                }
            }
        }

        // 2. The vocabulary: terms with enough documents, in UTF-8 byte order.
        let floor = Int32(max(1, config.minDocumentFrequency))
        var kept = (0..<table.count).filter { documentFrequency[$0] >= floor }
        table.arena.withUnsafeBufferPointer { arena in
            let offsets = table.offsets
            kept.sort { a, b in
                let left = UnsafeBufferPointer(rebasing: arena[offsets[a]..<offsets[a + 1]])
                let right = UnsafeBufferPointer(rebasing: arena[offsets[b]..<offsets[b + 1]])
                return left.lexicographicallyPrecedes(right)
            }
        }
        var columnOfID = [Int32](repeating: -1, count: table.count)
        for (column, id) in kept.enumerated() { columnOfID[id] = Int32(column) }
        let terms = kept.map { String(decoding: table.bytes(of: $0), as: UTF8.self) }
        let idf = kept.map {
            Vocabulary.inverseDocumentFrequency(documentFrequency: Int(documentFrequency[$0]), documentCount: documents.count)
        }
        let vocabulary = Vocabulary(validatedTerms: terms, idf: idf)

        // 3. The rows, by the same row computation as `transform`.
        let occurrenceOffsetsByDocument = occurrenceOffsets
        let occurrenceIDs = occurrences
        let columnByID = columnOfID
        let parts = inChunks(of: documents.count) { range -> RowBlock in
            var block = RowBlock()
            var columns: [Int32] = []
            for document in range {
                columns.removeAll(keepingCapacity: true)
                for position in occurrenceOffsetsByDocument[document]..<occurrenceOffsetsByDocument[document + 1] {
                    let column = columnByID[Int(occurrenceIDs[position])]
                    if column >= 0 { columns.append(column) }
                }
                block.append(columns: &columns, idf: idf, sublinearTF: config.sublinearTF)
            }
            return block
        }
        let vectorizer = TFIDFVectorizer(vocabulary: vocabulary, config: config)
        return (vectorizer, RowBlock.matrix(joining: parts, columnCount: vocabulary.count))
    }

    // MARK: - Row weights (steps 4–6)

    /// Sorts the occurrence columns, counts repeats and appends the L2-normalised TF-IDF entries.
    static func appendRow(columns: inout [Int32], idf: [Float], sublinearTF: Bool, indices: inout [Int32], values: inout [Float]) {
        guard !columns.isEmpty else { return }
        sortSmall(&columns)
        columns.withUnsafeBufferPointer { columns in
            idf.withUnsafeBufferPointer { idf in
                // Pass 1: the norm, squares added in ascending column order.
                var sumOfSquares = 0.0
                forEachRun(of: columns) { column, count in
                    let weight = termFrequency(count, sublinear: sublinearTF) * Double(idf[Int(column)])
                    sumOfSquares += weight * weight
                }
                let norm = sumOfSquares.squareRoot()
                // Pass 2: the normalised entries (recomputing a weight is cheaper than storing it).
                forEachRun(of: columns) { column, count in
                    let weight = termFrequency(count, sublinear: sublinearTF) * Double(idf[Int(column)])
                    indices.append(column)
                    values.append(Float(weight / norm))
                }
            }
        }
    }

    /// Calls `body(column, count)` for each run of equal columns of a sorted buffer.
    @inline(__always)
    private static func forEachRun(of columns: UnsafeBufferPointer<Int32>, _ body: (Int32, Int) -> Void) {
        var position = 0
        while position < columns.count {
            let column = columns[position]
            var count = 1
            while position + count < columns.count && columns[position + count] == column { count += 1 }
            body(column, count)
            position += count
        }
    }

    @inline(__always)
    private static func termFrequency(_ count: Int, sublinear: Bool) -> Double {
        guard sublinear else { return Double(count) }
        return count == 1 ? 1 : 1 + log(Double(count))
    }

    /// Insertion sort for the few columns of a chat message; the library sort for long texts.
    private static func sortSmall(_ columns: inout [Int32]) {
        guard columns.count <= 32 else {
            columns.sort()
            return
        }
        columns.withUnsafeMutableBufferPointer { values in
            for i in 1..<max(1, values.count) {
                let value = values[i]
                var j = i - 1
                while j >= 0 && values[j] > value {
                    values[j + 1] = values[j]
                    j -= 1
                }
                values[j + 1] = value
            }
        }
    }

    // MARK: - Parallel work in fixed chunks

    /// Runs `work` on consecutive ranges of `chunkSize` indices of 0..<count, on all cores, and
    /// returns the results in range order.
    static func inChunks<Part: Sendable>(of count: Int, _ work: @Sendable (Range<Int>) -> Part) -> [Part] {
        let chunkCount = (count + chunkSize - 1) / chunkSize
        guard chunkCount > 1 else { return chunkCount == 1 ? [work(0..<count)] : [] }
        var parts = [Part?](repeating: nil, count: chunkCount)
        parts.withUnsafeMutableBufferPointer { slots in
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let start = chunk * chunkSize
                slots[chunk] = work(start..<min(count, start + chunkSize))
            }
        }
        return parts.compactMap { $0 }
    }

    /// Term occurrences of a run of documents: UTF-8 of every term, its hash, and how many
    /// terms each document has.
    private struct TermOccurrences {
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        var hashes: [UInt64] = []
        var termCounts: [Int] = []
        private var termsInDocument = 0

        mutating func append(_ term: UnsafeBufferPointer<UInt8>, hash: UInt64) {
            bytes.append(contentsOf: term)
            starts.append(bytes.count)
            hashes.append(hash)
            termsInDocument += 1
        }

        mutating func endDocument() {
            termCounts.append(termsInDocument)
            termsInDocument = 0
        }
    }

    /// CSR rows of a run of documents, joined in order into the final matrix.
    private struct RowBlock {
        var rowLengths: [Int] = []
        var indices: [Int32] = []
        var values: [Float] = []

        mutating func append(columns: inout [Int32], idf: [Float], sublinearTF: Bool) {
            let before = indices.count
            TFIDFVectorizer.appendRow(columns: &columns, idf: idf, sublinearTF: sublinearTF, indices: &indices, values: &values)
            rowLengths.append(indices.count - before)
        }

        static func matrix(joining blocks: [RowBlock], columnCount: Int) -> SparseMatrix {
            let rowCount = blocks.reduce(0) { $0 + $1.rowLengths.count }
            let entryCount = blocks.reduce(0) { $0 + $1.indices.count }
            var rowOffsets: [Int] = [0]
            rowOffsets.reserveCapacity(rowCount + 1)
            var indices: [Int32] = []
            indices.reserveCapacity(entryCount)
            var values: [Float] = []
            values.reserveCapacity(entryCount)
            for block in blocks {
                var offset = indices.count
                for length in block.rowLengths {
                    offset += length
                    rowOffsets.append(offset)
                }
                indices.append(contentsOf: block.indices)
                values.append(contentsOf: block.values)
            }
            return SparseMatrix(unchecked: rowCount, columnCount: columnCount, rowOffsets: rowOffsets, columnIndices: indices, values: values)
        }
    }
}
