import Foundation

/// What the parse stage made of each article in an earlier run, keyed by the hash of the article's
/// text and by this program, so that a rebuild reads unchanged articles instead of parsing them.
///
/// Kept in `.publish-cache/<output name>.articles` beside the output folder. It holds what the
/// parse stage keeps once a tree is dropped (front matter, body findings and exemptions, outline),
/// never rendered pages. A missing, stale or damaged file costs a parse, never a wrong result:
/// every record is checked against the article's current hash and its own checksum and read with
/// bounds checks, and a record that fails any of these is parsed again.
///
/// Each entry also keeps the file's ``FileSignature`` as it was when its text was read: a run
/// takes the hash of a file whose signature is unchanged (and not racy) without reading the file.
///
/// Two files: `<output name>.articles` holds the records back to back after a header, and
/// `<output name>.articles.index` a list of entries (path, hashes, signature, where the record is),
/// later entries overriding earlier ones for the same path. Both headers carry the same generation,
/// so an index is never read against another records file. A run that changed a few articles
/// appends their records, then their entries; both files are written anew only when more than half
/// of the records would be ones no run needs any more (or the index's end is damaged). The index
/// is apart from the records so that a rebuild, which needs every entry and a few records, reads
/// about a megabyte at 10,000 articles rather than all 35 MB (fourteenth session).
public final class ArticleCache: @unchecked Sendable {
    /// Where a record is in the file that was read.
    private struct Entry: Sendable {
        var hash: UInt64
        var checksum: UInt64
        /// The file's signature when the text with `hash` was read, and when (nanoseconds since 1970)
        /// the run that read it started.
        var signature: FileSignature?
        var signedAt: Int64
        var offset: Int
        var length: Int
    }

    private static let recordsMagic = Array("guideline-press article records 6\n".utf8)
    private static let indexMagic = Array("guideline-press article index 6\n".utf8)
    /// The records file's path; the index is at `path + ".index"`.
    private let path: String
    private var indexPath: String { path + ".index" }
    private let tool: UInt64
    /// The records file as read: mapped into memory (read-only, private), unmapped with the cache.
    /// A rewrite renames a new file over it and appends only add past the mapped length, so the
    /// mapping stays valid. Only the records a run looks up are touched.
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The mappings of the records and of the index (`nil` when a file is missing).
    private let mapped: (records: MappedFile?, index: MappedFile?)
    private let entries: [String: Entry]
    /// Whether new records and entries may be appended to the files read: they are this program's,
    /// of one generation, and the index read whole to its end, every entry within the records.
    private let appendable: Bool
    private let lock = NSLock()
    /// Records made in this run, by path, with the file's signature.
    private var fresh: [String: (hash: UInt64, signature: FileSignature?, record: [UInt8])] = [:]
    /// Records read that stay as they are but under a new signature (a file touched, or one read
    /// because its signature was racy), by path.
    private var resigned: [String: FileSignature] = [:]
    /// When this run started, before it looked at any file: the time its signatures are taken at.
    private let runStart: Int64
    /// How many lookups took a file's hash from its signature, without reading the file.
    public private(set) var trustedCount = 0
    /// The files this run read, by path, with their hashes: the records the next run needs.
    private var current: [String: UInt64] = [:]

    /// Whether this run keeps what it makes for the next (not for `--check`, which writes nothing).
    private let keepsRecords: Bool

    /// Reads the cache of the build of `output` made by the program identified by `tool`; with
    /// `readOnly`, records are looked up but none are made. `now` is the run's start (tests move it).
    public init(output: String, tool: UInt64, readOnly: Bool = false, now: Int64 = FileSignature.now()) {
        keepsRecords = !readOnly
        runStart = now
        let url = URL(fileURLWithPath: output).standardizedFileURL
        path = (BuildCache.folder(for: output) as NSString).appendingPathComponent(url.lastPathComponent + ".articles")
        self.tool = tool
        mapped = (MappedFile(path: path), MappedFile(path: path + ".index"))
        bytes = mapped.records?.bytes ?? UnsafeBufferPointer(start: nil, count: 0)
        let index = Self.index(mapped.index?.bytes ?? UnsafeBufferPointer(start: nil, count: 0), records: bytes, tool: tool)
        entries = index.entries
        appendable = index.isWhole
        // A run notes about as many files as the last one had: without room made first, the
        // dictionary of 10,000 paths was rehashed as it grew, a third of noting them.
        current.reserveCapacity(entries.count)
    }

