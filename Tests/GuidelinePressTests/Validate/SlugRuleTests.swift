import Foundation
import Testing
@testable import GuidelinePress

/// The slug rule, checked byte by byte, is the contract's pattern `^[a-z0-9]+(-[a-z0-9]+)*$`.
@Suite struct SlugRuleTests {
    /// A file's slug, taken on bytes for ASCII paths, is what splitting by `Character` gives.
    @Test func slugsOnBytesAreSlugsByCharacter() {
        func byCharacter(_ path: String) -> String {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        }
        let paths = ["articles/alpha.md", "alpha", "a.b.c", ".hidden", "dir/.md", "dir/", "dir//", "///", "", "x/y.", "a/b/c.tar.gz",
                     "/abs/path/file.md", "articles/café.md", "artículos/e\u{301}.md", "a/.\u{301}b", "dir.d/file"]
        for path in paths {
            #expect(SourceFile.slug(of: path) == byCharacter(path), "\(path.debugDescription)")
        }
    }

    @Test func matchesThePattern() throws {
        let pattern = try NSRegularExpression(pattern: "^[a-z0-9]+(-[a-z0-9]+)*$")
        func matches(_ s: String) -> Bool {
            pattern.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
        }
        var samples = ["", "-", "a", "a-", "-a", "a--b", "a-b", "her2-ihc-2-plus", "A", "a_b", "é", "a-b-", "0", "a b"]
        var generator = SystemRandomNumberGenerator()
        let alphabet = ["a", "z", "0", "9", "-", "-", "A", "_", "é", " "]
        for _ in 0..<2_000 {
            samples.append((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined())
        }
        for slug in samples {
            #expect(SlugInvalidChecker.isValid(slug) == matches(slug), "\(slug.debugDescription)")
        }
    }

    /// A page named like the site's own folders (`pages/questions.md`) wrote over the questions
    /// index, and which of the two won changed from build to build: slug-invalid, and a review
    /// build leaves the page out.
    @Test func pageSlugsTakenByTheSite() throws {
        var files = TestContent.minimalSite()
        files["pages/questions.md"] = "# My questions\n\nText.\n"
        files["pages/pathways.md"] = "# My pathways\n\nText.\n"
        files["pages/about.md"] = "# About\n\nText.\n"
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        let found = try TestContent.check(folder.path).diagnostics.filter { $0.rule == .slugInvalid }
        #expect(found.map { ($0.file as NSString).lastPathComponent }.sorted() == ["pathways.md", "questions.md"])
        #expect(found.allSatisfy { $0.message.contains("is taken by the site's own") })
        let output = folder.url("Review").path
        _ = try Publisher.run(.init(content: folder.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                    output: output, mode: .review, today: TestContent.today))
        let questions = try String(contentsOfFile: output + "/questions/index.html", encoding: .utf8)
        #expect(questions.contains("Questions by topic") && !questions.contains("My questions"))
        #expect(try String(contentsOfFile: output + "/about/index.html", encoding: .utf8).contains("About"))
    }

    /// A page named like one of the site's files (`pages/search.json.md`) made a folder where the
    /// file goes: the review build stopped with "cannot write 'search.json': Is a directory" (exit
    /// 2, no findings shown). It is slug-invalid (no slug), and a review build leaves it out; so it
    /// does with the names a rebuild gives the home page for a moment (`index.html.publish-new`,
    /// `index.html.publish-old`).
    @Test func pagesNamedLikeTheSitesFiles() throws {
        var files = TestContent.minimalSite()
        let names = ["search.json", "404.html", "sitemap.xml", "feed.xml", "index.html", "index.html.publish-new",
                     "index.html.publish-old"]
        for name in names { files["pages/\(name).md"] = "# Oops\n\nText.\n" }
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        let found = try TestContent.check(folder.path).diagnostics.filter { $0.rule == .slugInvalid }
        #expect(found.map { ($0.file as NSString).lastPathComponent }.sorted() == names.map { $0 + ".md" }.sorted())
        let output = folder.url("Review").path
        // Twice: the second build rewrites the site in place, beside each old file.
        for _ in 1...2 {
            let report = try Publisher.run(.init(content: folder.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                                 output: output, mode: .review, today: TestContent.today))
            #expect(report.errorCount == names.count)
        }
        for name in names.dropLast(2) {
            var isDirectory: ObjCBool = true
            let exists = FileManager.default.fileExists(atPath: output + "/" + name, isDirectory: &isDirectory)
            // A review build writes no sitemap or feed (nor the page named like them).
            #expect(["sitemap.xml", "feed.xml"].contains(name) ? !exists : exists && !isDirectory.boolValue, "\(name)")
        }
        #expect(try String(contentsOfFile: output + "/search.json", encoding: .utf8).hasPrefix("["))
        #expect(!FileManager.default.fileExists(atPath: output + "/index.html.publish-new"))
        #expect(!FileManager.default.fileExists(atPath: output + "/index.html.publish-old"))
    }

    /// The names a page may not take are all the site writes at its root: a review build and a
    /// public build of a site with no other page write nothing else there (the review build its
    /// dashboard, the public build its sitemap and feed).
    @Test func siteRootNamesAreWhatTheSiteWrites() throws {
        let folder = try TestContent.Folder(TestContent.minimalSite())
        defer { folder.remove() }
        var written: [Publisher.Mode: Set<String>] = [:]
        for (mode, name) in [(Publisher.Mode.review, "Review"), (.publish, "Site")] {
            let output = folder.url(name).path
            let report = try Publisher.run(.init(content: folder.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                                 output: output, mode: mode, today: TestContent.today))
            #expect(report.errorCount == 0, "\(report.diagnostics)")
            written[mode] = Set(try FileManager.default.contentsOfDirectory(atPath: output)).subtracting(["editorial-policy"])
        }
        #expect(written[.review] == PageID.siteRootNames.subtracting(["sitemap.xml", "feed.xml"]))
        #expect(written[.publish] == PageID.siteRootNames.subtracting(["review"]))
        #expect(SlugInvalidChecker.reservedPageSlugs == ["articles", "assets", "pathways", "questions", "review"])
    }
}
