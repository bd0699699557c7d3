import Testing
@testable import GuidelinePress

/// `citation-malformed` says why a group that starts `[@` does not parse, and shows the group as
/// it was probably meant when that parses (typos of real manuscripts: a space after `@`, a comma
/// or `and` for `;`, a `;` with nothing after it, an unclosed bracket).
@Suite struct MalformedGroupHintTests {
    @Test func aRewriteIsSuggestedWhenItParses() {
        let cases: [(String, String)] = [
            ("[@a, @b]", "; did you mean [@a; @b]? (citations in one group are separated by ';')"),
            ("[@a and @b]", "; did you mean [@a; @b]? (citations in one group are separated by ';')"),
            ("[@a @b]", "; did you mean [@a; @b]? (citations in one group are separated by ';')"),
            ("[@a.@b]", "; did you mean [@a; @b]? (citations in one group are separated by ';')"),
            ("[see @a, p. 3, @b, -@c]", "; did you mean [see @a, p. 3; @b; -@c]? (citations in one group are separated by ';')"),
            ("[@a; @b, @c]", "; did you mean [@a; @b; @c]? (citations in one group are separated by ';')"),
            ("[@ a]", "; did you mean [@a]? (a space may not follow '@')"),
            ("[@\u{200B}a]", "; did you mean [@a]? (an invisible character (U+200B ZERO WIDTH SPACE) may not follow '@')"),
            ("[@a;]", "; did you mean [@a]? (a ';' stands only between two citations)"),
            ("[@a; ]", "; did you mean [@a]? (a ';' stands only between two citations)"),
            ("[@a;; @b]", "; did you mean [@a; @b]? (a ';' stands only between two citations)"),
            ("[@ a;]", "; did you mean [@a]? (a space may not follow '@'; a ';' stands only between two citations)"),
            ("[@@a; @@@b]", "; did you mean [@a; @b]? (one '@' comes before each key)"),
            ("[@doi:10.3233/SW-160218;10.1109/MIC.2019.2928449]",
             "; did you mean [@doi:10.3233/SW-160218;@doi:10.1109/MIC.2019.2928449]? (a DOI is cited as @doi:… like the others)"),
        ]
        for (group, hint) in cases {
            #expect(MalformedGroupHint.hint(for: group) == hint, "\(group)")
            // Each suggestion is itself one citation.
            if let range = hint.range(of: "did you mean "), let end = hint.range(of: "? (") {
                #expect(MalformedGroupHint.parsesAsOneGroup(String(hint[range.upperBound..<end.lowerBound])), "\(group)")
            }
        }
    }

    @Test func otherMistakesAreNamedWithoutARewrite() {
        #expect(MalformedGroupHint.hint(for: "[@a; see]") == "; its part 'see' has no @key: each part between ';' cites a reference")
        #expect(MalformedGroupHint.hint(for: "[see; @a]") == "; its part 'see' has no @key: each part between ';' cites a reference")
        #expect(MalformedGroupHint.hint(for: "[@a}.") == "; its '[' is never closed: end the citation with ']'")
        // An e-mail address is not a second key, and a group that no rewrite mends gets no guess.
        #expect(MalformedGroupHint.hint(for: "[@a, see x@y.org, @]") == "")
        #expect(MalformedGroupHint.hint(for: "[@a, x]. B [@b]. C [@c, y]") == "")
        #expect(MalformedGroupHint.hint(for: "[@a<b>c]") == "")
        // A long group gets the reason without its rewrite.
        let long = "[" + (0..<40).map { "@key\($0)" }.joined(separator: ", ") + "]"
        #expect(MalformedGroupHint.hint(for: long) == "; citations in one group are separated by ';'")
    }

    /// The findings (but `reference-unused`) of a site whose one article has `body`, with the
    /// references `smith2020` and `jones2021`, as `line:column rule message`.
    func findings(_ body: String) throws -> [String] {
        var files = TestContent.minimalSite(article: "---\nquestion: Is this valid?\nstatus: submitted\nupdated: 2025-06-01\n---\n\n" + body)
        files["references/refs.json"] = """
            [{"id": "smith2020", "type": "article-journal", "title": "A title", "issued": {"date-parts": [[2020]]}},
             {"id": "jones2021", "type": "article-journal", "title": "Another title", "issued": {"date-parts": [[2021]]}}]
            """
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        return try TestContent.check(folder.path).diagnostics.filter { $0.rule != .referenceUnused }
            .map { "\($0.line ?? 0):\($0.column ?? 0) \($0.rule.rawValue) \($0.message)" }
    }

    /// A `;` list that does not start `[@` and an inline footnote are reported too; their keys are
    /// cited as pandoc cites them (in-text), so their claims are not claim-uncited.
    @Test func groupsPandocGivesUpAreReported() throws {
        #expect(try findings("Yes [MODIS;\n@smith2020].\n\nNo.^[See @jones2021 for details.]\n") == [
            "7:5 citation-malformed citation '[MODIS; @smith2020]' does not parse; its part 'MODIS' has no @key: each part between ';' cites a reference",
            "10:4 citation-malformed '^[See @jones2021 for details.]' is a pandoc inline footnote, which the content format does not have: "
                + "the page would show its '^', brackets and words around the citation's number",
        ])
    }

    /// Through the checker, on a site: the finding ends with the hint.
    @Test func theFindingCarriesTheHint() throws {
        #expect(try findings("Yes. [@smith2020, @jones2021]\n\nNo. [@ smith2020]\n") == [
            "7:6 citation-malformed citation '[@smith2020, @jones2021]' does not parse; did you mean [@smith2020; @jones2021]? "
                + "(citations in one group are separated by ';')",
            "9:5 citation-malformed citation '[@ smith2020]' does not parse; did you mean [@smith2020]? (a space may not follow '@')",
        ])
    }
}