    /// The header both files start with: their magic, the program and the generation.
    private static func header(_ magic: [UInt8], tool: UInt64, generation: UInt64) -> [UInt8] {
        var w = BinaryWriter()
        w.raw(magic)
        w.uint64(tool)
        w.uint64(generation)
        return w.bytes
    }

    /// The generation in a header of this program with `magic`, and where the header ends.
    private static func generation(_ bytes: UnsafeBufferPointer<UInt8>, magic: [UInt8], tool: UInt64) -> (UInt64, Int)? {
        var r = BinaryReader(bytes)
        guard let head = try? r.raw(magic.count), head.elementsEqual(magic), (try? r.uint64()) == tool,
              let generation = try? r.uint64() else { return nil }
        return (generation, r.offset)
    }

    /// The entries of `index` by file path (the last entry for a path wins), if it and `records`
    /// are of this program and of one generation, up to the first entry that does not read; and
    /// whether all of it read, every record within `records`.
    private static func index(_ index: UnsafeBufferPointer<UInt8>, records: UnsafeBufferPointer<UInt8>,
                              tool: UInt64) -> (entries: [String: Entry], isWhole: Bool) {
        guard let (generation, start) = Self.generation(index, magic: indexMagic, tool: tool),
              let (recordsGeneration, recordsStart) = Self.generation(records, magic: recordsMagic, tool: tool),
              generation == recordsGeneration else { return ([:], false) }
        var r = BinaryReader(index, at: start)
        var entries: [String: Entry] = [:]
        // Entries are about a hundred bytes each: room for the usual number at once.
        entries.reserveCapacity(min(index.count / 64, 1 << 20))
        while !r.isAtEnd {
            var next = r
            do {
                let path = try next.string(), hash = try next.uint64(), checksum = try next.uint64()
                let signature = try next.optional { try FileSignature(device: $0.uint64(), inode: $0.uint64(),
                    size: Int64($0.signedInt()), modified: Int64($0.signedInt()), changed: Int64($0.signedInt())) }
                let signedAt = try next.signedInt(), offset = try next.int(), length = try next.int()
                guard offset >= recordsStart, length <= records.count - offset else { throw BinaryReader.Damaged() }
                entries[path] = Entry(hash: hash, checksum: checksum, signature: signature, signedAt: Int64(signedAt),
                                      offset: offset, length: length)
            } catch {
                return (entries, false)
            }
            r = next
        }
        return (entries, true)
    }

    /// How many records were read.
    public var count: Int { entries.count }

    /// The hash of the text of the file at `path` as an earlier run read it, when the file's
    /// signature is still the one it had then and was not racy: the file need not be read.
    func trustedHash(_ path: String, signature: FileSignature?) -> UInt64? {
        guard let signature, let entry = entries[path], entry.signature == signature,
              !signature.isRacy(signedAt: entry.signedAt) else { return nil }
        lock.withLock { trustedCount += 1 }
        return entry.hash
    }

    /// The record of the file at `path` whose text has `hash`, when there is one and it is whole;
    /// `signature` is the file's as it was read (`nil` when it was not read, its hash trusted).
    /// With `asCurrent` false, the record is only read: the file's text in this run is another.
    private func record(_ path: String, hash: UInt64, signature: FileSignature? = nil,
                        asCurrent: Bool = true) -> UnsafeBufferPointer<UInt8>? {
        if asCurrent { note(path, hash: hash, signature: signature) }
        guard let entry = entries[path], entry.hash == hash else { return nil }
        let record = UnsafeBufferPointer(rebasing: bytes[entry.offset..<entry.offset + entry.length])
        var checksum = StableHash()
        checksum.combine(bytes: record)
        return checksum.value == entry.checksum ? record : nil
    }

    /// Notes that the file at `path` has the text with `hash` in this run, so that its record, when
    /// there is one, is kept for the next run; `signature` is the file's as it was read (`nil` when
    /// its hash was trusted). The record itself is not read. Safe to call from several threads.
    func note(_ path: String, hash: UInt64, signature: FileSignature?) {
        lock.withLock { current[path] = hash }
        guard let entry = entries[path], entry.hash == hash else { return }
        if keepsRecords, let signature, signature != entry.signature || signature.isRacy(signedAt: entry.signedAt),
           !signature.isRacy(signedAt: runStart) {
            // The same text under a new signature: kept so that the next run need not read the file.
            lock.withLock { resigned[path] = signature }
        }
    }

