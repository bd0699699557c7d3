import Foundation
import Testing
@testable import GuidelinePress

@Suite struct ReferenceFormatterTests {
    func seed(_ id: String) throws -> Reference {
        let text = try ReferenceLoaderTests.fixture("references/breast.json")
        return try #require(ReferenceLoader.load(contents: text, file: "breast.json").references.first { $0.id == id })
    }

    @Test func giordano2022() throws {
        let r = try seed("giordano2022")
        #expect(ReferenceFormatter.html(r) == """
        Giordano SH, Franzoi MAB, Temin S, Anders CK, Chandarlapaty S, Crews JR. \
        Systemic Therapy for Advanced Human Epidermal Growth Factor Receptor 2–Positive Breast Cancer: \
        ASCO Guideline Update. <i>J Clin Oncol</i>. 2022;40(23):2612-2635. \
        <a href="https://doi.org/10.1200/JCO.22.00519" rel="noopener">doi:10.1200/JCO.22.00519</a>
        """)
        #expect(ReferenceFormatter.plainText(r) == """
        Giordano SH, Franzoi MAB, Temin S, Anders CK, Chandarlapaty S, Crews JR. \
        Systemic Therapy for Advanced Human Epidermal Growth Factor Receptor 2–Positive Breast Cancer: \
        ASCO Guideline Update. J Clin Oncol. 2022;40(23):2612-2635. doi:10.1200/JCO.22.00519
        """)
    }

    @Test func pubMedLinkAndParticles() throws {
        let r = try seed("gennari2021")
        #expect(ReferenceFormatter.html(r) == """
        Gennari A, André F, Barrios CH, Cortés J, de Azambuja E, DeMichele A. \
        ESMO Clinical Practice Guideline for the diagnosis, staging and treatment of patients with metastatic breast cancer. \
        <i>Ann Oncol</i>. 2021;32. \
        <a href="https://doi.org/10.1016/j.annonc.2021.09.019" rel="noopener">doi:10.1016/j.annonc.2021.09.019</a> \
        <a href="https://pubmed.ncbi.nlm.nih.gov/34678411/" rel="noopener">PubMed</a>
        """)
        #expect(ReferenceFormatter.plainText(try seed("vonminckwitz2019")).hasPrefix("von Minckwitz G, Huang CS, Mano MS,"))
        let split = Reference(id: "x", authors: [
            Reference.Name(family: "Minckwitz", given: "Gunter", nonDroppingParticle: "von"),
            Reference.Name(family: "Beethoven", given: "Ludwig", droppingParticle: "van"),
            Reference.Name(family: "Smith", given: "John A.", suffix: "Jr."),
        ])
        #expect(ReferenceFormatter.authorList(split.authors) == "von Minckwitz G, Beethoven L van, Smith JA Jr")
    }

    @Test func moreThanSixAuthors() {
        let names = (1...7).map { Reference.Name(family: "Author\($0)", given: "A. B.") }
        let r = Reference(id: "x", type: "article-journal", title: "Is it?", authors: names, containerTitle: "Lancet",
                          issued: Reference.DateParts(year: 2020), volume: "1", page: "1-2")
        #expect(ReferenceFormatter.plainText(r) == "Author1 AB, Author2 AB, Author3 AB, et al. Is it? Lancet. 2020;1:1-2.")
        let six = Reference(id: "y", authors: Array(names.prefix(6)))
        #expect(ReferenceFormatter.plainText(six) == "Author1 AB, Author2 AB, Author3 AB, Author4 AB, Author5 AB, Author6 AB.")
    }

    @Test func reportWithLiteralAuthorAndURL() throws {
        #expect(ReferenceFormatter.html(try seed("nccn2024")) == """
        National Comprehensive Cancer Network. \
        NCCN Clinical Practice Guidelines in Oncology (NCCN Guidelines): Breast Cancer. Version 4.2024. \
        National Comprehensive Cancer Network; 2024. \
        <a href="https://www.nccn.org" class="url" rel="noopener">https://www.nccn.org</a>
        """)
        #expect(ReferenceFormatter.html(try seed("tykerb2025")) == """
        Novartis Pharmaceuticals Corporation. TYKERB (lapatinib) tablets, for oral use: prescribing information. \
        Prescribing information (US label). <i>DailyMed</i>. Novartis Pharmaceuticals Corporation; 2025. \
        <a href="http://dailymed.nlm.nih.gov/dailymed/search.cfm?adv=1&amp;labeltype=all&amp;query=tykerb" \
        class="url" rel="noopener">http://dailymed.nlm.nih.gov/dailymed/search.cfm?adv=1&amp;labeltype=all&amp;query=tykerb</a>
        """)
    }

    @Test func everyValueIsEscaped() {
        let r = Reference(id: "x", type: "article-journal", title: "<script>alert('x')</script> & \"more\"",
                          authors: [Reference.Name(literal: "O'Brien <b>")], containerTitle: "J<i>",
                          issued: Reference.DateParts(year: 2020), doi: "10.1000/a\"><script>")
        let html = ReferenceFormatter.html(r)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;."))
        #expect(html.contains("O&#39;Brien &lt;b&gt;."))
        #expect(html.contains("<i>J&lt;i&gt;</i>."))
        #expect(html.contains("href=\"https://doi.org/10.1000/a%22%3E%3Cscript%3E\""))
    }

    @Test func javascriptURLIsNotLinked() {
        let r = Reference(id: "x", type: "webpage", title: "Page", issued: Reference.DateParts(year: 2020),
                          url: "javascript:alert(1)")
        let html = ReferenceFormatter.html(r)
        #expect(html == "Page. 2020. javascript:alert(1)")
        #expect(!html.contains("href"))
        let mixed = Reference(id: "y", type: "webpage", title: "Page", url: "JavaScript:alert(1)//https://x")
        #expect(!ReferenceFormatter.html(mixed).contains("<a"))
    }

    @Test func outputIsDeterministicWithoutTrailingSpace() throws {
        let text = try ReferenceLoaderTests.fixture("references/breast.json")
        let refs = ReferenceLoader.load(contents: text, file: "breast.json").references
        let once = refs.map(ReferenceFormatter.html)
        let twice = ReferenceLoader.load(contents: text, file: "breast.json").references.map(ReferenceFormatter.html)
        #expect(once == twice)
        for line in once + refs.map(ReferenceFormatter.plainText) {
            #expect(line == line.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(!line.contains("  "))
        }
    }

    // MARK: Byte shortcuts

    @Test func initialsOnBytesAreTheCharacterPathsInitials() {
        let fixed = ["S. H.", "Jean-Marc", "MAB", "Ma", "mab", "J.-P.", "  ", "", "A", "AB CD EFG HIJK", "x1 2y",
                     "Anne\r\nMarie", "O\u{0B}B\u{0C}C", "a\u{1F}b", "Éric", "Jean‐Luc", "ŁUKASZ", "ǅan", "A\u{301}B"]
        var generator = SeededGenerator(seed: 3)
        let pieces = ["A", "B", "c", "z", "M", ".", "-", " ", "\t", "\r\n", "\u{0B}", "1", "_", "\u{7F}", "é", "‐", "\u{A0}"]
        var random: [String] = []
        for _ in 0..<2_000 {
            random.append((0..<Int.random(in: 0..<9, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        var onBytes = 0
        for given in fixed + random {
            #expect(ReferenceFormatter.initials(given) == ReferenceFormatter.initialsByCharacter(given), "\(given.debugDescription)")
            #expect(ReferenceFormatter.initials(given, wordsAreNames: true)
                    == ReferenceFormatter.initialsByCharacter(given, wordsAreNames: true), "\(given.debugDescription)")
            if ReferenceFormatter.asciiInitials(given) != nil { onBytes += 1 }
        }
        #expect(onBytes > 500)
        // And what both give.
        for (given, initials) in [("S. H.", "SH"), ("Jean-Marc", "JM"), ("MAB", "MAB"), ("mab", "M"), ("J.-P.", "JP"),
                                  ("Anne\r\nMarie", "AM"), ("x1 2y", "XY"), ("Éric", "É"), ("Jean‐Luc", "JL")] {
            #expect(ReferenceFormatter.initials(given) == initials, "\(given.debugDescription)")
            #expect(ReferenceFormatter.initialsByCharacter(given) == initials, "\(given.debugDescription)")
        }
    }

    @Test func pathEncodingIsFoundations() {
        for byte in UInt8(0)..<0x80 {
            let s = String(Unicode.Scalar(byte))
            #expect(ReferenceFormatter.pathAllowed[Int(byte)] == (s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) == s),
                    "\(s.debugDescription)")
        }
        for doi in ["10.1200/JCO.2022.40.16_suppl.1000", "10.1002/(SICI)1097-0142(19990101)85:1<1::AID-CNCR1>3.0.CO;2-S",
                    "10.1000/a b", "10.1000/ü", "10.1000/%41", "10.1000/a#b?c", ""] {
            #expect(ReferenceFormatter.percentEncodedPath(doi) == doi.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed))
        }
    }

    /// An entry with nothing to show (a `reference-invalid` error, shown only in review builds)
    /// shows its key, escaped, rather than an empty list item.
    @Test func anEntryWithNothingToShowShowsItsKey() {
        #expect(ReferenceFormatter.html(Reference(id: "notitle2020")) == "[notitle2020]")
        #expect(ReferenceFormatter.html(Reference(id: "a<b&c")) == "[a&lt;b&amp;c]")
        #expect(ReferenceFormatter.plainText(Reference(id: "a<b")) == "[a<b]")
        // An entry with anything to show does not.
        #expect(ReferenceFormatter.html(Reference(id: "k", title: "T")) == "T.")
    }

    /// Items as Zotero, Better BibTeX and other exporters write them, which lost data before: a
    /// conference abstract's volume, issue and page, a chapter's pages, a preprint's server (and
    /// that it is a preprint), a container title given as a list, an abbreviation ending in a
    /// period (printed `Lancet Oncol..`), a DOI under www.doi.org, a PMID written `PMID: …`.
    @Test func exportersItemsKeepTheirData() throws {
        let json = """
            [{"id": "abstract", "type": "paper-conference", "title": "Conference abstract", "author": [{"family": "Rugo", "given": "Hope S."}],
              "container-title": "Journal of Clinical Oncology", "volume": "40", "issue": "16_suppl", "page": "1000", "issued": {"date-parts": [[2022]]}},
             {"id": "chapter", "type": "chapter", "title": "HER2 testing", "container-title": "Diseases of the Breast",
              "publisher": "Wolters Kluwer", "page": "200-215", "issued": {"date-parts": [[2021]]}},
             {"id": "preprint", "type": "article", "title": "A preprint", "publisher": "medRxiv", "issued": {"date-parts": [[2021]]}},
             {"id": "list", "type": "article-journal", "title": "Listed", "container-title": ["Journal of Clinical Oncology", "J Clin Oncol"],
              "issued": {"date-parts": [[2020]]}},
             {"id": "abbreviation", "type": "article-journal", "title": "Abbreviated", "container-title-short": "Lancet Oncol.",
              "issued": {"date-parts": [[2012]]}, "DOI": "https://www.doi.org/10.1016/S1470-2045(12)70001-1", "PMID": "PMID: 22000000"}]
            """
        let loaded = ReferenceLoader.load(contents: json, file: "refs.json").references
        let html = Dictionary(uniqueKeysWithValues: loaded.map { ($0.id, ReferenceFormatter.html($0)) })
        #expect(html["abstract"] == "Rugo HS. Conference abstract. <i>Journal of Clinical Oncology</i>. 2022;40(16_suppl):1000.")
        #expect(html["chapter"] == "HER2 testing. In: <i>Diseases of the Breast</i>. Wolters Kluwer; 2021:200-215.")
        #expect(html["preprint"] == "A preprint. <i>medRxiv</i>. Preprint. 2021.")
        #expect(html["list"] == "Listed. <i>Journal of Clinical Oncology</i>. 2020.")
        #expect(html["abbreviation"] == "Abbreviated. <i>Lancet Oncol</i>. 2012. "
                + "<a href=\"https://doi.org/10.1016/S1470-2045(12)70001-1\" rel=\"noopener\">doi:10.1016/S1470-2045(12)70001-1</a> "
                + "<a href=\"https://pubmed.ncbi.nlm.nih.gov/22000000/\" rel=\"noopener\">PubMed</a>")
    }

    /// Found by the fourteenth session's probe of real exports, all printed without a word before:
    /// Crossref's `journal-article` and a supplement abstract with a publisher lost volume and
    /// issue; editors were never shown; a guideline's, a series' and a patent's numbers vanished;
    /// names in capitals became `SMITH ANNM`, and a name with only a given part one initial.
    @Test func editorsNumbersAndNamesFromRealExports() throws {
        let json = """
            [{"id": "crossref", "type": "journal-article", "title": "Pertuzumab", "author": [{"family": "Swain", "given": "Sandra M."}],
              "container-title": "New England Journal of Medicine", "publisher": "Massachusetts Medical Society",
              "volume": "372", "issue": "8", "page": "724-734", "issued": {"date-parts": [[2015]]}},
             {"id": "abstract", "type": "paper-conference", "title": "An abstract", "container-title": "Journal of Clinical Oncology",
              "publisher": "Wolters Kluwer", "volume": "40", "issue": "17_suppl", "page": "LBA3", "issued": {"date-parts": [[2022]]}},
             {"id": "edited", "type": "book", "title": "Cancer", "editor": [{"family": "DeVita", "given": "Vincent T."},
              {"family": "Lawrence", "given": "Theodore S."}], "publisher": "Wolters Kluwer", "edition": "11", "issued": {"date-parts": [[2019]]}},
             {"id": "chapter", "type": "chapter", "title": "Breast tumors", "author": [{"family": "Harris", "given": "Jay R."}],
              "editor": {"family": "DeVita", "given": "Vincent T."}, "container-title": "Cancer", "publisher": "Wolters Kluwer",
              "page": "1200-1250", "issued": {"date-parts": [[2019]]}},
             {"id": "nice", "type": "report", "title": "Breast cancer", "author": [{"literal": "NICE"}], "genre": "NICE guideline",
              "number": "NG101", "publisher": "NICE", "issued": {"date-parts": [[2018]]}},
             {"id": "who", "type": "report", "title": "Seventy-fourth report", "collection-title": "WHO Technical Report Series",
              "number": "1043", "publisher": "World Health Organization", "issued": {"date-parts": [[2021]]}},
             {"id": "patent", "type": "patent", "title": "Humanized antibodies", "author": [{"family": "Carter", "given": "Paul"}],
              "number": "US 5821337", "issued": {"date-parts": [[1998]]}},
             {"id": "unsigned", "type": "chapter", "title": "HER2 testing", "container-title": "Breast Pathology",
              "editor": [{"family": "Dabbs", "given": "David J."}], "publisher": "Elsevier", "edition": "2", "page": "100-120",
              "issued": {"date-parts": [[2017]]}},
             {"id": "thesis", "type": "thesis", "title": "A thesis", "author": [{"family": "Doe", "given": "Jane"}],
              "genre": "PhD thesis", "publisher": "University of Somewhere", "issued": {"date-parts": [[2015]]}},
             {"id": "first", "type": "article-journal", "title": "First page", "container-title-short": "N Engl J Med",
              "volume": "384", "page-first": "12", "issued": {"date-parts": [[2021]]}},
             {"id": "web", "type": "webpage", "title": "Breast cancer", "author": [{"literal": "World Health Organization"}],
              "URL": "https://www.who.int/news-room/fact-sheets/detail/breast-cancer", "issued": {"date-parts": [[2024, 3, 13]]},
              "accessed": {"date-parts": [[2024, 5, 1]]}},
             {"id": "webmonth", "type": "webpage", "title": "Trials", "URL": "https://clinicaltrials.gov/", "issued": {"date-parts": [[2019]]},
              "accessed": {"date-parts": [["2024", "5"]]}},
             {"id": "capitals", "type": "article-journal", "title": "Capitals", "container-title": "J Clin Oncol",
              "author": [{"family": "SMITH", "given": "ANN MARIE"}, {"family": "LI", "given": "WEI"}, {"family": "Ng", "given": "MAB"},
                         {"given": "Sukarno"}], "issued": {"date-parts": [[2020]]}}]
            """
        let loaded = ReferenceLoader.load(contents: json, file: "refs.json").references
        let text = Dictionary(uniqueKeysWithValues: loaded.map { ($0.id, ReferenceFormatter.plainText($0)) })
        #expect(text["crossref"] == "Swain SM. Pertuzumab. New England Journal of Medicine. 2015;372(8):724-734.")
        #expect(text["abstract"] == "An abstract. Journal of Clinical Oncology. 2022;40(17_suppl):LBA3.")
        #expect(text["edited"] == "DeVita VT, Lawrence TS, eds. Cancer. 11th ed. Wolters Kluwer; 2019.")
        #expect(text["chapter"] == "Harris JR. Breast tumors. In: DeVita VT, ed. Cancer. Wolters Kluwer; 2019:1200-1250.")
        // A chapter's volume is its book's: after the book (AMA), and the publisher stays.
        var volume = try #require(loaded.first { $0.id == "chapter" })
        volume.volume = "2"
        #expect(ReferenceFormatter.plainText(volume) == "Harris JR. Breast tumors. In: DeVita VT, ed. Cancer. Vol 2. Wolters Kluwer; 2019:1200-1250.")
        // A chapter without authors: its title first, its editors and edition with its book's title
        // (they led as if the chapter were the book, the edition before the book's title).
        #expect(text["unsigned"] == "HER2 testing. In: Dabbs DJ, ed. Breast Pathology. 2nd ed. Elsevier; 2017:100-120.")
        #expect(text["thesis"] == "Doe J. A thesis. PhD thesis. University of Somewhere; 2015.")
        #expect(text["first"] == "First page. N Engl J Med. 2021;384:12.")
        #expect(text["web"] == "World Health Organization. Breast cancer. Published March 13, 2024. Accessed May 1, 2024. "
                + "https://www.who.int/news-room/fact-sheets/detail/breast-cancer")
        #expect(text["webmonth"] == "Trials. 2019. Accessed May 2024. https://clinicaltrials.gov/")
        #expect(text["nice"] == "NICE. Breast cancer. NICE guideline NG101. NICE; 2018.")
        #expect(text["who"] == "Seventy-fourth report. WHO Technical Report Series; No. 1043. World Health Organization; 2021.")
        #expect(text["patent"] == "Carter P. Humanized antibodies. Patent US 5821337. 1998.")
        #expect(text["capitals"] == "SMITH AM, LI W, Ng MAB, Sukarno. Capitals. J Clin Oncol. 2020.")
        // The new fields survive the article cache's record of the bibliography.
        let record = try #require(ArticleCache.encode(references: loaded, diagnostics: [], file: "refs.json"))
        let (decoded, _) = try record.withUnsafeBufferPointer { try ArticleCache.decodeBibliography($0, file: "refs.json") }
        #expect(decoded == loaded)
    }

    /// CSL-JSON's rich-text tags in titles became HTML; anything else, and tags that do not nest,
    /// stay escaped text.
    @Test func richTextInTitles() throws {
        #expect(ReferenceFormatter.richText("Effect of <i>ERBB2</i> on HER2<sup>+</sup> tumors")!
                == ("Effect of <i>ERBB2</i> on HER2<sup>+</sup> tumors", "Effect of ERBB2 on HER2+ tumors"))
        #expect(ReferenceFormatter.richText("H<sub>2</sub>O & <span class=\"nocase\">pH</span>")!
                == ("H<sub>2</sub>O &amp; pH", "H2O & pH"))
        #expect(ReferenceFormatter.richText("a <script>alert(1)</script> <i>b</i>")!
                == ("a &lt;script&gt;alert(1)&lt;/script&gt; <i>b</i>", "a <script>alert(1)</script> b"))
        #expect(ReferenceFormatter.richText("<i>unclosed") == nil)
        #expect(ReferenceFormatter.richText("<i>crossed <b>tags</i></b>") == nil)
        #expect(ReferenceFormatter.richText("x < y") == nil)
        let r = Reference(id: "r", file: "r.json", line: 1)
        var titled = r
        titled.title = "HER2<sup>+</sup> disease"
        titled.type = "article-journal"
        #expect(ReferenceFormatter.html(titled) == "HER2<sup>+</sup> disease.")
        #expect(ReferenceFormatter.plainText(titled) == "HER2+ disease.")
        var book = r
        book.type = "book"
        book.title = "HER2<sup>+</sup> disease"
        #expect(ReferenceFormatter.html(book) == "<i>HER2<sup>+</sup> disease</i>.")
        titled.title = "<i>x</i> <img src=x onerror=alert(1)>"
        #expect(ReferenceFormatter.html(titled) == "<i>x</i> &lt;img src=x onerror=alert(1)&gt;.")
    }
}

extension ReferenceFormatterTests {
    /// ``ReferenceFormatter/isInCapitals(_:)`` reads ASCII names by their bytes: it agrees with the
    /// definition by `Character` on mixtures of ASCII and other letters, cases and separators.
    @Test func capitalsByBytesAgreeWithCharacters() {
        let byCharacter = { (s: String) in s.filter(\.isLetter).count >= 2 && !s.contains(where: \.isLowercase) }
        let pieces = ["A", "b", "Z", "z", "M", " ", "-", ".", "'", "1", "\r\n", "É", "é", "ß", "Ω", "ω", "李"]
        var generator = SeededGenerator(seed: 16)
        for _ in 0..<5_000 {
            let s = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(ReferenceFormatter.isInCapitals(s) == byCharacter(s), "\(s.debugDescription)")
        }
    }
}

// MARK: - Names in other scripts and forms

extension ReferenceFormatterTests {
    /// Chinese, Japanese and Korean names are printed whole, family name first and without a
    /// space (`毛泽东`), as they are written: they have no initials (`毛 泽` was printed).
    @Test func cjkNamesArePrintedWholeInNativeOrder() {
        let names = [
            Reference.Name(family: "毛", given: "泽东"),
            Reference.Name(family: "山田", given: "太郎"),
            Reference.Name(family: "やまだ", given: "たろう"),
            Reference.Name(family: "ヤマダ", given: "タロウ"),
            Reference.Name(family: "김", given: "정은"),
            Reference.Name(literal: "国家卫生健康委员会"),
            Reference.Name(family: "Wang", given: "Xiaoming"),
        ]
        #expect(names.map(ReferenceFormatter.name) == ["毛泽东", "山田太郎", "やまだたろう", "ヤマダタロウ", "김정은", "国家卫生健康委员会", "Wang X"])
        let r = Reference(id: "x", type: "article-journal", title: "标题", authors: Array(names.prefix(2)), containerTitle: "中华医学杂志",
                          issued: Reference.DateParts(year: 2020))
        #expect(ReferenceFormatter.plainText(r) == "毛泽东, 山田太郎. 标题. 中华医学杂志. 2020.")
    }
}

extension ReferenceFormatterTests {
    /// A particle or suffix that an exporter left at the end of `given` is read as the CSL field it
    /// stands for, not taken for an initial (`La Fontaine JD`, `Smith JJ`): a particle is a
    /// `dropping-particle`, as citeproc-js and pandoc read it, and goes after the initials with a suffix.
    @Test func particlesAndSuffixesWrittenInGivenNames() {
        func name(_ family: String, _ given: String) -> String {
            ReferenceFormatter.name(Reference.Name(family: family, given: given))
        }
        #expect(name("La Fontaine", "J de") == "La Fontaine J de")
        #expect(name("La Fontaine", "Jean de") == "La Fontaine J de")
        #expect(name("Berg", "Anna van der") == "Berg A van der")
        #expect(name("Smith", "J Jr") == "Smith J Jr")
        #expect(name("Smith", "John, Jr.") == "Smith J Jr")
        #expect(name("Smith", "John A. Sr.") == "Smith JA Sr")
        #expect(name("Hicks", "Michael, III") == "Hicks M III")
        #expect(name("SMITH", "JOHN JR") == "SMITH J JR")
        #expect(name("Lima", "Marcos de, Jr.") == "Lima M de Jr")
        // The same as the fields give.
        #expect(name("La Fontaine", "J de") == ReferenceFormatter.name(Reference.Name(family: "La Fontaine", given: "J", droppingParticle: "de")))
        #expect(name("Smith", "J Jr") == ReferenceFormatter.name(Reference.Name(family: "Smith", given: "J", suffix: "Jr")))
        // Given names that are neither stay initials: a lower-case name that is no particle, a
        // given name alone, a name with its particle or suffix in their fields already.
        #expect(name("Smith", "Mary ann") == "Smith MA")
        #expect(name("Smith", "anne de") == "Smith AD")
        #expect(name("Smith", "Jr") == "Smith J")
        #expect(ReferenceFormatter.name(Reference.Name(family: "Smith", given: "John Jr", suffix: "III")) == "Smith JJ III")
        #expect(ReferenceFormatter.name(Reference.Name(given: "Jean de")) == "Jean de")
    }
}

// MARK: - Titles

extension ReferenceFormatterTests {
    /// Crossref and Zotero write small capitals as `<scp>…</scp>`: their text is kept, the tag
    /// dropped, like CSL's small-caps span (it was shown as `&lt;scp&gt;NCCN&lt;/scp&gt;`).
    @Test func smallCapsTagsKeepTheirText() {
        #expect(ReferenceFormatter.richText("The <scp>NCCN</scp> guideline for <i>HER2</i>")!
                == ("The NCCN guideline for <i>HER2</i>", "The NCCN guideline for HER2"))
        let r = Reference(id: "x", type: "article-journal", title: "<scp>ERBB2</scp> amplification in <scp>HER2</scp>-low disease")
        #expect(ReferenceFormatter.html(r) == "ERBB2 amplification in HER2-low disease.")
        #expect(ReferenceFormatter.plainText(r) == "ERBB2 amplification in HER2-low disease.")
        // Unclosed, it is text, escaped, as any tag that does not nest.
        #expect(ReferenceFormatter.html(Reference(id: "y", title: "<scp>NCCN")) == "&lt;scp&gt;NCCN.")
        #expect(ReferenceFormatter.html(Reference(id: "z", title: "<i><scp>a</i></scp>")) == "&lt;i&gt;&lt;scp&gt;a&lt;/i&gt;&lt;/scp&gt;.")
    }
}

// MARK: - Kinds

extension ReferenceFormatterTests {
    /// A preprint says so after its server or container, as AMA's `medRxiv. Preprint posted
    /// online …` does, whether CSL calls it `article` or `genre` does (in any case), so that it is
    /// not read as a peer-reviewed paper. `genre: preprint` had printed nothing in a journal-like
    /// item, and `preprint.` before the container in any other.
    @Test func preprintsAreLabelledAfterTheirContainer() throws {
        let json = """
            [{"id": "journal", "type": "article-journal", "title": "A study", "container-title": "medRxiv", "genre": "preprint",
              "issued": {"date-parts": [[2021]]}},
             {"id": "article", "type": "article", "title": "A study", "container-title": "bioRxiv", "genre": "Preprint",
              "issued": {"date-parts": [[2021]]}},
             {"id": "server", "type": "article", "title": "A study", "publisher": "medRxiv", "genre": "PREPRINT",
              "issued": {"date-parts": [[2021]]}},
             {"id": "plain", "type": "article", "title": "A study", "publisher": "medRxiv", "issued": {"date-parts": [[2021]]}},
             {"id": "manuscript", "type": "manuscript", "title": "A study", "container-title": "SSRN", "genre": "Preprint",
              "issued": {"date-parts": [[2021]]}, "DOI": "10.2139/ssrn.1"},
             {"id": "report", "type": "report", "title": "A study", "genre": "preprint", "publisher": "Research Square",
              "issued": {"date-parts": [[2021]]}},
             {"id": "published", "type": "article-journal", "title": "A study", "container-title": "Lancet", "genre": "Research article",
              "issued": {"date-parts": [[2021]]}}]
            """
        let loaded = ReferenceLoader.load(contents: json, file: "refs.json").references
        let html = Dictionary(uniqueKeysWithValues: loaded.map { ($0.id, ReferenceFormatter.html($0)) })
        let text = Dictionary(uniqueKeysWithValues: loaded.map { ($0.id, ReferenceFormatter.plainText($0)) })
        #expect(html["journal"] == "A study. <i>medRxiv</i>. Preprint. 2021.")
        #expect(text["journal"] == "A study. medRxiv. Preprint. 2021.")
        #expect(html["article"] == "A study. <i>bioRxiv</i>. Preprint. 2021.")
        #expect(html["server"] == "A study. <i>medRxiv</i>. Preprint. 2021.")
        #expect(html["plain"] == "A study. <i>medRxiv</i>. Preprint. 2021.")
        #expect(text["manuscript"] == "A study. SSRN. Preprint. 2021. doi:10.2139/ssrn.1")
        #expect(text["report"] == "A study. Preprint. Research Square; 2021.")
        #expect(text["published"] == "A study. Lancet. 2021.")
    }
}

extension ReferenceFormatterTests {
    /// Crossref's titles keep the line breaks and indents of its XML: runs of whitespace in a
    /// title or a container's title are one space, and none at either end (they were printed as
    /// they came, a newline and its indent inside a reference).
    @Test func whitespaceInTitlesCollapses() throws {
        let json = #"""
            [{"id": "crossref", "type": "journal-article", "title": "Trastuzumab\n        plus  pertuzumab\tin <i>HER2</i>-positive\r\n disease",
              "container-title": "Journal of\n   Clinical Oncology", "volume": "40", "issued": {"date-parts": [[2022]]}},
             {"id": "short", "type": "article-journal", "title": "Short", "container-title-short": "J  Clin\tOncol", "issued": {"date-parts": [[2022]]}},
             {"id": "book", "type": "book", "title": "Breast\n  Pathology", "publisher": "Elsevier", "issued": {"date-parts": [[2017]]}},
             {"id": "chapter", "type": "chapter", "title": "HER2 testing", "container-title": "Breast\n  Pathology ", "publisher": "Elsevier",
              "issued": {"date-parts": [[2017]]}}]
            """#
        let loaded = ReferenceLoader.load(contents: json, file: "refs.json").references
        let html = Dictionary(uniqueKeysWithValues: loaded.map { ($0.id, ReferenceFormatter.html($0)) })
        #expect(html["crossref"] == "Trastuzumab plus pertuzumab in <i>HER2</i>-positive disease. <i>Journal of Clinical Oncology</i>. 2022;40.")
        #expect(html["short"] == "Short. <i>J Clin Oncol</i>. 2022.")
        #expect(html["book"] == "<i>Breast Pathology</i>. Elsevier; 2017.")
        #expect(html["chapter"] == "HER2 testing. In: <i>Breast Pathology</i>. Elsevier; 2017.")
        // Ends too, for a reference made in code; a lone no-break space is kept as written.
        let r = Reference(id: "x", type: "article-journal", title: " \n5\u{A0}mg \u{A0} daily\u{2028}", containerTitle: "\tLancet\n",
                          issued: Reference.DateParts(year: 2020))
        #expect(ReferenceFormatter.plainText(r) == "5\u{A0}mg daily. Lancet. 2020.")
    }
}

extension ReferenceFormatterTests {
    /// An abbreviated journal title is printed without periods, as NLM's abbreviations are
    /// (`Lancet Oncol`, `Proc Natl Acad Sci U S A`): exporters write ISO's `Lancet Oncol.` and
    /// `J. Clin. Oncol.`, which printed `<i>Lancet Oncol.</i>` beside `<i>J Clin Oncol</i>`.
    @Test func shortContainerTitlesLoseTheirPeriods() throws {
        let json = """
            [{"id": "iso", "type": "article-journal", "title": "A", "container-title-short": "Lancet Oncol.", "issued": {"date-parts": [[2012]]}},
             {"id": "dotted", "type": "article-journal", "title": "B", "journalAbbreviation": "J. Clin. Oncol.", "volume": "40",
              "issued": {"date-parts": [[2022]]}},
             {"id": "unspaced", "type": "article-journal", "title": "C", "container-title-short": "Proc.Natl.Acad.Sci.U.S.A.",
              "container-title": "Proceedings of the National Academy of Sciences", "issued": {"date-parts": [[2020]]}},
             {"id": "full", "type": "article-journal", "title": "D", "container-title": "Proc. Am. Soc. Clin. Oncol.", "issued": {"date-parts": [[2001]]}},
             {"id": "chapter", "type": "chapter", "title": "E", "container-title-short": "Adv. Exp. Med. Biol.", "volume": "1026",
              "page": "1-20", "issued": {"date-parts": [[2017]]}}]
            """
        let loaded = ReferenceLoader.load(contents: json, file: "refs.json").references
        let html = Dictionary(uniqueKeysWithValues: loaded.map { ($0.id, ReferenceFormatter.html($0)) })
        #expect(html["iso"] == "A. <i>Lancet Oncol</i>. 2012.")
        #expect(html["dotted"] == "B. <i>J Clin Oncol</i>. 2022;40.")
        #expect(html["unspaced"] == "C. <i>Proc Natl Acad Sci U S A</i>. 2020.")
        // A full title is printed as written.
        #expect(html["full"] == "D. <i>Proc. Am. Soc. Clin. Oncol.</i> 2001.")
        #expect(html["chapter"] == "E. <i>Adv Exp Med Biol</i>. 2017;1026:1-20.")
        // An abbreviation of periods alone is none: the full title stands.
        let dots = Reference(id: "x", type: "article-journal", title: "F", containerTitle: "Lancet", containerTitleShort: ". .")
        #expect(ReferenceFormatter.html(dots) == "F. <i>Lancet</i>.")
    }
}

extension ReferenceFormatterTests {
    func formatted(_ json: String) throws -> String {
        let loaded = ReferenceLoader.load(contents: "[\(json)]", file: "refs.json")
        return ReferenceFormatter.plainText(try #require(loaded.references.first))
    }

    /// A date range printed only its first year (a dataset collected 2019–2021 read "2019").
    @Test func dateRangesPrintBothYears() throws {
        #expect(try formatted(#"{"id": "a", "type": "dataset", "title": "Registry", "publisher": "NCI", "issued": {"date-parts": [[2019], [2021]]}}"#)
                == "Registry. NCI; 2019–2021.")
        #expect(try formatted(#"{"id": "a", "type": "report", "title": "Survey", "issued": {"raw": "2019-03/2021-06"}}"#)
                == "Survey. 2019–2021.")
        #expect(try formatted(#"{"id": "a", "type": "report", "title": "Survey", "issued": "2019/2021"}"#) == "Survey. 2019–2021.")
        // The same year twice, or an end before the start, is the one year.
        #expect(try formatted(#"{"id": "a", "type": "report", "title": "Survey", "issued": {"date-parts": [[2019, 1], [2019, 6]]}}"#)
                == "Survey. 2019.")
        #expect(try formatted(#"{"id": "a", "type": "report", "title": "Survey", "issued": {"date-parts": [[2021], [2019]]}}"#)
                == "Survey. 2021.")
    }

    /// bioRxiv and medRxiv items from Zotero and Manubot carry no `genre`: their server says it.
    @Test func preprintServersAreLabelled() throws {
        #expect(try formatted(#"{"id": "a", "type": "article-journal", "title": "T", "container-title": "bioRxiv", "issued": 2020}"#)
                == "T. bioRxiv. Preprint. 2020.")
        #expect(try formatted(#"{"id": "a", "type": "article-journal", "title": "T", "container-title": "medRxiv : the preprint server for health sciences", "issued": 2021}"#)
                == "T. medRxiv : the preprint server for health sciences. Preprint. 2021.")
        // A journal whose name merely starts like one is not a server.
        #expect(try formatted(#"{"id": "a", "type": "article-journal", "title": "T", "container-title": "Arxiviana", "issued": 2020}"#)
                == "T. Arxiviana. 2020.")
        #expect(!ReferenceFormatter.isPreprintServer("Lancet Oncol") && ReferenceFormatter.isPreprintServer("arXiv"))
    }

    /// A book's or a chapter's volume was dropped (AMA: `11th ed. Vol 1.`).
    @Test func volumesOfBooksAndTheirChapters() throws {
        #expect(try formatted(#"{"id": "a", "type": "book", "title": "Cancer", "edition": "11", "volume": "1", "publisher": "Wolters Kluwer", "issued": 2019}"#)
                == "Cancer. 11th ed. Vol 1. Wolters Kluwer; 2019.")
        #expect(try formatted(#"{"id": "a", "type": "chapter", "title": "Breast", "container-title": "Cancer", "editor": [{"family": "DeVita", "given": "Vincent T"}], "volume": "2", "publisher": "Wolters Kluwer", "page": "100-120", "issued": 2019}"#)
                == "Breast. In: DeVita VT, ed. Cancer. Vol 2. Wolters Kluwer; 2019:100-120.")
        #expect(try formatted(#"{"id": "a", "type": "book", "title": "Atlas", "volume": "Part A", "publisher": "P", "issued": 2019}"#)
                == "Atlas. Part A. P; 2019.")
    }
}

extension ReferenceFormatterTests {
    /// Old pandoc-citeproc CSL-YAML writes given names as a list; they were dropped silently
    /// ("Roe." for Richard Q. Roe), and a name of a list alone was lost (helper-29's probe).
    @Test func givenNamesWrittenAsAListInCSLYAML() throws {
        let yaml = """
            references:
            - id: a
              type: book
              title: T
              author:
              - family: Roe
                given: [Richard, Q.]
              - given: [Ann]
              issued: 2020
            """
        let loaded = ReferenceLoader.load(contents: yaml, file: "refs.yaml")
        let r = try #require(loaded.references.first)
        #expect(r.authors.map(\.given) == ["Richard Q.", "Ann"])
        #expect(ReferenceFormatter.plainText(r).hasPrefix("Roe RQ, A"), "\(ReferenceFormatter.plainText(r))")
    }
}

extension ReferenceFormatterTests {
    /// PubMed's short page ranges (`783-92`) are printed in full, as AMA and pandoc's citeproc do.
    @Test func shortPageRangesAreExpanded() throws {
        #expect(ReferenceFormatter.expandedPageRange("783-92") == "783-792")
        #expect(ReferenceFormatter.expandedPageRange("1199-203") == "1199-1203")
        #expect(ReferenceFormatter.expandedPageRange("12–4") == "12–14")
        for asWritten in ["783-792", "e1001", "S12-S19", "100-", "1-2-3", "12-345", "LBA3"] {
            #expect(ReferenceFormatter.expandedPageRange(asWritten) == asWritten, "\(asWritten)")
        }
        #expect(try formatted(#"{"id": "a", "type": "article-journal", "title": "T", "container-title-short": "N Engl J Med", "volume": "344", "page": "783-92", "issued": 2001}"#)
                == "T. N Engl J Med. 2001;344:783-792.")
    }
}

extension ReferenceFormatterTests {
    /// A title that ends its sentence inside a closing tag or quote takes no second period (a
    /// probe printed `Why <i>HER2?</i>.`); other endings still take one.
    @Test func aSentenceEndingInsideTagsOrQuotesTakesNoPeriod() throws {
        var r = Reference(id: "r", file: "r.json", line: 1)
        r.type = "article-journal"
        for (title, html) in [("Why <i>HER2?</i>", "Why <i>HER2?</i>"), ("“Is it safe?”", "“Is it safe?”"),
                              ("Is it <b>\"safe!\"</b>", "Is it <b>&quot;safe!&quot;</b>"),
                              ("Adjuvant <i>trastuzumab</i>", "Adjuvant <i>trastuzumab</i>."),
                              ("The “HERA” trial", "The “HERA” trial."), ("x < y", "x &lt; y.")] {
            r.title = title
            #expect(ReferenceFormatter.html(r) == html, "\(title)")
        }
        var book = r
        book.type = "book"
        book.title = "Why <i>HER2?</i>"
        #expect(ReferenceFormatter.html(book) == "<i>Why <i>HER2?</i></i>")
    }
}

extension ReferenceFormatterTests {
    /// `No.` labels a number, not an identifier that names itself (a probe printed
    /// `No. NCT01234567` and `No. Pub L 111-148`) nor a number written with its label.
    @Test func numbersThatNameThemselvesTakeNoLabel() throws {
        func report(_ number: String, series: String? = nil) throws -> String {
            let seriesField = series.map { #", "collection-title": "\#($0)""# } ?? ""
            return try formatted(#"{"id": "a", "type": "report", "title": "T", "number": "\#(number)", "issued": 2024\#(seriesField)}"#)
        }
        #expect(try report("1043") == "T. No. 1043. 2024.")
        #expect(try report("12-3") == "T. No. 12-3. 2024.")
        #expect(try report("NCT01234567") == "T. NCT01234567. 2024.")
        #expect(try report("No. 7") == "T. No. 7. 2024.")
        #expect(try report("Pub L 111-148") == "T. Pub L 111-148. 2024.")
        #expect(try report("1043", series: "WHO Technical Report Series") == "T. WHO Technical Report Series; No. 1043. 2024.")
        #expect(try report("NG101", series: "NICE guidelines") == "T. NICE guidelines; NG101. 2024.")
    }

    /// Manubot's key (`standard_citation`, or `standard_id:` in `note`) is kept, and survives the
    /// article cache's record of the bibliography.
    @Test func manubotKeysAreKept() throws {
        let loaded = ReferenceLoader.load(contents: """
            [{"id": "GMcmNDr3", "standard_citation": "doi:10.7554/elife.32822", "title": "A"},
             {"id": "x", "note": "Generated by Manubot.\\nstandard_id: arxiv:1806.05726", "title": "B"},
             {"id": "doi:10.1/y", "note": "standard_id: doi:10.1/y", "title": "C"}]
            """, file: "refs.json").references
        #expect(loaded.map(\.standardCitation) == ["doi:10.7554/elife.32822", "arxiv:1806.05726", nil])
        let record = try #require(ArticleCache.encode(references: loaded, diagnostics: [], file: "refs.json"))
        let (decoded, _) = try record.withUnsafeBufferPointer { try ArticleCache.decodeBibliography($0, file: "refs.json") }
        #expect(decoded == loaded)
    }
}

extension ReferenceFormatterTests {
    /// Dates in full where AMA's 11th edition (and pandoc's citeproc with it) prints them, from a
    /// probe of real Manubot items: an article ahead of print (no volume or issue), a preprint, a
    /// web page (interim guidance changes by the month) and a newspaper article. A year alone is
    /// printed as before: it does not say when the item went online.
    @Test func onlineItemsAreDatedInFull() throws {
        #expect(try formatted(#"{"id": "a", "type": "article-journal", "title": "T", "container-title": "Diabetes, Obesity and Metabolism", "issued": {"date-parts": [[2020, 5, 18]]}}"#)
                == "T. Diabetes, Obesity and Metabolism. Published online May 18, 2020.")
        #expect(try formatted(#"{"id": "a", "type": "article-journal", "title": "T", "container-title": "J Clin Oncol", "volume": "40", "issued": {"date-parts": [[2022, 5, 18]]}}"#)
                == "T. J Clin Oncol. 2022;40.")
        #expect(try formatted(#"{"id": "a", "type": "article-journal", "title": "T", "container-title": "Cold Spring Harbor Laboratory", "publisher": "Cold Spring Harbor Laboratory", "issued": {"date-parts": [[2020, 4, 10]]}}"#)
                == "T. Cold Spring Harbor Laboratory. Preprint posted online April 10, 2020.")
        #expect(try formatted(#"{"id": "a", "type": "article-journal", "title": "T", "publisher": "PeerJ Preprints", "page": "e3210v1", "issued": {"date-parts": [["2017", 8, 31]]}}"#)
                == "T. PeerJ Preprints. Preprint posted online August 31, 2017.")
        // A page goes with the date; a preprint's (the server's number, above) is left out, as in
        // AMA. A journal article without its journal is dated in full; Zotero's "Document" keeps its year.
        #expect(try formatted(#"{"id": "a", "type": "article-journal", "title": "T", "container-title": "JAMA Netw Open", "page": "e201234", "issued": {"date-parts": [[2020, 5, 18]]}}"#)
                == "T. JAMA Netw Open. Published online May 18, 2020:e201234.")
        #expect(try formatted(#"{"id": "a", "type": "article-journal", "title": "T", "issued": {"date-parts": [[2022, 9, 28]]}}"#)
                == "T. Published online September 28, 2022.")
        #expect(try formatted(#"{"id": "a", "type": "article", "title": "T", "publisher": "WHO", "issued": {"date-parts": [[2022, 9, 28]]}}"#)
                == "T. WHO. 2022.")
        #expect(try formatted(#"{"id": "a", "type": "article", "title": "T", "publisher": "medRxiv", "issued": {"date-parts": [[2021, 3]]}}"#)
                == "T. medRxiv. Preprint posted online March 2021.")
        #expect(try formatted(#"{"id": "a", "type": "webpage", "title": "Interim guidance", "author": [{"literal": "CDC"}], "issued": {"date-parts": [["2020", 6, 30]]}}"#)
                == "CDC. Interim guidance. Published June 30, 2020.")
        #expect(try formatted(#"{"id": "a", "type": "article-newspaper", "title": "T", "container-title": "New York Times", "page": "A1", "issued": {"date-parts": [[2019, 12, 20]]}}"#)
                == "T. New York Times. December 20, 2019:A1.")
        #expect(try formatted(#"{"id": "a", "type": "chapter", "title": "Medulloblastoma (PDQ)", "container-title": "PDQ Cancer Information Summaries", "publisher": "National Cancer Institute"}"#)
                == "Medulloblastoma (PDQ). In: PDQ Cancer Information Summaries. National Cancer Institute.")
        // A publisher that is the container is named once.
        #expect(try formatted(#"{"id": "a", "type": "report", "title": "T", "container-title": "arXiv", "publisher": "arXiv", "number": "2006.15195", "issued": 2020}"#)
                == "T. arXiv. Preprint. No. 2006.15195. 2020.")
        #expect(ReferenceFormatter.fullDate(.init(year: 2017, season: 1)) == "Spring 2017")
        #expect(ReferenceFormatter.fullDate(.init(year: 2019, endYear: 2021)) == "2019–2021")
    }
}

extension ReferenceFormatterTests {
    /// Real exporters' items a second probe found printed wrong: a talk lost its meeting, a
    /// guideline saved as CSL `article` was labelled a preprint, a book lost its editors, and the
    /// non-CSL type `website` its date.
    @Test func presentationsDocumentsAndEditedBooks() throws {
        #expect(try formatted(#"{"id": "a", "type": "speech", "title": "Overall survival with olaparib", "author": [{"family": "Tutt", "given": "Andrew"}], "event": "ASCO Annual Meeting", "event-place": "Chicago, IL", "issued": {"date-parts": [[2022, 6, 5]]}}"#)
                == "Tutt A. Overall survival with olaparib. Presented at: ASCO Annual Meeting; June 5, 2022; Chicago, IL.")
        #expect(try formatted(#"{"id": "a", "type": "paper-conference", "title": "T", "event-title": "ESMO Congress 2023", "issued": 2023}"#)
                == "T. Presented at: ESMO Congress 2023; 2023.")
        #expect(try formatted(#"{"id": "a", "type": "article", "title": "WHO guidelines on physical activity", "author": [{"literal": "World Health Organization"}], "publisher": "World Health Organization", "issued": {"date-parts": [[2020, 11, 25]]}}"#)
                == "World Health Organization. WHO guidelines on physical activity. World Health Organization. 2020.")
        #expect(try formatted(#"{"id": "a", "type": "article", "title": "T", "publisher": "Qeios", "DOI": "10.21203/rs.3.rs-1/v1", "issued": 2021}"#)
                == "T. Qeios. Preprint. 2021. doi:10.21203/rs.3.rs-1/v1")
        #expect(ReferenceFormatter.isPreprintDOI("10.1101/2020.04.08.20054551") && ReferenceFormatter.isPreprintDOI("10.1101/123456"))
        #expect(!ReferenceFormatter.isPreprintDOI("10.1101/gad.123.4") && !ReferenceFormatter.isPreprintDOI("10.1200/JCO.22.00503"))
        #expect(try formatted(#"{"id": "a", "type": "book", "title": "Harrison's Principles of Internal Medicine", "author": [{"family": "Jameson", "given": "J. Larry"}], "editor": [{"family": "Kasper", "given": "Dennis L."}], "edition": "21", "publisher": "McGraw Hill", "issued": 2022}"#)
                == "Jameson JL. Harrison's Principles of Internal Medicine. 21st ed. Kasper DL, ed. McGraw Hill; 2022.")
        #expect(try formatted(#"{"id": "a", "type": "website", "title": "T", "issued": {"date-parts": [[2024, 3, 13]]}}"#)
                == "T. Published March 13, 2024.")
        // The meeting survives the article cache's record of the bibliography.
        let loaded = ReferenceLoader.load(contents: #"[{"id": "a", "type": "speech", "title": "T", "event": "ASCO", "event-place": "Chicago, IL"}]"#,
                                          file: "refs.json").references
        #expect(loaded.first?.eventTitle == "ASCO" && loaded.first?.eventPlace == "Chicago, IL")
        let record = try #require(ArticleCache.encode(references: loaded, diagnostics: [], file: "refs.json"))
        let (decoded, _) = try record.withUnsafeBufferPointer { try ArticleCache.decodeBibliography($0, file: "refs.json") }
        #expect(decoded == loaded)
    }
}
