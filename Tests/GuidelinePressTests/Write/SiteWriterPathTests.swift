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
}
