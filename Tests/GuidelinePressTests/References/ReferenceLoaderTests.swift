import Foundation
import Testing
@testable import GuidelinePress

@Suite struct ReferenceLoaderTests {
    static func fixture(_ path: String) throws -> String {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func seedFileLoadsWithLines() throws {
        let text = try Self.fixture("references/breast.json")
        let (refs, diagnostics) = ReferenceLoader.load(contents: text, file: "references/breast.json")
        #expect(diagnostics.isEmpty)
        #expect(refs.count == 20)
        let first = try #require(refs.first)
        #expect(first.id == "giordano2022")
        #expect(first.line == 2)
        #expect(refs[1].line == 47)
        #expect(first.file == "references/breast.json")
        #expect(first.authors.count == 6)
        #expect(first.authors[1] == Reference.Name(family: "Franzoi", given: "M. A. B."))
        #expect(first.containerTitleShort == "J Clin Oncol")
        #expect(first.issued == Reference.DateParts(year: 2022, month: 8))
        #expect(first.volume == "40" && first.issue == "23" && first.page == "2612-2635")
        #expect(first.doi == "10.1200/JCO.22.00519")
        #expect(refs[1].pmid == "29939838")
        let nccn = try #require(refs.first { $0.id == "nccn2024" })
        #expect(nccn.version == "4.2024")
        #expect(nccn.authors == [Reference.Name(literal: "National Comprehensive Cancer Network")])
        #expect(ReferenceChecks.check(refs).isEmpty)
    }

    @Test func zoteroAndManubotQuirks() {
        let json = """
        [
          {"id": "doi:10.1038/x", "type": "article-journal", "title": "A", "PMID": 123,
           "volume": 40, "issued": {"date-parts": [["2019", "3"]]}, "DOI": "https://doi.org/10.1038/X%2Fy",
           "extra-field": {"nested": [1, 2]}, "author": [{"literal": "WHO"}, {"family": "Smith", "given": "Jane A"}]},
          {"id": "url:https://example.org/a", "title": "B", "issued": {"raw": "2019-03"}, "doi": "doi: 10.1000/abc",
           "note": "PMID: 456\\nPMCID: PMC789"},
          {"id": "c", "title": "C", "issued": {"literal": "Spring 2018"}},
          {"id": "d", "title": "D", "issued": {"date-parts": [[2020, 22]]}}
        ]
        """
        let (refs, diagnostics) = ReferenceLoader.load(contents: json, file: "refs.json")
        #expect(diagnostics.isEmpty)
        #expect(refs.map(\.id) == ["doi:10.1038/x", "url:https://example.org/a", "c", "d"])
        #expect(refs.map(\.line) == [2, 5, 7, 8])
        #expect(refs[0].pmid == "123")
        #expect(refs[0].volume == "40")
        #expect(refs[0].issued == Reference.DateParts(year: 2019, month: 3))
        #expect(refs[0].doi == "10.1038/X/y")
        #expect(refs[0].authors == [Reference.Name(literal: "WHO"), Reference.Name(family: "Smith", given: "Jane A")])
        #expect(refs[1].issued == Reference.DateParts(year: 2019, month: 3))
        #expect(refs[1].doi == "10.1000/abc")
        #expect(refs[1].pmid == "456" && refs[1].pmcid == "PMC789")
        #expect(refs[2].issued == Reference.DateParts(year: 2018, season: 1, literal: "Spring 2018"))
        #expect(refs[3].issued == Reference.DateParts(year: 2020, season: 2))
        #expect(ReferenceChecks.check(refs).isEmpty)
    }

    @Test func wrapperAndSingleObject() {
        let wrapped = "{\n  \"items\": [\n    {\"id\": \"a\", \"title\": \"A\", \"issued\": 2020},\n    {\"id\": \"b\"}\n  ]\n}"
        let (refs, diagnostics) = ReferenceLoader.load(contents: wrapped, file: "w.json")
        #expect(diagnostics.isEmpty)
        #expect(refs.map(\.id) == ["a", "b"])
        #expect(refs.map(\.line) == [3, 4])
        #expect(refs[0].issued?.year == 2020)

        let single = ReferenceLoader.load(contents: "\n{\"id\": \"solo\", \"title\": \"S\"}", file: "s.json")
        #expect(single.references.map(\.id) == ["solo"])
        #expect(single.references.first?.line == 2)
    }

    @Test func itemsThatAreNotObjects() {
        let (refs, diagnostics) = ReferenceLoader.load(contents: "[\n {\"id\": \"a\"},\n 42\n]", file: "r.json")
        #expect(refs.count == 1)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.rule == .referenceInvalid)
        #expect(diagnostics.first?.line == 3)
    }

    @Test func cslYAMLList() {
        let yaml = """
        - id: smith2020
          type: article-journal
          title: "Trial: results"
          author:
            - family: Smith
              given: J. A.
          issued:
            date-parts: [[2020, 5]]
          PMID: 123
          DOI: 10.1000/xyz
        - id: "doi:10.1/abc"
          title: B
          issued: 2019-03-12
        """
        let (refs, diagnostics) = ReferenceLoader.load(contents: yaml, file: "refs.yaml")
        #expect(diagnostics.isEmpty)
        #expect(refs.map(\.id) == ["smith2020", "doi:10.1/abc"])
        #expect(refs.map(\.line) == [1, 11])
        #expect(refs[0].pmid == "123")
        #expect(refs[0].issued == Reference.DateParts(year: 2020, month: 5))
        #expect(refs[1].issued == Reference.DateParts(year: 2019, month: 3, day: 12))
    }

    /// Pandoc reads CSL-YAML's text as Markdown: a title's markup becomes CSL's rich-text tags,
    /// which the reference list shows (`pandoc -t markdown` writes BibTeX's `{COVID-19}` as
    /// `[COVID-19]{.nocase}`); a journal's name keeps its text; CSL-JSON's text stays as written.
    @Test func cslYAMLTitlesAreMarkdown() {
        let cases: [(String, String)] = [
            ("Novel coronavirus 2019-[nCoV]{.nocase} in Wuhan", #"Novel coronavirus 2019-<span class="nocase">nCoV</span> in Wuhan"#),
            ("Expression of *ERBB2* and H~2~O in **bold**", "Expression of <i>ERBB2</i> and H<sub>2</sub>O in <b>bold</b>"),
            ("HER2^+^ and _italic_ but snake_case_name", "HER2<sup>+</sup> and <i>italic</i> but snake_case_name"),
            ("[Small caps]{.smallcaps} and __strong__ and *[HER2]{.nocase} status*",
             #"<span style="font-variant:small-caps;">Small caps</span> and <b>strong</b> and <i><span class="nocase">HER2</span> status</i>"#),
            (#"Literal \*stars\* and `code *x*` and 2 * 3 * 4"#, "Literal *stars* and code *x* and 2 * 3 * 4"),
            ("~5 mg to ~10 mg, 10^9^/L", "~5 mg to ~10 mg, 10<sup>9</sup>/L"),
            ("Plain title", "Plain title"),
            ("*a **b* c**", "*a **b* c**"),  // tags that would not nest: as written
            // No emphasis crosses its own delimiter (a pattern that could took 24 s on a 60 KB title).
            ("_a _b_ c", "_a <i>b</i> c"), ("**a **b** c", "**a <b>b</b> c"), ("`x*` and `y*`", "x* and y*"),
            ("Trastuzumab in ***HER2***-positive and ___ERBB2___ *low*",
             "Trastuzumab in <b><i>HER2</i></b>-positive and <b><i>ERBB2</i></b> <i>low</i>"),
            ("``a`` and ```b```", "a and b"),
        ]
        for (markdown, rich) in cases {
            #expect(CSLYAMLMarkup.richText(fromMarkdown: markdown) == rich, "\(markdown)")
        }
        #expect(CSLYAMLMarkup.plainText(fromMarkdown: "[BMJ]{.nocase} *Open*") == "BMJ Open")
        let long = String(repeating: "*a* ", count: CSLYAMLMarkup.maximumLength / 4 + 1)
        #expect(CSLYAMLMarkup.richText(fromMarkdown: long) == long, "past the longest title: as written")

        let yaml = """
        - id: a
          title: "Novel coronavirus 2019-[nCoV]{.nocase}: *ERBB2* and H~2~O"
          container-title: "[JAMA]{.nocase} Oncology"
          issued: 2020
        """
        let (refs, diagnostics) = ReferenceLoader.load(contents: yaml, file: "refs.yaml")
        #expect(diagnostics.isEmpty)
        #expect(refs.first?.title == #"Novel coronavirus 2019-<span class="nocase">nCoV</span>: <i>ERBB2</i> and H<sub>2</sub>O"#)
        #expect(refs.first?.containerTitle == "JAMA Oncology")
        let html = ReferenceFormatter.html(refs[0])
        #expect(html.contains("2019-nCoV: <i>ERBB2</i> and H<sub>2</sub>O"), "\(html)")
        #expect(!html.contains("nocase") && !html.contains("["), "\(html)")

        let json = #"[{"id": "a", "title": "Expression of *ERBB2*", "issued": 2020}]"#
        #expect(ReferenceLoader.load(contents: json, file: "refs.json").references.first?.title == "Expression of *ERBB2*")
    }

    @Test func cslYAMLReferencesMap() {
        let yaml = """
        ---
        references:
        - id: a
          title: A
          issued:
            - year: 2001
              month: 4
        - id: b
          title: B
          issued: {raw: "May 2002"}
        ...
        """
        let (refs, diagnostics) = ReferenceLoader.load(contents: yaml, file: "bib.yml")
        #expect(diagnostics.isEmpty)
        #expect(refs.map(\.id) == ["a", "b"])
        #expect(refs.map(\.line) == [3, 8])
        #expect(refs[0].issued == Reference.DateParts(year: 2001, month: 4))
        #expect(refs[1].issued == Reference.DateParts(year: 2002, month: 5, literal: "May 2002"))
    }

    @Test func brokenJSONReportsTheLine() {
        let (refs, diagnostics) = ReferenceLoader.load(contents: "[\n {\"id\": \"é\",\n  \"x\": 1,,\n}]", file: "bad.json")
        #expect(refs.isEmpty)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.rule == .referenceInvalid)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.line == 3)
    }

    @Test func brokenYAMLReportsTheLine() {
        let (refs, diagnostics) = ReferenceLoader.load(contents: "- id: a\n  title: [unclosed\n- id: b\n", file: "bad.yaml")
        #expect(refs.isEmpty)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.rule == .referenceInvalid)
        #expect(diagnostics.first?.line != nil)
    }

    @Test func unknownExtension() {
        let (_, diagnostics) = ReferenceLoader.load(contents: "@article{a}", file: "refs.bib")
        #expect(diagnostics.map(\.rule) == [.referenceInvalid])
    }

    @Test func tenThousandItemsKeepTheirLines() {
        var text = "[\n"
        for i in 0..<10_000 {
            text += "  {\"id\": \"r\(i)\", \"title\": \"T {[\\\"]}\", \"issued\": {\"date-parts\": [[2020]]}}"
            text += i == 9_999 ? "\n" : ",\n"
        }
        text += "]\n"
        let (refs, diagnostics) = ReferenceLoader.load(contents: text, file: "big.json")
        #expect(diagnostics.isEmpty)
        #expect(refs.count == 10_000)
        #expect(refs.last?.line == 10_001)
        #expect(refs[5_000].title == "T {[\"]}")
    }
}
