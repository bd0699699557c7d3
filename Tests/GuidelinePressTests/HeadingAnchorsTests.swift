import Testing
@testable import GuidelinePress

@Suite struct HeadingAnchorsTests {
    @Test func githubRules() {
        #expect(HeadingAnchors.slug("First-line treatment") == "first-line-treatment")
        #expect(HeadingAnchors.slug("Special Considerations: HR+/HER2+ disease!") == "special-considerations-hrher2-disease")
        #expect(HeadingAnchors.slug("snake_case and  two spaces") == "snake_case-and--two-spaces")
        #expect(HeadingAnchors.slug("Ça va? Déjà") == "ça-va-déjà")
        // GitHub keeps letters, marks, decimal digits and `_`: superscripts, fractions and Roman
        // numerals go; digits of other scripts stay.
        #expect(HeadingAnchors.slug("Dose (mg/m²)") == "dose-mgm")
        #expect(HeadingAnchors.slug("½ dose, phase Ⅱ, 10⁹/L") == "-dose-phase--10l")
        #expect(HeadingAnchors.slug("Étape ٣ and ３") == "étape-٣-and-３")
    }

    @Test func repeatsAreNumbered() {
        var anchors = HeadingAnchors()
        #expect(anchors.anchor(for: "Dosing") == "dosing")
        #expect(anchors.anchor(for: "Dosing") == "dosing-1")
        #expect(anchors.anchor(for: "Dosing") == "dosing-2")
        #expect(anchors.anchor(for: "Dosing 1") == "dosing-1-1")
    }

    /// A heading with nothing left for a slug is `section`, not the invalid empty id.
    @Test func emptySlugsAreSections() {
        var anchors = HeadingAnchors()
        #expect(anchors.anchor(for: "☃") == "section")
        #expect(anchors.anchor(for: "!!") == "section-1")
        #expect(anchors.anchor(for: "References") == "references")
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

    /// Numbering as the first version numbered, for random sequences of headings whose slugs
    /// collide with each other's numbered forms ("Dosing 1" before and after "Dosing" twice).
    @Test func numberingAsByDefinition() {
        struct Reference {
            var seen: [String: Int] = [:]
            var taken: Set<String> = []
            mutating func anchor(for text: String) -> String {
                let base = HeadingAnchors.slug(text)
                var candidate = base
                var n = seen[base] ?? 0
                if taken.contains(candidate) {
                    repeat {
                        n += 1
                        candidate = "\(base)-\(n)"
                    } while taken.contains(candidate)
                }
                seen[base] = n
                taken.insert(candidate)
                return candidate
            }
        }
        var generator = SeededGenerator(seed: 5)
        let texts = ["Dosing", "Dosing 1", "dosing-1", "Dosing 2", "Dosing-1-1", "Dosing 1 1", "A", "a 1", "A!"]
        for _ in 0..<500 {
            var anchors = HeadingAnchors()
            var reference = Reference()
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                let text = texts.randomElement(using: &generator)!
                #expect(anchors.anchor(for: text) == reference.anchor(for: text), "\(text)")
            }
        }
    }
}
