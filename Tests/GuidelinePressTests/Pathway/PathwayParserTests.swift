import Testing
@testable import GuidelinePress

/// Parses a literal whose first line is Markdown line 10, at column 1 unless told.
private func parse(_ literal: String, column: Int = 1) -> (pathway: Pathway, diagnostics: [Diagnostic]) {
    PathwayParser.parse(literal, file: "a.md", firstLine: 10, column: column)
}

/// The one diagnostic of a literal, as `line:column: message`.
private func only(_ literal: String, column: Int = 1) -> String? {
    let d = parse(literal, column: column).diagnostics
    guard d.count == 1, d[0].rule == .pathwaySyntax, d[0].severity == .error else {
        return "expected one pathway-syntax error, got \(d)"
    }
    return "\(d[0].line!):\(d[0].column!): \(d[0].message)"
}

@Suite struct PathwayParserTests {
    @Test func specExample() {
        let (p, d) = parse("""
        flowchart TD
          first[First line: trastuzumab + pertuzumab + taxane] -->|progression| second[Second line: T-DM1]
          early{Relapse within 12 months of adjuvant trastuzumab?} -->|yes| second
          early -->|no| first
          second -->|progression| third[Third line and beyond]
          click first "#first-line-treatment"
          click second "#second-line-treatment"
          click third "her2-third-line#options"
        """)
        #expect(d.isEmpty)
        #expect(p.direction == .topDown)
        #expect(p.nodes.map(\.id) == ["first", "second", "early", "third"])
        #expect(p.nodes[0] == PathwayNode(id: "first", label: "First line: trastuzumab + pertuzumab + taxane",
                                          shape: .box, target: "#first-line-treatment",
                                          position: .init(line: 11, column: 3),
                                          targetPosition: .init(line: 15, column: 16)))
        #expect(p.nodes[2].shape == .decision && p.nodes[2].target == nil)
        #expect(p.nodes[3].target == "her2-third-line#options")
        #expect(p.edges == [
            PathwayEdge(from: "first", to: "second", label: "progression", position: .init(line: 11, column: 56)),
            PathwayEdge(from: "early", to: "second", label: "yes", position: .init(line: 12, column: 60)),
            PathwayEdge(from: "early", to: "first", label: "no", position: .init(line: 13, column: 9)),
            PathwayEdge(from: "second", to: "third", label: "progression", position: .init(line: 14, column: 10)),
        ])
    }

    @Test func everySupportedForm() {
        let (p, d) = parse("""
        %% a comment before the header

        graph LR;
          a[Box]
          b(Rounded)
          c{Decision?}
          a --> b
          b -- on relapse --> c
          c -->|"yes"| d-1["Quoted [label]"] --> e_2
          %% a comment
          click a "#x"
          click b href "other-article"
          click d-1 "other#y";
        """)
        #expect(d.isEmpty)
        #expect(p.direction == .leftRight)
        #expect(p.nodes.map(\.id) == ["a", "b", "c", "d-1", "e_2"])
        #expect(p.nodes.map(\.shape) == [.box, .rounded, .decision, .box, .box])
        #expect(p.nodes.map(\.label) == ["Box", "Rounded", "Decision?", "Quoted [label]", "e_2"])
        #expect(p.edges.map { "\($0.from)>\($0.to):\($0.label ?? "")" } == ["a>b:", "b>c:on relapse", "c>d-1:yes", "d-1>e_2:"])
        #expect(p.nodes.map(\.target) == ["#x", "other-article", nil, "other#y", nil])
        #expect(parse("flowchart TB\n  a-->b").pathway.edges.count == 1)
    }

    @Test func laterDeclarationGivesALabel() {
        let (p, d) = parse("flowchart TD\n  a --> b\n  b[Second]\n  b[Second]")
        #expect(d.isEmpty)
        #expect(p.nodes[1].label == "Second" && p.nodes[1].position == .init(line: 12, column: 3))
    }

    @Test func headerErrors() {
        #expect(only("sequenceDiagram\n") == "10:1: expected 'flowchart TD', 'flowchart TB' or 'flowchart LR' as the first line, found 'sequenceDiagram'")
        #expect(only("flowchart RL\n  a") == "10:11: unsupported direction 'RL'; expected 'TD', 'TB' or 'LR'")
        #expect(only("  graph BT", column: 5) == "10:13: unsupported direction 'BT'; expected 'TD', 'TB' or 'LR'")
        #expect(only("flowchart\n  a") == "10:10: expected direction 'TD', 'TB' or 'LR' after 'flowchart'")
        #expect(only("flowchart TD extra\n  a") == "10:14: unexpected 'extra' after 'flowchart TD'")
        #expect(only("flowchart TD\n  a\nflowchart LR") == "12:1: unexpected second 'flowchart' header")
        #expect(only("") == "10:1: empty pathway; expected 'flowchart TD' and at least one node")
        #expect(only("flowchart TD\n%% nothing") == "10:1: pathway has no nodes")
        // A missing header is reported and the line is still read.
        let (p, d) = parse("a --> b")
        #expect(d.count == 1 && p.edges.count == 1)
    }

    @Test func unsupportedLinks() {
        #expect(only("flowchart TD\n  a -.-> b") == "11:5: unsupported link '-.->'; expected '-->'")
        #expect(only("flowchart TD\n  a ==> b") == "11:5: unsupported link '==>'; expected '-->'")
        #expect(only("flowchart TD\n  a --- b") == "11:5: unsupported link '---'; expected '-->'")
        #expect(only("flowchart TD\n  a --o b") == "11:5: unsupported link '--o'; expected '-->'")
        #expect(only("flowchart TD\n  a <--> b") == "11:5: unsupported link '<-->'; expected '-->'")
        #expect(only("flowchart TD\n  a -->> b") == "11:5: unsupported link '-->>'; expected '-->'")
    }

    @Test func unsupportedStatements() {
        #expect(only("flowchart TD\n  a\n  subgraph one") == "12:3: unsupported statement 'subgraph'; a pathway has nodes, edges, 'click' lines and '%%' comments")
        #expect(only("flowchart TD\n  a\n  end") == "12:3: unsupported statement 'end'; a pathway has nodes, edges, 'click' lines and '%%' comments")
        #expect(only("flowchart TD\n  a\n  style a fill:#f9f") == "12:3: unsupported statement 'style'; a pathway has nodes, edges, 'click' lines and '%%' comments")
        #expect(only("flowchart TD\n  a\n  classDef red fill:#f00") == "12:3: unsupported statement 'classDef'; a pathway has nodes, edges, 'click' lines and '%%' comments")
        #expect(only("flowchart TD\n  a\n  a --> b %% trailing") == "12:11: '%%' comments must be on a line of their own")
    }

    @Test func nodeErrors() {
        #expect(only("flowchart TD\n  first[First line") == "11:8: expected ']' to end the label of node 'first'")
        #expect(only("flowchart TD\n  a(x") == "11:4: expected ')' to end the label of node 'a'")
        #expect(only("flowchart TD\n  a[\"quoted]") == "11:4: expected '\"' to end the quoted label of node 'a'")
        #expect(only("flowchart TD\n  a[ ]") == "11:4: empty label for node 'a'")
        #expect(only("flowchart TD\n  a((circle))") == "11:4: unsupported node shape '(('; use 'id[label]', 'id(label)' or 'id{label}'")
        #expect(only("flowchart TD\n  a[One]\n  a[Two]") == "12:3: node 'a' redeclared with a different label or shape; first declared on line 11")
        #expect(only("flowchart TD\n  a[One]\n  a(One)") == "12:3: node 'a' redeclared with a different label or shape; first declared on line 11")
    }

    /// A quoted edge label may hold the text that ends the label (second probe, seventeenth
    /// session: `|"yes | no"|` gave three errors, one about an invented node 'no').
    @Test func quotedEdgeLabelsHoldTheirClosingText() {
        let (p, d) = parse("flowchart TD\n  a -->|\"yes | no\"| b\n  b -- \"not --> yet\" --> c")
        #expect(d.isEmpty, "\(d)")
        #expect(p.nodes.map(\.id) == ["a", "b", "c"])
        #expect(p.edges.map(\.label) == ["yes | no", "not --> yet"])
        #expect(only("flowchart TD\n  a -->|\"open b") == "11:8: expected '|' to end the edge label after '-->'")
    }

    @Test func edgeErrors() {
        #expect(only("flowchart TD\n  first[First] second") == "11:16: expected '-->' after node 'first', found 'second'")
        #expect(only("flowchart TD\n  a & b --> c") == "11:5: expected '-->' after node 'a', found '&'")
        #expect(only("flowchart TD\n  a -->") == "11:8: expected node id after '-->', found end of line")
        #expect(only("flowchart TD\n  a -->|yes b") == "11:8: expected '|' to end the edge label after '-->'")
        #expect(only("flowchart TD\n  a -->|| b") == "11:8: empty edge label")
        #expect(only("flowchart TD\n  a -- yes b") == "11:5: expected '-->' to end the edge label after '--'")
        #expect(only("flowchart TD\n  a --> ?") == "11:9: expected node id after '-->', found '?'")
        #expect(only("flowchart TD\n  !stray text") == "11:3: expected node id, found '!stray'")
    }

    @Test func clickErrors() {
        #expect(only("flowchart TD\n  first\n  click x \"#a\"") == "12:9: click names unknown node 'x'")
        #expect(only("flowchart TD\n  first\n  click frist \"#a\"") == "12:9: click names unknown node 'frist'; did you mean 'first'?")
        #expect(only("flowchart TD\n  a\n  click a #x") == "12:11: expected quoted target after 'click a', such as \"#anchor\", found '#x'")
        #expect(only("flowchart TD\n  a\n  click a \"#x") == "12:11: expected '\"' to end the target of 'click a'")
        #expect(only("flowchart TD\n  a\n  click a \"#x\" \"tooltip\"") == "12:16: unexpected '\"tooltip\"' after the target of 'click a'")
        #expect(only("flowchart TD\n  a\n  click a \"#x\"\n  click a \"#x\"") == "13:9: node 'a' already has a click target on line 12")
    }

    @Test func positionsCountBytesAndIndentation() {
        // Columns are UTF-8 bytes from the fence's indentation; CRLF line ends are accepted.
        let d = parse("flowchart TD\r\n  é[Café] ==> b\r\n", column: 4).diagnostics
        #expect(d.map { "\($0.line!):\($0.column!)" } == ["11:6"])
    }

    @Test func hostileInputFinishes() {
        var lines = ["flowchart TD"]
        for i in 0..<2_000 {
            switch i % 8 {
            case 0: lines.append("  n\(i)[" + String(repeating: "[", count: 500))
            case 1: lines.append("  n\(i) --> n\(i + 1) --> n\(i + 2) -- " + String(repeating: "-", count: 300))
            case 2: lines.append("  " + String(repeating: "a-", count: 400) + "b -->|" + String(repeating: "|", count: 3))
            case 3: lines.append("  click " + String(repeating: "\"", count: 301))
            case 4: lines.append(String(repeating: "\u{0}\u{FFFD}é{}()[]|\"", count: 50))
            case 5: lines.append("  x\(i){" + String(repeating: "}", count: 2) + " --> y\(i)(ok)")
            case 6: lines.append("  a\(i) -- " + String(repeating: "- -", count: 200) + " --> b\(i)")
            default: lines.append("  p\(i)[<script>&amp;</script>] --> q\(i){?} -->|if| r\(i)(r)")
            }
        }
        let (p, d) = parse(lines.joined(separator: "\n"))
        #expect(!d.isEmpty)
        #expect(p.nodes.count <= Pathway.maximumNodeCount)
        #expect(d.contains { $0.message == "pathway has more than 200 nodes" })
        // What parsed still lays out and renders.
        let rendered = PathwayRenderer.render(p, idPrefix: "h", title: "Hostile", href: { $0 })
        #expect(rendered.svg.hasPrefix("<svg"))
    }

    /// A node label of one 800,000-character word (a paste gone wrong) was wrapped into 36,000
    /// lines and took a build 31 s: a label past the longest is an error at its first character,
    /// cut to the longest so that a review build still draws the pathway; one of exactly the
    /// longest (in characters, not bytes) is fine.
    @Test func cutsLabelsPastTheLongest() {
        let most = Pathway.maximumLabelLength
        let long = String(repeating: "W", count: most + 1)
        #expect(only("flowchart TD\n  a[\(long)] --> b")
                == "11:5: label of node 'a' has \(most + 1) characters (at most \(most)); keep a step to a few words and put the detail in the article")
        #expect(only("flowchart TD\n  a(  \"\(long)\" ) --> b")?.hasPrefix("11:8: label of node 'a' has \(most + 1) characters") == true)
        #expect(only("flowchart TD\n  a -->|  \(long) | b")?.hasPrefix("11:11: edge label has \(most + 1) characters") == true)
        #expect(only("flowchart TD\n  a -- \(long) --> b")?.hasPrefix("11:8: edge label has \(most + 1) characters") == true)
        let (p, d) = parse("flowchart TD\n  a{\(long)} -->|\(long)| b[\(String(repeating: "é", count: most))]")
        #expect(d.count == 2)
        #expect(p.nodes.map(\.label) == [String(repeating: "W", count: most) + "…", String(repeating: "é", count: most)])
        #expect(p.edges.map(\.label) == [String(repeating: "W", count: most) + "…"])
        let rendered = PathwayRenderer.render(p, idPrefix: "p", title: "Cut", href: { $0 })
        #expect(rendered.svg.hasPrefix("<svg") && rendered.svg.contains("…"))
    }

    /// Every pair of 30 nodes linked with a label (870 edges) kept Graphviz busy for minutes: edges
    /// past the 300th are an error, the parse stops there, and what parsed lays out in about a second.
    @Test func stopsAtTheMostEdges() {
        var lines = ["flowchart TD"]
        for a in 0..<30 { for b in 0..<30 where a != b { lines.append("  n\(a) -->|e\(a)-\(b)| n\(b)") } }
        let (p, d) = parse(lines.joined(separator: "\n"))
        #expect(p.edges.count == Pathway.maximumEdgeCount)
        #expect(d.count == 1)
        #expect(d.first?.message == "pathway has more than 300 edges")
        #expect(d.first?.line == 10 + 1 + Pathway.maximumEdgeCount)  // the 301st edge's line
        // The same unlabelled edge repeated is not counted again.
        let repeated = parse("flowchart TD\n" + String(repeating: "  a --> b\n", count: 1_000) + "  c --> d\n")
        #expect(repeated.diagnostics.isEmpty && repeated.pathway.edges.count == 1_001)
    }
}
