import Foundation
import Testing
@testable import GuidelinePress

/// `markdown-unsupported`: footnotes and GitHub alerts, which GFM shows as text, are warnings at
/// the mark, in articles and pages; code, and brackets that are no such mark, are left alone.
@Suite struct MarkdownUnsupportedTests {
    func findings(_ body: String, page: String? = nil) throws -> [String] {
        var files = TestContent.minimalSite(article: SiteFixture.article("Is it shown?", body: body))
        if let page { files["pages/about.md"] = page }
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        return try TestContent.check(folder.path).diagnostics.filter { $0.rule == .markdownUnsupported }
            .map { "\(($0.file as NSString).lastPathComponent):\($0.line ?? 0):\($0.column ?? 0) \($0.severity.rawValue) \($0.message.prefix(24))" }
    }

    @Test func footnotesAndAlertsAreReported() throws {
        let body = "Give 5 mg IV.[^1] Then *more* [^note-2]. [@smith2020]\n\n> [!WARNING]\n> Do not exceed 4 g/day. [@smith2020]\n\n"
            + "[^1]: Reduce to 2.5 mg in renal failure. [@smith2020]\n"
        let found = try findings(body)
        #expect(found == [
            "test.md:7:14 warning '[^1]' is a footnote, wh",
            "test.md:7:31 warning '[^note-2]' is a footnot",
            "test.md:9:3 warning '[!WARNING]' is a GitHub",
            "test.md:12:1 warning '[^1]' is a footnote, wh",
        ], "\(found)")
        let page = try findings("Yes. [@smith2020]\n", page: "# About\n\nA note.[^a]\n")
        #expect(page == ["about.md:3:8 warning '[^a]' is a footnote, wh"], "\(page)")
    }

    @Test func otherBracketsAreNotReported() throws {
        for body in ["Regex `[^a-z]` in code. [@smith2020]", "A [^ spaced] bracket. [@smith2020]", "A [^] bracket. [@smith2020]",
                     "> [!not an alert] quote. [@smith2020]", "> Plain [!WARNING] later. [@smith2020]", "Cited [@smith2020]^[x]."] {
            #expect(try findings(body + "\n").isEmpty, "\(body)")
        }
    }
}
