import Foundation
import Testing
@testable import GuidelinePress

/// The report formats of §1 over a site with several problems, checked against golden files.
@Suite struct DiagnosticOutputTests {
    /// The report of the `report` fixture site, its paths shown as `Content/…` as in a real run.
    func report() throws -> (diagnostics: [Diagnostic], articles: Int) {
        let content = try TestContent.fixtureSite("report")
        let report = try TestContent.check(content)
        let diagnostics = report.diagnostics.map { d -> Diagnostic in
            var d = d
            d.file = d.file.replacingOccurrences(of: content, with: "Content")
            d.message = d.message.replacingOccurrences(of: content, with: "Content")
            return d
        }
        return (diagnostics, report.articleCount)
    }

    @Test(arguments: DiagnosticFormat.allCases)
    func formatMatchesItsGoldenFile(_ format: DiagnosticFormat) throws {
        let (diagnostics, articles) = try report()
        let name = switch format {
        case .text: "report.txt"
        case .json: "report.json"
        case .github: "report.github.txt"
        }
        try expectGolden(format.format(diagnostics, articleCount: articles), named: name)
    }

    @Test func textIsSortedByFileThenLineAndEndsWithTheSummary() throws {
        let (diagnostics, articles) = try report()
        let lines = DiagnosticFormat.text.format(diagnostics, articleCount: articles).split(separator: "\n")
        #expect(lines.last == "5 errors, 2 warnings in 3 articles")
        let keys = diagnostics.map { ($0.file, $0.line ?? 0) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(lines.count == diagnostics.count + 1)
    }

    @Test func jsonIsOneArrayOfFindings() throws {
        let (diagnostics, articles) = try report()
        let json = DiagnosticFormat.json.format(diagnostics, articleCount: articles)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(array.count == diagnostics.count)
        for (object, d) in zip(array, diagnostics) {
            #expect(Set(object.keys) == ["file", "line", "column", "severity", "rule", "message"])
            #expect(object["file"] as? String == d.file)
            #expect(object["message"] as? String == d.message)
            #expect(object["rule"] as? String == d.rule.rawValue)
            if let line = d.line { #expect(object["line"] as? Int == line) } else { #expect(object["line"] is NSNull) }
        }
        #expect(DiagnosticFormat.json.format([], articleCount: 0) == "[]\n")
    }

    @Test func githubCommandsEscapeTheirProperties() {
        let d = Diagnostic(file: "Content/a,b:c.md", line: 3, column: 4, rule: .claimUncited,
                           message: "50% done\nnext line")
        #expect(DiagnosticFormat.github.format([d], articleCount: 1)
                == "::error file=Content/a%2Cb%3Ac.md,line=3,col=4,title=claim-uncited::50%25 done%0Anext line\n")
        // Other control characters from content never reach the log raw (terminal escapes).
        let escapes = Diagnostic(file: "Content/a\u{1B}b.md", line: 1, column: 1, rule: .claimUncited,
                                 message: "x\u{1B}[31mred\u{7}\ty\u{2028}z")
        #expect(DiagnosticFormat.github.format([escapes], articleCount: 1)
                == "::error file=Content/a\\u{1B}b.md,line=1,col=1,title=claim-uncited::x\\u{1B}[31mred\\u{7}\\ty\\u{2028}z\n")
        let whole = Diagnostic(file: "Content/articles/X.md", rule: .slugInvalid, message: "bad")
        #expect(DiagnosticFormat.github.format([whole], articleCount: 1)
                == "::error file=Content/articles/X.md,title=slug-invalid::bad\n")
    }

    /// One finding a line in text: a line break from content (a YAML value, a DOI) is shown escaped,
    /// so that content cannot split a finding or write a line that reads as one.
    @Test func textKeepsEachFindingOnOneLine() {
        let d = Diagnostic(file: "Content/references/r.json", line: 3, column: 4, rule: .referenceInvalid,
                           message: "DOI '10.1/x\nContent/a.md:1:1: error: fake [claim-uncited]' is malformed\u{2028}\t")
        #expect(DiagnosticFormat.text.format([d], articleCount: 1)
                == "Content/references/r.json:3:4: error: DOI '10.1/x\\nContent/a.md:1:1: error: fake [claim-uncited]' "
                   + "is malformed\\u{2028}\\t [reference-invalid]\n1 error, 0 warnings in 1 article\n")
    }

    /// A finding's notes are printed (no format printed them: "the uncited comment on line 9 needs
    /// a reason" never reached the author); the JSON keeps the contract's six fields.
    @Test func notesArePrinted() {
        let d = Diagnostic(file: "Content/articles/a.md", line: 10, column: 1, rule: .claimUncited,
                           message: "claim has no citation", notes: ["the uncited comment on line 9 needs a reason", "two\nlines"])
        #expect(DiagnosticFormat.text.format([d], articleCount: 1)
                == "Content/articles/a.md:10:1: error: claim has no citation [claim-uncited]\n"
                   + "Content/articles/a.md:10:1: note: the uncited comment on line 9 needs a reason\n"
                   + "Content/articles/a.md:10:1: note: two\\nlines\n1 error, 0 warnings in 1 article\n")
        #expect(DiagnosticFormat.github.format([d], articleCount: 1)
                == "::error file=Content/articles/a.md,line=10,col=1,title=claim-uncited::claim has no citation"
                   + "%0Anote: the uncited comment on line 9 needs a reason%0Anote: two%0Alines\n")
        #expect(!DiagnosticFormat.json.format([d], articleCount: 1).contains("note"))
        // And beside the block in a review build, escaped.
        var tagged = d
        tagged.notes = ["write <b>a reason</b>"]
        #expect(BodyRenderer.findingsHTML([(0, tagged)]).contains(
            "claim has no citation<br><span class=\"review-note\">Note: write &lt;b&gt;a reason&lt;/b&gt;</span></li>"))
    }

    @Test func summaryCountsInTheSingularAndPlural() {
        let warning = Diagnostic(file: "f", rule: .referenceUnused, message: "m")
        let error = Diagnostic(file: "f", rule: .encoding, message: "m")
        #expect(DiagnosticFormat.summary([], articleCount: 1) == "0 errors, 0 warnings in 1 article")
        #expect(DiagnosticFormat.summary([warning, error], articleCount: 2) == "1 error, 1 warning in 2 articles")
    }
}

