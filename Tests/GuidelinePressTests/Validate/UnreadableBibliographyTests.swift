import Foundation
import Testing
@testable import GuidelinePress

/// While a bibliography file cannot be read, the keys no readable file has are reported once per
/// article, with a note naming the file, instead of once per citation: a missing comma in an
/// export otherwise listed hundreds of `citation-unknown` errors before the one that says why.
@Suite struct UnreadableBibliographyTests {
    static let article = """
        ---
        question: Is this valid?
        status: submitted
        updated: 2025-06-01
        ---

        Yes [@smith2020; @jones2019]. Again [@jones2019] and [@lee2018].

        ## Section one

        More [@doe2017].

        """

    func check(_ extra: String) throws -> [Diagnostic] {
        var files = TestContent.minimalSite(article: Self.article)
        files["references/more.json"] = extra
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        return try TestContent.check(folder.path).diagnostics
    }

    @Test func oneFindingPerArticleWhileAFileDoesNotParse() throws {
        let found = try check("""
            [{"id": "jones2019", "type": "book", "title": "T", "issued": {"date-parts": [[2019]]}}
             {"id": "lee2018", "type": "book", "title": "U", "issued": {"date-parts": [[2018]]}}]
            """)
        let unknown = found.filter { $0.rule == .citationUnknown }
        #expect(unknown.count == 1, "\(unknown)")
        let finding = try #require(unknown.first)
        #expect(finding.message == "no readable bibliography has the keys 'jones2019', 'lee2018', 'doe2017' (4 citations in this article)")
        #expect(finding.line == 7 && finding.column == 18, "at the first unknown citation: \(finding)")
        #expect(finding.notes.count == 1 && finding.notes[0].contains("more.json' could not be read"), "\(finding.notes)")
        #expect(found.contains { $0.rule == .referenceInvalid && $0.file.hasSuffix("more.json") }, "the file's own error stays")
    }

    @Test func keysAreReportedOneByOneWhenEveryFileReads() throws {
        let found = try check("""
            [{"id": "jones2019", "type": "book", "title": "T", "issued": {"date-parts": [[2019]]}}]
            """)
        #expect(found.filter { $0.rule == .citationUnknown }.map(\.message)
                == ["no reference has the key 'lee2018'", "no reference has the key 'doe2017'"])
    }

    /// A file that reads but holds no item is not unreadable; nor is one whose items have faults.
    @Test func anEmptyFileIsNotUnreadable() throws {
        let found = try check("[]")
        #expect(found.filter { $0.rule == .citationUnknown }.count == 4, "\(found)")
    }
}
