import Foundation

/// What an earlier build made: for each article page, the key of everything it was built from.
///
/// Kept in `.publish-cache/<output name>.manifest` beside the output folder, never inside it. A
/// page whose key is unchanged is taken from the previous output instead of being rendered again.
/// The manifest is removed before the new site replaces the old one and written again after, so a
/// build that stops half-way can never pair an old key with a new page.
///
/// Each line is a file of the site: `<key>.<stamp> <path>` for an article or list page (key and
/// stamp in hexadecimal), `-.<stamp> <path>` for a file without a key (always written anew by a
/// whole build). The stamp (``FileSignature/stamp``) is the file's as the build wrote it: a file
/// edited by hand since, or one of a newer build beside a cache restored from an older one, has
/// another and is not trusted (``previousFilesAreAsWritten(in:)``, ``previousStamp(_:)``).
public final class BuildCache: @unchecked Sendable {
    private let manifest: String
    private let previous: [String: UInt64]
    private let lock = NSLock()
    private var current: [String: UInt64] = [:]
    /// Files of the previous build that have no key (always written), and of this one.
    private let previousFiles: Set<String>
    private var files: Set<String> = []
    /// The stamp of each file of the previous build, as it wrote them; and this build's, once known.
    private let previousStamps: [String: UInt64]
    private var stamps: [String: UInt64] = [:]
    /// The articles' order by question in the previous build (indexes in article order), with its key.
    private let previousOrder: (key: UInt64, order: [Int])?
    /// The order to keep for the next build.
    private var order: (key: UInt64, order: [Int])?
    /// What every page of the previous build depended on (tool, mode, templates, `site.yaml`), and this build's.
    public let previousBase: UInt64?
    private var base: UInt64?
    /// The previous manifest as read, and, after ``carryOver(rewriting:order:)``, the pages it
    /// rewrote: then ``save()`` writes the previous lines but theirs instead of sorting 10,000 keys.
    private let previousBytes: [UInt8]
    private var carried: Set<String>?

    /// The cache folder of the build of `output`: `.publish-cache` beside it.
    public static func folder(for output: String) -> String {
        URL(fileURLWithPath: output).standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent(".publish-cache").path
    }

    /// Whether an earlier build left keys to compare with.
    public var hasPrevious: Bool { !previous.isEmpty }

