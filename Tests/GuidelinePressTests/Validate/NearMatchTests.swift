import Testing
@testable import GuidelinePress

@Suite struct NearMatchTests {
    @Test func suggestsWithinTwoEdits() {
        #expect(NearMatch.suggestion(for: "frist", among: ["first", "second"]) == "first")
        #expect(NearMatch.suggestion(for: "secnd", among: ["first", "second"]) == "second")
        #expect(NearMatch.suggestion(for: "third", among: ["first", "second"]) == nil)
        #expect(NearMatch.suggestion(for: "ab", among: ["cd"]) == nil)
        #expect(NearMatch.suggestion(for: "x", among: ["y"]) == nil)
        #expect(NearMatch.suggestion(for: "anything", among: [String]()) == nil)
    }

    @Test func closestThenAlphabeticalWins() {
        #expect(NearMatch.suggestion(for: "dosing", among: ["dosingx", "dosin", "dozing"]) == "dosin")
        #expect(NearMatch.suggestion(for: "cat", among: ["cut", "bat"]) == "bat")
    }
}
