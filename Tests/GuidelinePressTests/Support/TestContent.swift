import Foundation
import Testing
@testable import GuidelinePress

/// Helpers shared by the tests: parsing literals, fixture sites and temporary content folders.
enum TestContent {
    /// The day every test runs on, so that `review-overdue` does not depend on the clock.
    static let today = ISODate(year: 2026, month: 1, day: 1)

    /// Parses `text` as the article `articles/<slug>.md`.
    static func article(_ text: String, slug: String = "test") -> Article {
        ArticleParser.parseArticle(text, file: sourceFile(slug))
    }

    /// A source file for the article `slug`.
    static func sourceFile(_ slug: String) -> SourceFile {
        SourceFile(kind: .article, displayPath: "Content/articles/\(slug).md",
                   relativePath: "articles/\(slug).md", absolutePath: "/nonexistent/articles/\(slug).md")
    }

    /// Every citation item in `blocks`, in order, with its position.
    static func citationItems(_ blocks: [Block]) -> [CitationItem] {
        var out: [CitationItem] = []
        Block.forEach(in: blocks) { block in
            for run in block.inlineRuns {
                Inline.forEach(in: run) { if case .citation(let c) = $0.kind { out += c.items } }
            }
        }
        return out
    }

    /// The folder of the fixture site `name` (such as `valid` or `invalid/claim-uncited`).
    static func fixtureSite(_ name: String) throws -> String {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return fixtures.appendingPathComponent("sites/\(name)").path
    }

    /// Runs `--check` over a content folder.
    static func check(_ content: String) throws -> Publisher.Report {
        try Publisher.run(.init(content: content, mode: .check, today: today))
    }

    /// A temporary folder holding `files` (`[relative path: contents]`), removed by `remove()`.
    struct Folder {
        /// The folder's path.
        let path: String

        /// Writes `files` into a new temporary folder.
        init(_ files: [String: String]) throws {
            try self.init(bytes: files.mapValues { Data($0.utf8) })
        }

        /// Writes `files` (raw bytes) into a new temporary folder.
        init(bytes files: [String: Data]) throws {
            path = FileManager.default.temporaryDirectory
                .appendingPathComponent("guideline-press-tests-\(UUID().uuidString)").path
            for (relative, data) in files {
                let url = URL(fileURLWithPath: path).appendingPathComponent(relative)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
                try data.write(to: url)
            }
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        /// The absolute path of `relative` inside the folder.
        func url(_ relative: String) -> URL { URL(fileURLWithPath: path).appendingPathComponent(relative) }

        /// Deletes the folder.
        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Builds the public site of ``minimalSite(article:)`` with `article` and gives the report and
    /// the article's page.
    static func publishedPage(of article: String) throws -> (report: Publisher.Report, html: String) {
        let folder = try Folder(minimalSite(article: article))
        defer { folder.remove() }
        let output = folder.url("Site").path
        let report = try Publisher.run(.init(content: folder.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                             output: output, mode: .publish, today: today))
        return (report, (try? String(contentsOfFile: output + "/articles/test/index.html", encoding: .utf8)) ?? "")
    }

    /// A minimal valid site: every required setting (the default disclaimer), one board member,
    /// one article citing one reference, the policy page.
    static func minimalSite(article: String = validArticle) -> [String: String] {
        [
            "site.yaml": """
                title: Test
                base_url: https://test.example.org/
                language: en
                editorial_policy: editorial-policy
                review_interval_days: 365
                disclaimer:
                board:
                  - id: mlee
                    name: Maria Lee
                    role: Oncology

                """,
            "pages/editorial-policy.md": "# Editorial policy\n\nWe review everything. \n",
            "articles/test.md": article,
            "references/refs.json": """
                [{"id": "smith2020", "type": "article-journal", "title": "A title", "issued": {"date-parts": [[2020]]}}]

                """,
        ]
    }

    /// An article valid in ``minimalSite(article:)``.
    static let validArticle = """
        ---
        question: Is this valid?
        status: submitted
        updated: 2025-06-01
        ---

        Yes. [@smith2020]

        """
}
