import Foundation
import Testing
@testable import GuidelinePress

/// A build killed at any step (`kill -9`, a power cut) loses nothing: the previous site stays
/// whole until the commit, and the next build leaves exactly what a clean build makes, with no
/// `….publish-new` or `….publish-old` file inside the output and no staging folder beside it.
/// Each build is a real `publish` process, stopped with SIGKILL at a ``Checkpoint``
/// (`GUIDELINE_PRESS_STOP_AT`). A probe (twenty-first session) had found the `….publish-new`
/// files of a killed one-article rebuild kept by every later build: it had written them while its
/// snapshot and manifest still said the output was whole.
@Suite struct KilledBuildTests {
    let helpers = IncrementalBuildTests()

    /// A build to kill, made after a first build of the test site.
    struct Scenario: Sendable, CustomStringConvertible {
        var description: String
        /// Changes the inputs (and the caches) so that the build takes the way to test.
        var apply: @Sendable (_ content: URL, _ templates: URL, _ cache: URL) throws -> Void
        /// Puts the inputs back as they were for the first build.
        var undo: @Sendable (_ content: URL, _ templates: URL) throws -> Void
        /// The checkpoints this way reaches.
        var points: [Checkpoint]
    }

    static let alpha = "articles/alpha.md", heading = "<h1 id=\"{{ids.question}}\">"

    static let scenarios: [Scenario] = [
        Scenario(description: "one article rebuilt alone, in place", apply: { content, _, _ in
            try IncrementalBuildTests.edit(content.appendingPathComponent(alpha), "Alpha summary.", "Alpha summary, revised.")
        }, undo: { content, _ in
            try IncrementalBuildTests.edit(content.appendingPathComponent(alpha), "Alpha summary, revised.", "Alpha summary.")
        }, points: [.firstWrite, .written, .committed, .keptRemoved]),
        Scenario(description: "whole build in place (a template changed)", apply: { _, templates, _ in
            try IncrementalBuildTests.edit(templates.appendingPathComponent("article.mustache"), heading, "<h1 class=\"q\" id=\"{{ids.question}}\">")
        }, undo: { _, templates in
            try IncrementalBuildTests.edit(templates.appendingPathComponent("article.mustache"), "<h1 class=\"q\" id=\"{{ids.question}}\">", heading)
        }, points: [.firstWrite, .written, .committed, .keptRemoved]),
        Scenario(description: "whole build into a fresh folder (no manifest)", apply: { content, _, cache in
            try FileManager.default.removeItem(at: cache.appendingPathComponent("Site.manifest"))
            try IncrementalBuildTests.edit(content.appendingPathComponent(alpha), "Alpha summary.", "Alpha summary, revised.")
        }, undo: { content, _ in
            try IncrementalBuildTests.edit(content.appendingPathComponent(alpha), "Alpha summary, revised.", "Alpha summary.")
        }, points: [.firstWrite, .written, .movedAside, .committed]),
    ]

    static var cases: [(Scenario, Checkpoint)] { scenarios.flatMap { s in s.points.map { (s, $0) } } }

    @Test(arguments: cases)
    func theBuildAfterAKilledOneEqualsACleanBuild(_ scenario: Scenario, _ point: Checkpoint) throws {
        let (root, content, templates) = try helpers.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("incremental"), site = folder.appendingPathComponent("Site")
        try Self.publish(content, templates, site)
        let before = try helpers.files(in: site)

        try scenario.apply(content, templates, folder.appendingPathComponent(".publish-cache"))
        let killed = try Self.publish(content, templates, site, stoppingAt: point)
        #expect(killed.reason == .uncaughtSignal && killed.status == SIGKILL, "not stopped at \(point): \(killed.stderr)")
        if [.firstWrite, .written].contains(point) {
            // Nothing is lost: until the commit, the site is the previous one (beside the new files).
            #expect(try helpers.files(in: site).filter { !Self.isLeftover($0.key) } == before)
        }

        try scenario.undo(content, templates)
        let next = try Self.publish(content, templates, site)
        #expect(next.status == 0, "\(next.stderr)")
        let clean = root.appendingPathComponent("clean/Site")
        try Self.publish(content, templates, clean)
        let rebuilt = try helpers.files(in: site)
        #expect(rebuilt.keys.filter(Self.isLeftover).isEmpty, "left in the output: \(rebuilt.keys.filter(Self.isLeftover).sorted())")
        #expect(rebuilt == (try helpers.files(in: clean)))
        #expect(try helpers.folders(in: site) == helpers.folders(in: clean))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".publish-cache", "Site"])
    }

