import Foundation
import Testing
@testable import GuidelinePress

/// The slug rule, checked byte by byte, is the contract's pattern `^[a-z0-9]+(-[a-z0-9]+)*$`.
@Suite struct SlugRuleTests {
    @Test func matchesThePattern() throws {
        let pattern = try NSRegularExpression(pattern: "^[a-z0-9]+(-[a-z0-9]+)*$")
        func matches(_ s: String) -> Bool {
            pattern.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
        }
        var samples = ["", "-", "a", "a-", "-a", "a--b", "a-b", "her2-ihc-2-plus", "A", "a_b", "é", "a-b-", "0", "a b"]
        var generator = SystemRandomNumberGenerator()
        let alphabet = ["a", "z", "0", "9", "-", "-", "A", "_", "é", " "]
        for _ in 0..<2_000 {
            samples.append((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined())
        }
        for slug in samples {
            #expect(SlugInvalidChecker.isValid(slug) == matches(slug), "\(slug.debugDescription)")
        }
    }
}
