import Testing
@testable import GuidelinePress

@Suite struct HeadingAnchorsTests {
    @Test func githubRules() {
        #expect(HeadingAnchors.slug("First-line treatment") == "first-line-treatment")
        #expect(HeadingAnchors.slug("Special Considerations: HR+/HER2+ disease!") == "special-considerations-hrher2-disease")
        #expect(HeadingAnchors.slug("snake_case and  two spaces") == "snake_case-and--two-spaces")
        #expect(HeadingAnchors.slug("Ça va? Déjà") == "ça-va-déjà")
    }

    @Test func repeatsAreNumbered() {
        var anchors = HeadingAnchors()
        #expect(anchors.anchor(for: "Dosing") == "dosing")
        #expect(anchors.anchor(for: "Dosing") == "dosing-1")
        #expect(anchors.anchor(for: "Dosing") == "dosing-2")
        #expect(anchors.anchor(for: "Dosing 1") == "dosing-1-1")
    }

    /// The ASCII fast path gives what the Unicode rules give, for every ASCII character.
    @Test func asciiSlugsMatchTheUnicodeRules() {
        let all = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        #expect(HeadingAnchors.asciiSlug(all.joined()) == HeadingAnchors.unicodeSlug(all.joined()))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in all.randomElement(using: &generator)! }.joined()
            #expect(HeadingAnchors.asciiSlug(text) == HeadingAnchors.unicodeSlug(text), "\(text.debugDescription)")
        }
        #expect(HeadingAnchors.asciiSlug("Dosing – first line") == nil)
        #expect(HeadingAnchors.slug("Dosing – first line") == "dosing--first-line")
    }
}
