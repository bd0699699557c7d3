import Foundation
import Testing
@testable import GuidelinePress

/// `--warnings-as-errors` on a public build: a warning fails the run, so the build stops as on an
/// error and the previous site stays as it was (twentieth session: the site was replaced and the
/// run exited 1, so a CI job that deploys only on success had already changed the output).
@Suite struct WarningsAsErrorsTests {
    let templates = packageRoot.appendingPathComponent("Templates").path

    func build(_ folder: TestContent.Folder, warningsAsErrors: Bool) throws -> Publisher.Report {
        try Publisher.run(.init(content: folder.url("Content").path, templates: templates, output: folder.url("Site").path,
                                mode: .publish, today: TestContent.today, warningsAsErrors: warningsAsErrors))
    }

    /// The article with an unknown front-matter key (a `field-unknown` warning) and new text.
    static let warnedArticle = TestContent.validArticle
        .replacingOccurrences(of: "updated: 2025-06-01\n", with: "updated: 2025-06-01\nreviwed: soon\n")
        .replacingOccurrences(of: "Yes. [@smith2020]", with: "Yes, and more. [@smith2020]")

    @Test func aWarningStopsAFirstBuild() throws {
        var files: [String: String] = [:]
        for (path, text) in TestContent.minimalSite(article: Self.warnedArticle) { files["Content/" + path] = text }
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        let report = try build(folder, warningsAsErrors: true)
        #expect(report.warningCount == 1 && report.errorCount == 0)
        #expect(report.failed(warningsAsErrors: true))
        #expect(report.filesWritten == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.url("Site").path))
    }

    @Test func aWarningLeavesThePreviousSiteAsItWasOnARebuild() throws {
        var files: [String: String] = [:]
        for (path, text) in TestContent.minimalSite() { files["Content/" + path] = text }
        let folder = try TestContent.Folder(files)
        defer { folder.remove() }
        #expect(try build(folder, warningsAsErrors: true).filesWritten > 0)
        let page = folder.url("Site/articles/test/index.html")
        let before = try Data(contentsOf: page)
        // One article changed: the rebuild of that article alone, and the whole way, both stop.
        try Self.warnedArticle.write(to: folder.url("Content/articles/test.md"), atomically: true, encoding: .utf8)
        let stopped = try build(folder, warningsAsErrors: true)
        #expect(stopped.warningCount == 1 && stopped.filesWritten == 0)
        #expect(try Data(contentsOf: page) == before)
        // Without the flag, the warning is only reported and the page is rebuilt.
        let built = try build(folder, warningsAsErrors: false)
        #expect(built.warningCount == 1 && built.filesWritten > 0)
        #expect(try String(contentsOf: page, encoding: .utf8).contains("Yes, and more."))
    }
}
