import Foundation
import Testing
@testable import GuidelinePress

/// The spare files of big pages (``SpareFiles``): a rebuild writes a big page into its spare and
/// swaps the two, and never writes into a file that is also a page of the site.
@Suite struct SpareFilesTests {
    /// A page big enough to keep a spare, its text marked with `mark`.
    static func bigPage(_ mark: String) -> String {
        String(repeating: "<li>\(mark)</li>\n", count: SpareFiles.threshold / 10 + 1)
    }

    /// A site in `folder`/Site built whole (a fresh folder) with the pages `pages`.
    static func buildWhole(_ folder: TemporaryFolder, _ pages: [String: String]) throws -> String {
        let output = folder.url("Site")
        let writer = try SiteWriter(output: output)
        for (path, text) in pages.sorted(by: { $0.key < $1.key }) { try writer.write(path, text) }
        _ = try writer.commit()
        return output
    }

    /// Writes `pages` into the site at `output` in place; commits unless `committing` is false.
    static func update(_ output: String, _ pages: [String: String], committing: Bool = true) throws {
        let writer = try SiteWriter(output: output, updatingInPlace: true)
        #expect(writer.updatesInPlace)
        for (path, text) in pages.sorted(by: { $0.key < $1.key }) {
            var text = text
            // Spliced pages come in pieces.
            try text.withUTF8 { bytes in
                let half = bytes.count / 2
                try writer.write(path) { emit in
                    emit(UnsafeBufferPointer(rebasing: bytes[..<half]))
                    emit(UnsafeBufferPointer(rebasing: bytes[half...]))
                }
            }
        }
        if committing { _ = try writer.commit() }
    }