    /// Keeps a record made in this run. Safe to call from several threads.
    private func store(_ path: String, hash: UInt64, signature: FileSignature?, _ record: @autoclosure () -> [UInt8]?) {
        guard keepsRecords else { return }
        let record = record()
        // A signature taken too close to this run's start is not kept: the next run reads the file.
        let kept = signature.flatMap { $0.isRacy(signedAt: runStart) ? nil : $0 }
        lock.withLock {
            current[path] = hash
            if let record { fresh[path] = (hash, kept, record) }
        }
    }

    /// The article at `file` as parsed in an earlier run, when its text still has `hash`;
    /// `signature` is the file's as it was read (`nil` when its hash was trusted).
    /// With `asCurrent` false, the text with `hash` is an earlier one, not the file's in this run.
    func lookup(_ file: SourceFile, hash: UInt64, signature: FileSignature? = nil, asCurrent: Bool = true) -> (Article, ArticleOutline)? {
        guard let record = record(file.relativePath, hash: hash, signature: signature, asCurrent: asCurrent) else { return nil }
        return try? Self.decode(record, file: file)
    }

    /// Keeps a freshly parsed article (tree already dropped) for the next run, with the signature
    /// its file had when it was read. Safe to call from several threads.
    func store(_ article: Article, _ outline: ArticleOutline, hash: UInt64, signature: FileSignature?) {
        store(article.file.relativePath, hash: hash, signature: signature, Self.encode(article, outline))
    }

    /// The bibliography at `file` as read in an earlier run, when its text still has `hash`;
    /// `signature` is the file's as it was read (`nil` when it was not read, its hash trusted).
    func lookupBibliography(_ file: SourceFile, hash: UInt64, signature: FileSignature? = nil) -> ([Reference], [Diagnostic])? {
        guard let record = record(file.relativePath, hash: hash, signature: signature) else { return nil }
        return try? Self.decodeBibliography(record, file: file.displayPath)
    }

    /// Keeps a freshly read bibliography for the next run. Safe to call from several threads.
    func storeBibliography(_ file: SourceFile, hash: UInt64, signature: FileSignature? = nil,
                           references: [Reference], diagnostics: [Diagnostic]) {
        store(file.relativePath, hash: hash, signature: signature,
              Self.encode(references: references, diagnostics: diagnostics, file: file.displayPath))
    }

