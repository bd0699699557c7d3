import Foundation
import Testing
@testable import GuidelinePress

/// Ctrl-C (SIGINT) or SIGTERM during a build (``StopRequest``): before the commit, the build stops
/// at its next safe point, removes what it wrote and exits with status 128 + the signal, leaving
/// the previous site exactly as it was; once the commit has begun, it finishes first. Each build
/// is a real `publish` process, sent the signal at a ``Checkpoint``.
@Suite struct StoppedBuildTests {
    let helpers = IncrementalBuildTests()

    static var cases: [(KilledBuildTests.Scenario, Checkpoint, Int32)] {
        KilledBuildTests.scenarios.flatMap { s in [(s, Checkpoint.firstWrite, SIGINT), (s, .written, SIGTERM)] }
    }

    @Test(arguments: cases)
    func aBuildStoppedBeforeItsCommitLeavesThePreviousSite(_ scenario: KilledBuildTests.Scenario, _ point: Checkpoint,
                                                           _ signal: Int32) throws {
        let (root, content, templates) = try helpers.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("incremental"), site = folder.appendingPathComponent("Site")
        try KilledBuildTests.publish(content, templates, site)
        let before = try helpers.files(in: site), beforeFolders = try helpers.folders(in: site)

        try scenario.apply(content, templates, folder.appendingPathComponent(".publish-cache"))
        let stopped = try KilledBuildTests.publish(content, templates, site, stoppingAt: point, by: signal)
        #expect(stopped.reason == .exit && stopped.status == 128 + signal, "\(stopped.stderr)")
        let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
        #expect(stopped.stderr == "stopped by \(name): '\(site.path)' was left unchanged\n")
        // Exactly the previous site: no new file beside an old one, nothing staged beside the output.
        #expect(try helpers.files(in: site) == before)
        #expect(try helpers.folders(in: site) == beforeFolders)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".publish-cache", "Site"])

        // The build run again makes the clean build's site.
        #expect(try KilledBuildTests.publish(content, templates, site).status == 0)
        let clean = root.appendingPathComponent("clean/Site")
        try KilledBuildTests.publish(content, templates, clean)
        #expect(try helpers.files(in: site) == helpers.files(in: clean))
    }

    /// A signal that comes once the commit has begun does not stop it half way: the build
    /// finishes, and the command still exits 130 and says so.
    @Test func aBuildAskedToStopDuringItsCommitFinishes() throws {
        let (root, content, templates) = try helpers.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("incremental"), site = folder.appendingPathComponent("Site")
        try KilledBuildTests.publish(content, templates, site)
        try KilledBuildTests.scenarios[0].apply(content, templates, folder.appendingPathComponent(".publish-cache"))
        let late = try KilledBuildTests.publish(content, templates, site, stoppingAt: .committed, by: SIGINT)
        #expect(late.reason == .exit && late.status == 130)
        #expect(late.stderr.contains("stopped by SIGINT after '\(site.path)' was already being replaced: the build finished"), "\(late.stderr)")
        let clean = root.appendingPathComponent("clean/Site")
        try KilledBuildTests.publish(content, templates, clean)
        #expect(try helpers.files(in: site) == helpers.files(in: clean))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [".publish-cache", "Site"])
    }
}