    static func inode(_ path: String) -> (number: UInt, links: UInt)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt(info.st_ino), UInt(info.st_nlink))
    }

    static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func aBigPageAndItsSpareSwapPlacesOnEachRebuild() throws {
        let folder = try TemporaryFolder()
        let output = try Self.buildWhole(folder, ["questions/index.html": Self.bigPage("one"), "small.html": "small"])
        let spares = SpareFiles(output: output)
        let page = output + "/questions/index.html", spare = spares.path(of: "questions/index.html")
        #expect(spare.hasSuffix("Site.spares/questions%2Findex.html"))
        // The whole build leaves a copy of the big page as its spare, a file of its own; none of a small page.
        #expect(try Self.read(spare) == Self.bigPage("one"))
        #expect(Self.inode(spare)!.links == 1 && Self.inode(page)!.number != Self.inode(spare)!.number)
        #expect(!FileManager.default.fileExists(atPath: spares.path(of: "small.html")))

        for (round, mark) in ["two", "three-and-longer", "4"].enumerated() {
            let pageBefore = Self.inode(page)!.number, spareBefore = Self.inode(spare)!.number
            try Self.update(output, ["questions/index.html": Self.bigPage(mark)])
            #expect(try Self.read(page) == Self.bigPage(mark), "round \(round)")
            // Written into the spare, which became the page; the old page is the next spare.
            #expect(Self.inode(page)!.number == spareBefore, "round \(round)")
            #expect(Self.inode(spare)!.number == pageBefore, "round \(round)")
            #expect(Self.inode(page)!.links == 1 && Self.inode(spare)!.links == 1)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: spares.folder)
        #expect(names == ["questions%2Findex.html"])
        #expect(try FileManager.default.subpathsOfDirectory(atPath: output).sorted() == ["questions", "questions/index.html", "small.html"])
    }

    @Test func aRebuildThatDoesNotFinishLeavesThePageAsItWas() throws {
        let folder = try TemporaryFolder()
        let output = try Self.buildWhole(folder, ["index.html": Self.bigPage("one")])
        try Self.update(output, ["index.html": Self.bigPage("two")], committing: false)
        #expect(try Self.read(output + "/index.html") == Self.bigPage("one"))
        try Self.update(output, ["index.html": Self.bigPage("three")])
        #expect(try Self.read(output + "/index.html") == Self.bigPage("three"))
    }

    /// A spare that is also a page (a crash between the link and the renames, or a user's link) is
    /// never written into: the page stays as it was until the rebuild commits.
    @Test func aSpareWithASecondNameIsNotWrittenInto() throws {
        let folder = try TemporaryFolder()
        let output = try Self.buildWhole(folder, ["index.html": Self.bigPage("one")])
        let spares = SpareFiles(output: output), page = output + "/index.html", spare = spares.path(of: "index.html")
        try FileManager.default.removeItem(atPath: spare)
        #expect(link(page, spare) == 0)
        try Self.update(output, ["index.html": Self.bigPage("two")], committing: false)
        #expect(try Self.read(page) == Self.bigPage("one"))
        try Self.update(output, ["index.html": Self.bigPage("two")])
        #expect(try Self.read(page) == Self.bigPage("two"))
        #expect(Self.inode(page)!.number != Self.inode(spare)!.number && Self.inode(page)!.links == 1)

        // The old page's second name, left by a crash after the link: taken away at the next commit.
        #expect(link(page, spare + "%old") == 0)
        try Self.update(output, ["index.html": Self.bigPage("three")], committing: false)
        #expect(try Self.read(page) == Self.bigPage("two"))
        try Self.update(output, ["index.html": Self.bigPage("three")])
        #expect(try Self.read(page) == Self.bigPage("three"))
        #expect(!FileManager.default.fileExists(atPath: spare + "%old"))
        #expect(Self.inode(page)!.links == 1 && Self.inode(spare)!.links == 1)
    }

    /// A site built without spares (by an earlier version, or with small pages that grew) gets
    /// them from its first rebuild; small pages never do.
    @Test func aRebuildKeepsTheOldFileOfABigPage() throws {
        let folder = try TemporaryFolder()
        let output = try Self.buildWhole(folder, ["index.html": "small", "feed.xml": "small"])
        let spares = SpareFiles(output: output)
        #expect(!FileManager.default.fileExists(atPath: spares.folder))
        try Self.update(output, ["index.html": Self.bigPage("one"), "feed.xml": "still small"])
        let old = Self.inode(output + "/index.html")!.number
        try Self.update(output, ["index.html": Self.bigPage("two"), "feed.xml": "small again"])
        #expect(try Self.read(output + "/index.html") == Self.bigPage("two"))
        #expect(Self.inode(spares.path(of: "index.html"))?.number == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: spares.folder) == ["index.html"])
        #expect(try Self.read(output + "/feed.xml") == "small again")
    }

    /// Pages written from several threads at once: each keeps its old file by its own length.
    @Test func pagesWrittenAtOnceKeepSparesByTheirOwnLength() throws {
        let folder = try TemporaryFolder()
        let small = (0..<400).map { "articles/a\($0)/index.html" }
        let big = ["index.html", "questions/index.html", "search.json"]
        let output = try Self.buildWhole(folder, Dictionary(uniqueKeysWithValues: (small + big).map { ($0, "old") }))
        let spares = SpareFiles(output: output)
        let paths = small + big
        final class Failures: @unchecked Sendable {
            let lock = NSLock()
            var count = 0
        }
        // Five rounds without spares, so that every page goes through a temporary file.
        for round in 0..<5 {
            try? FileManager.default.removeItem(atPath: spares.folder)
            let writer = try SiteWriter(output: output, updatingInPlace: true)
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: paths.count) { i in
                let text = big.contains(paths[i]) ? Self.bigPage(paths[i]) : "new \(i)"
                do { try writer.write(paths[i], round == 4 ? text : text + "\(round)") } catch {
                    failures.lock.withLock { failures.count += 1 }
                }
            }
            #expect(failures.count == 0)
            _ = try writer.commit()
            #expect(try FileManager.default.contentsOfDirectory(atPath: spares.folder).sorted()
                == big.map { (spares.path(of: $0) as NSString).lastPathComponent }.sorted(), "round \(round)")
        }
        for path in big { #expect(try Self.read(spares.path(of: path)) == Self.bigPage(path) + "3") }
        #expect(try Self.read(output + "/" + big[0]) == Self.bigPage(big[0]))
    }

    @Test func spareNamesKeepPathsApart() {
        let spares = SpareFiles(output: "/tmp/x/Site")
        let paths = ["a/b", "a%2Fb", "a%b", "a%25b", "a/b%old", "ä/ö"]
        let names = paths.map { spares.path(of: $0) }
        #expect(Set(names).count == paths.count)
        #expect(names[0] == "/tmp/x/.publish-cache/Site.spares/a%2Fb")
        #expect(names[1] == "/tmp/x/.publish-cache/Site.spares/a%252Fb")
        // The name of a page's old file during a swap (`%old`) is no page's spare.
        #expect(names.allSatisfy { !$0.hasSuffix("%old") })
    }
}