/// A normal build reports what `--check` reports, and stops on errors leaving its output untouched.
@Suite struct CheckAndBuildTests {
    /// The repository's `Templates` folder.
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Templates").standardizedFileURL.path

    @Test(arguments: ["report", "invalid/claim-uncited", "invalid/field-unknown"])
    func aBuildReportsWhatCheckReports(_ site: String) throws {
        let content = try TestContent.fixtureSite(site)
        // The output is a folder inside the temporary one, so that the build cache beside it goes too.
        // A previous site (shaped like one: publish refuses to replace a folder of other files).
        let folder = try TestContent.Folder(["Site/sentinel.txt": "previous build\n", "Site/index.html": "previous home",
                                             "Site/404.html": "previous 404", "Site/assets/style.css": "previous css"])
        defer { folder.remove() }
        let output = folder.url("Site")
        let checked = try TestContent.check(content)
        let built = try Publisher.run(.init(content: content, templates: Self.templates, output: output.path,
                                            mode: .publish, today: TestContent.today))
        #expect(built.diagnostics == checked.diagnostics)
        #expect(!checked.diagnostics.isEmpty)
        if checked.errorCount > 0 {
            #expect(built.filesWritten == 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
                    == ["404.html", "assets", "index.html", "sentinel.txt"])
            #expect(try String(contentsOf: output.appendingPathComponent("sentinel.txt"), encoding: .utf8) == "previous build\n")
        } else {
            // Warnings do not stop a build.
            #expect(built.filesWritten > 0)
        }
    }

    @Test func checkWritesNothing() throws {
        let folder = try TestContent.Folder(["Site/sentinel.txt": "x"])
        defer { folder.remove() }
        let report = try Publisher.run(.init(content: try TestContent.fixtureSite("valid"), templates: Self.templates,
                                             output: folder.url("Site").path, mode: .check, today: TestContent.today))
        #expect(report.filesWritten == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["Site"], "no cache either")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url("Site").path) == ["sentinel.txt"])
    }

    @Test func aMissingContentFolderIsAFailureNotAFinding() {
        #expect(throws: Publisher.Failure.self) {
            try TestContent.check("/nonexistent/guideline-press/Content")
        }
    }
}
