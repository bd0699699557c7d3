import Foundation
import Testing
@testable import GuidelinePress

/// The summary text's spacing: the byte path for ASCII text gives what the character path gives,
/// and declines any other text.
@Suite struct ReadableTextTests {
    @Test func asciiAgreesWithCharacters() {
        var generator = SeededGenerator(seed: 11)
        let alphabet: [Character] = [" ", " ", "\n", "\t", ".", ",", "a", "b", "1", "[", "\r", "é", "\u{0301}"]
        for _ in 0..<3000 {
            let text = String((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let isPlain = text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
            #expect(ArticleOutline.asciiSpacing(text) == (isPlain ? ArticleOutline.characterSpacing(text) : nil),
                    "\(text.debugDescription)")
        }
    }
}
