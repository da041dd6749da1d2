import ProctorCore
import Testing

@Suite struct RefusalDetectorTests {
    let detector = RefusalDetector()

    @Test(arguments: [
        "Sorry, as a code assistant in Python, I cannot explain SQL.",
        "As an AI language model, I don't have opinions, but the query joins two tables.",
        "I'm unable to help with that request.",
        "I\u{2019}m unable to help with database questions.",
        "I am not able to explain this.",
        "I can't help with explaining SQL, only Python.",
        "I cannot assist with that.",
        "I'm sorry, but I can only write Python code.",
        "I am only able to write Python code.",
        "The query is fine. Sorry, I can\u{2019}t go into more detail.",
    ])
    func detectsRefusals(_ text: String) {
        #expect(detector.refusal(in: text) != nil, "\(text)")
    }

    @Test(arguments: [
        "The LEFT JOIN keeps departments that have no students; COUNT(s.id) then counts zero.",
        "This function cannot return None because every branch returns a list.",
        "As a result, the query returns one row per department.",
        "If the table is empty, the subquery can't match anything, so NOT IN returns every row.",
        "Users who are unable to log in are filtered out by the WHERE clause.",
    ])
    func leavesExplanationsAlone(_ text: String) {
        #expect(detector.refusal(in: text) == nil, "\(text)")
    }

    @Test func quotesTheRefusingSentence() {
        let text = "Sure. Sorry, as a code assistant in Python, I cannot explain SQL! But it selects names."
        #expect(detector.refusal(in: text) == "Sorry, as a code assistant in Python, I cannot explain SQL!")
    }
}
