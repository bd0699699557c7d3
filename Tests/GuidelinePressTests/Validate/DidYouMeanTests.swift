import Testing
@testable import GuidelinePress

/// "did you mean …?" for each kind of name an author can mistype, and none without a near miss.
@Suite struct DidYouMeanTests {
    /// The messages of `rule` over the minimal site with `article` as its article.
    func messages(_ rule: Rule, article: String) throws -> [String] {
        var files = TestContent.minimalSite(article: article)
        files["articles/other-article.md"] = TestContent.validArticle
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        return try TestContent.check(folder.path).diagnostics.filter { $0.rule == rule }.map(\.message)
    }

    /// With `first` and `maximum` more unknown names (`more(i)`), past the most looked up: one
    /// finding each, `first`'s `message` without a suggestion, and no suggestion at all.
    func expectNoSuggestionPastTheMost(_ rule: Rule, _ maximum: Int, first: String, _ message: String,
                                       more: (Int) -> String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let found = try messages(rule, article: article(body: ([first] + (0..<maximum).map(more)).joined(separator: "\n\n")))
        #expect(found.count == maximum + 1, sourceLocation: sourceLocation)
        #expect(found.first == message, sourceLocation: sourceLocation)
        #expect(!found.contains { $0.contains("did you mean") }, sourceLocation: sourceLocation)
    }

    func article(frontMatter: String = "", body: String = "Yes. [@smith2020]") -> String {
        "---\nquestion: Is this valid?\nstatus: submitted\nupdated: 2025-06-01\n\(frontMatter)---\n\n\(body)\n\n## Section one\n\nMore. [@smith2020]\n"
    }

