import Testing
@testable import GuidelinePress

@Suite struct ReferenceChecksTests {
    func diagnostics(_ json: String) -> [Diagnostic] {
        let (refs, loadDiagnostics) = ReferenceLoader.load(contents: json, file: "refs.json")
        return loadDiagnostics + ReferenceChecks.check(refs)
    }

    func single(_ json: String) throws -> Diagnostic {
        let found = diagnostics(json)
        #expect(found.count == 1, "\(found)")
        return try #require(found.first)
    }

    @Test func missingID() throws {
        let d = try single("[\n{\"title\": \"A\", \"issued\": 2020}\n]")
        #expect(d.rule == .referenceInvalid && d.severity == .error && d.line == 2)
        #expect(d.message == "reference titled 'A' has no id")
    }

    @Test func missingTitle() throws {
        let d = try single("[\n{\"id\": \"smith2020\",\n \"issued\": 2020}\n]")
        #expect(d.rule == .referenceInvalid && d.severity == .error && d.line == 2)
        #expect(d.message == "reference 'smith2020' has no title")
    }

    @Test func missingYear() throws {
        let d = try single("[{\"id\": \"a\", \"title\": \"A\", \"issued\": \"2020\"},\n {\"id\": \"b\", \"title\": \"B\", \"issued\": {\"date-parts\": [[]]}}]")
        #expect(d.rule == .referenceInvalid && d.line == 2)
        #expect(d.message == "reference 'b' has no issued year")
        #expect(diagnostics("[{\"id\": \"a\", \"title\": \"A\"}]").map(\.message) == ["reference 'a' has no issued year"])
    }

    /// A web page with only the date it was read (Zotero's export of a PDQ page): still an error,
    /// with a note that the accessed date is not the page's own.
    @Test func onlyAnAccessedDateIsNamedInANote() throws {
        let d = try single(#"[{"id": "pdq2024", "type": "webpage", "title": "PDQ", "accessed": {"date-parts": [[2024, 5, 1]]}}]"#)
        #expect(d.message == "reference 'pdq2024' has no issued year")
        #expect(d.notes.count == 1 && d.notes[0].hasPrefix("its 'accessed' date says when it was read"), "\(d.notes)")
        #expect(try single(#"[{"id": "a", "title": "A"}]"#).notes.isEmpty)
    }

    @Test func malformedYear() throws {
        let d = try single("[\n{\"id\": \"a\", \"title\": \"A\", \"issued\": {\"date-parts\": [[20222]]}}]")
        #expect(d.rule == .referenceInvalid && d.severity == .error && d.line == 2)
        #expect(d.message == "year '20222' of 'a' is malformed")
        let text = try single("[{\"id\": \"a\", \"title\": \"A\", \"issued\": {\"date-parts\": [[\"20x9\"]]}}]")
        #expect(text.message == "issued date '20x9' of 'a' has no year")
        let literal = try single("[{\"id\": \"a\", \"title\": \"A\", \"issued\": {\"literal\": \"in press\"}}]")
        #expect(literal.message == "issued date 'in press' of 'a' has no year")
        // A whole date as one text in date-parts (a probe): the message gives the numbers.
        let whole = try single("[{\"id\": \"a\", \"title\": \"A\", \"issued\": {\"date-parts\": [[\"2020-05-01\"]]}}]")
        #expect(whole.message == "issued date '2020-05-01' of 'a' is written as one text inside 'date-parts', "
                + "which holds the date's numbers: write \"date-parts\": [[2020, 5, 1]]")
        let season = try single("[{\"id\": \"a\", \"title\": \"A\", \"issued\": {\"date-parts\": [[\"2020-22\"]]}}]")
        #expect(season.message.hasSuffix("write \"date-parts\": [[2020, 22]]"), "\(season.message)")
        // Numbers as strings, one per part, are CSL's own and fine.
        #expect(diagnostics("[{\"id\": \"a\", \"title\": \"A\", \"issued\": {\"date-parts\": [[\"2020\", \"5\"]]}}]").isEmpty)
    }