    /// A whole build killed half way through its commit (the previous site renamed aside, the new
    /// one not yet in its place) leaves no output; the next build puts the previous site back
    /// before anything else, so that even when it stops on a content error the site is there.
    @Test func thePreviousSiteIsPutBackAfterACommitKilledHalfWay() throws {
        let (root, content, templates) = try helpers.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("incremental"), site = folder.appendingPathComponent("Site")
        try Self.publish(content, templates, site)
        let before = try helpers.files(in: site)
        try Self.scenarios[2].apply(content, templates, folder.appendingPathComponent(".publish-cache"))
        let killed = try Self.publish(content, templates, site, stoppingAt: .movedAside)
        #expect(killed.reason == .uncaughtSignal)
        #expect(!FileManager.default.fileExists(atPath: site.path))

        try IncrementalBuildTests.edit(content.appendingPathComponent(Self.alpha), "Alpha summary, revised.", "Alpha summary. [@nosuch]")
        let stopped = try Self.publish(content, templates, site)
        #expect(stopped.status == 1, "a content error: \(stopped.stderr)")
        #expect(try helpers.files(in: site) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".publish-cache", "Site"])
    }

    /// A staging folder left beside the output by a killed whole build is removed by the next
    /// build, even one that rebuilds a single article in place.
    @Test func aStagingFolderLeftBesideTheOutputIsRemoved() throws {
        let (root, content, templates) = try helpers.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("incremental"), site = folder.appendingPathComponent("Site")
        try Self.publish(content, templates, site)
        let staging = folder.appendingPathComponent(".Site.building")
        try FileManager.default.createDirectory(at: staging.appendingPathComponent("articles/alpha"), withIntermediateDirectories: true)
        try Data("half a page".utf8).write(to: staging.appendingPathComponent("articles/alpha/index.html"))
        try Self.scenarios[0].apply(content, templates, folder)
        #expect(try Self.publish(content, templates, site).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".publish-cache", "Site"])
    }

    // MARK: Helpers

    /// Whether `path` is a name a build gives a file for a moment.
    static func isLeftover(_ path: String) -> Bool {
        path.hasSuffix(SiteWriter.pendingSuffix) || path.hasSuffix(SiteWriter.keptSuffix)
    }

    /// Runs the `publish` binary on the test site (the same program for every build of a test, so
    /// that its caches and snapshot are used), sent `signal` at `point` when given; without one, an
    /// exit status other than `expecting` is an issue.
    @discardableResult
    static func publish(_ content: URL, _ templates: URL, _ output: URL, stoppingAt point: Checkpoint? = nil,
                        by signal: Int32 = SIGKILL, expecting statuses: Set<Int32> = [0, 1], sourceLocation: SourceLocation = #_sourceLocation)
        throws -> (reason: Process.TerminationReason, status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try PublishCommandTests.binary())
        process.arguments = ["--content", content.path, "--templates", templates.path, "--output", output.path]
        process.currentDirectoryURL = content.deletingLastPathComponent()
        var environment = ProcessInfo.processInfo.environment
        // IncrementalBuildTests' today, 2026-10-01.
        environment["SOURCE_DATE_EPOCH"] = PublishCommandTests.sampleEpoch
        environment["GUIDELINE_PRESS_STOP_AT"] = point.map { "\($0.rawValue):\(signal)" }
        process.environment = environment
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let result = (process.terminationReason, process.terminationStatus, String(decoding: stderr, as: UTF8.self))
        if point == nil && !statuses.contains(result.1) {
            Issue.record("publish failed: \(result.2)", sourceLocation: sourceLocation)
        }
        return result
    }
}
