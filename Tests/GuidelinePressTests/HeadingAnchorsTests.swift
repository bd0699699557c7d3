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
}
