import Foundation
import Testing
@testable import GuidelinePress

/// The article cache: records read back equal what the parse stage made, damage costs a parse and
/// never a wrong result, and a run from the cache reports exactly what a run without it reports.
@Suite struct ArticleCacheTests {
    static let sites = ["valid", "minimal", "report"] + (try! FileManager.default
        .contentsOfDirectory(atPath: TestContent.fixtureSite("invalid"))).sorted().map { "invalid/\($0)" }

    /// Every article of `content` as the parse stage keeps it (tree dropped).
    static func parsed(_ content: String) throws -> Site {
        try Publisher.load(content, hashSources: true, dropBodies: true).0
    }

    @Test(arguments: sites)
    func recordsReadBackEqual(_ name: String) throws {
        let site = try Self.parsed(try TestContent.fixtureSite(name))
        for (article, outline) in zip(site.articles, site.outlines) {
            guard let record = ArticleCache.encode(article, outline) else {
                #expect(article.frontMatterProblem != nil, "\(article.slug) has no record")
                continue
            }
            let (read, readOutline) = try record.withUnsafeBufferPointer { try ArticleCache.decode($0, file: article.file) }
            #expect(read.frontMatter == article.frontMatter, "\(name) \(article.slug)")
            #expect(read.malformedCitations == article.malformedCitations)
            #expect(read.tooDeep == article.tooDeep)
            #expect(read.bodyFindings == article.bodyFindings)
            #expect(read.exemptions == article.exemptions)
            #expect(read.citationsInLinks == article.citationsInLinks)
            #expect(read.bodyDropped)
            #expect(readOutline == outline, "\(name) \(article.slug)")
        }
    }

    /// The citations written in links' text, bracketed or not, read back as they were found.
    @Test func citationsInLinksReadBackEqual() throws {
        let article = TestContent.article(SiteFixture.article("Which dose?", body: """
            Yes [@a]. See [see [@smiht2020; @b]](https://example.org) and [@team](https://example.org/@team).
            ![chart @a](x.png)

            """))
        let outline = ArticleOutline(blocks: article.blocks)
        #expect(article.citationsInLinks.map(\.key) == ["smiht2020", "b", "team", "a"])
        #expect(article.citationsInLinks.map(\.bracketed) == [true, true, false, false])
        #expect(article.citationsInLinks.map(\.holder) == [.link, .link, .wholeLink, .image])
        let record = try #require(ArticleCache.encode(article, outline))
        let (read, _) = try record.withUnsafeBufferPointer { try ArticleCache.decode($0, file: article.file) }
        #expect(read.citationsInLinks == article.citationsInLinks)
    }

