import Testing

@testable import BatonData

@Suite struct CSVReaderTests {
    private func rows(_ text: String, fieldCount: Int? = nil) -> [ParsedRow<[String]>] {
        var reader = CSVReader(text: text)
        reader.expectedFieldCount = fieldCount
        return Array(reader)
    }

    private func rows(bytes: [UInt8], fieldCount: Int? = nil) -> [ParsedRow<[String]>] {
        var reader = CSVReader(bytes: bytes)
        reader.expectedFieldCount = fieldCount
        return Array(reader)
    }

    @Test func plainRecordsCarryLineAndRawText() {
        let parsed = rows("text,intent\nhello,greet\nbye,farewell")
        #expect(parsed == [
            .record(["text", "intent"], line: 1, raw: "text,intent"),
            .record(["hello", "greet"], line: 2, raw: "hello,greet"),
            .record(["bye", "farewell"], line: 3, raw: "bye,farewell"),
        ])
    }

    @Test func quotedFieldsKeepCommasAndDoubledQuotes() {
        let parsed = rows(#"a,"b, with comma","she said ""hi""",""\#n"#)
        #expect(parsed.count == 1)
        #expect(parsed.first?.record == ["a", "b, with comma", #"she said "hi""#, ""])
    }

    @Test func embeddedNewlinesKeepTheStartLineOfEachRecord() {
        let text = "text,intent\n\"first\nsecond\nthird\",multi\nnext,one\n\"a\r\nb\",crlf\nlast,x\n"
        let parsed = rows(text, fieldCount: 2)
        #expect(parsed.map(\.line) == [1, 2, 5, 6, 8])
        #expect(parsed[1].record == ["first\nsecond\nthird", "multi"])
        #expect(parsed[1].raw == "\"first\nsecond\nthird\",multi")
        #expect(parsed[3].record == ["a\r\nb", "crlf"])
    }

    @Test func crlfLineEndsAreNotPartOfFields() {
        let parsed = rows("text,intent\r\nhello,greet\r\n\"q\",x\r\n", fieldCount: 2)
        #expect(parsed.map(\.record) == [["text", "intent"], ["hello", "greet"], ["q", "x"]])
        #expect(parsed.map(\.line) == [1, 2, 3])
        #expect(parsed[1].raw == "hello,greet")
    }

    @Test func loneCarriageReturnEndsARecord() {
        let parsed = rows("a,b\rc,d\r")
        #expect(parsed.map(\.record) == [["a", "b"], ["c", "d"]])
        #expect(parsed.map(\.line) == [1, 2])
    }

    @Test func byteOrderMarkIsSkipped() {
        let parsed = rows(bytes: [0xEF, 0xBB, 0xBF] + Array("text,intent\nhi,greet\n".utf8))
        #expect(parsed.first?.record == ["text", "intent"])
        #expect(parsed.first?.raw == "text,intent")
    }

    @Test func blankLinesAreSkippedButCounted() {
        let parsed = rows("a,b\n\n\r\nc,d\n\n")
        #expect(parsed.map(\.record) == [["a", "b"], ["c", "d"]])
        #expect(parsed.map(\.line) == [1, 4])
    }

    @Test func trailingCommaMeansAnEmptyLastField() {
        #expect(rows("a,b,\n").first?.record == ["a", "b", ""])
        #expect(rows(",").first?.record == ["", ""])
    }

    @Test func wrongFieldCountIsMalformedAndParsingContinues() {
        let parsed = rows("a,b,c\n1,2\n1,2,3,4\n1,2,3\n", fieldCount: 3)
        #expect(parsed.map(\.line) == [1, 2, 3, 4])
        #expect(parsed[1].malformedReason == "expected 3 fields as in the header, found 2")
        #expect(parsed[1].raw == "1,2")
        #expect(parsed[2].malformedReason == "expected 3 fields as in the header, found 4")
        #expect(parsed[3].record == ["1", "2", "3"])
    }

    @Test func quoteInsideUnquotedFieldIsMalformed() {
        let parsed = rows("text,intent\nsay \"hi\" now,greet\nok,fine\n", fieldCount: 2)
        #expect(parsed.count == 3)
        #expect(parsed[1].line == 2)
        #expect(parsed[1].raw == "say \"hi\" now,greet")
        #expect(parsed[1].malformedReason?.contains("field 1 has a quote inside an unquoted value") == true)
        #expect(parsed[2].record == ["ok", "fine"])
    }

    @Test func textAfterClosingQuoteIsMalformed() {
        let parsed = rows("\"ab\"c,d\ne,f\n")
        #expect(parsed[0].malformedReason?.contains("field 1 has text after its closing quote") == true)
        #expect(parsed[0].raw == "\"ab\"c,d")
        #expect(parsed[1].record == ["e", "f"])
        #expect(parsed[1].line == 2)
    }

    @Test func unterminatedQuoteCostsOneRowNotTheRestOfTheFile() {
        let parsed = rows("text,intent\n\"never closed,greet\nhello,greet\nbye,farewell\n", fieldCount: 2)
        #expect(parsed.count == 4)
        #expect(parsed[1].line == 2)
        #expect(parsed[1].raw == "\"never closed,greet")
        #expect(parsed[1].malformedReason == "field 1 opens a quote on line 2 that is never closed before the end of the file")
        #expect(parsed[2].record == ["hello", "greet"])
        #expect(parsed[2].line == 3)
        #expect(parsed[3].record == ["bye", "farewell"])
    }

    @Test func unterminatedQuoteAtTheVeryEnd() {
        let parsed = rows("a,b\nc,\"d")
        #expect(parsed.count == 2)
        #expect(parsed[1].line == 2)
        #expect(parsed[1].raw == "c,\"d")
        #expect(parsed[1].malformedReason?.contains("field 2 opens a quote on line 2") == true)
    }

    @Test func invalidUTF8IsMalformedWithTheOffendingByte() {
        let bytes = Array("a,b\n".utf8) + [0x63, 0xFF, 0x2C, 0x64, 0x0A] + Array("e,f\n".utf8)
        let parsed = rows(bytes: bytes, fieldCount: 2)
        #expect(parsed.count == 3)
        #expect(parsed[1].line == 2)
        #expect(parsed[1].malformedReason == "invalid UTF-8 at byte 2 of the record (0xFF); export the file as UTF-8")
        #expect(parsed[2].record == ["e", "f"])
    }

    @Test func multibyteTextIsKeptIntact() {
        let parsed = rows("\"naïve, café\",ok\n日本語,はい\n")
        #expect(parsed.map(\.record) == [["naïve, café", "ok"], ["日本語", "はい"]])
    }

    @Test func emptyInputHasNoRows() {
        #expect(rows("").isEmpty)
        #expect(rows(bytes: [0xEF, 0xBB, 0xBF]).isEmpty)
        #expect(rows("\n\n").isEmpty)
    }
}
