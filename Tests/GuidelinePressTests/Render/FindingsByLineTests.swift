import Foundation
import Testing
@testable import GuidelinePress

/// A review build shows each finding once, after the first block rendered whose lines hold it, in
/// report order, and finds them by line: an article of 40,000 uncited paragraphs had taken 22 s
/// when every block looked through every finding.
@Suite struct FindingsByLineTests {
    static func finding(line: Int?) -> Diagnostic {
        Diagnostic(file: "articles/many.md", line: line, rule: .claimUncited, message: "claim has no citation")
    }

    /// The same findings as looking through all of them for each block, in the same order: for
    /// blocks that overlap, repeat, run backwards (a pathway drawn after the summary) or end before
    /// they start, and findings out of line order, on one line, or about the whole file.
    @Test func takesWhatASearchThroughEveryFindingTakes() {
        let lines: [Int?] = (0..<300).map { i in i % 37 == 0 ? nil : (i * 7_919) % 120 }
        let findings = lines.map { Self.finding(line: $0) }
        let ranges = (0..<200).map { i in ((i * 31) % 130, (i * 31) % 130 + (i % 9) - 2) }
        var byLine = FindingsByLine(findings)
        var shown = Set<Int>()
        for (first, last) in ranges {
            let expected = findings.indices.filter { i in
                guard !shown.contains(i), let line = findings[i].line else { return false }
                return line >= first && line <= last
            }
            shown.formUnion(expected)
            #expect(byLine.take(lines: first, through: last) == expected, "lines \(first)...\(last)")
        }
        #expect(byLine.take(lines: Int.min, through: Int.max) == findings.indices.filter { !shown.contains($0) && findings[$0].line != nil })
    }

    /// 20,000 uncited one-line paragraphs: each finding is shown once, in order, and placing them
    /// looks at about one finding per finding and per block, not one per finding per block (which
    /// would be 400 million).
    @Test func manyFindingsAreEachLookedAtAboutOnce() {
        let count = 20_000
        let blocks = (0..<count).map { i in
            let position = SourcePosition(line: 9 + 2 * i, column: 1)
            return Block(.paragraph([Inline(.text("Uncited."), at: position)]), at: position)
        }
        // A finding about the whole file has no block: the page lists it apart.
        let findings = blocks.map { Self.finding(line: $0.position.line) } + [Self.finding(line: nil)]
        var body = BodyRenderer()
        body.findings = findings
        let html = body.render(blocks)
        #expect(body.shownFindings == Set(0..<count))
        // At least one a finding shown: the renderer places them through the index, not a search of its own.
        #expect(body.findingsExamined >= count && body.findingsExamined <= findings.count + blocks.count)
        let shownIDs = html.components(separatedBy: "id=\"finding-").dropFirst().map { Int($0.prefix { $0.isNumber }) }
        #expect(shownIDs == (1...count).map { $0 })
    }
}