    @Test func malformedDOI() throws {
        let d = try single("[\n\n{\"id\": \"giordano2022\", \"title\": \"A\", \"issued\": 2022, \"DOI\": \"10.1200\"}]")
        #expect(d.rule == .referenceInvalid && d.severity == .error && d.line == 3)
        #expect(d.message == "DOI '10.1200' of 'giordano2022' is malformed")
        #expect(try single("[{\"id\": \"a\", \"title\": \"A\", \"issued\": 2022, \"DOI\": \"10.12/abc\"}]").message
                == "DOI '10.12/abc' of 'a' is malformed")
        #expect(try single("[{\"id\": \"a\", \"title\": \"A\", \"issued\": 2022, \"DOI\": \"10.1200/a b\"}]").message
                == "DOI '10.1200/a b' of 'a' is malformed")
        // URL and doi: forms are normalised by the loader, not reported
        #expect(diagnostics("[{\"id\": \"a\", \"title\": \"A\", \"issued\": 2022, \"DOI\": \" https://doi.org/10.1200/JCO.1 \"}]").isEmpty)
    }

    @Test func malformedPMID() throws {
        let d = try single("[\n{\"id\": \"a\", \"title\": \"A\", \"issued\": 2022, \"PMID\": \"PMC123\"}]")
        #expect(d.rule == .referenceInvalid && d.severity == .error && d.line == 2)
        #expect(d.message == "PMID 'PMC123' of 'a' is malformed")
        #expect(diagnostics("[{\"id\": \"a\", \"title\": \"A\", \"issued\": 2022, \"PMID\": 123}]").isEmpty)
        // A label without its number was printed as a dangling `PMID: ` with no finding.
        #expect(try single("[{\"id\": \"a\", \"title\": \"A\", \"issued\": 2022, \"PMID\": \"PMID:\"}]").message
                == "PMID 'PMID:' of 'a' is malformed")
        #expect(diagnostics("[{\"id\": \"a\", \"title\": \"A\", \"issued\": 2022, \"PMID\": \"PMID: 123\"}]").isEmpty)
    }

    /// A DOI pasted with the sentence's full stop: linked with it, to "DOI not found" (a DOI may
    /// end with a period, so a warning).
    /// A reference's URL with a scheme a body link may not use is reported; web addresses and
    /// none are not. (It was shown as text with no finding.)
    @Test func unsafeURL() throws {
        for url in ["javascript:alert(1)", " JaVaScript:x", "java\\tscript:x", "data:text/html,x", "ms-msdt:/id x"] {
            let d = try single("[\n{\"id\": \"a\", \"title\": \"A\", \"issued\": 2020, \"URL\": \"\(url)\"}\n]")
            #expect(d.rule == .referenceInvalid && d.severity == .error && d.line == 2)
            #expect(d.message.hasPrefix("URL '") && d.message.hasSuffix("a reference's URL is an http(s) address"), "\(d.message)")
        }
        for url in ["https://www.nice.org.uk/guidance/ng101", "http://example.org", "www.example.org/x"] {
            #expect(diagnostics("[{\"id\": \"a\", \"title\": \"A\", \"issued\": 2020, \"URL\": \"\(url)\"}]").isEmpty, "\(url)")
        }
    }

    @Test func doiEndingWithAPeriodIsAWarning() throws {
        let d = try single("[\n{\"id\": \"a\", \"title\": \"A\", \"issued\": 2022, \"DOI\": \"https://doi.org/10.1056/NEJMoa1413513.\"}]")
        #expect(d.rule == .referenceInvalid && d.severity == .warning && d.line == 2)
        #expect(d.message == "DOI '10.1056/NEJMoa1413513.' of 'a' ends with a period: was the sentence's full stop pasted with it?")
    }

    @Test func duplicateIDIsAnErrorNamingBothPlaces() throws {
        let d = try single("[\n{\"id\": \"a\", \"title\": \"A\", \"issued\": 2020},\n{\"id\": \"a\", \"title\": \"B\", \"issued\": 2021}\n]")
        #expect(d.rule == .referenceDuplicate && d.severity == .error && d.line == 3)
        #expect(d.message == "reference 'a' is already defined at refs.json:2")
    }

    @Test func duplicateDOIIsAWarning() throws {
        let d = try single("""
        [
        {"id": "a", "title": "A", "issued": 2020, "DOI": "10.1056/NEJMoa1"},
        {"id": "b", "title": "B", "issued": 2020, "DOI": "10.1056/nejmoa1"}
        ]
        """)
        #expect(d.rule == .referenceDuplicate && d.severity == .warning && d.line == 3)
        #expect(d.message == "DOI '10.1056/nejmoa1' of 'b' is also the DOI of 'a' at refs.json:2")
    }

    @Test func duplicatePMIDIsAWarning() throws {
        let d = try single("""
        [
        {"id": "a", "title": "A", "issued": 2020, "PMID": "123"},

        {"id": "b", "title": "B", "issued": 2020, "PMID": 123}
        ]
        """)
        #expect(d.rule == .referenceDuplicate && d.severity == .warning && d.line == 4)
        #expect(d.message == "PMID '123' of 'b' is also the PMID of 'a' at refs.json:2")
    }
}
