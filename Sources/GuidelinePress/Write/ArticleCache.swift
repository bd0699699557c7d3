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
/// The file is a header and a list of entries, later entries overriding earlier ones for the same
/// path: a run that changed a few articles appends their records, and the file is written anew
/// only when more than half of it would be records no run needs any more (or its end is damaged).
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

    private static let magic = Array("guideline-press articles 5\n".utf8)
    private let path: String
    private let tool: UInt64
    /// The file as read: mapped into memory (read-only, private), unmapped with the cache. A rewrite
    /// renames a new file over it and appends only add past the mapped length, so the mapping stays valid.
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The mapping `bytes` are in (empty when there is no cache file).
    private let mapped: MappedFile?
    private let entries: [String: Entry]
    /// Whether new records may be appended to the file read: it is this program's, whole to its end.
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
        mapped = MappedFile(path: path)
        bytes = mapped?.bytes ?? UnsafeBufferPointer(start: nil, count: 0)
        let index = Self.index(bytes, tool: tool)
        entries = index.entries
        appendable = index.isWhole
        // A run notes about as many files as the last one had: without room made first, the
        // dictionary of 10,000 paths was rehashed as it grew, a third of noting them.
        current.reserveCapacity(entries.count)
    }

    /// The records of `bytes` by file path (the last entry for a path wins), if it is a cache file
    /// of this program, up to the first entry that does not read; and whether all of it read.
    private static func index(_ bytes: UnsafeBufferPointer<UInt8>, tool: UInt64) -> (entries: [String: Entry], isWhole: Bool) {
        var r = BinaryReader(bytes)
        guard let head = try? r.raw(magic.count), Array(head) == magic, (try? r.uint64()) == tool else { return ([:], false) }
        var entries: [String: Entry] = [:]
        // Records are kilobytes each (the benchmark's 3.6 KB): room for the usual number at once.
        entries.reserveCapacity(min(bytes.count / 2_048, 1 << 20))
        while !r.isAtEnd {
            var next = r
            do {
                let path = try next.string(), hash = try next.uint64(), checksum = try next.uint64()
                let signature = try next.optional { try FileSignature(device: $0.uint64(), inode: $0.uint64(),
                    size: Int64($0.signedInt()), modified: Int64($0.signedInt()), changed: Int64($0.signedInt())) }
                let signedAt = try next.signedInt(), length = try next.int()
                _ = try next.raw(length)
                entries[path] = Entry(hash: hash, checksum: checksum, signature: signature, signedAt: Int64(signedAt),
                                      offset: next.offset - length, length: length)
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

    /// Keeps this run's fresh records: appended when the file read is whole and would stay at least
    /// half useful, else written anew with the records read that still match. Nothing is written
    /// when nothing was parsed.
    func save() throws {
        guard keepsRecords else { return }
        let (fresh, current, resigned) = lock.withLock { (self.fresh, self.current, self.resigned) }
        // Records of files that are gone, or of texts that changed, stay behind unused until the
        // file is written anew: lookups go by path and hash, so they are never taken.
        let changed = fresh.keys.filter { current[$0] == fresh[$0]!.hash }.sorted()
        // Records read again under a new signature are written again (appended) with it.
        let renewed = resigned.keys.filter { fresh[$0] == nil && entries[$0]?.hash == current[$0] }.sorted()
        guard !changed.isEmpty || !renewed.isEmpty else { return }
        // The records read that are still of use: every current one but those written fresh. One
        // pass over 10,000 paths (a third of the hashing three passes took); the list of them is
        // only made, and sorted, when the file is written anew.
        func isKept(_ key: String, _ hash: UInt64) -> Bool { fresh[key]?.hash != hash && entries[key]?.hash == hash }
        var keptBytes = 0
        for (key, hash) in current { if let entry = entries[key], entry.hash == hash { keptBytes += entry.length } }
        for key in changed { if let entry = entries[key], entry.hash == current[key] { keptBytes -= entry.length } }
        let freshBytes = changed.reduce(0) { $0 + fresh[$1]!.record.count } + renewed.reduce(0) { $0 + entries[$1]!.length }
        let useful = keptBytes + freshBytes
        let total = bytes.count + freshBytes
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        func emitFresh(_ emit: (String, UInt64, FileSignature?, Int64, UnsafeBufferPointer<UInt8>) -> Void) {
            for key in changed {
                let entry = fresh[key]!
                entry.record.withUnsafeBufferPointer { emit(key, entry.hash, entry.signature, runStart, $0) }
            }
        }
        func emitRecord(_ key: String, signature: FileSignature?, signedAt: Int64,
                        _ emit: (String, UInt64, FileSignature?, Int64, UnsafeBufferPointer<UInt8>) -> Void) {
            let entry = entries[key]!
            emit(key, entry.hash, signature, signedAt, UnsafeBufferPointer(rebasing: bytes[entry.offset..<entry.offset + entry.length]))
        }
        if appendable, useful * 2 >= total {
            try write(to: path, appending: true) { emit in
                emitFresh(emit)
                for key in renewed { emitRecord(key, signature: resigned[key], signedAt: runStart, emit) }
            }
            return
        }
        let temporary = path + ".new"
        try write(to: temporary, appending: false) { emit in
            for key in current.filter({ isKept($0.key, $0.value) }).keys.sorted() {
                if let signature = resigned[key] {
                    emitRecord(key, signature: signature, signedAt: runStart, emit)
                } else {
                    emitRecord(key, signature: entries[key]!.signature, signedAt: entries[key]!.signedAt, emit)
                }
            }
            emitFresh(emit)
        }
        guard rename(temporary, path) == 0 else {
            throw Publisher.Failure("cannot write the article cache '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    /// Writes entries to the file at `file` (a new file with the header, or appended), through a
    /// buffer flushed in large writes, so that no copy of the whole cache is made.
    private func write(to file: String, appending: Bool,
                       _ entries: ((String, UInt64, FileSignature?, Int64, UnsafeBufferPointer<UInt8>) -> Void) -> Void) throws {
        let descriptor = open(file, O_WRONLY | O_CREAT | O_CLOEXEC | (appending ? O_APPEND : O_TRUNC), 0o644)
        guard descriptor >= 0 else {
            throw Publisher.Failure("cannot write the article cache '\(file)': \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var failed = false
        var buffer = BinaryWriter()
        func flush() {
            buffer.bytes.withUnsafeBufferPointer { chunk in
                if !failed { failed = !WriteAll.write(chunk, to: descriptor) }
            }
            buffer = BinaryWriter()
        }
        if !appending {
            buffer.raw(Self.magic)
            buffer.uint64(tool)
        }
        entries { path, hash, signature, signedAt, record in
            var checksum = StableHash()
            checksum.combine(bytes: record)
            buffer.string(path)
            buffer.uint64(hash)
            buffer.uint64(checksum.value)
            buffer.optional(signature) { w, s in
                w.uint64(s.device); w.uint64(s.inode)
                w.signedInt(Int(s.size)); w.signedInt(Int(s.modified)); w.signedInt(Int(s.changed))
            }
            buffer.signedInt(Int(signedAt))
            buffer.int(record.count)
            buffer.raw(record)
            if buffer.bytes.count >= 1 << 20 { flush() }
        }
        flush()
        if failed {
            throw Publisher.Failure("cannot write the article cache '\(file)': \(String(cString: strerror(errno)))")
        }
    }
}
