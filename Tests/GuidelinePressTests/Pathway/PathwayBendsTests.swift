import Testing
@testable import GuidelinePress

/// ``Pathway/layoutBends`` estimates `dot`'s work before Graphviz is asked; a pathway past
/// ``Pathway/maximumBends`` is `pathway-syntax` and drawn by its text form only (a 200-step chain
/// with 101 labelled edges back up it, inside the node and edge limits, took 69 s to lay out).
@Suite struct PathwayBendsTests {
    static func chain(_ steps: Int, back: Int, labelled: Bool = true) -> String {
        var lines = ["flowchart TD"]
        for i in 0..<(steps - 1) { lines.append("  n\(i)[Step \(i)] --> n\(i + 1)[Step \(i + 1)]") }
        for k in 0..<back { lines.append("  n\(steps - 1 - k) -->\(labelled ? "|again|" : "") n\(k)") }
        for i in 0..<steps { lines.append("  click n\(i) \"#steps\"") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func parsed(_ literal: String) -> (Pathway, [Diagnostic]) {
        PathwayParser.parse(literal, file: "a.md", firstLine: 10, column: 1)
    }

    @Test func bendsOfSmallGraphs() {
        func bends(_ body: String) -> Int { Self.parsed("flowchart TD\n" + body).0.layoutBends }
        #expect(bends("  a --> b --> c\n") == 0)                   // neighbouring ranks: no bend
        #expect(bends("  a --> b --> c\n  a --> c\n") == 1)        // a to c crosses b's rank
        #expect(bends("  a --> b --> c\n  c --> a\n") == 1)        // turned around, the same
        #expect(bends("  a --> b --> c\n  a --> c\n  a --> c\n") == 1)  // parallel edges share
        #expect(bends("  a -->|x| b --> c\n  a --> c\n") == 1 + 1 + 3)  // a label doubles every span
        #expect(bends("  a --> a\n") == 0)                        // a loop bends nothing
    }

    @Test func aTangledPathwayIsReportedAndNotLaidOut() throws {
        let (tangled, found) = Self.parsed(Self.chain(200, back: 101))
        #expect(tangled.layoutBends > Pathway.maximumBends)
        try #require(found.count == 1)
        #expect(found[0].rule == .pathwaySyntax && found[0].line == 10 && found[0].column == 1)
        #expect(found[0].message.hasPrefix("pathway is too tangled to draw"))
        // Not laid out (Graphviz would return a geometry, after about a minute).
        #expect(PathwayLayout.layout(tangled) == nil)
        // The same chain with a few edges back, or none labelled, is drawn.
        let (fine, none) = Self.parsed(Self.chain(100, back: 10))
        #expect(none.isEmpty && fine.layoutBends <= Pathway.maximumBends)
        #expect(Self.parsed(Self.chain(200, back: 0)).1.isEmpty)
    }
}

/// A fenced block is a pathway when its info string's first word is `pathway`, whether a space or
/// a tab ends it (with a tab it had been shown as code and never checked).
@Suite struct PathwayInfoStringTests {
    @Test func theFirstWordDecides() {
        #expect(PathwayParser.isPathway(info: "pathway"))
        #expect(PathwayParser.isPathway(info: "pathway extra"))
        #expect(PathwayParser.isPathway(info: "pathway\textra"))
        #expect(!PathwayParser.isPathway(info: "pathways"))
        #expect(!PathwayParser.isPathway(info: "mermaid pathway"))
        #expect(!PathwayParser.isPathway(info: ""))
        let article = TestContent.article(SiteFixture.article("Which path?", body: "Yes. [@a]\n\n```pathway\tx\nflowchart TD\n  t[T] --> u\n```\n"))
        #expect(ArticleOutline(blocks: article.blocks).pathways.count == 1)
    }
}
