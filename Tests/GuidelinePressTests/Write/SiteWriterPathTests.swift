import Foundation
import Testing
@testable import GuidelinePress

/// The writer joins and splits its own paths by bytes; for every path, plain or not, the result is
/// NSString's.
@Suite struct SiteWriterPathTests {
    static let paths = ["/tmp/x/Site/articles/a-b/index.html", "/tmp/x/Site", "/", "//", "/a", "a", "a/b", "", ".", "..",
                        "/a/./b", "/a/../b", "a//b", "/a/b/", "./a", "../a", "/a/.b/c", "/a/..b", "/a/b..", "/a/...",
                        "/é/中/x.html", "Site/questions/index.html", "/a/b/."]

    /// (This corelibs Foundation traps on the parent of a lone component, `a` or `.`: not asked.)
    @Test(arguments: paths.filter { $0.contains("/") })
    func parentFolderAsNSStringSaysIt(_ path: String) {
        #expect(SiteWriter.parentFolder(of: path) == (path as NSString).deletingLastPathComponent)
    }

    @Test func plainPathsJoinAsNSStringJoinsThem() {
        for root in Self.paths where SiteWriter.isPlainPath(root) {
            for path in Self.paths where SiteWriter.isPlainPath(path) && !path.hasPrefix("/") {
                #expect(root + "/" + path == (root as NSString).appendingPathComponent(path), "\(root) + \(path)")
            }
        }
        #expect(SiteWriter.isPlainPath("/tmp/x/Site") && SiteWriter.isPlainPath("articles/a/index.html"))
        #expect(!SiteWriter.isPlainPath("a//b") && !SiteWriter.isPlainPath("a/./b") && !SiteWriter.isPlainPath("a/"))
    }

    /// A path that leaves the site, or names a file outside it, is refused and writes nothing,
    /// whether or not it looks plain.
    @Test func pathsOutsideTheSiteAreRefused() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("writer-paths-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("Site").path
        let writer = try SiteWriter(output: output)
        for path in ["../escape.html", "a/../../escape.html", "/tmp/escape.html", "..", "a/.."] {
            #expect(throws: Publisher.Failure.self, "\(path)") { try writer.write(path, "x") }
        }
        try writer.write("articles/a/index.html", "x")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("escape.html").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".Site.building/articles/a/index.html").path))
    }

    /// A rebuild keeps each old page under a second name until the new ones are in place: a hard
    /// link, or a copy where the file system has no hard links (FAT, exFAT, some network shares),
    /// where a failed `link` had made every rebuild into an existing output fail.
    @Test func secondNamesWithoutHardLinks() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("writer-kept-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let page = root.appendingPathComponent("index.html").path
        try "old page".write(toFile: page, atomically: false, encoding: .utf8)
        #expect(SiteWriter.keepSecondName(of: page, at: page + ".linked"))
        let refused = { (_: String, _: String) -> Int32 in errno = EPERM; return -1 }
        #expect(SiteWriter.keepSecondName(of: page, at: page + ".copied", link: refused))
        #expect(try String(contentsOfFile: page + ".copied", encoding: .utf8) == "old page")
        let failing = { (_: String, _: String) -> Int32 in errno = EACCES; return -1 }
        #expect(!SiteWriter.keepSecondName(of: page, at: page + ".denied", link: failing))
        #expect(!FileManager.default.fileExists(atPath: page + ".denied"))
    }
}
