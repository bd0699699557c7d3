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

    /// ASCII names are compared by their bytes, with reused rows; the answers are the plain
    /// definition's (every candidate's full Levenshtein distance by characters, then the nearest
    /// and alphabetically first) on random names of ASCII and other letters mixed.
    @Test func theFastPathAgreesWithTheDefinition() {
        func levenshtein(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var next = [i] + [Int](repeating: 0, count: b.count)
                for j in stride(from: 1, through: b.count, by: 1) {
                    next[j] = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                row = next
            }
            return a.isEmpty ? b.count : row[b.count]
        }
        func expected(_ name: String, _ candidates: [String]) -> String? {
            let limit = min(NearMatch.maximumDistance, max(name.count, 1) - 1)
            return candidates.map { (levenshtein(Array(name), Array($0)), $0) }.filter { $0.0 <= limit }.min { $0 < $1 }?.1
        }
        var generator = SeededGenerator(seed: 7)
        let letters: [Character] = ["a", "b", "c", ":", "/", "1", "é", "ß", "e\u{301}"]
        func name() -> String { String((0..<Int.random(in: 0...7, using: &generator)).map { _ in letters.randomElement(using: &generator)! }) }
        for _ in 0..<2_000 {
            let candidates = (0..<Int.random(in: 0...12, using: &generator)).map { _ in name() }
            let target = name()
            #expect(NearMatch.suggestion(for: target, among: candidates) == expected(target, candidates), "\(target) among \(candidates)")
        }
    }
}
