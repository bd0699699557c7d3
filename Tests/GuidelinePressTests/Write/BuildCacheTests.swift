import Foundation
import Testing
@testable import GuidelinePress

/// The manifest (``BuildCache``) a rebuild alone writes from the previous one's lines must be the
/// one a build writes from its keys.
@Suite struct BuildCacheTests {
    @Test func aCarriedOverManifestIsTheSortedOne() throws {
        let folder = try TemporaryFolder()
        let output = folder.url("Site")
        let manifest = folder.url(".publish-cache/Site.manifest")
        let first = BuildCache(output: output)
        for i in [5, 3, 1, 4, 2, 10] { first.record("articles/a\(i)/index.html", key: UInt64(i * 7_919)) }
        for path in ["index.html", "assets/style.css", "search.json"] { first.record(path) }
        first.recordBase(42)
        first.keepQuestionOrder(key: 9, [2, 0, 1])
        try first.save()
        let original = try Data(contentsOf: URL(fileURLWithPath: manifest))

        // Carried over, written from the previous lines; and the same state written from its keys
        // (recording a file it has already turns the shortcut off).
        let rewritten = ["articles/a3/index.html", "index.html", "articles/a9/index.html"]
        func carriedOver(sorting: Bool) throws -> String {
            try original.write(to: URL(fileURLWithPath: manifest))
            let cache = BuildCache(output: output)
            cache.carryOver(rewriting: rewritten, order: (key: 5, order: [0, 1, 2]))
            if sorting { cache.record("search.json") }
            try cache.save()
            return try String(contentsOfFile: manifest, encoding: .utf8)
        }
        let written = try carriedOver(sorting: false)
        #expect(written == (try carriedOver(sorting: true)))
        #expect(written.contains("- articles/a3/index.html\n"))
        #expect(!written.split(separator: "\n").contains { $0.hasSuffix(" articles/a3/index.html") && !$0.hasPrefix("- ") })
        #expect(written.contains(String(1 * 7_919, radix: 16) + " articles/a1/index.html\n"))
        #expect(written.contains("order 5 0,1,2\n"))
        // Read back, the rewritten pages have no key and the others theirs.
        let again = BuildCache(output: output)
        #expect(!again.isUnchanged("articles/a3/index.html", key: UInt64(3 * 7_919)))
        #expect(again.isUnchanged("articles/a10/index.html", key: UInt64(10 * 7_919)))
    }
}
