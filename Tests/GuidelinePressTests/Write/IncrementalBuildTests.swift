import Foundation
import Testing
@testable import GuidelinePress

/// A rebuild that reuses pages from the build cache must equal a clean build, byte for byte,
/// whichever kind of input changed.
@Suite struct IncrementalBuildTests {
    /// One kind of input change, applied to the content folder or the templates folder.
    struct Change: Sendable, CustomStringConvertible {
        var description: String
        var apply: @Sendable (_ content: URL, _ templates: URL) throws -> Void
    }

    static let changes: [Change] = [
        Change(description: "article text") { content, _ in
            try edit(content.appendingPathComponent("articles/alpha.md"), "Alpha summary.", "Alpha summary, revised.")
        },
        Change(description: "template") { _, templates in
            try edit(templates.appendingPathComponent("article.mustache"), "<h1 id=\"{{ids.question}}\">", "<h1 class=\"q\" id=\"{{ids.question}}\">")
        },
        Change(description: "cited bibliography entry") { content, _ in
            try edit(content.appendingPathComponent("references/refs.json"), "Trial of beta", "Revised trial of beta")
        },
        // A change that shows only in the pages' JSON-LD (`ScholarlyArticle` → `CreativeWork`): the
        // page's key hashed the printed entry alone, and the old page was kept (fourteenth session).
        Change(description: "cited bibliography entry's type") { content, _ in
            try edit(content.appendingPathComponent("references/refs.json"),
                     "{\"id\": \"ref-b\", \"type\": \"article-journal\"", "{\"id\": \"ref-b\", \"type\": \"paper-conference\"")
        },
        Change(description: "related article's question") { content, _ in
            try edit(content.appendingPathComponent("articles/beta.md"), "What is beta?", "What is beta, exactly?")
        },
        Change(description: "question that moves the article in the lists") { content, _ in
            try edit(content.appendingPathComponent("articles/alpha.md"), "What is alpha?", "Zebra question on alpha?")
        },
        Change(description: "site.yaml") { content, _ in
            try edit(content.appendingPathComponent("site.yaml"), "name: Xavier Ray, MD", "name: Xavier Ray, MD, PhD")
        },
        Change(description: "article removed") { content, _ in
            try FileManager.default.removeItem(at: content.appendingPathComponent("articles/gamma.md"))
        },
        Change(description: "article added") { content, _ in
            try "---\nquestion: What is delta?\nstatus: submitted\nupdated: 2026-01-13\n---\n\nDelta too. [@ref-c]\n"
                .write(to: content.appendingPathComponent("articles/delta.md"), atomically: false, encoding: .utf8)
        },
        Change(description: "page removed") { content, _ in
            try FileManager.default.removeItem(at: content.appendingPathComponent("pages/about.md"))
        },
        Change(description: "asset removed") { _, templates in
            try FileManager.default.removeItem(at: templates.appendingPathComponent("assets/search.js"))
        },
        // The image's page does not change, only the copied file: the rebuild must copy it again.
        Change(description: "image replaced") { content, _ in
            try (pngHeader + Data("a new alpha pathway".utf8)).write(to: content.appendingPathComponent("images/alpha.png"))
        },
        Change(description: "image shown in another article") { content, _ in
            try edit(content.appendingPathComponent("articles/gamma.md"), "Gamma stands alone. [@ref-c]",
                     "Gamma stands alone. [@ref-c]\n\n![Gamma's plot](gamma-plot.png) [@ref-c]")
            try (pngHeader + Data("gamma".utf8)).write(to: content.appendingPathComponent("articles/gamma-plot.png"))
        },
        Change(description: "image no longer shown") { content, _ in
            try edit(content.appendingPathComponent("articles/alpha.md"), "![Alpha's pathway](../images/alpha.png)", "")
        },
    ]

    /// The first bytes of every PNG file, which the build checks before it publishes one.
    static let pngHeader = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

    @Test(arguments: changes)
    func rebuildEqualsCleanBuild(_ change: Change) throws {
        let (root, content, templates) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }

        let incremental = root.appendingPathComponent("incremental/Site")
        try build(content, templates, incremental)
        let before = try files(in: incremental)
        let untouched = try inode(incremental.appendingPathComponent("articles/gamma/index.html"))

