import Testing
@testable import GuidelinePress

/// ``DefinitionCitations`` reads raw source lines: on random lines of markers, brackets, colons
/// and other bytes it never traps, reports only lines that start a `[@…]:` label, and places
/// each citation on its line, inside it.
@Suite struct DefinitionCitationsTests {
    @Test func randomLinesNeverTrapAndStayOnTheirLines() {
        var generator = SeededGenerator(seed: 22)
        let markers = ["", "", "> ", "- ", "* ", "1. ", "12) ", "  ", "\t", "> - ", "    ", "```\n"]
        let labels = ["@a", "-@a", "@a; @b", "@a, p. 3", "@", "@{x]y}", "@a]", "[@a", "@é"]
        let rests = ["", " masks", " https://e.org", " x \"t\"", "\n  more", "]", ":", " [@c]"]
        let noise = ["[", "]", ":", "@", "x", " ", "é", "\n", "```", "]:", "[@"]
        func pick(_ list: [String]) -> String { list.randomElement(using: &generator)! }
        func line() -> String {
            Bool.random(using: &generator) ? pick(markers) + "[" + pick(labels) + "]:" + pick(rests)
                : (0..<Int.random(in: 0...6, using: &generator)).map { _ in pick(noise) }.joined()
        }
        var reported = 0
        for _ in 0..<3_000 {
            let body = (0..<Int.random(in: 1...5, using: &generator)).map { _ in line() }.joined(separator: pick(["\n", "\n\n"]))
            let parsed = MarkdownParser.parse(body, lineOffset: 3)
            let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
            for found in DefinitionCitations.find(in: body, lineOffset: 3, blocks: parsed.blocks) {
                reported += 1
                let index = found.position.line - 4
                #expect(lines.indices.contains(index), "\(body.debugDescription)")
                guard lines.indices.contains(index) else { continue }
                let line = lines[index]
                #expect(found.position.column >= 1 && found.position.column <= line.utf8.count, "\(body.debugDescription)")
                #expect(Array(line.utf8).withUnsafeBufferPointer { DefinitionCitations.definitionStart($0) != nil }, "\(body.debugDescription)")
            }
        }
        // The random lines do make definitions (the checks above ran).
        #expect(reported > 500, "\(reported)")
    }

    @Test func theLabelAndTheRestAreRead() throws {
        let start = try #require(Array("> - 3. [-@a; @b, p. 3]: masks \"title\"".utf8).withUnsafeBufferPointer {
            DefinitionCitations.definitionStart($0)
        })
        #expect(start.column == 8 && start.label == "-@a; @b, p. 3" && start.rest == " masks \"title\"")
        for line in ["x [@a]: b", "[a]: b", "[@a] : b", "[@a]", "[@a[b]]: c", "    [@a]: b"] {
            #expect(Array(line.utf8).withUnsafeBufferPointer { DefinitionCitations.definitionStart($0) } == nil || line.hasPrefix("    "), "\(line)")
        }
    }
}
