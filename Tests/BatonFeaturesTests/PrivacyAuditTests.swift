import Testing
import BatonFeatures

@Suite struct PrivacyAuditTests {
    @Test func flagsTermsThatLookLikeCustomerData() {
        let terms = [
            "card", "john@example", "http", "WWW example", "abc12345", "my 1234567", "12345", "covid19",
            "__number__", "visit https", "2020 2021", "x9y8z7w6q", "mastercard",
        ]
        #expect(
            PrivacyAudit.suspiciousTerms(in: terms)
                == ["john@example", "WWW example", "abc12345", "my 1234567", "x9y8z7w6q"])
    }

    @Test func placeholdersAndOrdinaryWordsPass() {
        let terms = ["__email__", "__url__", "__number__", "__name__", "is __name__", "top up", "card 2"]
        #expect(PrivacyAudit.suspiciousTerms(in: terms).isEmpty)
    }
}
