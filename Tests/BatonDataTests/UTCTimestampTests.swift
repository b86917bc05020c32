import Foundation
import Testing

@testable import BatonData

@Suite struct UTCTimestampTests {
    @Test(arguments: [
        ("2026-12-01T10:00:00Z", "2026-12-01T10:00:00Z"),
        ("2026-12-01T10:00:00.987Z", "2026-12-01T10:00:00Z"),
        ("2026-12-01T10:00:00,5z", "2026-12-01T10:00:00Z"),
        ("2026-12-01T11:30:00+01:30", "2026-12-01T10:00:00Z"),
        ("2026-12-01T11:00:00+0100", "2026-12-01T10:00:00Z"),
        ("2026-12-01T11:00:00+01", "2026-12-01T10:00:00Z"),
        ("2026-11-30T19:00:00-05:00", "2026-12-01T00:00:00Z"),
        ("2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00Z"),
        ("2026-12-01 10:00Z", "2026-12-01T10:00:00Z"),
        ("2026-12-01", "2026-12-01T00:00:00Z"),
        ("2024-02-29", "2024-02-29T00:00:00Z"),
        ("2000-02-29T00:00:00.000000001+00:00", "2000-02-29T00:00:00Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
    ])
    func acceptedFormsNormaliseToUTC(input: String, expected: String) {
        #expect(UTCTimestamp.normalise(input) == expected)
    }

    @Test(arguments: [
        "", "yesterday", "2026-13-01", "2026-02-29", "1900-02-29", "2026-04-31", "2026-12-01T24:00:00Z",
        "2026-12-01T10:60:00Z", "2026-12-01T10:00:60Z", "2026-12-01T10:00:00", "2026-12-01T10:00:00.Z",
        "2026-12-01T10:00:00+25:00", "2026-12-01T10:00:00Z junk", "26-12-01", "2026-1-01", "+2026-12-01",
    ])
    func rejectedForms(input: String) {
        #expect(UTCTimestamp.normalise(input) == nil)
    }

    @Test func formatsDatesAsWholeSecondsInUTC() {
        #expect(UTCTimestamp.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(UTCTimestamp.string(from: Date(timeIntervalSince1970: 1_796_119_200.75)) == "2026-12-01T10:00:00Z")
        #expect(UTCTimestamp.string(from: Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
    }

    @Test func normalisedStringsOrderLikeTheInstantsTheyName() {
        let inputs = ["2026-12-01T12:00:00+03:00", "2026-12-01T08:30:00Z", "2026-12-01T04:00:00-05:00", "2026-12-01"]
        let normalised = inputs.compactMap(UTCTimestamp.normalise)
        let seconds = inputs.compactMap(UTCTimestamp.secondsSinceEpoch)
        #expect(normalised.count == 4)
        #expect(normalised.sorted() == zip(normalised, seconds).sorted { $0.1 < $1.1 }.map(\.0))
    }
}