    /// Reads the manifest of the build of `output`, if there is one.
    public init(output: String) {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        manifest = (Self.folder(for: output) as NSString).appendingPathComponent(url.lastPathComponent + ".manifest")
        var entries: [String: UInt64] = [:]
        var files: Set<String> = []
        var stamps: [String: UInt64] = [:]
        var order: (UInt64, [Int])?
        var base: UInt64?
        let data = FileManager.default.contents(atPath: manifest)
        if let data {
            // Read on bytes: the manifest of 10,000 articles has 10,000 lines, and splitting them
            // as Substrings cost most of a rebuild's start.
            data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                let bytes = raw.bindMemory(to: UInt8.self)
                entries.reserveCapacity(bytes.count / 64)
                var start = 0
                while start < bytes.count {
                    var end = start
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                    let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    start = end + 1
                    guard let space = line.firstIndex(of: UInt8(ascii: " ")) else { continue }
                    let head = UnsafeBufferPointer(rebasing: line[..<space])
                    let rest = UnsafeBufferPointer(rebasing: line[(space + 1)...])
                    if let file = Self.fileHead(head) {
                        guard !rest.isEmpty else { continue }
                        let path = String(decoding: rest, as: UTF8.self)
                        if let key = file.key { entries[path] = key } else { files.insert(path) }
                        if let stamp = file.stamp { stamps[path] = stamp }
                    } else if head.elementsEqual("base".utf8) {
                        base = Self.hex(rest)
                    } else if head.elementsEqual("order".utf8) {
                        order = Self.order(rest)
                    }
                }
            }
        }
        previous = entries
        previousFiles = files
        previousStamps = stamps
        previousOrder = order
        previousBase = base
        previousBytes = data.map { [UInt8]($0) } ?? []
    }

    /// The head of a file's line: its key (`nil` for `-`, a file without one) and its stamp, when
    /// written (`<key>.<stamp>`, `-.<stamp>`; a line without a stamp is a file not trusted); `nil`
    /// when the line is not a file's.
    static func fileHead(_ head: UnsafeBufferPointer<UInt8>) -> (key: UInt64?, stamp: UInt64?)? {
        let dot = head.firstIndex(of: UInt8(ascii: ".")) ?? head.count
        let first = UnsafeBufferPointer(rebasing: head[..<dot])
        var stamp: UInt64?
        if dot < head.count {
            guard let value = hex(UnsafeBufferPointer(rebasing: head[(dot + 1)...])) else { return nil }
            stamp = value
        }
        if first.count == 1, first[0] == UInt8(ascii: "-") { return (nil, stamp) }
        guard let key = hex(first) else { return nil }
        return (key, stamp)
    }

    /// A lowercase hexadecimal number of 1 to 16 digits, as ``save()`` writes keys; `nil` for anything else.
    private static func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    /// An `order` line's value as ``save()`` writes it: the key in hexadecimal, a space, and the
    /// indexes in decimal joined by commas; `nil` for anything else. Read on bytes: splitting the
    /// 10,000 indexes as Substrings cost 40 M instructions, two thirds of reading the manifest.
    static func order(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, [Int])? {
        guard let space = bytes.firstIndex(of: UInt8(ascii: " ")),
              let key = hex(UnsafeBufferPointer(rebasing: bytes[..<space])) else { return nil }
        var order: [Int] = []
        order.reserveCapacity((bytes.count - space) / 4)
        var value = 0, digits = 0
        for byte in bytes[(space + 1)...] {
            if byte == UInt8(ascii: ",") {
                guard digits > 0 else { return nil }
                order.append(value)
                value = 0
                digits = 0
            } else {
                // Eighteen digits cannot overflow an Int; no index has as many.
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            }
        }
        if digits > 0 { order.append(value) } else if !order.isEmpty || space + 1 < bytes.count { return nil }
        return (key, order)
    }

    /// Records what every page of this build depends on (see ``previousBase``).
    public func recordBase(_ base: UInt64) {
        lock.withLock { self.base = base }
    }

    /// The order of the articles by question (indexes), as the previous build kept it under `key`;
    /// `nil` when it kept none, or one that is not an order of `count` articles.
    public func questionOrder(key: UInt64, count: Int) -> [Int]? {
        guard let previousOrder, previousOrder.key == key, previousOrder.order.count == count else { return nil }
        // Each of 0..<count once.
        var seen = [Bool](repeating: false, count: count)
        for i in previousOrder.order {
            guard i >= 0, i < count, !seen[i] else { return nil }
            seen[i] = true
        }
        return previousOrder.order
    }

    /// The previous build's order of the articles by question, whatever its key, when it orders
    /// `count` articles: a starting point to mend (``SiteRenderer/questionOrder(_:mending:limit:)``).
    public func previousQuestionOrder(count: Int) -> [Int]? {
        guard let previousOrder, previousOrder.order.count == count else { return nil }
        return previousOrder.order
    }

    /// Keeps the order of the articles by question under `key` for the next build (or, with
    /// `nil`, the previous build's order when its key is `key`). Safe to call from several threads.
    public func keepQuestionOrder(key: UInt64, _ order: [Int]?) {
        lock.withLock {
            if let order {
                self.order = (key, order)
            } else if self.order == nil, let previousOrder, previousOrder.key == key {
                self.order = previousOrder
            }
        }
    }

    /// Records a file of this build that has no key. Safe to call from several threads.
    public func record(_ path: String) {
        lock.withLock { _ = files.insert(path); carried = nil }
    }

    /// The files of the previous build that this build did not make (call after recording them all).
    public var stale: [String] {
        lock.withLock {
            // Without building the union of 10,000 paths: keyed pages, then the unkeyed files not among them.
            var gone = previous.keys.filter { current.index(forKey: $0) == nil && !files.contains($0) }
            gone += previousFiles.filter { previous.index(forKey: $0) == nil && current.index(forKey: $0) == nil && !files.contains($0) }
            return gone.sorted()
        }
    }

    /// Whether the page at `path` was built from inputs with this key last time.
    public func isUnchanged(_ path: String, key: UInt64) -> Bool {
        previous[path] == key
    }

    /// Records the key of a page of this build. Safe to call from several threads.
    public func record(_ path: String, key: UInt64) {
        lock.withLock { current[path] = key; carried = nil }
    }

    /// The paths of the previous build's files that start with `prefix`, sorted.
    public func previousPaths(withPrefix prefix: String) -> [String] {
        (previous.keys.filter { $0.hasPrefix(prefix) } + previousFiles.filter { $0.hasPrefix(prefix) && previous[$0] == nil }).sorted()
    }

    /// How many files the previous build made.
    public var previousFileCount: Int { previous.count + previousFiles.count }

    /// The stamp the previous build recorded for the file at `path`, when it recorded one.
    public func previousStamp(_ path: String) -> UInt64? {
        previousStamps[path]
    }

    /// Whether every file the previous build made is still in `output` as it wrote it (its stamp
    /// unchanged): not removed, edited by hand or replaced by another build since.
    public func previousFilesAreAsWritten(in output: String) -> Bool {
        let root = URL(fileURLWithPath: output).standardizedFileURL.path + "/"
        let paths = Array(previous.keys) + Array(previousFiles)
        // Looked up from the output folder's descriptor, so that the kernel walks only each
        // path's own components, not the folder's path 10,000 times over.
        let folder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if folder >= 0 { close(folder) } }
        guard folder >= 0 else { return false }
        return !ConcurrentMap.map(paths) { path in
            guard let stamp = previousStamps[path], !path.hasPrefix("/"),
                  let signature = FileSignature(in: folder, path) else { return false }
            return signature.stamp == stamp
        }.contains(false)
    }

    /// Keeps the previous build's keys, files and question order (or `order`, when questions
    /// changed) for the next build, except the keys of the pages at `rewritten`, which this build
    /// wrote again: they are kept as files without a key, so the next build that compares keys
    /// renders them rather than trust one.
    public func carryOver(rewriting rewritten: [String], order newOrder: (key: UInt64, order: [Int])? = nil) {
        lock.withLock {
            current = previous
            for path in rewritten { current[path] = nil }
            files = previousFiles.union(rewritten)
            stamps = previousStamps
            order = newOrder ?? previousOrder
            carried = Set(rewritten)
        }
    }

    /// Forgets the previous build: call before the new output replaces the old one.
    public func invalidate() {
        try? FileManager.default.removeItem(atPath: manifest)
    }

    /// Writes this build's keys and the stamps of its files, `stamps` (``SiteWriter/writtenStamps``;
    /// after ``carryOver(rewriting:order:)`` the previous build's stamps stand for the files this
    /// one did not write): call once the new output is in place.
    public func save(stamps written: [String: UInt64] = [:]) throws {
        let (carried, order, base, stamps) = lock.withLock { () -> (Set<String>?, (key: UInt64, order: [Int])?, UInt64?, [String: UInt64]) in
            self.stamps.merge(written) { $1 }
            return (self.carried, self.order, self.base, self.stamps)
        }
        // Written as bytes: 10,000 lines joined as Strings took a tenth of a one-article rebuild.
        var out: [UInt8] = []
        out.reserveCapacity(max(previousBytes.count, current.count * 64))
        func line(_ head: String, _ rest: String) {
            out += head.utf8
            out.append(UInt8(ascii: " "))
            out += rest.utf8
            out.append(UInt8(ascii: "\n"))
        }
        // A file's head: its key (or `-`) and its stamp, when it has one.
        func fileHead(_ key: String, _ path: String) -> String {
            stamps[path].map { key + "." + String($0, radix: 16) } ?? key
        }
        if let carried {
            // The previous keys, as they were written (sorted), but the rewritten pages'; the same
            // bytes as sorting them again.
            previousBytes.withUnsafeBufferPointer { bytes in
                var start = 0
                while start < bytes.count {
                    let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                    let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    if let space = line.firstIndex(of: UInt8(ascii: " ")),
                       Self.fileHead(UnsafeBufferPointer(rebasing: line[..<space]))?.key != nil,
                       space + 1 < line.count, !carried.contains(String(decoding: line[(space + 1)...], as: UTF8.self)) {
                        out += line
                        out.append(UInt8(ascii: "\n"))
                    }
                    start = end + 1
                }
            }
        } else {
            for (path, key) in lock.withLock({ current.sorted { $0.key < $1.key } }) { line(fileHead(String(key, radix: 16), path), path) }
        }
        for path in lock.withLock({ files.filter { current[$0] == nil }.sorted() }) { line(fileHead("-", path), path) }
        if let base { line("base", String(base, radix: 16)) }
        if let order {
            // The indexes' digits written straight into the bytes, not as 10,000 Strings joined.
            out += "order \(String(order.key, radix: 16)) ".utf8
            for (n, index) in order.order.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                out.appendDecimal(index)
            }
            out.append(UInt8(ascii: "\n"))
        }
        try Self.writeWhole(out, to: manifest, naming: "the build cache")
    }

    /// Writes a cache file whole (its folder made when missing), through a temporary file renamed
    /// over the old one, so that a reader never sees half of it; `what` names it in the failure.
    ///
    /// Not through Foundation's atomic write, which also `fsync`s: two caches of a rebuild waited
    /// 8.5 ms for the disk, a cache whose loss only costs the next build its shortcuts (a damaged
    /// or missing one is read as no cache). The pages themselves are renamed into place unsynced.
    static func writeWhole(_ bytes: [UInt8], to path: String, naming what: String) throws {
        func failure(_ reason: String) -> Publisher.Failure {
            Publisher.Failure("cannot write \(what) '\(path)': \(reason)")
        }
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
        } catch {
            throw failure(error.localizedDescription)
        }
        let temporary = path + ".publish-new-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure(String(cString: strerror(errno))) }
        let written = bytes.withUnsafeBufferPointer { WriteAll.write($0, to: descriptor) }
        let reason = written ? nil : String(cString: strerror(errno))
        guard close(descriptor) == 0, written, rename(temporary, path) == 0 else {
            let message = reason ?? String(cString: strerror(errno))
            unlink(temporary)
            throw failure(message)
        }
    }
}