        try change.apply(content, templates)
        let rebuild = try build(content, templates, incremental)
        let clean = root.appendingPathComponent("clean/Site")
        let cleanBuild = try build(content, templates, clean)
        #expect(rebuild.filesWritten == cleanBuild.filesWritten && cleanBuild.filesReused == 0)
        // A template, site.yaml or the set of pages (the policy link depends on it) renders every page
        // again, and keeps only the image, which did not change; other changes keep pages too.
        let rendersEveryPage = ["template", "site.yaml", "page removed"].contains(change.description)
        #expect(rendersEveryPage ? rebuild.filesReused == 1 : rebuild.filesReused > 1, "\(rebuild.filesReused) files kept")
        #expect(try files(in: clean)["assets/media/images/alpha.png"] == Data(contentsOf: content.appendingPathComponent("images/alpha.png"))
                || change.description == "image no longer shown")

        let rebuilt = try files(in: incremental)
        #expect(rebuilt != before, "the change should show in the output")
        #expect(Set(rebuilt.keys) == Set(try files(in: clean).keys))
        #expect(try folders(in: incremental) == folders(in: clean), "a removed page leaves no folder behind")
        for (path, data) in try files(in: clean) {
            #expect(rebuilt[path] == data, "\(path) differs from a clean build after changing the \(change)")
        }
        if change.description == "article text" {
            // gamma does not depend on alpha: its page is reused (left in place), not rendered again.
            #expect(try inode(incremental.appendingPathComponent("articles/gamma/index.html")) == untouched)
        }
    }

    /// A file of the site edited by hand (in place: same inode, same size or not) is not the page
    /// the build wrote: the next build writes it again, whether nothing changed, an article changed
    /// (a rebuild alone, which splices and keeps pages) or a new article takes the whole way.
    @Test(arguments: ["articles/gamma/index.html", "index.html", "questions/index.html", "search.json", "assets/style.css"],
          [nil, "article text", "article added"])
    func aFileEditedByHandIsWrittenAgain(_ edited: String, _ changeName: String?) throws {
        let (root, content, templates) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("incremental/Site")
        try build(content, templates, site)
        let file = site.appendingPathComponent(edited)
        let handle = try FileHandle(forWritingTo: file)
        handle.write(Data("<!-- edited by hand -->".utf8))
        try handle.close()
        if let changeName { try #require(Self.changes.first { $0.description == changeName }).apply(content, templates) }
        try build(content, templates, site)
        let clean = root.appendingPathComponent("clean/Site")
        try build(content, templates, clean)
        #expect(try files(in: site) == files(in: clean), "\(edited) after \(changeName ?? "no change")")
    }

    /// A cache restored from an older build beside the site of a newer one (a CI cache, a backup)
    /// keys pages the newer build replaced: when the content is back at the older state, the keys
    /// match again, but the pages are the newer build's and must be written anew.
    @Test(arguments: [false, true])
    func anOlderCacheBesideANewerSiteTrustsNoReplacedPage(_ templateChanged: Bool) throws {
        let (root, content, templates) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("incremental/Site")
        let cache = root.appendingPathComponent("incremental/.publish-cache"), older = root.appendingPathComponent("older-cache")
        let alpha = content.appendingPathComponent("articles/alpha.md")
        try build(content, templates, site)
        try FileManager.default.copyItem(at: cache, to: older)
        let original = try Data(contentsOf: alpha)
        try Self.edit(alpha, "Alpha summary.", "Alpha summary, revised.")
        if templateChanged {
            // Then the newer build rendered every page again (not one kept from the older).
            try Self.edit(templates.appendingPathComponent("article.mustache"), "<h1 id=\"{{ids.question}}\">",
                          "<h1 class=\"q\" id=\"{{ids.question}}\">")
        }
        try build(content, templates, site)
        #expect(try String(contentsOf: site.appendingPathComponent("articles/alpha/index.html"), encoding: .utf8).contains("revised"))
        try FileManager.default.removeItem(at: cache)
        try FileManager.default.copyItem(at: older, to: cache)
        try original.write(to: alpha)
        if templateChanged {
            try Self.edit(templates.appendingPathComponent("article.mustache"), "<h1 class=\"q\" id=\"{{ids.question}}\">",
                          "<h1 id=\"{{ids.question}}\">")
        }
        try build(content, templates, site)
        let clean = root.appendingPathComponent("clean/Site")
        try build(content, templates, clean)
        #expect(try files(in: site) == files(in: clean))
    }

    /// Review builds are rebuilt in place too: after an edit that adds a finding and one that
    /// removes it, the review site equals a clean review build.
    @Test func reviewRebuildEqualsCleanReviewBuild() throws {
        let (root, content, templates) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let review = root.appendingPathComponent("incremental/Review")
        try build(content, templates, review, mode: .review)
        for (old, new) in [("Alpha summary. [@ref-a]", "Alpha summary, now uncited."),
                           ("Alpha summary, now uncited.", "Alpha summary. [@ref-a]")] {
            try Self.edit(content.appendingPathComponent("articles/alpha.md"), old, new)
            try build(content, templates, review, mode: .review)
            let clean = root.appendingPathComponent("clean-\(new.count)/Review")
            try build(content, templates, clean, mode: .review)
            #expect(try files(in: review) == files(in: clean), "after \(new)")
            let page = try files(in: review)["articles/alpha/index.html"].map { String(decoding: $0, as: UTF8.self) } ?? ""
            #expect(page.contains("<code>claim-uncited</code>") == new.contains("uncited"))
        }
    }

    /// A pathway node drawn on the pathways page depends on its target existing (one that does
    /// not is drawn without a link): a review rebuild after the heading it targets, in another
    /// article that has no pathway, is renamed and renamed back equals a clean review build. The
    /// pathways page was keyed by the sources of the articles with pathways only.
    @Test func reviewRebuildRedrawsAPathwayWhoseTargetWentAway() throws {
        let (root, content, templates) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.edit(content.appendingPathComponent("articles/alpha.md"), "## Use\n",
                      "```pathway\nflowchart TD\n  use[Use] --> details[Beta details]\n  click use \"#use\"\n  click details \"beta#details\"\n```\n\n## Use\n")
        let review = root.appendingPathComponent("incremental/Review")
        try build(content, templates, review, mode: .review)
        for (old, new) in [("## Details", "## Dosing"), ("## Dosing", "## Details")] {
            try Self.edit(content.appendingPathComponent("articles/beta.md"), old, new)
            try build(content, templates, review, mode: .review)
            let clean = root.appendingPathComponent("clean-\(new.count)-\(new.hasSuffix("s"))/Review")
            try build(content, templates, clean, mode: .review)
            #expect(try files(in: review) == files(in: clean), "after \(new)")
            let pathways = try files(in: review)["pathways/index.html"].map { String(decoding: $0, as: UTF8.self) } ?? ""
            #expect(pathways.contains("pathway-broken") == (new == "## Dosing"), "after \(new)")
            #expect(pathways.contains("href=\"../articles/beta/index.html#details\"") == (new == "## Details"), "after \(new)")
        }
    }

    /// Findings that depend on the whole bibliography (a citation in a link or on a line read as a
    /// link definition, ids in brackets without `@`) are the same in a rebuild as in a clean run,
    /// for a reference the changed article does not cite: a rebuild holds only the references its
    /// articles cite, and had published a `[@ref-c]: url` line that `--check` rejects (review).
    @Test(arguments: ["[@ref-c]: https://example.org/c", "See [ref-c] too. [@ref-a]", "See [this @ref-c](https://example.org). [@ref-a]"])
    func bibliographyWideFindingsTakeTheWholeWay(_ added: String) throws {
        let (root, content, templates) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("incremental/Site")
        try build(content, templates, site)
        try Self.edit(content.appendingPathComponent("articles/alpha.md"), "Alpha summary. [@ref-a]", "Alpha summary. [@ref-a]\n\n\(added)")
        let rebuild = try Publisher.run(Self.options(content, templates, site))
        let check = try Publisher.run(Self.options(content, templates, site, mode: .check))
        #expect(check.diagnostics.contains { $0.rule == .citationMalformed }, "\(check.diagnostics)")
        #expect(rebuild.diagnostics == check.diagnostics)
    }

    /// A rebuild that cannot write one of its pages (here a folder sits where it would be written)
    /// leaves the site exactly as it was, no new page swapped in and nothing half-written left; the
    /// next build, the obstacle gone, equals a clean build.
    @Test func aRebuildThatCannotWriteLeavesTheSiteAsItWas() throws {
        let (root, content, templates) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("incremental/Site")
        try build(content, templates, site)
        let before = try files(in: site)
        let beforeFolders = try folders(in: site)

        // Several pages change (alpha's, and every list showing beta's question)...
        try Self.edit(content.appendingPathComponent("articles/alpha.md"), "Alpha summary.", "Alpha summary, revised.")
        try Self.edit(content.appendingPathComponent("articles/beta.md"), "What is beta?", "What is beta, exactly?")
        try "---\nquestion: What is delta?\nstatus: submitted\nupdated: 2026-01-13\n---\n\nDelta too. [@ref-c]\n"
            .write(to: content.appendingPathComponent("articles/delta.md"), atomically: false, encoding: .utf8)
        // ...but alpha's cannot be written.
        try expectWriteFailure(content, templates, site, blocking: "articles/alpha/index.html")
        #expect(try files(in: site) == before, "no page of the failed rebuild is in the site")
        #expect(try folders(in: site) == beforeFolders, "not even delta's new folder")

        try build(content, templates, site)
        let clean = root.appendingPathComponent("clean/Site")
        try build(content, templates, clean)
        #expect(try files(in: site) == files(in: clean))
    }

    /// The last step of a rebuild, renaming its new files over the old ones, is all or nothing: a
    /// rename that fails there (a folder stands where a page was) puts back the pages renamed
    /// before it. A probe had found the home page, feed and search index already new beside the
    /// old page that could not be replaced.
    @Test(arguments: ["feed.xml", "search.json", "index.html", "articles/beta/index.html"])
    func aRebuildThatCannotReplaceAPageLeavesTheSiteAsItWas(_ blocked: String) throws {
        let (root, content, templates) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("incremental/Site")
        try build(content, templates, site)
        // Beta's question shows on its page, the home page, the lists, the feed and the search index.
        try Self.edit(content.appendingPathComponent("articles/beta.md"), "What is beta?", "What is beta, exactly?")
        let target = site.appendingPathComponent(blocked)
        try FileManager.default.removeItem(at: target)
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let before = try files(in: site)
        let beforeFolders = try folders(in: site)
        #expect(throws: Publisher.Failure.self) {
            _ = try Publisher.run(Self.options(content, templates, site))
        }
        #expect(try files(in: site) == before, "no page of the failed rebuild is in the site")
        #expect(try folders(in: site) == beforeFolders)
    }

    /// A link to a plain page's heading is checked against the page as it is now, whichever way
    /// the rebuild goes: a renamed heading (a changed page, which takes the whole way) breaks the
    /// link of an unchanged article, and an article edited alone to link to a heading the page
    /// lacks (validated in the rebuild's small site) is reported too; either stops the build,
    /// leaving the site as it was. Mended, the site equals a clean build.
    @Test func aLinkToAPageHeadingIsCheckedAgainstThePageAsItIsNow() throws {
        let (root, content, templates) = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let about = content.appendingPathComponent("pages/about.md"), alpha = content.appendingPathComponent("articles/alpha.md")
        try Self.edit(about, "About these answers.\n", "About these answers.\n\n## Contact\n\nWrite to us.\n")
        try Self.edit(alpha, "Alpha summary. [@ref-a]", "Alpha summary; [ask us](../pages/about.md#contact). [@ref-a]")
        let site = root.appendingPathComponent("incremental/Site")
        try build(content, templates, site)
        let before = try files(in: site)

        func expectBroken(_ anchor: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let report = try Publisher.run(Self.options(content, templates, site))
            let broken = report.diagnostics.filter { $0.rule == .linkBroken }
            #expect(broken.map { "\($0.file.hasSuffix("articles/alpha.md")) \($0.line ?? 0):\($0.column ?? 0) \($0.message)" }
                    == ["true 8:16 link to no heading '#\(anchor)' in 'about.md'"], sourceLocation: sourceLocation)
            #expect(try report.filesWritten == 0 && files(in: site) == before, "the site stays as it was", sourceLocation: sourceLocation)
        }
        try Self.edit(about, "## Contact", "## Write to the board")
        try expectBroken("contact")
        try Self.edit(about, "## Write to the board", "## Contact")
        try Self.edit(alpha, "about.md#contact", "about.md#telephone")
        try expectBroken("telephone")

        try Self.edit(alpha, "about.md#telephone", "about.md#contact")
        try build(content, templates, site)
        let clean = root.appendingPathComponent("clean/Site")
        try build(content, templates, clean)
        #expect(try files(in: site) == files(in: clean))
    }

    // MARK: Helpers

    static let repositoryTemplates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Templates")

    static func edit(_ file: URL, _ old: String, _ new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        precondition(text.contains(old), "'\(old)' is not in \(file.lastPathComponent)")
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: false, encoding: .utf8)
    }

    /// The options these tests build with (today fixed, for the review dates).
    static func options(_ content: URL, _ templates: URL, _ output: URL, mode: Publisher.Mode = .publish) -> Publisher.Options {
        Publisher.Options(content: content.path, templates: templates.path, output: output.path, mode: mode,
                          today: ISODate(year: 2026, month: 10, day: 1))
    }

    /// Expects a public build into `site` to fail because a folder stands where it would write
    /// `blocked` (beside the file it replaces), and takes the folder away again.
    func expectWriteFailure(_ content: URL, _ templates: URL, _ site: URL, blocking blocked: String,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        let obstacle = site.appendingPathComponent(blocked + ".publish-new")
        try FileManager.default.createDirectory(at: obstacle, withIntermediateDirectories: true)
        #expect(throws: Publisher.Failure.self, sourceLocation: sourceLocation) {
            _ = try Publisher.run(Self.options(content, templates, site))
        }
        try FileManager.default.removeItem(at: obstacle)
    }

    @discardableResult
    func build(_ content: URL, _ templates: URL, _ output: URL, mode: Publisher.Mode = .publish) throws -> Publisher.Report {
        let report = try Publisher.run(Self.options(content, templates, output, mode: mode))
        // Review builds are made whatever the findings; public ones here must have none.
        #expect(mode == .review || report.errorCount == 0, "\(report.diagnostics)")
        return report
    }

    /// A temporary folder holding the test site's `Content` and a copy of the repository's `Templates`.
    func makeSite() throws -> (root: URL, content: URL, templates: URL) {
        let root = try temporaryFolder()
        let content = root.appendingPathComponent("Content")
        let templates = root.appendingPathComponent("Templates")
        try writeSite(content)
        try FileManager.default.copyItem(at: Self.repositoryTemplates, to: templates)
        return (root, content, templates)
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("incremental-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func files(in folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for path in FileManager.default.subpaths(atPath: folder.path) ?? [] {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[path] = try Data(contentsOf: url)
            }
        }
        return out
    }

    func folders(in folder: URL) throws -> Set<String> {
        Set((FileManager.default.subpaths(atPath: folder.path) ?? []).filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        })
    }

    func inode(_ file: URL) throws -> UInt64 {
        try #require(FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? NSNumber).uint64Value
    }

    func writeSite(_ content: URL) throws {
        let files: [String: String] = [
            "site.yaml": """
                title: Incremental Answers
                base_url: https://example.org/
                language: en
                editorial_policy: editorial-policy
                review_interval_days: 365
                disclaimer: For the tests' healthcare professionals.
                board:
                  - id: xray
                    name: Xavier Ray, MD
                    role: Oncology

                """,
            "articles/alpha.md": """
                ---
                question: What is alpha?
                status: submitted
                updated: 2026-01-10
                related: [beta]
                ---

                Alpha summary. [@ref-a]

                ## Use

                ![Alpha's pathway](../images/alpha.png) [@ref-a]

                - Alpha works with beta; see [beta's details](beta.md#details). [@ref-b]

                """,
            "articles/beta.md": """
                ---
                question: What is beta?
                status: approved
                updated: 2026-01-10
                reviewed:
                  by: [xray]
                  on: 2026-02-01
                topics: [greek]
                ---

                Beta summary. [@ref-b]

                ## Details

                - Beta is given weekly. [@ref-b; @ref-a]

                """,
            "articles/gamma.md": """
                ---
                question: What is gamma?
                status: under-review
                updated: 2026-01-12
                ---

                Gamma stands alone. [@ref-c]

                """,
            "pages/about.md": "---\ntitle: About\n---\n\nAbout these answers.\n",
            "pages/editorial-policy.md": "---\ntitle: Editorial policy\n---\n\nThe board reviews every answer.\n",
            "references/refs.json": """
                [
                  {"id": "ref-a", "type": "article-journal", "title": "Trial of alpha", "issued": {"date-parts": [[2020]]}},
                  {"id": "ref-b", "type": "article-journal", "title": "Trial of beta", "issued": {"date-parts": [[2021]]}},
                  {"id": "ref-c", "type": "article-journal", "title": "Trial of gamma", "issued": {"date-parts": [[2022]]}}
                ]

                """,
        ]
        for (path, text) in files {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: content.appendingPathComponent("images"), withIntermediateDirectories: true)
        try (Self.pngHeader + Data("alpha's pathway".utf8)).write(to: content.appendingPathComponent("images/alpha.png"))
    }
}
