import Foundation
import Testing
@testable import GuidelinePress

/// One build at a time writes an output folder (``BuildLock``): a build that finds another one
/// writing fails at once with a clear message and leaves the site as it was. A probe (twenty-first
/// session) had seen two builds into one folder, the second removing the first's staging folder,
/// and the first exit 0 with an incomplete site.
@Suite struct BuildLockTests {
    let helpers = IncrementalBuildTests()

    /// Holds the lock of the build of `output` as another build would: its own open file, locked.
    static func holdLock(of output: URL) throws -> Int32 {
        let path = BuildLock.path(for: output.path)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        try #require(descriptor >= 0)
        try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        return descriptor
    }

    @Test(arguments: [Publisher.Mode.publish, .review])
    func aBuildWhileAnotherIsWritingFailsAndLeavesTheSite(_ mode: Publisher.Mode) throws {
        let (root, content, templates) = try helpers.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("incremental/Site")
        try helpers.build(content, templates, site, mode: mode)
        let before = try helpers.files(in: site)
        try IncrementalBuildTests.edit(content.appendingPathComponent("articles/alpha.md"), "Alpha summary.", "Alpha summary, revised.")

        let held = try Self.holdLock(of: site)
        var failure: Publisher.Failure?
        do {
            _ = try Publisher.run(IncrementalBuildTests.options(content, templates, site, mode: mode))
        } catch let error as Publisher.Failure {
            failure = error
        }
        #expect(failure?.description == "another build is writing '\(site.path)' (lock '\(BuildLock.path(for: site.path))'); try again when it finishes")
        #expect(try helpers.files(in: site) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.deletingLastPathComponent().path).sorted() == [".publish-cache", "Site"])
        // `--check` writes nothing and needs no lock.
        let check = try Publisher.run(IncrementalBuildTests.options(content, templates, site, mode: .check))
        #expect(check.errorCount == 0)

        // Once the other build is done, the lock file left behind blocks nothing.
        close(held)
        try helpers.build(content, templates, site, mode: mode)
        #expect(try helpers.files(in: site)["articles/alpha/index.html"].map { String(decoding: $0, as: UTF8.self) }?.contains("revised") == true)
    }

    /// The command exits with status 2 and says so on standard error.
    @Test func theCommandExitsWithStatusTwo() throws {
        let (root, content, templates) = try helpers.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("incremental/Site")
        try KilledBuildTests.publish(content, templates, site)
        let before = try helpers.files(in: site)
        let held = try Self.holdLock(of: site)
        defer { close(held) }
        let (_, status, stderr) = try KilledBuildTests.publish(content, templates, site, expecting: [2])
        #expect(status == 2)
        #expect(stderr.hasPrefix("error: another build is writing '\(site.path)' (lock '"), "\(stderr)")
        #expect(stderr.hasSuffix("); try again when it finishes\n"))
        #expect(try helpers.files(in: site) == before)
    }
}
