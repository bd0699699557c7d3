import Testing
@testable import GuidelinePress

/// `[@a, @b]` (a comma typed for a semicolon) and `[@a and @b]`: pandoc reads `@b` as a citation
/// inside `a`'s suffix, which a numbered reference list cannot show. Left as suffix text, the claim
/// looked cited by `b` while `b` was in no reference list, with no finding: `citation-malformed`.
@Suite struct CitationInsideCitationTests {
    func findings(_ body: String) throws -> [String] {
        var files = TestContent.minimalSite(article: "---\nquestion: Is this valid?\nstatus: submitted\nupdated: 2025-06-01\n---\n\n\(body)\n")
        files["references/refs.json"] = """
            [{"id": "smith2020", "type": "article-journal", "title": "A title", "issued": {"date-parts": [[2020]]}},
             {"id": "jones2021", "type": "article-journal", "title": "Another title", "issued": {"date-parts": [[2021]]}}]
            """
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        return try TestContent.check(folder.path).diagnostics
            .filter { $0.rule != .referenceUnused }
            .map { "\($0.line ?? 0):\($0.column ?? 0) \($0.rule.rawValue) \($0.message)" }
    }

    @Test func aCitationInsideAnotherIsReported() throws {
        #expect(try findings("Yes. [@smith2020, @jones2021]")
                == ["7:6 citation-malformed citation '[@smith2020, @jones2021]' does not parse; did you mean [@smith2020; @jones2021]? (citations in one group are separated by ';')"])
        #expect(try findings("Yes. [@smith2020 and @jones2021]")
                == ["7:6 citation-malformed citation '[@smith2020 and @jones2021]' does not parse; did you mean [@smith2020; @jones2021]? (citations in one group are separated by ';')"])
        #expect(try findings("Yes. [see @smith2020, also @jones2021, p. 4]").count == 1)
    }

    /// Emphasis that starts in one group and ends in a later one swallowed the text between and
    /// its citations into the first group's suffix, with no finding (a differential fuzz).
    @Test func emphasisAcrossGroupsIsReported() throws {
        let found = try findings("A [@smith2020, *x]. B [@jones2021]. C [@smith2020, y*].")
        #expect(found.count == 1 && found.first?.hasPrefix("7:3 citation-malformed citation '[@smith2020, x]. B [@jones2021]") == true, "\(found)")
        for fine in ["Yes [@smith2020, *passim*].", "Yes [*see* @smith2020, p. 3].", "Yes [@smith2020, **p. 3**; @jones2021].",
                     "Yes [@smith2020, see `@dose` and *x*]."] {
            #expect(try findings(fine).isEmpty, "\(fine)")
        }
    }

    /// Text indented into an indented code block (after a nested list whose items do not start at
    /// 1, or by habit) showed as code, its citation gone, with no finding (a differential fuzz).
    /// Reported for a reference's key; fenced code, and keys no reference has, are left alone.
    @Test func aCitationInAnIndentedCodeBlockIsReported() throws {
        let nested = try findings("Yes. [@jones2021]\n\n1. x [@jones2021]\n   2. y [@jones2021]\n      3. z. [@jones2021]\n\n         Text [@smith2020].")
        #expect(nested.map { String($0.prefix(45)) } == ["13:16 citation-malformed citation '[@smith202"], "\(nested)")
        let plain = try findings("Yes. [@jones2021]\n\n    Indented [@smith2020].")
        #expect(plain == ["9:15 citation-malformed citation '[@smith2020]' is in an indented code block (text indented four spaces "
                          + "or more past where Markdown expects it), where it is not read as a citation: the text shows as code, and "
                          + "reference 'smith2020' would be missing from the list"], "\(plain)")
        #expect(try findings("Yes. [@jones2021]\n\n```\n[@smith2020]\n```").isEmpty)
        #expect(try findings("Yes. [@jones2021]\n\n    @decorator [@not-a-key]").isEmpty)
    }

    @Test func suffixesWithoutACitationAreFine() throws {
        #expect(try findings("Yes. [@smith2020; @jones2021]").isEmpty)
        #expect(try findings("Yes. [@smith2020, p. 33; @jones2021, table 2]").isEmpty)
        #expect(try findings("Yes. [@smith2020, data from trials@example.org]").isEmpty)
        #expect(try findings("Yes. [@smith2020, 5 mg @ 2 weeks]").isEmpty)
        // A code span in the suffix is not a citation (it was reported, as pandoc does not).
        #expect(try findings("Yes. [@smith2020, see field `@dose`]").isEmpty)
    }

    /// `[@a.@b]`, a semicolon typed as a period: pandoc cites `a` and prints `.@b`, so `b` was in
    /// no reference list, with no finding (the other punctuation marks were reported already).
    @Test func aKeyGluedToPunctuationIsReported() throws {
        #expect(try findings("Yes. [@smith2020.@jones2021]")
                == ["7:6 citation-malformed citation '[@smith2020.@jones2021]' does not parse; did you mean [@smith2020; @jones2021]? (citations in one group are separated by ';')"])
        #expect(try findings("Yes. [@smith2020;@jones2021]").isEmpty)
    }

    /// A citation in a link's text, or made a link by a definition line `[@a]: url`, printed as a
    /// link and its reference was in no list, with no finding. Reported at its `@` (it was at the
    /// link's start, a line above when the text wraps), and an image's as an image's.
    @Test func aCitationInsideALinkIsReported() throws {
        func linked(_ at: String, in place: String = "a link's text") -> String {
            "\(at) citation-malformed citation '@smith2020' is inside \(place), where it is not read as a "
                + "citation: reference 'smith2020' would be missing from the list"
        }
        // (The claim is also uncited then: claim-uncited, filtered out here.)
        func malformed(_ body: String) throws -> [String] { try findings(body).filter { $0.contains("citation-malformed") } }
        #expect(try malformed("Yes. [@smith2020]\n\n[@smith2020]: https://doi.org/10.1000/x") == [linked("7:7")])
        #expect(try malformed("Yes. [see [@smith2020]](https://example.org)") == [linked("7:12")])
        #expect(try malformed("Yes. ![chart [@smith2020]](chart.png)") == [linked("7:15", in: "an image's description")])
        #expect(try malformed("Yes. ![Figure: the algorithm\nafter *ASCO* [@smith2020]](chart.png)")
                == [linked("8:15", in: "an image's description")])
        #expect(try malformed("Yes. [@smith2020][^1]\n\n[^1]: https://example.org").count == 1)
        // Other names, code, autolinks and e-mail addresses in links are not citations of the bibliography.
        #expect(try findings("Yes [@smith2020]. Follow [@guidelines](https://example.org/@guidelines).").isEmpty)
        #expect(try findings("Yes [@smith2020]. See [`@smith2020`](https://example.org).").isEmpty)
        #expect(try findings("Yes [@smith2020]. See <https://example.org/@smith2020> and <mail@smith2020.org>.").isEmpty)
        // A bracketed group with a mistyped key is a citation meant: reported too (it had been
        // published as text with no finding, the claim looking cited).
        #expect(try malformed("Yes [@smith2020]. Also [see [@smiht2020]](https://example.org).")
                == ["7:30 citation-malformed citation '[@smiht2020]' is inside a link's text, where it is not read as a "
                    + "citation, and no reference has the key 'smiht2020'; did you mean 'smith2020'?"])
    }

    /// A bracketed citation in an image's description or a link's text is one mistake with one
    /// finding: the claim it was meant for is not claim-uncited as well (moving the citation cites
    /// it). A bare `@key` there may be a handle, so its claim stays uncited. When the key is cited
    /// elsewhere in the article, the message does not say the reference would be missing (a probe).
    @Test func aMisplacedCitationIsOneFinding() throws {
        func starts(_ body: String, _ length: Int = 19) throws -> [String] {
            let found = try findings(body)
            return found.map { String($0.prefix(length)) }
        }
        let image = try findings("Yes. ![chart [@smith2020]](https://example.org/chart.png)")
        #expect(image.map { String($0.prefix(19)) } == ["7:15 citation-malfo"], "\(image)")
        let wrapped = try findings("Yes, and\nmore [see [@smith2020] and\nit](https://example.org).")
        #expect(wrapped.map { String($0.prefix(19)) } == ["8:12 citation-malfo"], "\(wrapped)")
        #expect(try starts("Yes. ![chart @smith2020](https://example.org/chart.png)") == ["7:1 claim-uncited c", "7:14 citation-malfo"])
        // Another claim without a citation is still reported.
        #expect(try starts("Yes. ![chart [@smith2020]](https://example.org/chart.png)\n\nUncited.") == ["7:15 citation-malfo", "9:1 claim-uncited c"])
        let elsewhere = try findings("Yes [@smith2020]. See ![chart [@smith2020]](https://example.org/chart.png).")
        #expect(elsewhere == ["7:32 citation-malformed citation '@smith2020' is inside an image's description, where it is not read as a "
                              + "citation: this text does not cite reference 'smith2020', which is listed only for its citations elsewhere"],
                "\(elsewhere)")
    }

    /// A group that starts `[@` but does not parse is one mistake with one finding: the claim it
    /// cites is not claim-uncited as well (fixing the group cites it, and the build stops until
    /// then); other claims, and a heading's group, are as before.
    @Test func aMalformedGroupIsOneFinding() throws {
        let rules = { (body: String) in try self.findings(body).map { $0.split(separator: " ").prefix(2).joined(separator: " ") } }
        #expect(try rules("Yes. [@smith2020;]") == ["7:6 citation-malformed"])
        #expect(try rules("Yes, over\ntwo lines [@smith2020; see]") == ["8:11 citation-malformed"])
        #expect(try rules("- Dose one. [@smith2020;]\n- Dose two.") == ["7:13 citation-malformed", "8:3 claim-uncited"])
        #expect(try rules("| Drug | Dose |\n|---|---|\n| A | 1 mg [@smith2020;] |\n| B | 2 mg |")
                == ["9:12 citation-malformed", "10:1 claim-uncited"])
        #expect(try rules("Yes. [@smith2020]\n\n## Heading [@smith2020;]\n\nUncited.") == ["9:12 citation-malformed", "11:1 claim-uncited"])
    }

    /// A paragraph or list item that starts `[@key]:` is a link definition for CommonMark: the line
    /// was not on the page, citation and all, with no finding (pandoc reads a citation there; a
    /// differential fuzz found it). Reported at the `@`, unless the line is a handle's link
    /// (`[@team]: https://…` with a key no reference has) or its `[@key]` link is reported already.
    @Test func aLineReadAsALinkDefinitionIsReported() throws {
        let lost = { (at: String) in
            "\(at) citation-malformed this line is read as a link definition ('[label]: destination'), "
                + "so it is not on the page, its citation of 'smith2020' with it"
        }
        #expect(try findings("Yes. [@jones2021]\n\n- [@smith2020]: masks (strong recommendation)") == [lost("9:4")])
        #expect(try findings("Yes. [@jones2021]\n\n[@smith2020, p. 3]: recommended.") == [lost("9:2")])
        #expect(try findings("Yes. [@jones2021]\n\n> [@smith2020]:\n> masks") == [lost("9:4")])
        #expect(try findings("Yes. [@jones2021]\n\n1. [-@smith2020]: masks") == [lost("9:6")])
        #expect(try findings("Yes. [@jones2021]\n\n[@smiht2020]: masks").first?.hasSuffix("no reference has the key 'smiht2020'; did you mean 'smith2020'?") == true)
        // Text right below: cmark strips the definition from the paragraph's front (review).
        let below = try findings("Yes. [@jones2021]\n\n[@smith2020]: masks (strong recommendation)\nare advised in crowded places [@jones2021].")
        #expect(below.first == lost("9:2"), "\(below)")
        let item = try findings("Yes. [@jones2021]\n\n- [@smith2020]: masks (strong)\n  are advised. [@jones2021]")
        #expect(item.first == lost("9:4"), "\(item)")
        let heading = try findings("Yes. [@jones2021]\n\n[@smith2020]: masks\nStrong recommendation\n===")
        #expect(heading.contains(lost("9:2")), "\(heading)")
        // A line with more than a destination and a title is a paragraph's, not a definition,
        // here with a citation written across the next lines (no finding: it was reported).
        #expect(try findings("Yes. [@jones2021]\n\n[@smith2020; @jones2021]: masks are advised\nin crowded places [@smith2020;\n@jones2021].").isEmpty)
        // A relative address is a handle's link too.
        #expect(try findings("Yes. [@smith2020] See [@team].\n\n[@team]: team.md").filter { $0.contains("link definition") }.isEmpty)
        // A definition whose destination is the citation (pandoc reads a citation there).
        #expect(try findings("Yes. [@jones2021]\n\n[ref]: [@smith2020]") == [lost("9:9")])
        let inText = try findings("Yes. [@jones2021]\n\n- [note]:  @smith2020")
        #expect(inText == [lost("9:12")], "\(inText)")
        #expect(try findings("Yes. [@jones2021]\n\n[ref]: https://example.org/@smith2020").isEmpty)
        // Not definitions, or not citations: left alone.
        #expect(try findings("Masks [@smith2020]: yes.").isEmpty)
        #expect(try findings("Yes. [@smith2020]\n\n```\n[@smith2020]: masks\n```").isEmpty)
        #expect(try findings("Yes. [@smith2020] Follow [@team].\n\n[@team]: https://example.org/team").isEmpty)
        #expect(try findings("Yes. [@smith2020]\n\n[@jones2021]: https://doi.org/10.1000/x").map { String($0.prefix(30)) }
                == ["9:2 citation-malformed this li"])
        // The note says how to keep the line.
        var files = TestContent.minimalSite(article: "---\nquestion: Q?\nstatus: submitted\nupdated: 2025-06-01\n---\n\nYes. [@smith2020]\n\n- [@smith2020]: masks\n")
        files["references/refs.json"] = #"[{"id": "smith2020", "type": "article-journal", "title": "A", "issued": 2020}]"#
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        let found = try TestContent.check(folder.path).diagnostics.filter { $0.rule == .citationMalformed }
        #expect(found.first { $0.line == 9 }?.notes
                == ["put the citation after the text it supports ('Masks are advised. [@smith2020]'), or start the line with a word ('See [@smith2020]: …')"])
        // The citation made a link by that line points to it, instead of saying to remove it.
        #expect(found.first { $0.line == 7 }?.notes.last == "line 9, which Markdown reads as this link's definition, holds the citation: see its finding")
    }

    /// The notes say what to do for the holder at hand: an image's citation goes after the image,
    /// and the definition line is named only when the link's whole text is the citation.
    @Test func theNotesFitTheHolder() throws {
        func notes(_ body: String) throws -> [String] {
            var files = TestContent.minimalSite(article: "---\nquestion: Is this valid?\nstatus: submitted\nupdated: 2025-06-01\n---\n\n\(body)\n")
            files["references/refs.json"] = """
                [{"id": "smith2020", "type": "article-journal", "title": "A title", "issued": {"date-parts": [[2020]]}}]
                """
            let folder = try TestContent.Folder(files)
            defer { folder.remove() }
            return try TestContent.check(folder.path).diagnostics.filter { $0.rule == .citationMalformed }.flatMap(\.notes)
        }
        #expect(try notes("Yes. ![chart [@smith2020]](chart.png)") == ["move it after the image: ![description](image.png) [@smith2020]"])
        #expect(try notes("Yes. [see [@smith2020]](https://example.org)") == ["move it after the link: [text](url) [@smith2020]"])
        #expect(try notes("Yes. [@smith2020]\n\n[@smith2020]: https://doi.org/10.1000/x")
                == ["move it after the link: [text](url) [@smith2020]",
                    "when a line '[@smith2020]: url' makes [@smith2020] a link, remove that line"])
    }

    /// Raw HTML inside the brackets was dropped from the suffix without an html-raw finding, and
    /// markup inside a braced key leaked the scanner's private-use placeholders into a message.
    @Test func rawHTMLInsideTheBracketsIsReported() throws {
        let suffix = try findings("Yes. [see @smith2020, p. <img src=x onerror=alert(1)>]")
        #expect(suffix.contains { $0.contains("citation-malformed") })
        #expect(suffix.contains { $0.contains("html-raw") })
        let key = try findings("Yes. [@{<script>alert(1)</script>}]")
        #expect(key.contains { $0.contains("citation-malformed") } && key.contains { $0.contains("html-raw") })
        let placeholders = (suffix + key).flatMap { $0.unicodeScalars }.filter { $0.value >= 0xF0000 }
        #expect(placeholders.isEmpty)
        // A key with a tag-like run (which cmark-gfm reads as HTML) is named as written.
        #expect(try findings("Yes. [@a<b>c]").contains("7:6 citation-malformed citation '[@a<b>c]' does not parse"))
    }
}