    /// Bibliographies: every fixture site's, and one with every field, negative years and findings.
    @Test(arguments: sites + ["-"])
    func bibliographiesReadBackEqual(_ name: String) throws {
        let files: [(String, String)]
        if name == "-" {
            files = [("refs.json", """
                [{"id": "a", "type": "book", "title": "T", "author": [{"family": "F", "given": "G", "non-dropping-particle": "van",
                  "dropping-particle": "de", "suffix": "Jr."}, {"literal": "Group"}], "container-title": "C",
                  "container-title-short": "CS", "issued": {"date-parts": [[-44, 3, 15]]}, "volume": "1", "issue": "2",
                  "page": "3-4", "DOI": "10.1/x", "PMID": "1", "PMCID": "PMC1", "URL": "https://x", "publisher": "P",
                  "version": "2", "genre": "g", "edition": "3"},
                 {"id": "b", "issued": {"raw": "spring 2020"}, "season": 1},
                 {"id": "c", "issued": {"date-parts": [[2019], [2021]]}},
                 {"id": "a"}, {"title": "no id"}]
                """), ("bad.json", "[{\"id\": \"x\",\n ]")]
        } else {
            let folder = try TestContent.fixtureSite(name) + "/references"
            files = try (FileManager.default.contentsOfDirectory(atPath: folder)).sorted().map {
                ($0, try String(contentsOfFile: folder + "/" + $0, encoding: .utf8))
            }
        }
        for (file, text) in files {
            let loaded = ReferenceLoader.load(contents: text, file: "Content/references/" + file)
            let record = try #require(ArticleCache.encode(references: loaded.references, diagnostics: loaded.diagnostics,
                                                          file: "Content/references/" + file))
            let (references, diagnostics) = try record.withUnsafeBufferPointer {
                try ArticleCache.decodeBibliography($0, file: "Content/references/" + file)
            }
            #expect(references == loaded.references, "\(name) \(file)")
            #expect(diagnostics == loaded.diagnostics, "\(name) \(file)")
            if name == "-" {
                #expect(file == "bad.json" ? !diagnostics.isEmpty : references.first?.issued?.year == -44)
            }
        }
    }

    @Test func sampleContentReadsBackEqual() throws {
        let site = try Self.parsed(packageRoot.appendingPathComponent("Content").path)
        #expect(site.outlines.contains { !$0.pathways.isEmpty })
        for (article, outline) in zip(site.articles, site.outlines) {
            let record = try #require(ArticleCache.encode(article, outline))
            let (read, readOutline) = try record.withUnsafeBufferPointer { try ArticleCache.decode($0, file: article.file) }
            #expect(read.frontMatter == article.frontMatter && readOutline == outline, "\(article.slug)")
        }
    }

    /// Every truncation of a record, and records with bytes changed, either fail to read or read
    /// without crashing.
    @Test func damagedRecordsDoNotCrash() throws {
        let site = try Self.parsed(packageRoot.appendingPathComponent("Content").path)
        let article = try #require(site.articles.first { $0.slug == "hr-positive-her2-positive-treatment" })
        let outline = try #require(site.outline(article.slug))
        let record = try #require(ArticleCache.encode(article, outline))
        for length in 0..<record.count {
            let short = Array(record[..<length])
            #expect(throws: BinaryReader.Damaged.self) {
                try short.withUnsafeBufferPointer { _ = try ArticleCache.decode($0, file: article.file) }
            }
        }
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            var damaged = record
            damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            _ = try? damaged.withUnsafeBufferPointer { try ArticleCache.decode($0, file: article.file) }
        }
    }

    /// A run that reads every article from the cache reports what a run that parses them reports,
    /// and a damaged cache file is only a slower run.
    @Test(arguments: ["report", "valid", "invalid/claim-uncited", "invalid/pathway-target"])
    func runsFromTheCacheReportTheSame(_ name: String) throws {
        let root = try TemporaryFolder([:])
        let content = root.url("Content")
        try FileManager.default.copyItem(atPath: try TestContent.fixtureSite(name), toPath: content)
        let output = root.url("Site")
        let options = Publisher.Options(content: content, templates: packageRoot.appendingPathComponent("Templates").path,
                                        output: output, mode: .review, today: TestContent.today)
        let parsed = try Publisher.run(options)
        // Every article's record is there, and found for its current text.
        let cache = ArticleCache(output: output, tool: Publisher.toolIdentity())
        let site = try Self.parsed(content)
        #expect(cache.count == parsed.articleCount + site.bibliographyFiles.count)
        for article in site.articles {
            guard case .text(let text) = ContentLoader.read(article.file) else { continue }
            #expect(cache.lookup(article.file, hash: StableHash.of(text)) != nil, "\(article.slug)")
        }
        for file in try ContentLoader.list(content, displayRoot: content).bibliographies {
            guard case .text(let text) = ContentLoader.read(file) else { continue }
            #expect(cache.lookupBibliography(file, hash: StableHash.of(text)) != nil, "\(file.relativePath)")
        }
        var check = options
        check.mode = .check
        let cached = try Publisher.run(check)
        #expect(cached.diagnostics == parsed.diagnostics)
        let cacheFile = BuildCache.folder(for: output) + "/Site.articles"
        let bytes = try #require(FileManager.default.contents(atPath: cacheFile))
        try bytes.prefix(bytes.count * 2 / 3).write(to: URL(fileURLWithPath: cacheFile))
        #expect(try Publisher.run(check).diagnostics == parsed.diagnostics)
        // Damage inside records (past the header), a byte here and there.
        var damaged = [UInt8](bytes)
        for i in stride(from: 120, to: damaged.count, by: 97) { damaged[i] ^= 0x01 }
        try Data(damaged).write(to: URL(fileURLWithPath: cacheFile))
        #expect(try Publisher.run(check).diagnostics == parsed.diagnostics)
        // And in the index, the records whole again: wrong hashes, offsets or lengths are records not found.
        try bytes.write(to: URL(fileURLWithPath: cacheFile))
        let index = try #require(FileManager.default.contents(atPath: cacheFile + ".index"))
        for step in [7, 13, 31] {
            var damagedIndex = [UInt8](index)
            for i in stride(from: 60, to: damagedIndex.count, by: step) { damagedIndex[i] ^= 0x10 }
            try Data(damagedIndex).write(to: URL(fileURLWithPath: cacheFile + ".index"))
            #expect(try Publisher.run(check).diagnostics == parsed.diagnostics)
        }
    }

    /// A run that parsed a few articles appends their records; the file is written anew when most
    /// of it is records no run needs, and when its end is damaged.
    @Test func recordsAreAppendedThenCompacted() throws {
        let site = try Self.parsed(try TestContent.fixtureSite("valid"))
        let root = try TemporaryFolder([:])
        let output = root.url("Site")
        let file = BuildCache.folder(for: output) + "/Site.articles"
        let size = { () throws -> Int in try #require(FileManager.default.contents(atPath: file)).count }
        func run(changing changed: Int?, to hash: UInt64) throws -> ArticleCache {
            let cache = ArticleCache(output: output, tool: 1)
            for (i, (article, outline)) in zip(site.articles, site.outlines).enumerated() {
                let h = i == changed ? hash : UInt64(i)
                if cache.lookup(article.file, hash: h) == nil { cache.store(article, outline, hash: h, signature: nil) }
            }
            try cache.save()
            return cache
        }
        _ = try run(changing: nil, to: 0)
        let first = try size()
        let before = try #require(FileManager.default.contents(atPath: file))
        // The index is apart from the records: a run reads every entry, and only the records it needs.
        let indexBefore = try #require(FileManager.default.contents(atPath: file + ".index"))
        #expect(indexBefore.count * 5 < first, "entries only, no records in the index")
        _ = try run(changing: 0, to: 100)
        let after = try #require(FileManager.default.contents(atPath: file))
        #expect(after.count > first && after.prefix(first) == before, "appended, the rest untouched")
        let indexAfter = try #require(FileManager.default.contents(atPath: file + ".index"))
        #expect(indexAfter.count > indexBefore.count && indexAfter.prefix(indexBefore.count) == indexBefore)
        // The changed article is found with its new hash, the others as before.
        let reread = ArticleCache(output: output, tool: 1)
        #expect(reread.lookup(site.articles[0].file, hash: 100) != nil)
        #expect(reread.lookup(site.articles[0].file, hash: 0) == nil)
        #expect(site.articles.indices.dropFirst().allSatisfy { reread.lookup(site.articles[$0].file, hash: UInt64($0)) != nil })
        // Changing the same article again and again: the file never grows past about twice its use.
        var largest = 0
        for round in 0..<12 {
            _ = try run(changing: 0, to: 200 + UInt64(round))
            largest = max(largest, try size())
        }
        #expect(largest <= first * 2 + 4096)
        // A damaged end of the index: the next save writes both files anew instead of appending.
        let handle = try #require(FileHandle(forWritingAtPath: file + ".index"))
        handle.seekToEndOfFile()
        handle.write(Data([0x05, 0xFF, 0xFF]))
        try handle.close()
        _ = try run(changing: 0, to: 300)
        #expect(try size() == first, "only the records in use, the damaged end gone")
        #expect(ArticleCache(output: output, tool: 1).lookup(site.articles[0].file, hash: 300) != nil)
        #expect(ArticleCache(output: output, tool: 1).count == site.articles.count)
    }

    /// A file whose signature is the one recorded with its hash is taken from the cache without
    /// being read; a change of its content shows in its signature even when its size and
    /// modification time are put back; a signature taken too close to a run's start is not trusted.
    @Test func unchangedSignaturesAreTrustedAndChangesAreSeen() throws {
        let root = try TemporaryFolder([:])
        let content = root.url("Content")
        try FileManager.default.copyItem(atPath: try TestContent.fixtureSite("valid"), toPath: content)
        let output = root.url("Site")
        // Files written just now are racy for a run starting now; runs "a minute later" are not.
        let later = FileSignature.now() + 60_000_000_000
        func load(now: Int64) throws -> (Site, ArticleCache) {
            let cache = ArticleCache(output: output, tool: 1, now: now)
            let site = try Publisher.load(content, hashSources: true, dropBodies: true, articleCache: cache).0
            try cache.save()
            return (site, cache)
        }
        let (first, firstCache) = try load(now: FileSignature.now())
        #expect(firstCache.trustedCount == 0)
        // Racy signatures were not kept: the next run reads every file (and keeps their signatures).
        let (_, racy) = try load(now: later)
        #expect(racy.trustedCount == 0)
        let (same, trusting) = try load(now: later)
        // Articles and bibliography files alike.
        #expect(trusting.trustedCount == first.articles.count + first.bibliographyFiles.count)
        #expect(same.articles.map(\.frontMatter) == first.articles.map(\.frontMatter))
        #expect(same.references == first.references)
        #expect(same.outlines == first.outlines)
        // One article's question changes, same size, modification time put back.
        let path = first.articles[0].file.absolutePath
        var before = stat()
        #expect(stat(path, &before) == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let question = try #require(first.articles[0].frontMatter.question?.value)
        let changed = String(question.reversed().dropFirst()) + "?"
        try text.replacingOccurrences(of: question, with: changed).write(toFile: path, atomically: false, encoding: .utf8)
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(after.st_size == before.st_size && after.st_mtim.tv_sec == before.st_mtim.tv_sec
                && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec && after.st_ino == before.st_ino)
        let (edited, afterEdit) = try load(now: later + 1)
        #expect(edited.articles[0].frontMatter.question?.value == changed)
        #expect(afterEdit.trustedCount == first.articles.count - 1 + first.bibliographyFiles.count)
        // A bibliography entry's title changes, same size, modification time put back: read again.
        let bibliography = root.url("Content/" + (try #require(first.references.first?.file)).split(separator: "/").suffix(2).joined(separator: "/"))
        var bibliographyBefore = stat()
        #expect(stat(bibliography, &bibliographyBefore) == 0)
        let json = try String(contentsOfFile: bibliography, encoding: .utf8)
        let title = try #require(first.references.first?.title)
        let newTitle = String(title.reversed())
        try json.replacingOccurrences(of: title, with: newTitle).write(toFile: bibliography, atomically: false, encoding: .utf8)
        var bibliographyTimes = [bibliographyBefore.st_atim, bibliographyBefore.st_mtim]
        #expect(utimensat(AT_FDCWD, bibliography, &bibliographyTimes, 0) == 0)
        let (reread, _) = try load(now: later + 2)
        #expect(reread.references.first?.title == newTitle)
    }

    /// `--check` reads the cache but never writes it.
    @Test func checkWritesNoCache() throws {
        let root = try TemporaryFolder([:])
        let content = root.url("Content")
        try FileManager.default.copyItem(atPath: try TestContent.fixtureSite("valid"), toPath: content)
        _ = try Publisher.run(.init(content: content, output: root.url("Site"), mode: .check, today: TestContent.today))
        #expect(!FileManager.default.fileExists(atPath: BuildCache.folder(for: root.url("Site"))))
    }
}
