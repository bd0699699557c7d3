import Testing
@testable import GuidelinePress

@Suite struct PathwayTargetTests {
    let anchors: [String: Set<String>] = [
        "her2-metastatic": ["first-line-treatment", "second-line-treatment"],
        "her2-third-line": ["options", "dosing"],
    ]

    /// The `pathway-target` diagnostics of a pathway literal, as `line:column: message`.
    func check(_ literal: String) -> [String] {
        let (p, syntax) = PathwayParser.parse(literal, file: "a.md", firstLine: 10, column: 1)
        #expect(syntax.isEmpty)
        return PathwayTarget.check(p, file: "a.md", articleSlug: "her2-metastatic", anchors: { anchors[$0] },
                                   articleSlugs: Array(anchors.keys)).map {
            #expect($0.rule == .pathwayTarget && $0.severity == .error)
            return "\($0.line!):\($0.column!): \($0.message)"
        }
    }

    @Test func parsesTheThreeForms() {
        #expect(PathwayTarget.parse("#a") == .success(.anchor("a")))
        #expect(PathwayTarget.parse("her2-x") == .success(.article(slug: "her2-x")))
        #expect(PathwayTarget.parse("her2-x#a") == .success(.articleAnchor(slug: "her2-x", anchor: "a")))
        #expect(PathwayTarget.parse("javascript:alert(1)") == .failure(.notRelative))
        #expect(PathwayTarget.parse("https://example.org") == .failure(.notRelative))
        #expect(PathwayTarget.parse("/abs") == .failure(.notRelative))
        #expect(PathwayTarget.parse("x.md") == .failure(.markdownFile(slug: "x")))
        #expect(PathwayTarget.parse("Bad_Slug") == .failure(.invalidSlug("Bad_Slug")))
        #expect(PathwayTarget.parse("x#") == .failure(.emptyAnchor))
        #expect(PathwayTarget.parse("") == .failure(.empty))
    }

    /// A percent-encoded anchor is read decoded, as a body link's is (second probe, seventeenth
    /// session: the same `#dose-mgm%C2%B2` passed in a link and failed in a pathway).
    @Test func percentEncodedAnchorsAreDecoded() {
        #expect(PathwayTarget.parse("#dose-f%C3%BCr") == .success(.anchor("dose-für")))
        #expect(PathwayTarget.parse("her2-x#a%2Db") == .success(.articleAnchor(slug: "her2-x", anchor: "a-b")))
        #expect(PathwayTarget.parse("#100%") == .success(.anchor("100%")))
    }

    /// White space anywhere is not relative, in ASCII (read as bytes) and in other text (read as
    /// characters); a `#` joined by a combining mark is no `#`.
    @Test func whiteSpaceAndOtherText() {
        for text in ["a b", "#a b", "a\tb", "a\u{0B}b", "a\u{0C}b", "a\nb", "a\rb", "a\r\nb", "a\u{A0}b", "#a\u{2028}", "é b"] {
            #expect(PathwayTarget.parse(text) == .failure(.notRelative), "\(text.debugDescription)")
        }
        #expect(PathwayTarget.parse("a\u{1F}b") == .failure(.invalidSlug("a\u{1F}b")))
        #expect(PathwayTarget.parse("#é") == .success(.anchor("é")))
        #expect(PathwayTarget.parse("é#a") == .failure(.invalidSlug("é")))
        #expect(PathwayTarget.parse("x#\u{301}a") == .failure(.invalidSlug("x#\u{301}a")))
    }

    @Test func validTargetsAndDecisionsPass() {
        #expect(check("""
        flowchart TD
          a[A] --> b{B?} --> c[C]
          b --> d[D]
          click a "#first-line-treatment"
          click c "her2-third-line"
          click d "her2-third-line#options"
        """) == [])
    }

    @Test func nodeWithoutTarget() {
        #expect(check("flowchart TD\n  a[A] --> b(B)\n  click a \"#first-line-treatment\"")
                == ["11:12: node 'b' has no target; add 'click b \"#heading\"'"])
    }

    @Test func missingAnchorsAndArticles() {
        #expect(check("""
        flowchart TD
          a[A] --> b[B] --> c[C] --> d[D] --> e[E]
          click a "#first-line-treatmnt"
          click b "her2-third-lin#options"
          click c "her2-third-line#dose"
          click d "unrelated"
          click e "#nothing-like-it"
        """) == [
            "12:12: target '#first-line-treatmnt' of node 'a': no heading '#first-line-treatmnt' in this article; did you mean '#first-line-treatment'?",
            "13:12: target 'her2-third-lin#options' of node 'b' names unknown article 'her2-third-lin'; did you mean 'her2-third-line'?",
            "14:12: target 'her2-third-line#dose' of node 'c': no heading '#dose' in article 'her2-third-line'",
            "15:12: target 'unrelated' of node 'd' names unknown article 'unrelated'",
            "16:12: target '#nothing-like-it' of node 'e': no heading '#nothing-like-it' in this article",
        ])
    }

    @Test func unsafeAndMalformedTargets() {
        #expect(check("""
        flowchart TD
          a[A] --> b[B] --> c[C] --> d{D}
          click a "javascript:alert(1)"
          click b "her2-third-line.md"
          click c ""
          click d "https://example.org"
        """) == [
            "12:12: target 'javascript:alert(1)' of node 'a' is not relative; use '#anchor', 'slug' or 'slug#anchor'",
            "13:12: target 'her2-third-line.md' of node 'b' names a file; did you mean 'her2-third-line'?",
            "14:12: empty target for node 'c'",
            "15:12: target 'https://example.org' of node 'd' is not relative; use '#anchor', 'slug' or 'slug#anchor'",
        ])
    }
}