    /// Keeps this run's fresh records: appended when the files read are whole and the records
    /// would stay at least half useful, else both files written anew with the records read that
    /// still match. Nothing is written when nothing was parsed or signed anew.
    func save() throws {
        guard keepsRecords else { return }
        let (fresh, current, resigned) = lock.withLock { (self.fresh, self.current, self.resigned) }
        // Records of files that are gone, or of texts that changed, stay behind unused until the
        // file is written anew: lookups go by path and hash, so they are never taken.
        let changed = fresh.keys.filter { current[$0] == fresh[$0]!.hash }.sorted()
        // Records read again under a new signature get a new entry (the record stays where it is).
        let renewed = resigned.keys.filter { fresh[$0] == nil && entries[$0]?.hash == current[$0] }.sorted()
        guard !changed.isEmpty || !renewed.isEmpty else { return }
        // The records read that are still of use: every current one but those written fresh. One
        // pass over 10,000 paths (a third of the hashing three passes took); the list of them is
        // only made, and sorted, when the file is written anew.
        func isKept(_ key: String, _ hash: UInt64) -> Bool { fresh[key]?.hash != hash && entries[key]?.hash == hash }
        var keptBytes = 0
        for (key, hash) in current { if let entry = entries[key], entry.hash == hash { keptBytes += entry.length } }
        for key in changed { if let entry = entries[key], entry.hash == current[key] { keptBytes -= entry.length } }
        let freshBytes = changed.reduce(0) { $0 + fresh[$1]!.record.count }
        let useful = keptBytes + freshBytes
        let total = bytes.count + freshBytes
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        func entry(_ w: inout ChunkedFile, _ key: String, hash: UInt64, checksum: UInt64, signature: FileSignature?,
                   signedAt: Int64, offset: Int, length: Int) {
            w.buffer.string(key)
            w.buffer.uint64(hash)
            w.buffer.uint64(checksum)
            w.buffer.optional(signature) { w, s in
                w.uint64(s.device); w.uint64(s.inode)
                w.signedInt(Int(s.size)); w.signedInt(Int(s.modified)); w.signedInt(Int(s.changed))
            }
            w.buffer.signedInt(Int(signedAt))
            w.buffer.int(offset)
            w.buffer.int(length)
            w.flushIfFull()
        }
        func checksum(_ record: [UInt8]) -> UInt64 {
            var h = StableHash()
            record.withUnsafeBufferPointer { h.combine(bytes: $0) }
            return h.value
        }
        if appendable, useful * 2 >= total {
            // The records first, then the entries that name them: a run stopped between the two
            // leaves records no entry names, never an entry without its record.
            var offsets: [Int] = []
            try ChunkedFile.write(path, appending: true) { w in
                for key in changed {
                    offsets.append(w.offset)
                    w.buffer.raw(fresh[key]!.record)
                    w.flushIfFull()
                }
            }
            try ChunkedFile.write(indexPath, appending: true) { w in
                for (key, offset) in zip(changed, offsets) {
                    let e = fresh[key]!
                    entry(&w, key, hash: e.hash, checksum: checksum(e.record), signature: e.signature, signedAt: runStart,
                          offset: offset, length: e.record.count)
                }
                for key in renewed {
                    let e = entries[key]!
                    entry(&w, key, hash: e.hash, checksum: e.checksum, signature: resigned[key], signedAt: runStart,
                          offset: e.offset, length: e.length)
                }
            }
            return
        }
        // Written anew under a new generation, records then index, each renamed over the old file
        // once whole: between the two renames the index's generation is not the records', and the
        // files are not read.
        let generation = UInt64.random(in: 1...UInt64.max)
        let kept = current.filter { isKept($0.key, $0.value) }.keys.sorted()
        var offsets: [Int] = []
        try ChunkedFile.write(path + ".new", appending: false) { w in
            w.buffer.raw(Self.header(Self.recordsMagic, tool: tool, generation: generation))
            for key in kept {
                let e = entries[key]!
                offsets.append(w.offset)
                w.buffer.raw(UnsafeBufferPointer(rebasing: bytes[e.offset..<e.offset + e.length]))
                w.flushIfFull()
            }
            for key in changed {
                offsets.append(w.offset)
                w.buffer.raw(fresh[key]!.record)
                w.flushIfFull()
            }
        }
        try ChunkedFile.write(indexPath + ".new", appending: false) { w in
            w.buffer.raw(Self.header(Self.indexMagic, tool: tool, generation: generation))
            for (key, offset) in zip(kept, offsets) {
                let e = entries[key]!
                let signature = resigned[key] ?? e.signature
                entry(&w, key, hash: e.hash, checksum: e.checksum, signature: signature,
                      signedAt: resigned[key] != nil ? runStart : e.signedAt, offset: offset, length: e.length)
            }
            for (key, offset) in zip(changed, offsets.dropFirst(kept.count)) {
                let e = fresh[key]!
                entry(&w, key, hash: e.hash, checksum: checksum(e.record), signature: e.signature, signedAt: runStart,
                      offset: offset, length: e.record.count)
            }
        }
        for (temporary, final) in [(path + ".new", path), (indexPath + ".new", indexPath)] where rename(temporary, final) != 0 {
            throw Publisher.Failure("cannot write the article cache '\(final)': \(String(cString: strerror(errno)))")
        }
    }
}

/// A file written through a buffer flushed in large writes, so that no copy of a whole cache is
/// made; ``offset`` is where the next byte lands in the file.
private struct ChunkedFile {
    var buffer = BinaryWriter()
    private let descriptor: Int32
    /// The file's length before this writer, plus what it has flushed.
    private var flushed: Int
    private var failed = false

    /// Where the next byte written lands in the file.
    var offset: Int { flushed + buffer.bytes.count }

    private init(descriptor: Int32, length: Int) {
        self.descriptor = descriptor
        flushed = length
    }

    mutating func flushIfFull() {
        if buffer.bytes.count >= 1 << 20 { flush() }
    }

    private mutating func flush() {
        buffer.bytes.withUnsafeBufferPointer { chunk in
            if !failed { failed = !WriteAll.write(chunk, to: descriptor) }
        }
        flushed += buffer.bytes.count
        buffer = BinaryWriter()
    }

    /// Writes what `produce` puts in the buffer to the file at `path` (a new file, or appended).
    static func write(_ path: String, appending: Bool, _ produce: (inout ChunkedFile) -> Void) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (appending ? O_APPEND : O_TRUNC), 0o644)
        guard descriptor >= 0 else {
            throw Publisher.Failure("cannot write the article cache '\(path)': \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw Publisher.Failure("cannot write the article cache '\(path)': \(String(cString: strerror(errno)))")
        }
        var writer = ChunkedFile(descriptor: descriptor, length: appending ? Int(info.st_size) : 0)
        produce(&writer)
        writer.flush()
        if writer.failed {
            throw Publisher.Failure("cannot write the article cache '\(path)': \(String(cString: strerror(errno)))")
        }
    }
}
