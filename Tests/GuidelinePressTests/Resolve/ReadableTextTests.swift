import Foundation
import Testing
@testable import GuidelinePress

/// The summary text's spacing: the byte path for ASCII text gives what the character path gives.
@Suite struct ReadableTextTests {
    /// The character-by-character spacing, as `readableText` does it for any text.
    static func reference(_ text: String) -> String {
        var collapsed = ""
        var lastSpace = true
        for ch in text {
            if ch == " " || ch == "\n" || ch == "\t" {
                if !lastSpace { collapsed.append(" ") }
                lastSpace = true
            } else {
                collapsed.append(ch)
                lastSpace = false
            }
        }
        if collapsed.hasSuffix(" ") { collapsed.removeLast() }
        return collapsed.replacingOccurrences(of: " .", with: ".").replacingOccurrences(of: " ,", with: ",")
    }

    @Test func asciiAgreesWithCharacters() {
        var generator = SeededGenerator(seed: 11)
        let alphabet: [Character] = [" ", " ", "\n", "\t", ".", ",", "a", "b", "1", "[", "\r", "é", "\u{0301}"]
        for _ in 0..<3000 {
            let text = String((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let inlines = [Inline(.text(text), at: SourcePosition(line: 1, column: 1))]
            #expect(ArticleOutline.readableText(inlines) == Self.reference(text), "\(text.debugDescription)")
        }
    }
}
