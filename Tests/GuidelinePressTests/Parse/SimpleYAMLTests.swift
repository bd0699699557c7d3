import Foundation
import Testing
@testable import GuidelinePress

/// ``SimpleYAML`` must read every document it accepts exactly as libyaml composes it, and leave
/// every other document to libyaml.
@Suite struct SimpleYAMLTests {
    /// What libyaml makes of `yaml` (a front matter starting on line 2): the root, or `nil` for a
    /// syntax error or an empty document.
    static func libyaml(_ yaml: String) -> YAMLItem? {
        guard case .success(let node?) = YAMLDocument.parse(yaml, lineOffset: 1) else { return nil }
        return YAMLItem(node, lineOffset: 1, columns: YAMLDocument.ByteColumns(yaml))
    }

    /// The fast path as ``YAMLDocument/parseItem(_:lineOffset:)`` takes it.
    static func simple(_ yaml: String) -> YAMLItem? {
        SimpleYAML.read(yaml, lineOffset: 1)
    }

    static func frontMatters(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().compactMap { name in
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            return FrontMatterSplitter.split(text).yaml
        }
    }

    @Test func readsTheSampleFrontMattersAsLibyamlDoes() throws {
        let yamls = try Self.frontMatters(in: packageRoot.appendingPathComponent("Content/articles"))
        #expect(yamls.count >= 5)
        for yaml in yamls {
            let simple = Self.simple(yaml)
            // The sample is the usual front matter: the fast path must take every one.
            #expect(simple != nil, "\(yaml)")
            #expect(simple == Self.libyaml(yaml), "\(yaml)")
        }
    }

    @Test func readsEachFormTheSubsetHasAsLibyamlDoes() throws {
        let cases = [
            "question: What is HER2?\nstatus: approved\n",
            "a: x\nb: 'single quoted'\nc: \"double quoted\"\nd: ''\ne: \"\"\n",
            "topics: [a, b-c, d e]\nrelated: []\nmore: [ x ,y ]\n",
            "reviewed:\n  by: [mlee, jokafor]\n  on: 2026-05-14\nnext: 1\n",
            "reviewed:\n    by:\n      - mlee\n      -   dchen\n    on: 2026-05-14\n",
            "related:\n- a\n- b\ntopics:\n  - c\n",
            "# a comment\n\nquestion: Why?   \n   # indented comment\nstatus: null\nupdated: ~\n",
            "a: C# and F#\nb: 10:30\nc: x [1] {2}\nd: \"[bracketed]\"\n",
            "reviewed:\n  by:\n  - mlee\n  on: 2026-01-02\n",
            "a: x",
        ]
        for yaml in cases {
            let simple = Self.simple(yaml)
            #expect(simple != nil, "\(yaml)")
            #expect(simple == Self.libyaml(yaml), "\(yaml)")
        }
    }

    @Test func leavesEverythingElseToLibyaml() {
        let cases = [
            "a: b: c\n", "a: b #c\n", "a: \"x\\ty\"\n", "a: 'it''s'\n", "a:\nb: c\n", "a:\n",
            "a: x\na: y\n", "a: x\n  y\n", "a:\tx\n", "a: é\n", "a: -5\n", "a: [x, y,]\n", "a: [x, , y]\n",
            "a: [x\n", "a: &anchor x\n", "a: *alias\n", "a: !tag x\n", "a: |\n  text\n", "a: >\n  text\n",
            "a: {b: c}\n", "- a\n- b\n", "just text\n", "  a: x\n", "? a\n: b\n", "a: x\n---\nb: y\n",
            "a: [\"q\"]\n", "reviewed:\n  by:\n    deep: x\n", "a: x\n b: y\n", "\n", "", "a: x:\n",
            "a : x\n", "a.b: x\n", "a: @x\n", "a: `x`\n", "a: %x\n", "a: 'x' y\n", "a: \"x\" # c\n",
        ]
        for yaml in cases {
            #expect(Self.simple(yaml) == nil, "\(yaml)")
        }
    }

    /// Thousands of documents drawn from fragments that mix the subset with what lies just
    /// outside it: whenever the fast path answers, libyaml composes the same tree.
    @Test func randomDocumentsReadAsLibyamlReadsThem() {
        let keys = ["question", "status", "topics", "reviewed", "by", "on", "a", "a", "x-y", "_k", "9"]
        let usual = ["What is it?", "approved", "2025-10-30", "[a, b]", "[]", "[ a ,b ]", "'q'", "\"q q\"", "''"]
        let unusual = [
            "x: y", "x #y", "C#", "10:30", "~", "null", "a [b]", "[a, [b]]", "[a,]", "-x", "- x", "'it''s'",
            "\"a\\\"b\"", "é", "x\ty", "&a x", "*a", "|", "? x", "[a: b]", "{a: b}", "x   ", "\"x\" y",
        ]
        let indents = ["", "", "", "", "", "  ", "  ", "    ", " "]
        var generator = SeededGenerator(seed: 20261203)
        var taken = 0
        for _ in 0..<10_000 {
            var lines: [String] = []
            for _ in 0..<Int.random(in: 1...7, using: &generator) {
                let values = Int.random(in: 0..<8, using: &generator) == 0 ? unusual : usual
                let indent = indents.randomElement(using: &generator)!
                switch Int.random(in: 0..<12, using: &generator) {
                case 0: lines.append(indent + "- " + values.randomElement(using: &generator)!)
                case 1: lines.append(indent + keys.randomElement(using: &generator)! + ":")
                case 2: lines.append(["", "# note", "  # note", "   "].randomElement(using: &generator)!)
                case 3 where values == unusual: lines.append(indent + values.randomElement(using: &generator)!)
                default: lines.append(indent + keys.randomElement(using: &generator)! + ": "
                                      + values.randomElement(using: &generator)!)
                }
            }
            let yaml = lines.joined(separator: "\n") + (Bool.random(using: &generator) ? "\n" : "")
            guard let simple = Self.simple(yaml) else { continue }
            taken += 1
            #expect(simple == Self.libyaml(yaml), "\(yaml)")
        }
        // The fragments must reach the fast path often enough for the comparison to mean something.
        #expect(taken > 700)
    }

    @Test func frontMatterReadsTheSameEitherWay() throws {
        // A front matter outside the subset (a comment that is not ASCII) gives the same fields and
        // positions as its twin inside it.
        let inside = "question: Why?\nstatus: aproved\ntopics: [a, b]\nreviewed:\n  by: [x]\n  on: 2025-02-30\n"
        let outside = inside + "# révisé\n"
        #expect(Self.simple(inside) != nil)
        #expect(Self.simple(outside) == nil)
        let a = try FrontMatterParser.parse(inside).get(), b = try FrontMatterParser.parse(outside).get()
        #expect(a == b)
        #expect(a.invalid.map(\.position) == [SourcePosition(line: 3, column: 9), SourcePosition(line: 7, column: 7)])
    }
}
