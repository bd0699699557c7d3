import Foundation

/// What the parse stage made of each article in an earlier run, keyed by the hash of the article's
/// text and by this program, so that a rebuild reads unchanged articles instead of parsing them.
///
/// Kept in `.publish-cache/<output name>.articles` beside the output folder. It holds what the
/// parse stage keeps once a tree is dropped (front matter, body findings and exemptions, outline),
/// never rendered pages. A missing, stale or damaged file costs a parse, never a wrong result:
/// every record is checked against the article's current hash and its own checksum and read with
/// bounds checks, and a record that fails any of these is parsed again.
public final class ArticleCache: @unchecked Sendable {
    /// Where a record is in the file that was read.
    private struct Entry {
        var hash: UInt64
        var checksum: UInt64
        var offset: Int
        var length: Int
    }

    private static let magic = Array("guideline-press articles 2\n".utf8)
    private let path: String
    private let tool: UInt64
    private let bytes: [UInt8]
    private let entries: [String: Entry]
    private let lock = NSLock()
    private var fresh: [String: (hash: UInt64, record: [UInt8])] = [:]

    /// Reads the cache of the build of `output` made by the program identified by `tool`.
    public init(output: String, tool: UInt64) {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        path = (BuildCache.folder(for: output) as NSString).appendingPathComponent(url.lastPathComponent + ".articles")
        self.tool = tool
        let data = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
        bytes = data
        entries = (try? data.withUnsafeBufferPointer { try Self.index($0, tool: tool) }) ?? [:]
    }

    /// The records of `bytes` by article path, if it is a cache file of this program.
    private static func index(_ bytes: UnsafeBufferPointer<UInt8>, tool: UInt64) throws -> [String: Entry] {
        var r = BinaryReader(bytes)
        guard Array(try r.raw(magic.count)) == magic, try r.uint64() == tool else { return [:] }
        let count = try r.int()
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(min(count, bytes.count))
        for _ in 0..<count {
            let path = try r.string(), hash = try r.uint64(), checksum = try r.uint64(), length = try r.int()
            let offset = r.offset
            _ = try r.raw(length)
            entries[path] = Entry(hash: hash, checksum: checksum, offset: offset, length: length)
        }
        return entries
    }

    /// How many records were read.
    public var count: Int { entries.count }

    /// The article at `file` as parsed in an earlier run, when its text still has `hash`.
    func lookup(_ file: SourceFile, hash: UInt64) -> (Article, ArticleOutline)? {
        guard let entry = entries[file.relativePath], entry.hash == hash else { return nil }
        return try? bytes.withUnsafeBufferPointer { all in
            let record = UnsafeBufferPointer(rebasing: all[entry.offset..<entry.offset + entry.length])
            var checksum = StableHash()
            checksum.combine(bytes: record)
            guard checksum.value == entry.checksum else { throw BinaryReader.Damaged() }
            return try Self.decode(record, file: file)
        }
    }

    /// Keeps a freshly parsed article (tree already dropped) for the next run. Safe to call from several threads.
    func store(_ article: Article, _ outline: ArticleOutline, hash: UInt64) {
        guard let record = Self.encode(article, outline) else { return }
        lock.withLock { fresh[article.file.relativePath] = (hash, record) }
    }

    /// Writes the records of `articles` (path and hash, in order): fresh ones, and the ones read
    /// that still match. Nothing is written when nothing changed.
    func save(_ articles: [(path: String, hash: UInt64)]) throws {
        let fresh = lock.withLock { self.fresh }
        guard !fresh.isEmpty || articles.count != entries.count
                || articles.contains(where: { entries[$0.path]?.hash != $0.hash }) else { return }
        var w = BinaryWriter()
        w.raw(Self.magic)
        w.uint64(tool)
        var kept: [(String, UInt64, ArraySlice<UInt8>)] = []
        for (path, hash) in articles {
            if let new = fresh[path], new.hash == hash {
                kept.append((path, hash, new.record[...]))
            } else if let old = entries[path], old.hash == hash {
                kept.append((path, hash, bytes[old.offset..<old.offset + old.length]))
            }
        }
        w.int(kept.count)
        for (path, hash, record) in kept {
            var checksum = StableHash()
            checksum.combine(bytes: record)
            w.string(path)
            w.uint64(hash)
            w.uint64(checksum.value)
            w.int(record.count)
            w.raw(record)
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(w.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