    @Test func citationKeys() throws {
        #expect(try messages(.citationUnknown, article: article(body: "Yes. [@smith2021]"))
                == ["no reference has the key 'smith2021'; did you mean 'smith2020'?"])
        #expect(try messages(.citationUnknown, article: article(body: "Yes. [@smith2020; @jones1999]"))
                == ["no reference has the key 'jones1999'"])
    }

    /// An invisible character pasted inside a key (a zero-width space or soft hyphen from a PDF)
    /// ends it, in pandoc too: the finding names the character and the reference meant. A space
    /// inside a key is named only by the reference meant.
    @Test func invisibleCharactersInKeys() throws {
        #expect(try messages(.citationUnknown, article: article(body: "Yes. [@smith\u{200B}2020, p. 4]"))
                == ["no reference has the key 'smith'; an invisible character (U+200B ZERO WIDTH SPACE) after 'smith' ends the key: "
                    + "delete it to cite 'smith2020'"])
        #expect(try messages(.citationUnknown, article: article(body: "As @smi\u{00AD}th2020 found."))
                == ["no reference has the key 'smi'; an invisible character (U+00AD SOFT HYPHEN) after 'smi' ends the key: "
                    + "delete it to cite 'smith2020'"])
        #expect(try messages(.citationUnknown, article: article(body: "Yes. [@jones\u{200E}1999]"))
                == ["no reference has the key 'jones'; an invisible character (U+200E LEFT-TO-RIGHT MARK) after 'jones' ends the key: delete it"])
        // `[@smith 2020]`, an author-year habit: the key meant when it is an id, nothing else.
        #expect(try messages(.citationUnknown, article: article(body: "Yes. [@smith 2020, p. 4]"))
                == ["no reference has the key 'smith'; did you mean 'smith2020'?"])
        #expect(try messages(.citationUnknown, article: article(body: "Yes. [@smith and colleagues]")) == ["no reference has the key 'smith'"])
        #expect(CitationUnknownChecker.cutKey("smith", following: ", 2020", isKey: { _ in true }) == nil)
    }

    /// Ids that a bare key cannot spell (Manubot's `url:` and old Wiley `doi:` keys): pandoc ends
    /// the key at `=` or does not parse the group at all; the finding shows the braced citation.
    @Test func idsThatNeedBraces() throws {
        let url = "url:https://example.org/a?b=c", wiley = "doi:10.1002/(SICI)1097-0142(19990101)85:1<3::AID>3.0.CO;2-#"
        #expect(BracedKeys.needingBraces(["smith2020", "doi:10.1000/x.1", url, "ends.", wiley]) == [wiley, url, "ends."])
        #expect(BracedKeys.id(spelledBy: "ends. More", among: ["ends."]) == "ends.")
        #expect(BracedKeys.id(spelledBy: "a}b=c", among: ["a}b=c"]) == nil, "braces cannot hold an unbalanced }")
        var files = TestContent.minimalSite(article: article(body: "Yes [@\(url)] and [@\(wiley)], braced [@{\(url)}] [@{\(wiley)}]."))
        files["references/more.json"] = """
            [{"id": "\(url)", "type": "webpage", "title": "Page", "issued": {"date-parts": [[2020]]}},
             {"id": "\(wiley)", "type": "article-journal", "title": "Old", "issued": {"date-parts": [[1999]]}}]
            """
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        let found = try TestContent.check(folder.path).diagnostics.filter { $0.severity == .error }
        #expect(found.map(\.rule) == [.citationUnknown, .citationMalformed], "\(found)")
        #expect(found.first?.message.contains("did you mean [@{\(url)}]?") == true, "\(found)")
        #expect(found.last?.message.contains("did you mean [@{\(wiley)}]?") == true, "\(found)")
        // In the text, the key ends where it does in brackets and the rest follows it: the same hint
        // (a real id from a Manubot manuscript).
        let sici = "doi:10.1016/s1059-1311(03)00082-7"
        var inText = TestContent.minimalSite(article: article(body: "Bracketed [@\(sici)].\n\nIn the text @\(sici) says it [@smith2020]."))
        inText["references/more.json"] = """
            [{"id": "\(sici)", "type": "article-journal", "title": "Seizure", "issued": {"date-parts": [[2003]]}}]
            """
        let inTextFolder = try TestContent.Folder(inText)
        defer { inTextFolder.remove() }
        let unknown = try TestContent.check(inTextFolder.path).diagnostics.filter { $0.rule == .citationUnknown }
        #expect(unknown.count == 2, "\(unknown)")
        #expect(unknown.allSatisfy { $0.message == "no reference has the key 'doi:10.1016/s1059-1311'" + BracedKeys.hint(sici) }, "\(unknown)")
        // A near miss of an ordinary key keeps its plain suggestion.
        #expect(try messages(.citationUnknown, article: article(body: "Yes. [@smith2021=x]"))
                == ["no reference has the key 'smith2021'; did you mean 'smith2020'?"])
    }

    /// Reference ids in brackets without `@` (a real Manubot manuscript wrote
    /// `[doi:10.1016/j.biotechadv.2020.107537]` twice): pandoc prints them as text, so the claim
    /// looked cited in the source and was not on the page. Other bracketed text is left alone.
    @Test func referenceIDsInBracketsWithoutTheSign() throws {
        let doi = "doi:10.1016/j.biotechadv.2020.107537"
        var files = TestContent.minimalSite(article: article(body: """
            Cited [smith2020] here, and [\(doi); smith2020] there [@smith2020].

            Dose every [q12h] and see [Table 1] or [smith2021]; escaped \\[smith2020] and `[smith2020]`.

            Linked [smith2020](https://example.org) is a link. [@smith2020]
            """))
        files["references/more.json"] = """
            [{"id": "\(doi)", "type": "article-journal", "title": "Repurposing", "issued": {"date-parts": [[2020]]}}]
            """
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        let found = try TestContent.check(folder.path).diagnostics.filter { $0.rule == .citationMalformed }
        #expect(found.map(\.message) == [
            "'[smith2020]' is not a citation: the '@' before each key is missing; did you mean '[@smith2020]'?",
            "'[\(doi); smith2020]' is not a citation: the '@' before each key is missing; did you mean '[@\(doi); @smith2020]'?",
        ], "\(found)")
        #expect(found.map { [$0.line, $0.column] } == [[7, 7], [7, 29]])
        #expect(found.allSatisfy { $0.severity == .error })
    }

    /// Each distinct unknown key is looked for once, the same key cited again gets the same
    /// suggestion; past ``CitationUnknownChecker/maximumSuggestedKeys`` distinct unknown keys (a
    /// changed key format, not typos) none is looked for: 5,000 such citations against 20,000
    /// references once took 73 s.
    @Test func citationKeysBeyondTheMostSuggested() throws {
        #expect(try messages(.citationUnknown, article: article(body: "Yes. [@smith2021]\n\nAgain. [@smith2021]"))
                == Array(repeating: "no reference has the key 'smith2021'; did you mean 'smith2020'?", count: 2))
        try expectNoSuggestionPastTheMost(.citationUnknown, CitationUnknownChecker.maximumSuggestedKeys, first: "Yes. [@smith2021]",
                                          "no reference has the key 'smith2021'") { "Claim \($0). [@unknown-key-\($0)]" }
    }

    /// A key that is a reference's `citation-key` but not its id (Zotero's own CSL JSON export beside
    /// an article written with Better BibTeX keys) names the id; pandoc cites by id, and so do we.
    /// Named past the most suggested keys too.
    @Test func citationKeysThatAreNoIDs() throws {
        var files = TestContent.minimalSite(article: article(body: "Yes. [@aru2023]\n\n"
            + (0..<CitationUnknownChecker.maximumSuggestedKeys).map { "Claim \($0). [@unknown-key-\($0)]" }.joined(separator: "\n\n")))
        files["references/zotero.json"] = """
            [{"id": "http://zotero.org/users/1940082/items/PMRCQZ4K", "citation-key": "aru2023", "type": "article-journal",
              "title": "The feasibility of artificial consciousness", "issued": {"date-parts": [["2023"]]}}]
            """
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        let found = try TestContent.check(folder.path).diagnostics.filter { $0.rule == .citationUnknown }.map(\.message)
        #expect(found.count == CitationUnknownChecker.maximumSuggestedKeys + 1)
        #expect(found.first == "no reference has the key 'aru2023'" + CitationUnknownChecker.hint("http://zotero.org/users/1940082/items/PMRCQZ4K", "aru2023"))
        #expect(found.first?.contains("cite [@http://zotero.org/users/1940082/items/PMRCQZ4K]") == true)
        #expect(found.dropFirst().allSatisfy { !$0.contains(";") })
        let refs = ReferenceLoader.load(contents: files["references/zotero.json"]!, file: "z.json").references
        #expect(refs.first?.citationKey == "aru2023")
    }

    /// Keys a Levenshtein near miss cannot see (a real Manubot manuscript cited DOIs in their
    /// publisher's case against Manubot's lower-cased ids): the id in other letters' case, and a
    /// `doi:`, `pmid:` or `pmcid:` key for the reference with that DOI, PMID or PMCID; none when two
    /// references could be meant. Named past the most suggested keys too (the lookups are cheap).
    @Test func citationKeysThatDifferInCaseOrNameAnIdentifier() throws {
        let body = """
            Case [@doi:10.1056/NEJMoa1113216]. DOI [@doi:10.1200/JCO.21.02148] and [@DOI:10.1200/jco.21.02148].

            PubMed [@pmid:35417208] and [@pmc:PMC9096969]. Twice [@doi:10.1000/twice]. Unknown [@doi:10.9/none].

            Braced [@pmid:111].


            """ + (0..<CitationUnknownChecker.maximumSuggestedKeys).map { "Claim \($0). [@unknown-key-\($0)]" }.joined(separator: "\n\n")
        var files = TestContent.minimalSite(article: article(body: body))
        files["references/manubot.json"] = """
            [{"id": "doi:10.1056/nejmoa1113216", "type": "article-journal", "title": "A", "DOI": "10.1056/NEJMoa1113216"},
             {"id": "giordano2022", "type": "article-journal", "title": "B", "DOI": "https://doi.org/10.1200/JCO.22.00503"},
             {"id": "gradishar2022", "type": "article-journal", "title": "C", "DOI": "10.1200/JCO.21.02148", "PMID": 35417208,
              "PMCID": "PMC9096969"},
             {"id": "one", "type": "article-journal", "title": "D", "DOI": "10.1000/twice"},
             {"id": "two", "type": "article-journal", "title": "E", "DOI": "10.1000/TWICE"},
             {"id": "url:https://example.org/a?b=c", "type": "webpage", "title": "F", "PMID": "111"}]
            """
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        let found = try TestContent.check(folder.path).diagnostics.filter { $0.rule == .citationUnknown }.map(\.message)
        let online = " (publish, like pandoc, looks no key up online as Manubot does)"
        #expect(Array(found.prefix(8)) == [
            "no reference has the key 'doi:10.1056/NEJMoa1113216'; did you mean 'doi:10.1056/nejmoa1113216'? Keys are case-sensitive (as pandoc reads them)",
            "no reference has the key 'doi:10.1200/JCO.21.02148'; reference 'gradishar2022' has this DOI: cite [@gradishar2022]" + online,
            "no reference has the key 'DOI:10.1200/jco.21.02148'; reference 'gradishar2022' has this DOI: cite [@gradishar2022]" + online,
            "no reference has the key 'pmid:35417208'; reference 'gradishar2022' has this PMID: cite [@gradishar2022]" + online,
            "no reference has the key 'pmc:PMC9096969'; reference 'gradishar2022' has this PMCID: cite [@gradishar2022]" + online,
            "no reference has the key 'doi:10.1000/twice'",
            "no reference has the key 'doi:10.9/none'",
            "no reference has the key 'pmid:111'; reference 'url:https://example.org/a?b=c' has this PMID: cite [@{url:https://example.org/a?b=c}]" + online,
        ], "\(found.prefix(8))")
        #expect(found.count == CitationUnknownChecker.maximumSuggestedKeys + 8)
        // pandoc-crossref's labels, which Manubot manuscripts use, are named as such.
        #expect(try messages(.citationUnknown, article: article(body: "As in Figure [@fig:overview]. [@smith2020]"))
                == ["no reference has the key 'fig:overview'; '@fig:…' is a pandoc-crossref label (a figure, table, equation or section), "
                    + "which publish does not number: refer to it in words, or link to its heading"])
        // The checker run alone (no suggestions found by the validator) gives the same hints.
        let (site, _) = try Publisher.load(folder.path)
        let alone = CitationUnknownChecker().check(site, ValidationContext(today: TestContent.today)).map(\.message)
        #expect(Array(alone.prefix(5)) == Array(found.prefix(5)))
    }

    /// Manubot exports give each item a short-hash id and keep the manuscript's key in
    /// `standard_citation` (older) or a `standard_id:` line of `note` (newer): the finding names the
    /// id to cite; an item without an id gets its own error with a note, and the key a hint.
    @Test func manubotStandardCitations() throws {
        var files = TestContent.minimalSite(article: article(body: "Yes [@doi:10.7554/eLife.32822] [@arxiv:1806.05726] [@pmid:29424689]."))
        files["references/manubot.json"] = """
            [{"id": "GMcmNDr3", "standard_citation": "doi:10.7554/elife.32822", "type": "article-journal", "title": "A",
              "issued": {"date-parts": [[2018]]}},
             {"id": "1GGGHdsew", "note": "This CSL Item was generated by Manubot.\\nstandard_id: arxiv:1806.05726", "type": "report",
              "title": "B", "issued": {"date-parts": [[2018]]}},
             {"standard_citation": "pmid:29424689", "type": "article-journal", "title": "C", "issued": {"date-parts": [[2018]]}}]
            """
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        let found = try TestContent.check(folder.path).diagnostics
        let unknown = found.filter { $0.rule == .citationUnknown }.map(\.message)
        let pandoc = ", and citations name a reference's id (as pandoc reads them): cite "
        #expect(unknown == [
            "no reference has the key 'doi:10.7554/eLife.32822'; it is the standard_citation of reference 'GMcmNDr3' (a Manubot key)" + pandoc + "[@GMcmNDr3]",
            "no reference has the key 'arxiv:1806.05726'; it is the standard_citation of reference '1GGGHdsew' (a Manubot key)" + pandoc + "[@1GGGHdsew]",
            "no reference has the key 'pmid:29424689'; the reference with this standard_citation (\(folder.path)/references/manubot.json:5) has no id: "
                + "add \"id\": \"pmid:29424689\" to it",
        ], "\(unknown)")
        let idless = try #require(found.first { $0.message == "reference titled 'C' has no id" })
        #expect(idless.notes == ["its standard_citation is 'pmid:29424689' (a Manubot key): citations name a reference's id, "
                                 + "as in pandoc; add \"id\": \"pmid:29424689\" to cite it by that key"])
    }

    /// A reference that an error says a citation meant (a near miss, another case, a braced id, a
    /// citation in an image or in brackets without `@`) is not also `reference-unused`: one mistake,
    /// one finding (a probe). A reference nothing means is still reported, and so by the checker
    /// run alone.
    @Test func aReferenceAnErrorNamesIsNotAlsoUnused() throws {
        let url = "url:https://example.org/a?b=c"
        var files = TestContent.minimalSite(article: article(body: """
            Yes [@jones2091] [@doi:10.1/ABC] [@\(url)].

            Also ![chart [@lee2018]](https://example.org/x.png) and [kim2017].
            """))
        files["references/more.json"] = """
            [{"id": "jones2019", "type": "article-journal", "title": "A", "issued": 2019},
             {"id": "doi:10.1/abc", "type": "article-journal", "title": "B", "issued": 2019},
             {"id": "\(url)", "type": "webpage", "title": "C", "issued": 2019},
             {"id": "lee2018", "type": "article-journal", "title": "D", "issued": 2018},
             {"id": "kim2017", "type": "article-journal", "title": "E", "issued": 2017},
             {"id": "park2016", "type": "article-journal", "title": "F", "issued": 2016}]
            """
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        let found = try TestContent.check(folder.path).diagnostics
        #expect(found.filter { $0.rule == .citationUnknown }.count == 3, "\(found)")
        #expect(found.filter { $0.rule == .citationMalformed }.count == 2, "\(found)")
        #expect(found.filter { $0.rule == .referenceUnused }.map(\.message) == ["reference 'park2016' is never cited"])
        let (site, _) = try Publisher.load(folder.path)
        #expect(ReferenceUnusedChecker().check(site, ValidationContext(today: TestContent.today)).map(\.message)
                == ["reference 'park2016' is never cited"])
    }

    /// Each distinct missing anchor is looked for once, the same anchor linked again (here or
    /// from another article) gets the same suggestion; past ``Site/maximumSuggestedLinks``
    /// distinct missing anchors none is looked for: 4,000 links to missing anchors of an article
    /// of 4,000 headings once took 22.6 s.
    @Test func linkAnchorsBeyondTheMostSuggested() throws {
        let hint = "link to no heading '#section-on' in 'test.md'; did you mean '#section-one'?"
        #expect(try messages(.linkBroken, article: article(body: "See [x](#section-on). [@smith2020]\n\nAgain [x](test.md#section-on). [@smith2020]"))
                == [hint, hint])
        var files = TestContent.minimalSite(article: article(body: "See [x](#section-on). [@smith2020]"))
        files["articles/other-article.md"] = article(body: "And [x](test.md#section-on). [@smith2020]")
        let repeated = try TestContent.Folder(files)
        defer { repeated.remove() }
        let both = try TestContent.check(repeated.path).diagnostics.filter { $0.rule == .linkBroken }
        #expect(both.map(\.message) == [hint, hint], "\(both)")
        try expectNoSuggestionPastTheMost(.linkBroken, Site.maximumSuggestedLinks, first: "See [x](#section-on). [@smith2020]",
                                          "link to no heading '#section-on' in 'test.md'") { "Claim \($0). [x](#missing-anchor-\($0)) [@smith2020]" }
    }

    /// Links to a missing article alike: each distinct slug looked for once (the same hint for
    /// each link to it), none past the most; they count with the missing anchors. (1,000 such
    /// links in a site of 3,000 articles took 1.1 s, each compared with every slug.)
    @Test func linkedArticlesBeyondTheMostSuggested() throws {
        let hint = "link to no article 'other-articel.md'; did you mean 'other-article.md'?"
        #expect(try messages(.linkBroken, article: article(body: "See [x](other-articel.md). [@smith2020]\n\nAgain [x](other-articel.md#a). [@smith2020]"))
                == [hint, hint])
        try expectNoSuggestionPastTheMost(.linkBroken, Site.maximumSuggestedLinks, first: "See [x](other-articel.md). [@smith2020]",
                                          "link to no article 'other-articel.md'") { "Claim \($0). [x](missing-article-\($0).md) [@smith2020]" }
    }

    @Test func relatedSlugs() throws {
        #expect(try messages(.relatedUnknown, article: article(frontMatter: "related: [other-articel]\n"))
                == ["related article 'other-articel' does not exist; did you mean 'other-article'?"])
        #expect(try messages(.relatedUnknown, article: article(frontMatter: "related: [unrelated]\n"))
                == ["related article 'unrelated' does not exist"])
        // Each distinct unknown slug looked for once; none past the most (a renamed scheme).
        let many = (0..<RelatedUnknownChecker.maximumSuggestedSlugs).map { "old-slug-\($0)" }.joined(separator: ", ")
        let found = try messages(.relatedUnknown, article: article(frontMatter: "related: [other-articel, \(many)]\n"))
        #expect(found.count == RelatedUnknownChecker.maximumSuggestedSlugs + 1)
        #expect(found.first == "related article 'other-articel' does not exist")
        #expect(!found.contains { $0.contains("did you mean") })
    }

    @Test func linkTargets() throws {
        #expect(try messages(.linkBroken, article: article(body: "See [x](other-artcle.md). [@smith2020]"))
                == ["link to no article 'other-artcle.md'; did you mean 'other-article.md'?"])
        #expect(try messages(.linkBroken, article: article(body: "See [x](#section-on). [@smith2020]"))
                == ["link to no heading '#section-on' in 'test.md'; did you mean '#section-one'?"])
        #expect(try messages(.linkBroken, article: article(body: "See [x](../pages/editorial-polcy.md). [@smith2020]"))
                == ["link to no page 'editorial-polcy.md'; did you mean 'editorial-policy.md'?"])
        #expect(try messages(.linkBroken, article: article(body: "See [x](nothing-like-it.md). [@smith2020]"))
                == ["link to no article 'nothing-like-it.md'"])
    }

    @Test func reviewerIDs() throws {
        let approved = { (by: String) in
            "---\nquestion: Is this valid?\nstatus: approved\nupdated: 2025-06-01\nreviewed:\n  by: [\(by)]\n  on: 2025-06-01\n---\n\nYes. [@smith2020]\n"
        }
        #expect(try messages(.reviewerUnknown, article: approved("mle"))
                == ["reviewer 'mle' is not on the editorial board; did you mean 'mlee'?"])
        #expect(try messages(.reviewerUnknown, article: approved("zzzzz"))
                == ["reviewer 'zzzzz' is not on the editorial board"])
    }

    @Test func frontMatterKeys() throws {
        #expect(try messages(.fieldUnknown, article: article(frontMatter: "reviwed:\n  by: [mlee]\n"))
                == ["unknown front-matter key 'reviwed'; did you mean 'reviewed'?"])
        #expect(try messages(.fieldUnknown, article: article(frontMatter: "author: someone\n"))
                == ["unknown front-matter key 'author'"])
    }
}
