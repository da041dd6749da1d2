import Foundation
import ProctorProviders
import Testing

/// A cassette keeps a later round only while its conversation continues an answer the file holds.
@Suite struct CassetteChainTests {
    func entry(_ key: String, messages: [ChatMessage], response: String, round: Int? = nil) -> CassetteEntry {
        CassetteEntry(
            key: key, request: ChatRequest(provider: "openai", model: "m", messages: messages, settings: SamplingSettings(), sample: 1),
            suite: "s", caseID: "c", variant: nil,
            completion: ChatCompletion(text: response, finishReason: "stop", usage: nil, serverModel: nil, latencyMilliseconds: 1),
            recordedAt: Date(timeIntervalSince1970: 0), round: round)
    }

    @Test func aRoundWhoseEarlierAnswerWasAskedAgainIsDroppedWhenTheFileIsSorted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chain-\(UUID().uuidString)")
        let file = folder.appendingPathComponent("s.jsonl")
        let question = [ChatMessage(role: "user", content: "Write f.")]
        var cassette = try Cassette(file: file, displayPath: "s.jsonl")
        try cassette.append(entry("first", messages: question, response: "old"))
        let turn2 = question + [ChatMessage(role: "assistant", content: "old"), ChatMessage(role: "user", content: "failed")]
        try cassette.append(entry("second", messages: turn2, response: "fixed", round: 2))
        let turn3 = turn2 + [ChatMessage(role: "assistant", content: "fixed"), ChatMessage(role: "user", content: "failed")]
        try cassette.append(entry("third", messages: turn3, response: "again", round: 3))
        try cassette.rewrite(caseOrder: ["c": 0])
        #expect(try Cassette(file: file, displayPath: "s.jsonl").entries.count == 3, "an unbroken chain stays")

        try cassette.append(entry("first", messages: question, response: "new"))
        try cassette.rewrite(caseOrder: ["c": 0])
        let kept = try Cassette(file: file, displayPath: "s.jsonl").entries
        #expect(kept.keys.sorted() == ["first"])
        #expect(kept["first"]?.response == "new")
    }
}
