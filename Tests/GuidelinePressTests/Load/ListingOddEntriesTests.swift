import Foundation
import Testing
@testable import GuidelinePress

/// Entries the listing cannot read are findings (file-unreadable), not skipped in silence: a link
/// to nothing, links in a loop, a folder named like an article, a file where a folder belongs.
@Suite struct ListingOddEntriesTests {
    @Test func oddEntriesAreReported() throws {
        let folder = try TestContent.Folder(TestContent.minimalSite())
        defer { folder.remove() }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: folder.url("articles/dangling.md").path, withDestinationPath: "missing.md")
        try fm.createSymbolicLink(atPath: folder.url("articles/loop-a.md").path, withDestinationPath: "loop-b.md")
        try fm.createSymbolicLink(atPath: folder.url("articles/loop-b.md").path, withDestinationPath: "loop-a.md")
        try fm.createDirectory(at: folder.url("articles/folder.md"), withIntermediateDirectories: true)
        #expect(mkfifo(folder.url("articles/pipe.md").path, 0o644) == 0)
        try fm.removeItem(at: folder.url("pages"))
        try "not a folder\n".write(to: folder.url("pages"), atomically: true, encoding: .utf8)
        let listing = try ContentLoader.list(folder.path, displayRoot: "Content")
        let found = listing.diagnostics.filter { $0.rule == .fileUnreadable }.map { "\($0.file): \($0.message)" }.sorted()
        #expect(found == [
            "Content/articles/dangling.md: 'articles/dangling.md' is a link that leads to no file (a missing one, or links in a loop); it was skipped",
            "Content/articles/folder.md: 'articles/folder.md' is a folder, not a file; it was skipped",
            "Content/articles/loop-a.md: 'articles/loop-a.md' is a link that leads to no file (a missing one, or links in a loop); it was skipped",
            "Content/articles/loop-b.md: 'articles/loop-b.md' is a link that leads to no file (a missing one, or links in a loop); it was skipped",
            "Content/articles/pipe.md: 'articles/pipe.md' is not a regular file (a pipe or a device); it was skipped",
            "Content/pages: 'pages' is a file, not a folder: nothing in it can be read",
        ])
        #expect(listing.articles.map(\.relativePath) == ["articles/test.md"])
    }

    /// Markdown that is not read is reported, not dropped from the site in silence (a probe): under
    /// another extension, or in a folder inside `articles/` or `pages/`. Other files are left alone.
    @Test func markdownThatIsNotReadIsReported() throws {
        var files = TestContent.minimalSite()
        let text = files["articles/test.md"]!
        files["articles/upper.MD"] = text
        files["articles/long.markdown"] = text
        files["articles/breast/nested.md"] = text
        files["articles/deeper/early/stage/deep.md"] = text
        files["elsewhere/linked.md"] = text
        files["articles/figures/chart.png"] = "png"
        files["articles/notes.txt"] = "notes"
        files["pages/guide.mdown"] = "# Guide\n"
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        // A link to a folder of Markdown (inside the content folder) is such a folder too.
        try FileManager.default.createSymbolicLink(atPath: folder.url("articles/linked").path, withDestinationPath: "../elsewhere")
        let listing = try ContentLoader.list(folder.path, displayRoot: "Content")
        func subfolder(_ name: String) -> String {
            "file-unreadable Content/articles/\(name): 'articles/\(name)' is a folder, and the Markdown in it is not read: articles are "
                + "the '.md' files of 'articles' itself; move them up (a topic goes in the front matter's 'topics')"
        }
        #expect(listing.diagnostics.map { "\($0.rule.rawValue) \($0.file): \($0.message)" } == [
            subfolder("breast"), subfolder("deeper"), subfolder("linked"),
            "file-unreadable Content/articles/long.markdown: 'articles/long.markdown' is not read: content files end in '.md'; rename it 'long.md'",
            "file-unreadable Content/articles/upper.MD: 'articles/upper.MD' is not read: content files end in '.md'; rename it 'upper.md'",
            "file-unreadable Content/pages/guide.mdown: 'pages/guide.mdown' is not read: content files end in '.md'; rename it 'guide.md'",
        ])
        #expect(listing.articles.map(\.relativePath) == ["articles/test.md"])
    }

    /// A file whose name is not UTF-8 is named as such (`encoding`), not called "a link that leads
    /// to no file"; one publish would not read anyway (`notes\xFF.txt`) is left alone.
    @Test func namesThatAreNotUTF8AreReported() throws {
        let folder = try TestContent.Folder(TestContent.minimalSite())
        defer { folder.remove() }
        for name in ["articles/bad\u{FF}name.md", "references/lib\u{FF}.json", "references/notes\u{FF}.txt"] {
            // The path's bytes as written, with 0xFF standing alone (not UTF-8).
            var bytes = Array((folder.path + "/").utf8) + name.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } + [0]
            let descriptor = bytes.withUnsafeMutableBytes { open($0.baseAddress!.assumingMemoryBound(to: CChar.self),
                                                                 O_CREAT | O_WRONLY, 0o644) }
            #expect(descriptor >= 0)
            close(descriptor)
        }
        let listing = try ContentLoader.list(folder.path, displayRoot: "Content")
        #expect(listing.diagnostics.map(\.rule) == [.encoding, .encoding])
        #expect(listing.diagnostics.map(\.file) == ["Content/articles/bad\u{FFFD}name.md", "Content/references/lib\u{FFFD}.json"])
        #expect(listing.diagnostics.first?.message == "the name of 'articles/bad\u{FFFD}name.md' is not valid UTF-8 (shown with �); rename the file")
        #expect(listing.articles.map(\.relativePath) == ["articles/test.md"])
    }

    /// A bibliography in a format publish does not read is named, not skipped in silence.
    @Test func otherBibliographyFormatsAreReported() throws {
        var files = TestContent.minimalSite()
        files["references/library.bib"] = "@article{smith2021, title={A title}, year={2021}}\n"
        files["references/notes.txt"] = "not a bibliography\n"
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        let listing = try ContentLoader.list(folder.path, displayRoot: "Content")
        #expect(listing.diagnostics.map(\.message) == ["'references/library.bib' is a BibTeX file, which publish does not read: "
            + "export the library as CSL JSON (.json) or CSL YAML (.yaml), or move the file out of references/"])
        #expect(listing.bibliographies.map(\.relativePath) == ["references/refs.json"])
    }

    /// A content folder without an articles folder (`--content .` for the project folder) would
    /// build an empty site over the real one: file-unreadable, which stops the build.
    @Test func aContentFolderWithoutArticlesIsReported() throws {
        let folder = try TestContent.Folder(["README.md": "A project.\n", "Content/site.yaml": "title: Test\n"])
        defer { folder.remove() }
        let listing = try ContentLoader.list(folder.path, displayRoot: ".")
        #expect(listing.diagnostics.map(\.message) == ["the content folder '.' has no 'articles' folder: is --content the content folder?"])
        let report = try TestContent.check(folder.path)
        #expect(report.articleCount == 0)
        #expect(report.diagnostics.contains { $0.rule == .fileUnreadable && $0.severity == .error && $0.message.contains("no 'articles' folder") })
    }
}
