import Foundation
import Testing
@testable import GuidelinePress

/// Broken and hostile input: each case gets a diagnostic or is handled, and none crashes or
/// hangs. (No timing assertions: a hang shows up as a test run that never ends.)
@Suite struct HostileInputTests {
    static let frontMatter = "---\nquestion: Is this handled?\nstatus: submitted\nupdated: 2025-06-01\n---\n\n"

    /// Checks the minimal site with the files `extra` (raw bytes) added or replaced.
    func check(_ extra: [String: Data]) throws -> [Diagnostic] {
        var files = TestContent.minimalSite().mapValues { Data($0.utf8) }
        files.merge(extra) { $1 }
        let folder = try TestContent.Folder(bytes: files)
        defer { folder.remove() }
        return try TestContent.check(folder.path).diagnostics
    }

    func check(article: String) throws -> [Diagnostic] {
        try check(["articles/test.md": Data(article.utf8)])
    }

    @Test func notUTF8IsAnEncodingErrorAtItsLine() throws {
        var bytes = Data((Self.frontMatter + "Fine line. [@smith2020]\n").utf8)
        bytes.append(contentsOf: [0x43, 0x61, 0x66, 0xE9, 0x0A])  // "Café" in Latin-1
        // The article is not read, so its reference goes unused; nothing else is reported.
        let found = try check(["articles/test.md": bytes]).filter { $0.rule != .referenceUnused }
        #expect(found.count == 1)
        #expect(found.first?.rule == .encoding)
        #expect(found.first?.line == 8)
        #expect(found.first?.file.hasSuffix("articles/test.md") == true)
        // Also in the other kinds of file.
        let others = try check(["site.yaml": Data([0x74, 0x69, 0x74, 0x6C, 0x65, 0x3A, 0x20, 0xFF, 0x0A]),
                                "references/refs.json": Data([0x5B, 0xC3, 0x28, 0x5D])])
        #expect(Set(others.filter { $0.rule == .encoding }.map { ($0.file as NSString).lastPathComponent })
                == ["site.yaml", "refs.json"])
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let text = "\u{FEFF}" + (Self.frontMatter + "Line one\nline two. [@smith2020]\n").replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try check(article: text).isEmpty)
        let misspelt = text.replacingOccurrences(of: "status: submitted", with: "status: submited")
        let found = try check(article: misspelt)
        #expect(found.map(\.rule) == [.fieldInvalid])
        #expect(found.first.map { SourcePosition(line: $0.line ?? 0, column: $0.column ?? 0) } == SourcePosition(line: 3, column: 9))
        #expect(found.first?.message.contains("did you mean 'submitted'?") == true)
    }

    @Test func anEmptyArticleHasNoFrontMatter() throws {
        let found = try check(article: "").filter { $0.rule != .referenceUnused }
        #expect(found.map(\.rule) == [.frontMatterMissing])
        #expect(found.first?.line == 1)
    }

    @Test func emptySettingsAndBibliographyAreReported() throws {
        let found = try check(["site.yaml": Data(), "references/refs.json": Data()])
        #expect(found.contains { $0.rule == .siteInvalid && $0.file.hasSuffix("site.yaml") })
        #expect(found.contains { $0.rule == .referenceInvalid && $0.file.hasSuffix("refs.json") })
    }

    @Test func frontMatterWithoutItsClosingLine() throws {
        let found = try check(article: "---\nquestion: Is this handled?\nstatus: submitted\n\nText. [@smith2020]\n")
        #expect(found.first?.rule == .frontMatterSyntax)
        #expect(found.first?.line == 1)
        // With no closing line the body's extent is unknown, so its claims are not checked.
        #expect(found.count == 1)
        #expect(found.first?.message.contains("never closed") == true)
    }

    /// Nine levels of aliases that would expand to 9⁹ (387 million) items.
    static let laughs: String = {
        var lines = ["x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...8 {
            lines.append("x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test(arguments: ["related", "topics", "reviewed"])
    func aliasBombsAreNotExpanded(_ key: String) throws {
        let value = key == "reviewed" ? "\n  by: *a8\n  on: 2025-06-01" : " *a8"
        let article = "---\nquestion: Is this handled?\nstatus: submitted\nupdated: 2025-06-01\n" + Self.laughs
            + "\(key):\(value)\n---\n\nText. [@smith2020]\n"
        let parsed = TestContent.article(article)
        // Each of the nine items is a list, so none is read (and nothing is expanded).
        #expect(parsed.frontMatter.related.isEmpty && parsed.frontMatter.topics.isEmpty && parsed.frontMatter.reviewedBy.isEmpty)
        #expect(parsed.frontMatter.invalid.count == 9)
        let found = try check(article: article)
        #expect(found.contains { $0.rule == .fieldInvalid && $0.message.contains("must be a single value") })
        #expect(found.count < 20)
        // The flat end of the chain is read as an ordinary list: nine 'lol's, the eight repeats
        // reported and dropped.
        let flat = TestContent.article(article.replacingOccurrences(of: "\(key): *a8", with: "\(key): *a0"))
        if key == "related" { #expect(flat.frontMatter.related.map(\.value) == ["lol"]) }
        if key == "topics" { #expect(flat.frontMatter.topics.map(\.value) == ["lol"]) }
        if key != "reviewed" {
            #expect(flat.frontMatter.invalid.count == 8 && flat.frontMatter.invalid.allSatisfy { $0.message.contains("listed twice") })
        }
    }

    @Test func aTenMegabyteArticleIsReadAndASeventeenMegabyteOneIsSkipped() throws {
        let code = String(repeating: "a line of code that is not scanned for citations [@none]\n", count: 180_000)
        let big = Self.frontMatter + "Text. [@smith2020]\n\n```\n" + code + "```\n\nLast. [@smith2020]\n"
        #expect(big.utf8.count > 10_000_000)
        #expect(try check(article: big).isEmpty)
        let huge = Data(count: ContentLoader.maximumFileSize + 1)
        let found = try check(["articles/huge.md": huge])
        #expect(found.map(\.rule) == [.fileUnreadable])
        #expect(found.first?.message.contains("larger than 16 MB") == true)
    }

    @Test func listsNestedTenThousandDeep() throws {
        let found = try check(article: Self.frontMatter + String(repeating: "- ", count: 10_000) + "deep [@smith2020]\n")
        #expect(found.map(\.rule) == [.nestingTooDeep])
        #expect(found.first?.line == 7)
    }

    @Test func blockQuotesNestedTenThousandDeep() throws {
        let found = try check(article: Self.frontMatter + String(repeating: "> ", count: 10_000) + "deep [@smith2020]\n")
        #expect(found.map(\.rule) == [.nestingTooDeep])
        // Emphasis nested deep, too.
        let emphasis = try check(article: Self.frontMatter + String(repeating: "*a ", count: 5_000) + "[@smith2020]"
                                 + String(repeating: " b*", count: 5_000) + "\n")
        #expect(!emphasis.contains { $0.rule != .nestingTooDeep && $0.rule != .claimUncited })
    }

    @Test func fiveThousandCitationsInOneParagraph() throws {
        let cites = Array(repeating: "[@smith2020]", count: 5_000).joined(separator: " ")
        #expect(try check(article: Self.frontMatter + "Many. " + cites + "\n").isEmpty)
        let article = TestContent.article(Self.frontMatter + "Many. " + cites + "\n")
        let items = TestContent.citationItems(article.blocks)
        #expect(items.count == 5_000)
        #expect(items.last?.position == SourcePosition(line: 7, column: 7 + 13 * 4_999 + 1))
        // Unknown ones are each reported, not lost.
        let unknown = try check(article: Self.frontMatter + "Many. [@smith2020] " + cites.replacingOccurrences(of: "smith2020", with: "nobody") + "\n")
        #expect(unknown.count { $0.rule == .citationUnknown } == 5_000)
    }

    @Test func aSymlinkOutOfTheContentFolderIsNotFollowed() throws {
        let outside = try TestContent.Folder(["secret.md": Self.frontMatter + "Secret. [@smith2020]\n"])
        defer { outside.remove() }
        let folder = try TestContent.Folder(TestContent.minimalSite())
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.url("articles/leak.md").path,
                                                   withDestinationPath: outside.url("secret.md").path)
        let report = try TestContent.check(folder.path)
        #expect(report.diagnostics.map(\.rule) == [.fileUnreadable])
        #expect(report.diagnostics.first?.message.contains("outside the content folder") == true)
        #expect(report.articleCount == 1)
    }

    /// Raw HTML in a plain page is reported like raw HTML in an article (and in the same run).
    @Test func rawHTMLInAPageAndAnArticle() throws {
        var files = TestContent.minimalSite(article: TestContent.validArticle + "\n<div>x</div>\n")
        files["pages/editorial-policy.md"] = "# Editorial policy\n\n<script>alert(1)</script>\n"
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        let raw = try TestContent.check(folder.path).diagnostics.filter { $0.rule == .htmlRaw }
        #expect(Set(raw.map { ($0.file as NSString).lastPathComponent }) == ["editorial-policy.md", "test.md"])
    }

    /// A block of raw HTML over several lines is quoted on one line and cut with an ellipsis (its
    /// line breaks had shown as `\n` in the message, and it was cut without a mark).
    @Test func rawHTMLIsQuotedOnOneLine() throws {
        let html = "<table>\n  <tr><td>Dose</td>\n  <td>5 mg</td></tr>\n</table>"
        let folder = try TestContent.Folder(TestContent.minimalSite(article: TestContent.validArticle + "\n" + html + "\n"))
        defer { folder.remove() }
        let raw = try TestContent.check(folder.path).diagnostics.filter { $0.rule == .htmlRaw }.map(\.message)
        #expect(raw == ["raw HTML '<table> <tr><td>Dose</td> <td>5 mg</td>…' is not allowed; write Markdown instead"])
    }

    /// A plain file in an `articles` folder that is itself a link out of the content folder.
    @Test func aSymlinkedFolderOutOfTheContentFolderIsNotFollowed() throws {
        let outside = try TestContent.Folder(["secret.md": Self.frontMatter + "Secret. [@smith2020]\n"])
        defer { outside.remove() }
        var files = TestContent.minimalSite()
        files = files.filter { !$0.key.hasPrefix("articles/") }
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.url("articles").path, withDestinationPath: outside.path)
        let report = try TestContent.check(folder.path)
        #expect(report.diagnostics.contains { $0.rule == .fileUnreadable && $0.message.contains("outside the content folder") })
        #expect(report.articleCount == 0)
    }

    @Test func anUnreadableFile() throws {
        // Tests often run as root (in containers), and root reads a mode-000 file anyway.
        guard getuid() != 0 else { return }
        let folder = try TestContent.Folder(TestContent.minimalSite())
        defer { folder.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: folder.url("articles/test.md").path)
        let report = try TestContent.check(folder.path)
        #expect(report.diagnostics.map(\.rule) == [.fileUnreadable])
    }

    /// A pathway past the most nodes is one pathway-syntax error, not also a pathway-target error
    /// for every node whose `click` line came after the cut (200 false findings before).
    @Test func aPathwayPastTheMostNodesIsOneFinding() throws {
        let nodes = (0..<2_000).map { "  n\($0)[Step \($0)]" }.joined(separator: "\n")
        let clicks = (0..<2_000).map { "  click n\($0) \"#steps\"" }.joined(separator: "\n")
        let article = Self.frontMatter + "Text. [@smith2020]\n\n## Steps\n\n```pathway\nflowchart TD\n" + nodes + "\n" + clicks + "\n```\n"
        let found = try check(article: article)
        #expect(found.map(\.rule) == [.pathwaySyntax])
        #expect(found.first?.message == "pathway has more than 200 nodes")
    }

    @Test func aPathwayOfAHundredThousandLines() throws {
        let lines = String(repeating: "  a --> b\n", count: 100_000)
        let article = Self.frontMatter + "Text. [@smith2020]\n\n## Steps\n\n```pathway\nflowchart TD\n  a[A] --> b[B]\n" + lines
            + "  click a \"#steps\"\n  click b \"#steps\"\n  a ==> b\n```\n"
        let found = try check(article: article)
        #expect(found.map(\.rule) == [.pathwaySyntax])
        // 13 lines before the repeated ones, then the two clicks.
        #expect(found.first?.line == 13 + 100_000 + 3)
        #expect(found.first?.column == 5)
    }
}

/// Alias bombs in a CSL-YAML bibliography, which the reference loader converts value by value.
@Suite struct BibliographyAliasTests {
    @Test func aYAMLBibliographyWithAnAliasBombIsRejected() throws {
        let bomb = "- id: smith2020\n  title: A title\n  issued: {date-parts: [[2020]]}\n  note:\n"
            + HostileInputTests.laughs.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n") + "\n"
        var files = TestContent.minimalSite()
        files["references/refs.json"] = nil
        files["references/refs.yaml"] = bomb
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        let found = try TestContent.check(folder.path).diagnostics
        #expect(found.contains { $0.rule == .referenceInvalid && $0.message.contains("YAML aliases") })
        // Without the bomb, the same file loads.
        let plain = "- id: smith2020\n  title: A title\n  issued: {date-parts: [[2020]]}\n"
        let loaded = ReferenceLoader.load(contents: plain, file: "refs.yaml")
        #expect(loaded.references.map(\.id) == ["smith2020"])
        #expect(loaded.diagnostics.isEmpty)
    }

    /// A large bibliography without aliases is not an alias bomb: 8,000 items (3.5 MB) were
    /// rejected as one because the limit counted every value.
    @Test func aLargePlainYAMLBibliographyLoads() {
        let item = { (i: Int) in
            "- id: item\(i)\n  type: article-journal\n  title: Title \(i)\n  container-title: J Clin Oncol\n"
                + "  author:\n    - family: Smith\n      given: Ann\n    - family: Jones\n      given: Bob\n"
                + "  issued:\n    date-parts:\n      - [2020, 1, 2]\n  volume: '40'\n  issue: '1'\n  page: 1-10\n"
        }
        let text = (0..<12_000).map(item).joined()
        let loaded = ReferenceLoader.load(contents: text, file: "refs.yaml")
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.references.count == 12_000)
    }
}
