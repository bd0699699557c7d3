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
        // Stamps for all but a2's page (then not trusted, and written without one).
        let paths = [5, 3, 1, 4, 10].map { "articles/a\($0)/index.html" } + ["index.html", "assets/style.css", "search.json"]
        try first.save(stamps: Dictionary(uniqueKeysWithValues: paths.enumerated().map { ($1, UInt64(0xA0 + $0)) }))
        let original = try Data(contentsOf: URL(fileURLWithPath: manifest))

        // Carried over, written from the previous lines; and the same state written from its keys
        // (recording a file it has already turns the shortcut off).
        let rewritten = ["articles/a3/index.html", "index.html", "articles/a9/index.html"]
        func carriedOver(sorting: Bool) throws -> String {
            try original.write(to: URL(fileURLWithPath: manifest))
            let cache = BuildCache(output: output)
            cache.carryOver(rewriting: rewritten, order: (key: 5, order: [0, 1, 2]))
            if sorting { cache.record("search.json") }
            try cache.save(stamps: Dictionary(uniqueKeysWithValues: rewritten.enumerated().map { ($1, UInt64(0xB0 + $0)) }))
            return try String(contentsOfFile: manifest, encoding: .utf8)
        }
        let written = try carriedOver(sorting: false)
        #expect(written == (try carriedOver(sorting: true)))
        // The rewritten pages with their new stamps and no key; the others as they were.
        #expect(written.contains("-.b0 articles/a3/index.html\n") && written.contains("-.b1 index.html\n"))
        #expect(!written.split(separator: "\n").contains { $0.hasSuffix(" articles/a3/index.html") && !$0.hasPrefix("-.") })
        #expect(written.contains(String(1 * 7_919, radix: 16) + ".a2 articles/a1/index.html\n"))
        #expect(written.contains(String(2 * 7_919, radix: 16) + " articles/a2/index.html\n"))
        #expect(written.contains("-.a6 assets/style.css\n"))
        #expect(written.contains("order 5 0,1,2\n"))
        // Read back, the rewritten pages have no key and the others theirs.
        let again = BuildCache(output: output)
        #expect(!again.isUnchanged("articles/a3/index.html", key: UInt64(3 * 7_919)))
        #expect(again.isUnchanged("articles/a10/index.html", key: UInt64(10 * 7_919)))
    }

    /// The question order a build keeps reads back as it was, for orders of every size, and a
    /// damaged `order` line gives no order (the build then sorts the questions again).
    @Test func questionOrdersReadBackAndDamageIsRefused() throws {
        let folder = try TemporaryFolder()
        let output = folder.url("Site")
        var generator = SeededGenerator(seed: 5)
        for count in [1, 2, 9, 10, 11, 100, 1_234] {
            let order = Array(0..<count).shuffled(using: &generator)
            let cache = BuildCache(output: output)
            cache.keepQuestionOrder(key: 0xABC, order)
            try cache.save()
            let again = BuildCache(output: output)
            #expect(again.questionOrder(key: 0xABC, count: count) == order, "\(count)")
            #expect(again.questionOrder(key: 0xABD, count: count) == nil)
            #expect(again.questionOrder(key: 0xABC, count: count + 1) == nil)
        }
        func read(_ line: String) -> (UInt64, [Int])? {
            Array(line.utf8).withUnsafeBufferPointer { BuildCache.order($0) }
        }
        #expect(read("ff 2,0,1")! == (0xFF, [2, 0, 1]))
        for damaged in ["ff", "ff 2,,1", "ff 2,0,", "ff ,2", "ff 2 0", "ff 2,x", "fg 1", " 1,2", "ff 1234567890123456789",
                        "ff -1,0", "12345678901234567 0"] {
            #expect(read(damaged) == nil, "\(damaged)")
        }
        // An order that is not each index once is no order.
        let cache = BuildCache(output: output)
        for order in [[0, 0, 1], [0, 1, 3], [2, 1]] {
            cache.keepQuestionOrder(key: 1, order)
            try cache.save()
            #expect(BuildCache(output: output).questionOrder(key: 1, count: 3) == nil, "\(order)")
        }
    }

    /// A rebuild alone trusts the output only while every file the last build made is there as
    /// it wrote it: not removed, moved, edited in place (same inode, same size, a later time) or
    /// replaced (a new inode, as a newer build beside an older cache leaves it), and with a stamp
    /// recorded.
    @Test func previousFilesMustAllBeAsWritten() throws {
        let folder = try TemporaryFolder()
        let output = folder.url("Site")
        let keyed = ["articles/a/index.html", "articles/b/index.html"], unkeyed = ["index.html", "assets/style.css"]
        func stamp(_ path: String) throws -> UInt64 { try #require(FileSignature(path: folder.url("Site/" + path))).stamp }
        func save(stamping stamped: [String]) throws {
            let first = BuildCache(output: output)
            for (i, path) in keyed.enumerated() { first.record(path, key: UInt64(i + 1)) }
            for path in unkeyed { first.record(path) }
            try first.save(stamps: Dictionary(uniqueKeysWithValues: try stamped.map { ($0, try stamp($0)) }))
        }
        func trusted() -> Bool { BuildCache(output: output).previousFilesAreAsWritten(in: output) }
        for path in keyed + unkeyed { try folder.write("Site/" + path, "x") }
        try save(stamping: keyed + unkeyed)
        #expect(trusted())
        #expect(BuildCache(output: output + "/").previousFilesAreAsWritten(in: output + "/"))
        let again = BuildCache(output: output)
        #expect(try again.previousStamp("articles/a/index.html") == stamp("articles/a/index.html"))
        #expect(again.isUnchanged("articles/b/index.html", key: 2) && !again.isUnchanged("index.html", key: 0))
        // A file saved without a stamp is not trusted.
        for path in keyed + unkeyed {
            try save(stamping: (keyed + unkeyed).filter { $0 != path })
            #expect(!trusted(), "\(path) without a stamp")
        }
        try save(stamping: keyed + unkeyed)
        for path in keyed + unkeyed {
            let file = folder.url("Site/" + path)
            // Edited in place: the same inode and size, a later modification time.
            let handle = try #require(FileHandle(forWritingAtPath: file))
            handle.write(Data("y".utf8))
            try handle.close()
            var times = [timeval(tv_sec: 2_000_000_000, tv_usec: 0), timeval(tv_sec: 2_000_000_000, tv_usec: 0)]
            #expect(utimes(file, &times) == 0)
            #expect(!trusted(), "\(path) edited")
            // Replaced by another file (a new inode), then removed.
            try save(stamping: keyed + unkeyed)
            #expect(trusted())
            try folder.write("Site/" + path + ".new", "y")
            #expect(rename(file + ".new", file) == 0)
            #expect(!trusted(), "\(path) replaced")
            try FileManager.default.removeItem(atPath: file)
            #expect(!trusted(), "\(path) removed")
            try folder.write("Site/" + path, "x")
            try save(stamping: keyed + unkeyed)
        }
        #expect(trusted())
        // A file that moved out of its folder is missing too; no output folder, nothing to trust.
        try FileManager.default.moveItem(atPath: folder.url("Site/articles/b/index.html"), toPath: folder.url("Site/b.html"))
        #expect(!trusted())
        try FileManager.default.removeItem(atPath: output)
        #expect(!trusted(), "no output folder")
    }

    /// A file's line reads back its key and stamp; damaged heads are no file's.
    @Test func fileHeadsReadBack() {
        func head(_ text: String) -> (key: UInt64?, stamp: UInt64?)? {
            Array(text.utf8).withUnsafeBufferPointer { BuildCache.fileHead($0) }
        }
        #expect(head("1f.a0")! == (0x1F, 0xA0))
        #expect(head("1f")! == (0x1F, nil))
        #expect(head("-.ff")! == (nil, 0xFF))
        #expect(head("-")! == (nil, nil))
        for damaged in ["", ".", "1f.", ".a0", "-.", "1g.a0", "1f.a0.b", "--", "base", "1f.12345678901234567"] {
            #expect(head(damaged) == nil, "\(damaged)")
        }
    }

    /// A cache file is replaced whole, and a failure says which and leaves no temporary file.
    @Test func cacheFilesAreReplacedWhole() throws {
        let folder = try TemporaryFolder()
        let path = folder.url("caches/Site.manifest")
        try BuildCache.writeWhole(Array("first\n".utf8), to: path, naming: "the build cache")
        try BuildCache.writeWhole(Array("second\n".utf8), to: path, naming: "the build cache")
        #expect(try folder.read("caches/Site.manifest") == "second\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url("caches")) == ["Site.manifest"])
        // A folder where the file should be: the rename fails, and the temporary file goes.
        try FileManager.default.createDirectory(atPath: folder.url("caches/blocked/inside"), withIntermediateDirectories: true)
        #expect(throws: Publisher.Failure.self) {
            try BuildCache.writeWhole([1, 2, 3], to: folder.url("caches/blocked"), naming: "the build snapshot")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url("caches")).sorted() == ["Site.manifest", "blocked"])
        // A file where its folder should be.
        #expect(throws: Publisher.Failure.self) {
            try BuildCache.writeWhole([1], to: folder.url("caches/Site.manifest/x"), naming: "the build cache")
        }
    }
}
