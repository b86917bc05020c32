import Testing
@testable import BatonFeatures

@Suite struct PIIScrubberTests {
    let scrubber = PIIScrubber()

    @Test(arguments: [
        ("Email me at john.doe@example.com please", "Email me at  __email__  please"),
        ("My email: JOHN@EXAMPLE.CO.UK.", "My email:  __email__ "),
        ("(anna+bank@mail.example.org)", " __email__ "),
        ("@handle is not an email", "@handle is not an email"),
        ("a@b has no dot after the at", "a@b has no dot after the at"),
        ("one.two@three has its dot before", "one.two@three has its dot before"),
    ])
    func emails(input: String, expected: String) {
        #expect(scrubber.scrub(input) == expected)
    }

    @Test(arguments: [
        ("see https://bank.example/x?y=1 now", "see  __url__  now"),
        ("HTTP://BANK.EXAMPLE", " __url__ "),
        ("go to www.example.com.", "go to  __url__ "),
        ("(www.example.com)", " __url__ "),
        ("link:https://example.org/a", " __url__ "),
        ("http is a protocol", "http is a protocol"),
    ])
    func urls(input: String, expected: String) {
        #expect(scrubber.scrub(input) == expected)
    }

    @Test(arguments: [
        ("Call +1 (555) 123-4567 now", "Call  __number__  now"),
        ("555-123-4567", " __number__ "),
        ("account 12345678.", "account  __number__ ."),
        ("my order 12-34-56 arrived", "my order  __number__  arrived"),
        ("card 4111 1111 1111 1111, please", "card  __number__ , please"),
        ("ref AB123456X", "ref AB __number__ X"),
        ("sent on 12/03/2024", "sent on  __number__ "),
        ("(0044) 20 7946 0958)", " __number__ )"),
    ])
    func longNumbers(input: String, expected: String) {
        #expect(scrubber.scrub(input) == expected)
    }

    @Test(arguments: [
        "I waited 2 weeks for my card",
        "I was charged $50 twice",
        "the app is v2.3",
        "my PIN 1234 was blocked",
        "12345 is only five digits",
        "between 10.00 and 20.00",
        "$1,000,000 transfer",
        "C++ 123",
    ])
    func shortNumbersStay(input: String) {
        #expect(scrubber.scrub(input) == input)
    }

    @Test(arguments: [
        ("Hi, my name is John Smith and my card is lost", "Hi, my name is  __name__  and my card is lost"),
        ("MY NAME IS Anna", "MY NAME IS  __name__ "),
        ("This is Anna, I lost my card", "This is  __name__ , I lost my card"),
        ("My name is: O'Brien", "My name is:  __name__ "),
        ("my name is Jean-Luc Picard.", "my name is  __name__ ."),
        ("this is J. Smith speaking", "this is  __name__  speaking"),
        ("Hi, this is Tom. Card stolen", "Hi, this is  __name__ . Card stolen"),
        ("this is about my card", "this is about my card"),
        ("my name is not important", "my name is not important"),
        ("this  is\tMaria", "this  is\t __name__ "),
    ])
    func introducedNames(input: String, expected: String) {
        #expect(scrubber.scrub(input) == expected)
    }

    @Test(arguments: [
        ("Where is my card? Thanks, Maria", "Where is my card? Thanks,  __name__ "),
        ("Please help. Thank you! John Smith.", "Please help. Thank you!  __name__ ."),
        ("Regards J. Smith", "Regards  __name__ "),
        ("Cheers Bob :)", "Cheers  __name__  :)"),
        ("Best, Anna\n", "Best,  __name__ \n"),
        ("Kind regards,\nPeter Pan", "Kind regards,\n __name__ "),
        ("thanks", "thanks"),
        ("Thanks Bob for the help", "Thanks Bob for the help"),
        ("Thanks, Anna 2", "Thanks, Anna 2"),
        ("Thanks. Anna", "Thanks. Anna"),
        ("It works now, thanks", "It works now, thanks"),
    ])
    func signOffNames(input: String, expected: String) {
        #expect(scrubber.scrub(input) == expected)
    }

    @Test func everyKindInOneMessage() {
        let input = "Hi, this is Tom. Card 4111 1111 1111 1111 stolen, mail tom@x.io. Thanks, Tom"
        #expect(
            scrubber.scrub(input)
                == "Hi, this is  __name__ . Card  __number__  stolen, mail  __email__  Thanks,  __name__ ")
    }

    @Test func scrubbingTwiceChangesNothing() {
        let inputs = [
            "Hi, this is Tom. Card 4111 1111 1111 1111 stolen, mail tom@x.io. Thanks, Tom",
            "123456www.example.com",
            "my name is John Smith Jones",
            "Thanks, Bob. Thanks Anna",
            "this is This is John",
        ]
        for input in inputs {
            let once = scrubber.scrub(input)
            #expect(scrubber.scrub(once) == once, "\(input)")
        }
    }

    @Test func messageWithoutCustomerDataIsReturnedUnchanged() {
        let input = "I am still waiting on my card?"
        #expect(scrubber.scrub(input) == input)
        #expect(scrubber.scrub("") == "")
    }
}
