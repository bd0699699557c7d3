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
    private struct Entry: Sendable {
        var hash: UInt64
        var checksum: UInt64
        var offset: Int
        var length: Int
    }

    private static let magic = Array("guideline-press articles 3\n".utf8)
    private let path: String
    private let tool: UInt64
    /// The file as read (owned: freed with the cache).
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let entries: [String: Entry]
    private let lock = NSLock()
    /// Records made in this run, by path.
    private var fresh: [String: (hash: UInt64, record: [UInt8])] = [:]
    /// The files this run read, by path, with their hashes: the records the next run needs.
    private var current: [String: UInt64] = [:]

    /// Whether this run keeps what it makes for the next (not for `--check`, which writes nothing).
    private let keepsRecords: Bool

    /// Reads the cache of the build of `output` made by the program identified by `tool`; with
    /// `readOnly`, records are looked up but none are made.
    public init(output: String, tool: UInt64, readOnly: Bool = false) {
        keepsRecords = !readOnly
        let url = URL(fileURLWithPath: output).standardizedFileURL
        path = (BuildCache.folder(for: output) as NSString).appendingPathComponent(url.lastPathComponent + ".articles")
        self.tool = tool
        let data = FileManager.default.contents(atPath: path) ?? Data()
        bytes = .allocate(capacity: data.count)
        _ = bytes.initialize(from: data)
        entries = (try? Self.index(UnsafeBufferPointer(bytes), tool: tool)) ?? [:]
    }

    deinit { bytes.deallocate() }

    /// The records of `bytes` by file path, if it is a cache file of this program.
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

    /// The record of the file at `path` whose text has `hash`, when there is one and it is whole.
    private func record(_ path: String, hash: UInt64) -> UnsafeBufferPointer<UInt8>? {
        lock.withLock { current[path] = hash }
        guard let entry = entries[path], entry.hash == hash else { return nil }
        let record = UnsafeBufferPointer(rebasing: bytes[entry.offset..<entry.offset + entry.length])
        var checksum = StableHash()
        checksum.combine(bytes: record)
        return checksum.value == entry.checksum ? record : nil
    }

    /// Keeps a record made in this run. Safe to call from several threads.
    private func store(_ path: String, hash: UInt64, _ record: @autoclosure () -> [UInt8]?) {
        guard keepsRecords else { return }
        let record = record()
        lock.withLock {
            current[path] = hash
            if let record { fresh[path] = (hash, record) }
        }
    }

    /// The article at `file` as parsed in an earlier run, when its text still has `hash`.
    func lookup(_ file: SourceFile, hash: UInt64) -> (Article, ArticleOutline)? {
        guard let record = record(file.relativePath, hash: hash) else { return nil }
        return try? Self.decode(record, file: file)
    }

    /// Keeps a freshly parsed article (tree already dropped) for the next run. Safe to call from several threads.
    func store(_ article: Article, _ outline: ArticleOutline, hash: UInt64) {
        store(article.file.relativePath, hash: hash, Self.encode(article, outline))
    }

    /// The bibliography at `file` as read in an earlier run, when its text still has `hash`.
    func lookupBibliography(_ file: SourceFile, hash: UInt64) -> ([Reference], [Diagnostic])? {
        guard let record = record(file.relativePath, hash: hash) else { return nil }
        return try? Self.decodeBibliography(record, file: file.displayPath)
    }

    /// Keeps a freshly read bibliography for the next run. Safe to call from several threads.
    func storeBibliography(_ file: SourceFile, hash: UInt64, references: [Reference], diagnostics: [Diagnostic]) {
        store(file.relativePath, hash: hash,
              Self.encode(references: references, diagnostics: diagnostics, file: file.displayPath))
    }

    /// Writes the records of the files this run read: fresh ones, and the ones read that still
    /// match. Nothing is written when nothing changed.
    func save() throws {
        guard keepsRecords else { return }
        let (fresh, current) = lock.withLock { (self.fresh, self.current) }
        guard !fresh.isEmpty || current.count != entries.count
                || current.contains(where: { entries[$0.key]?.hash != $0.value }) else { return }
        var w = BinaryWriter()
        w.raw(Self.magic)
        w.uint64(tool)
        var kept: [(String, UInt64, UnsafeBufferPointer<UInt8>)] = []
        var freshRecords: [String: [UInt8]] = [:]
        for (path, hash) in current.sorted(by: { $0.key < $1.key }) {
            if let new = fresh[path], new.hash == hash {
                freshRecords[path] = new.record
            } else if let old = entries[path], old.hash == hash {
                kept.append((path, hash, UnsafeBufferPointer(rebasing: bytes[old.offset..<old.offset + old.length])))
            }
        }
        w.int(kept.count + freshRecords.count)
        func entry(_ path: String, _ hash: UInt64, _ record: UnsafeBufferPointer<UInt8>) {
            var checksum = StableHash()
            checksum.combine(bytes: record)
            w.string(path)
            w.uint64(hash)
            w.uint64(checksum.value)
            w.int(record.count)
            w.raw(record)
        }
        for (path, hash, record) in kept { entry(path, hash, record) }
        for (path, record) in freshRecords.sorted(by: { $0.key < $1.key }) {
            record.withUnsafeBufferPointer { entry(path, fresh[path]!.hash, $0) }
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(w.bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
