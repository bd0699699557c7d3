import Foundation
import Testing
@testable import GuidelinePress

/// `emphasis-in-number`: asterisks between digits that GFM makes emphasis (`2*3*4` is shown as
/// "234") are warnings at the emphasis, wherever inlines are; what is no emphasis, and emphasis
/// with no digit beside it, is left alone.
@Suite struct EmphasisInNumberTests {
    func diagnostics(_ body: String, page: String? = nil) throws -> [Diagnostic] {
        var files = TestContent.minimalSite(article: SiteFixture.article("Is the dose shown?", body: body))
        if let page { files["pages/about.md"] = page }
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        return try TestContent.check(folder.path).diagnostics.filter { $0.rule == .emphasisInNumber }
    }

    /// `file:line:column severity message` of each finding (the body starts on line 7).
    func findings(_ body: String, page: String? = nil) throws -> [String] {
        try diagnostics(body, page: page).map {
            "\(($0.file as NSString).lastPathComponent):\($0.line ?? 0):\($0.column ?? 0) \($0.severity.rawValue) \($0.message)"
        }
    }

    @Test func asterisksBetweenDigitsAreReportedWithWhatThePageShows() throws {
        let found = try diagnostics("Give 2*3*4 tablets. [@smith2020]\n")
        #expect(found.count == 1)
        #expect(found.first?.severity == .warning)
        #expect(found.first?.line == 7 && found.first?.column == 7)
        #expect(found.first?.message == "the asterisks in '2*3*4' make emphasis: the page shows '234', with '3' in italics")
        #expect(found.first?.notes == ["escape each asterisk to show it ('2\\*3\\*4'), or write a multiplication as '×'"])

        let body = """
            Give 2*3 mg and 4*5 mg. [@smith2020]

            Give 2**3**4 tablets, or 2***3***4. [@smith2020]

            Give *5 mg*2 times, then (2*5 mg*). [@smith2020]

            """
        #expect(try findings(body) == [
            "test.md:7:7 warning the asterisks in '2*3 mg and 4*5' make emphasis: the page shows '23 mg and 45', with '3 mg and 4' in italics",
            "test.md:9:7 warning the asterisks in '2**3**4' make strong emphasis: the page shows '234', with '3' in bold",
            "test.md:9:27 warning the asterisks in '2***3***4' make emphasis: the page shows '234', with '3' in bold italics",
            "test.md:11:6 warning the asterisks in '*5 mg*2' make emphasis: the page shows '5 mg2', with '5 mg' in italics",
            "test.md:11:28 warning the asterisks in '2*5 mg*' make emphasis: the page shows '25 mg', with '5 mg' in italics",
        ])
        #expect(try diagnostics("Give 2**3**4. [@smith2020]\n").first?.notes.first?.contains("'2\\*\\*3\\*\\*4'") == true)
    }

    /// Emphasis is read wherever inlines are: list items, table cells, headings, quotes, link
    /// text, inside other emphasis, on a paragraph's later lines, and in plain pages.
    @Test func everyPlaceThatHoldsTextIsRead() throws {
        let body = """
            Doses: [@smith2020]

            - Give 1*2*3 tablets. [@smith2020]

            | Drug [@smith2020] | Dose |
            |---|---|
            | A | 2*3*4 mg |

            ## Step 2*1*0

            > Then 5*6*7. [@smith2020]

            Read [page 8*9*0](#step-210) and **then 1*2*3**, or
            later 4*5*6. [@smith2020]

            """
        #expect(try findings(body).map { $0.prefix(while: { $0 != " " }) } == [
            "test.md:9:9", "test.md:13:8", "test.md:15:10", "test.md:17:9", "test.md:19:13", "test.md:19:42", "test.md:20:8",
        ])
        let page = try findings("Yes. [@smith2020]\n", page: "# About\n\nWe give 2*3*4.\n")
        #expect(page == ["about.md:3:10 warning the asterisks in '2*3*4' make emphasis: the page shows '234', with '3' in italics"])
    }

    /// No emphasis (an escape, an asterisk alone, code, underscores, spaced asterisks), and
    /// emphasis with no digit beside it, are not reported.
    @Test func whatIsNoEmphasisInANumberIsNotReported() throws {
        for text in ["5 mg*2 daily", "*5 mg* daily", "**50 mg** twice", "x*3*y", "Give 2\\*3\\*4 tablets", "`2*3*4` in code",
                     "2_3_4 and 2__3__4 and x_3_4 and _5 mg_2", "2 * 3 * 4", "(**5 mg**) and [*5 mg*]", "2*3 = 6",
                     "**Dose:** 5 mg", "a **5 mg** b", "2~~3~~4", "2*(3)*4", "the *HER2* gene, *ERBB2*-positive"] {
            #expect(try findings("Give \(text). [@smith2020]\n").isEmpty, "\(text)")
            // The checker itself too, without the parser's flag that lets it skip most of these.
            let article = TestContent.article("---\nquestion: Q?\n---\n\nGive \(text).\n")
            #expect(EmphasisInNumberChecker().check(article.blocks, file: "test.md").isEmpty, "\(text)")
        }
        #expect(try findings("Yes. [@smith2020]\n\n```\n2*3*4\n```\n\n    2*3*4\n\n* 5 mg\n* 10 mg\n").isEmpty)
    }

    /// The parser's flag skips the walk only where no finding can be: every body reported above
    /// sets it; the usual bold doses, italic gene names and lists do not.
    @Test func theParsersFlagHidesNoFinding() {
        func flag(_ body: String) -> Bool {
            TestContent.article("---\nquestion: Q?\n---\n\n\(body) [@a]\n").mayHoldEmphasisInNumber
        }
        for body in ["2*3*4", "2*3 mg and 4*5 mg", "2**3**4", "2***3***4", "*5 mg*2", "2*5 mg*", "x*3*4", "**3*4", "é*3*4"] {
            #expect(flag(body), "\(body)")
        }
        for body in ["**50 mg** twice", "* 5 mg", "(**5 mg**)", "5 mg * 2", "*5 mg* and **10 mg**", "| **2 mg** |", "*HER2* gene", "*ERBB2*-positive", "2*(3)*4", "*", ""] {
            #expect(!flag(body), "\(body)")
        }
    }

    /// In random text of digits, letters, asterisks, underscores, escapes, code and punctuation,
    /// every body with a finding has the flag set.
    @Test func theFlagIsSetWheneverThereIsAFinding() {
        var random = SeededGenerator(seed: 24)
        let pieces = ["2", "3", "x", "é", "*", "*", "**", "2*", "*3", "x*", "_", " ", "(", ")", "\\*", "`", "-", "\u{A0}", "[", "](u)", "\n"]
        var found = 0
        for _ in 0..<5_000 {
            let body = (0..<Int.random(in: 2...10, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let article = TestContent.article("---\nquestion: Q?\n---\n\n\(body)\n")
            let findings = EmphasisInNumberChecker().check(article.blocks, file: "test.md")
            #expect(findings.isEmpty || article.mayHoldEmphasisInNumber, "\(body.debugDescription)")
            found += findings.isEmpty ? 0 : 1
        }
        #expect(found > 200, "\(found): too few of the random bodies hold findings")
    }

    /// A review build shows the finding beside its block, as every warning is.
    @Test func aReviewBuildShowsTheFindingBesideItsBlock() throws {
        let site = try SiteFixture.make(["dose": SiteFixture.article("Is the dose shown?",
                                                                     body: "Give 2*3*4 tablets. [@a2020]\n\nThen rest. [@a2020]\n")])
        let output = try TemporaryFolder()
        _ = try Publisher.run(.init(content: site.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                    output: output.url("Out"), mode: .review, today: TestContent.today))
        let page = try output.read("Out/articles/dose/index.html")
        // Between the flagged paragraph and the next one (the page's list of findings is above both).
        let block = try #require(page.range(of: "<p>Give 2<em>3</em>4 tablets."), "\(page)")
        let next = try #require(page.range(of: "<p>Then rest.", range: block.upperBound..<page.endIndex))
        let between = page[block.upperBound..<next.lowerBound]
        #expect(between.contains("review-findings") && between.contains("<code>emphasis-in-number</code>"), "\(between)")
    }
}
