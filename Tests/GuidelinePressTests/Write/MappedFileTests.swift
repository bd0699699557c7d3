import Foundation
import Testing
@testable import GuidelinePress

/// ``MappedFile``: a file's bytes as they are; unmapped when the value goes, unless the process
/// leaves its mappings to its exit (``MappedFile/leavesMappingsToExit``, which the command sets).
@Suite struct MappedFileTests {
    @Test func mapsTheFileAsItIs() throws {
        let folder = try TemporaryFolder(["a.txt": "Trastuzumab 6 mg/kg every 3 weeks.\n", "empty.txt": ""])
        let mapped = try #require(MappedFile(path: folder.url("a.txt")))
        #expect(Array(mapped.bytes) == Array("Trastuzumab 6 mg/kg every 3 weeks.\n".utf8))
        #expect(try #require(MappedFile(path: folder.url("empty.txt"))).bytes.isEmpty)
        #expect(MappedFile(path: folder.url("missing.txt")) == nil)
    }

    /// One test for both settings, so that no other test of this suite turns the switch meanwhile
    /// (no other code turns it on in the test process).
    @Test func unmapsWhenItsValueGoesUnlessLeftToTheExit() throws {
        let text = String(repeating: "Pertuzumab 840 mg loading dose, then 420 mg.\n", count: 2_000)
        let folder = try TemporaryFolder(["page.html": text])
        let site = try SiteFixture.make(["a": SiteFixture.article("Which dose?", body: "## Dose\n\n- 6 mg/kg [@a2020].\n")])
        let build = { (output: String) in
            try Publisher.run(.init(content: site.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                    output: site.url(output), mode: .publish, today: TestContent.today))
        }

        // Off (the default): unmapped at once, nothing counted; a run frees what it holds.
        #expect(!MappedFile.leavesMappingsToExit)
        let before = MappedFile.bytesLeftToExit
        do { _ = try #require(MappedFile(path: folder.url("page.html"))) }
        #expect(MappedFile.bytesLeftToExit == before)
        let valuesBefore = MappedFile.valuesLeftToExit
        #expect(try build("Off").errorCount == 0)
        #expect(MappedFile.valuesLeftToExit == valuesBefore)

        // On: the mapping stays, readable after its value went, and is counted.
        MappedFile.leavesMappingsToExit = true
        defer { MappedFile.leavesMappingsToExit = false }
        var base: UnsafePointer<UInt8>?
        var count = 0
        do {
            let mapped = try #require(MappedFile(path: folder.url("page.html")))
            base = mapped.bytes.baseAddress
            count = mapped.bytes.count
        }
        // At least its bytes: a test running alongside may drop a mapping of its own meanwhile.
        #expect(MappedFile.bytesLeftToExit - before >= text.utf8.count)
        let left = UnsafeBufferPointer(start: try #require(base), count: count)
        #expect(Array(left) == Array(text.utf8))
        // A whole build and a rebuild leave their site, caches and pages to the exit too.
        #expect(try build("On").errorCount == 0)
        let afterBuild = MappedFile.valuesLeftToExit
        #expect(afterBuild > valuesBefore)
        #expect(try build("On").errorCount == 0)
        #expect(MappedFile.valuesLeftToExit > afterBuild)
    }
}
