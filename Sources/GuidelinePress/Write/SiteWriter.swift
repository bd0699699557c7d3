import Foundation

/// The write stage: the only code that writes.
///
/// A full build writes into a fresh folder beside the output, which replaces the output only when
/// ``commit(removing:)`` is called, so a failed build leaves the previous site untouched. A rebuild
/// (``init(output:updatingInPlace:)`` with `true`) replaces only the files that changed: each is
/// written beside its old version (`….publish-new`), and only ``commit(removing:)``, once every
/// file is written, renames them over the old ones and removes the files the build no longer
/// makes. A rebuild that fails before (content errors, a full disk) leaves the previous site as it
/// was, and its half-written files are removed when the writer goes away.
public final class SiteWriter: @unchecked Sendable {
    private let output: String
    private let staging: String
    /// Where files are written: the staging folder, or the output itself when updating in place.
    private let root: String
    /// Whether ``root`` is a plain path (``isPlainPath(_:)``), which paths are joined to by bytes.
    private let rootIsPlain: Bool
    /// Whether files are written into the output itself (see ``init(output:updatingInPlace:)``).
    public let updatesInPlace: Bool
    private let lock = NSLock()
    private var count = 0
    /// How many of ``count`` are files of the previous build kept as they were.
    private var reused = 0
    /// Files written beside the ones they replace, waiting for ``commit(removing:)`` (in place only).
    private var pending: [(temporary: String, target: String)] = []
    /// The ``FileSignature/stamp`` of each file of the site this build wrote or kept, by path.
    private var stamps: [String: UInt64] = [:]
    private var committed = false
    /// Whether a file of the new site was written yet (``Checkpoint/firstWrite``).
    private var wroteAny = false
    /// The old files' second names after a rebuild's renames (``replaceAll(_:)``), until
    /// ``removeKeptFiles()`` removes them.
    private var keptOld: [String] = []
    /// What a rebuild appends to a file's path to write its new version beside the old one.
    static let pendingSuffix = ".publish-new"
    /// What a rebuild appends to an old file's path to keep it until every new one is in place.
    static let keptSuffix = ".publish-old"

    /// Prepares a staging folder beside `output`, or with `updatingInPlace` (when `output` exists)
    /// writes into `output` itself. When `output` is a symbolic link, the site is written where
    /// it leads and the link is kept (``target(of:)``).
    public init(output: String, updatingInPlace: Bool = false) throws {
        let url = URL(fileURLWithPath: try Self.target(of: output))
        self.output = url.path
        let parent = url.deletingLastPathComponent().path
        self.staging = Self.stagingPath(for: url.path)
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        updatesInPlace = updatingInPlace && fm.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        root = updatesInPlace ? url.path : staging
        rootIsPlain = Self.isPlainPath(root)
        guard !updatesInPlace else { return }
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
            if fm.fileExists(atPath: staging) { try fm.removeItem(atPath: staging) }
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw Publisher.Failure("cannot prepare the output folder beside '\(output)': \(error.localizedDescription)")
        }
    }

    /// The folder a build of `output` writes: `output` itself, or, when it is a symbolic link (a
    /// chain of them), the folder the link leads to, whether or not it exists yet, as an absolute
    /// path with the links of the folders holding it resolved. A whole build swaps its new site in
    /// for that folder, beside it, and the link stays as it was (`Site -> /var/www/site`: the site
    /// goes to `/var/www/site`, built in `/var/www/.site.building`); it had been replaced by a
    /// plain folder, and the folder it led to left with the previous site.
    static func target(of output: String) throws -> String {
        var path = URL(fileURLWithPath: output).standardizedFileURL.path
        for _ in 0..<32 {
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return OutputGuard.canonical(path) }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(path, &buffer, buffer.count - 1)
            guard length > 0 else {
                throw Publisher.Failure("cannot read the link '\(output)': \(String(cString: strerror(errno)))")
            }
            let destination = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            path = destination.hasPrefix("/") ? destination
                : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
        }
        throw Publisher.Failure("cannot follow the link '\(output)': too many links (a loop?)")
    }

    /// The staging folder of a whole build of `output` (a standardized path): `.<name>.building` beside it.
    static func stagingPath(for output: String) -> String {
        ((output as NSString).deletingLastPathComponent as NSString).appendingPathComponent(".\((output as NSString).lastPathComponent).building")
    }

    /// Clears what a build of `output` killed before it finished (`kill -9`, a power cut) left
    /// beside it: its staging folder, and the previous site renamed aside by a commit stopped half
    /// way (``commit(removing:)``), which is put back when the output is missing (the new site never
    /// arrived) and removed otherwise. Only folders of exactly those names are touched, never a
    /// link or a file. Call before anything else of the build is written, while no other build
    /// can be writing `output`. What a killed rebuild left inside the output (`….publish-new`,
    /// `….publish-old`) needs nothing here: the manifest is removed before the first such file is
    /// written and saved only once none is left, so the build after a killed one finds no manifest
    /// and builds the whole site into a fresh folder, which replaces the output and all that is in it.
    static func clearLeftovers(of output: String) throws {
        let output = try target(of: output)
        let staging = stagingPath(for: output), aside = staging + ".old"
        func isFolder(_ path: String) -> Bool {
            var info = stat()
            return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        }
        func isMissing(_ path: String) -> Bool {
            var info = stat()
            return lstat(path, &info) != 0 && errno == ENOENT
        }
        do {
            if isFolder(aside) {
                if isMissing(output) {
                    try FileManager.default.moveItem(atPath: aside, toPath: output)
                } else {
                    try FileManager.default.removeItem(atPath: aside)
                }
            }
            if isFolder(staging) { try FileManager.default.removeItem(atPath: staging) }
        } catch {
            throw Publisher.Failure("cannot clear what an unfinished build left beside '\(output)': \(error.localizedDescription)")
        }
    }

    deinit {
        if !updatesInPlace { try? FileManager.default.removeItem(atPath: staging) }
        if !committed {
            // A rebuild that did not finish: its new files go, and folders only they were in.
            for (temporary, _) in pending {
                unlink(temporary)
                Self.removeEmptyFolders(above: temporary, upTo: output)
            }
        }
    }

    /// Removes the folders above `file` that are empty, up to (not including) `root`.
    private static func removeEmptyFolders(above file: String, upTo root: String) {
        var folder = (file as NSString).deletingLastPathComponent
        while folder.count > root.count, rmdir(folder) == 0 {
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    /// Writes one file at `path`, relative to the site's root. Safe to call from several threads.
    public func write(_ path: String, _ contents: String) throws {
        var contents = contents
        try contents.withUTF8 { try write(path, bytes: $0) }
    }

    /// Writes one file at `path` from bytes. Safe to call from several threads.
    public func write(_ path: String, bytes: UnsafeBufferPointer<UInt8>) throws {
        try write(path) { emit in emit(bytes) }
    }

    /// Writes one file at `path` from the pieces of bytes that `produce` hands to `emit`, in
    /// order (a spliced page: its old bytes and new pieces, never joined in memory). Safe to call
    /// from several threads.
    public func write(_ path: String, producing produce: (_ emit: (UnsafeBufferPointer<UInt8>) -> Void) -> Void) throws {
        try StopRequest.check()
        let full = try stagedPath(path)
        let written = { () -> UInt64? in
            guard Self.makeFolder(Self.parentFolder(of: full)) else { return nil }
            guard updatesInPlace else { return Self.writeFile(full, produce) }
            let temporary = full + Self.pendingSuffix
            lock.withLock { pending.append((temporary, full)) }
            // The rename that puts it in place keeps its inode and modification time: its stamp.
            return Self.writeFile(temporary, produce)
        }()
        guard let written else {
            throw Publisher.Failure("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        noteWritten(path, stamp: written)
    }

    /// Counts a file this build wrote, with its stamp (`nil`: not known).
    private func noteWritten(_ path: String, stamp: UInt64?) {
        let first = lock.withLock { () -> Bool in
            count += 1
            stamps[path] = stamp
            defer { wroteAny = true }
            return !wroteAny
        }
        if first { Checkpoint.firstWrite.reach() }
    }

    /// Puts the file at `path` of the current output (the previous build) into the new site
    /// unchanged, as a hard link (a copy where links are not possible), when it is still the file
    /// that build wrote: its ``FileSignature/stamp`` is `stamp`, the one the build recorded.
    /// Returns `false`, writing nothing, when the previous output has no such file, or one edited
    /// or replaced since (or no stamp was recorded): the caller then writes it anew. Safe to call
    /// from several threads.
    public func reuse(_ path: String, stamp: UInt64?) -> Bool {
        guard let stamp, let full = try? stagedPath(path) else { return false }
        let previous = updatesInPlace ? full : (output as NSString).appendingPathComponent(path)
        var info = stat()
        guard lstat(previous, &info) == 0, FileSignature(info).stamp == stamp else { return false }
        // When updating in place, the previous build's file is already where it belongs.
        var kept = stamp
        if !updatesInPlace {
            guard Self.makeFolder((full as NSString).deletingLastPathComponent) else { return false }
            if link(previous, full) != 0 {
                guard errno != ENOENT, (try? FileManager.default.copyItem(atPath: previous, toPath: full)) != nil,
                      let copied = FileSignature(path: full) else { return false }
                kept = copied.stamp
            }
        }
        lock.withLock { count += 1; reused += 1; stamps[path] = kept }
        return true
    }

    /// The stamps of the files this build wrote or kept, by path in the site (``BuildCache/save(stamps:)``).
    public var writtenStamps: [String: UInt64] { lock.withLock { stamps } }

    /// The file at `path` of the current output (the previous build), mapped rather than read;
    /// `nil` when there is none.
    func mappedPrevious(_ path: String) -> MappedFile? {
        guard !path.split(separator: "/").contains(".."), !path.hasPrefix("/") else { return nil }
        return MappedFile(path: (output as NSString).appendingPathComponent(path))
    }

    /// The staging path of `path`, which must stay inside the site.
    private func stagedPath(_ path: String) throws -> String {
        // The site's own paths (`articles/<slug>/index.html`) are joined as they are: a plain
        // relative path has no `..` component. NSString's path methods cost thousands of
        // instructions a call, ten thousand calls a build.
        if rootIsPlain, !path.hasPrefix("/"), Self.isPlainPath(path) { return root + "/" + path }
        guard !path.split(separator: "/").contains(".."), !path.hasPrefix("/") else {
            throw Publisher.Failure("refusing to write outside the site: '\(path)'")
        }
        return (root as NSString).appendingPathComponent(path)
    }

    /// `deletingLastPathComponent` of `path`, by bytes when it is a plain path. (The writer's paths
    /// are absolute; this corelibs Foundation traps on a lone component such as `a` or `.`.)
    static func parentFolder(of path: String) -> String {
        guard isPlainPath(path), let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), slash != path.utf8.startIndex
        else { return (path as NSString).deletingLastPathComponent }
        return String(Substring(path.utf8[..<slash]))
    }

    /// Whether NSString's path methods would take `path` as it is: not empty, no trailing slash,
    /// no `//`, no `.` or `..` component.
    static func isPlainPath(_ path: String) -> Bool {
        var length = 0, dotsOnly = true, atStart = true
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                // An empty component is `//` (a leading slash is the root's); `.` and `..` are components too.
                if length == 0 && !atStart || dotsOnly && (length == 1 || length == 2) { return false }
                length = 0
                dotsOnly = true
            } else {
                length += 1
                dotsOnly = dotsOnly && byte == UInt8(ascii: ".")
            }
            atStart = false
        }
        return length > 0 && !(dotsOnly && length <= 2)
    }

    /// `mkdir -p`: one system call when the parent exists, as it almost always does.
    private static func makeFolder(_ folder: String) -> Bool {
        if mkdir(folder, 0o777) == 0 || errno == EEXIST { return true }
        guard errno == ENOENT else { return false }
        let parent = (folder as NSString).deletingLastPathComponent
        guard parent != folder, makeFolder(parent) else { return false }
        return mkdir(folder, 0o777) == 0 || errno == EEXIST
    }

    /// Writes what `produce` emits, in order, to a new file at `path` with plain system calls (no
    /// intermediate copy), and returns its ``FileSignature/stamp``, taken before it is closed; `nil`
    /// when it could not be written (after a failed write the rest is not written).
    private static func writeFile(_ path: String, _ produce: (_ emit: (UnsafeBufferPointer<UInt8>) -> Void) -> Void) -> UInt64? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return nil }
        var failed = false
        produce { bytes in
            if !failed { failed = !WriteAll.write(bytes, to: fd) }
        }
        let signature = failed ? nil : FileSignature(descriptor: fd)
        if signature == nil {
            let saved = errno
            close(fd)
            errno = saved
            return nil
        }
        return close(fd) == 0 ? signature?.stamp : nil
    }

    /// Copies every file of `directory` (recursively, sorted) into the site's `assets/`, and returns
    /// their paths in the site.
    @discardableResult
    public func copyAssets(from directory: String?) throws -> [String] {
        guard let directory else { return [] }
        var copied: [String] = []
        let fm = FileManager.default
        guard let files = fm.subpaths(atPath: directory)?.sorted() else { return [] }
        for file in files {
            try StopRequest.check()
            var isDirectory: ObjCBool = false
            let source = (directory as NSString).appendingPathComponent(file)
            guard fm.fileExists(atPath: source, isDirectory: &isDirectory), !isDirectory.boolValue,
                  !file.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            let target = (root as NSString).appendingPathComponent("assets/" + file)
            let temporary = updatesInPlace ? target + Self.pendingSuffix : target
            do {
                try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                if updatesInPlace {
                    if fm.fileExists(atPath: temporary) { try fm.removeItem(atPath: temporary) }
                    lock.withLock { pending.append((temporary, target)) }
                }
                try fm.copyItem(atPath: source, toPath: temporary)
            } catch {
                throw Publisher.Failure("cannot copy asset '\(file)': \(error)")
            }
            copied.append("assets/" + file)
            noteWritten("assets/" + file, stamp: FileSignature(path: temporary)?.stamp)
        }
        return copied
    }

    /// How many files of the site were kept from the previous build, unchanged.
    public var filesReused: Int { lock.withLock { reused } }

    /// Renames each temporary file over its target, all or none: every old file is first kept
    /// under a second name (a hard link, `….publish-old`), so that when a rename fails (a folder
    /// where a page was, a file system gone read-only) the files renamed before it are put back,
    /// the new ones taken away. A probe found the home page, feed and search index already new
    /// beside the one page that could not be replaced.
    private func replaceAll(_ files: [(temporary: String, target: String)]) throws {
        var kept: [(target: String, old: String?)] = []
        func failure(_ what: String, _ path: String) -> Publisher.Failure {
            Publisher.Failure("cannot \(what) '\(path)': \(String(cString: strerror(errno)))")
        }
        // The old files' second names first: nothing has changed if one cannot be made.
        var backups: [String?] = []
        backups.reserveCapacity(files.count)
        for (_, target) in files {
            var info = stat()
            guard lstat(target, &info) == 0 else {
                guard errno == ENOENT else { throw failure("replace", target) }
                backups.append(nil)  // a new file: nothing to keep
                continue
            }
            let backup = target + Self.keptSuffix
            unlink(backup)
            guard (info.st_mode & S_IFMT) == S_IFREG, Self.keepSecondName(of: target, at: backup) else {
                let error = (info.st_mode & S_IFMT) == S_IFDIR ? Publisher.Failure("cannot replace '\(target)': it is a folder")
                    : failure("replace", target)
                for case let made? in backups { unlink(made) }
                throw error
            }
            backups.append(backup)
        }
        for (index, (temporary, target)) in files.enumerated() {
            if rename(temporary, target) != 0 {
                let error = failure("replace", target)
                // Back as they were: the old files where they were, the new ones gone.
                for (done, old) in kept.reversed() {
                    if let old { rename(old, done) } else { unlink(done) }
                }
                for case let made? in backups[index...] { unlink(made) }
                throw error
            }
            kept.append((target, backups[index]))
        }
        lock.withLock { keptOld = backups.compactMap { $0 } }
    }

    /// Gives the file at `path` the second name `second`: a hard link, or where the file system has
    /// none (FAT and exFAT disks, some network shares refuse `link`), a copy. `link` is a parameter
    /// for the tests.
    static func keepSecondName(of path: String, at second: String,
                               link: (String, String) -> Int32 = { Glibc.link($0, $1) }) -> Bool {
        if link(path, second) == 0 { return true }
        guard errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == EMLINK || errno == EXDEV else { return false }
        return (try? FileManager.default.copyItem(atPath: path, toPath: second)) != nil
    }

    /// Removes the old files a rebuild kept under a second name while it renamed the new ones
    /// into place. Apart from ``commit(removing:)`` so that the caller can do it beside its last
    /// writes: freeing an old page the previous build wrote moments ago can take milliseconds
    /// (7.7 ms for one 50 KB page, a tenth of a one-article rebuild, seen with strace). The
    /// manifest is saved after it, never before: a build killed in between must not leave a
    /// manifest beside files that are not the site's.
    public func removeKeptFiles() {
        for file in lock.withLock({ () -> [String] in defer { keptOld = [] }; return keptOld }) { unlink(file) }
        Checkpoint.keptRemoved.reach()
    }

    /// Swaps the staged site in place of the output, or when updating in place removes the files
    /// of the previous build listed in `stale` (and folders they leave empty), and returns how many
    /// files the site has from this build. Throws ``Publisher/Stopped``, changing nothing, when a
    /// stop was asked before it began.
    public func commit(removing stale: [String] = []) throws -> Int {
        let fm = FileManager.default
        Checkpoint.written.reach()
        // The last moment to stop (``StopRequest``): from here on the build finishes.
        try StopRequest.check()
        if updatesInPlace {
            // Every file is written: only now do the new ones replace the old, all or none.
            try replaceAll(lock.withLock { pending })
            lock.withLock { committed = true }
            for path in stale {
                guard let full = try? stagedPath(path) else { continue }
                if unlink(full) != 0 && errno != ENOENT {
                    throw Publisher.Failure("cannot remove '\(path)' from '\(output)': \(String(cString: strerror(errno)))")
                }
                // Folders left empty go too (rmdir fails, harmlessly, on a folder that is not empty).
                Self.removeEmptyFolders(above: full, upTo: output)
            }
            Checkpoint.committed.reach()
            return lock.withLock { count }
        }
        let old = staging + ".old"
        do {
            if fm.fileExists(atPath: old) { try fm.removeItem(atPath: old) }
            if fm.fileExists(atPath: output) { try fm.moveItem(atPath: output, toPath: old) }
            Checkpoint.movedAside.reach()
            do {
                try fm.moveItem(atPath: staging, toPath: output)
            } catch {
                // The previous site back where it was.
                if fm.fileExists(atPath: old) { try? fm.moveItem(atPath: old, toPath: output) }
                throw error
            }
            lock.withLock { committed = true }
            Checkpoint.committed.reach()
            if fm.fileExists(atPath: old) { try fm.removeItem(atPath: old) }
        } catch {
            throw Publisher.Failure("cannot replace '\(output)': \(error.localizedDescription)")
        }
        return lock.withLock { count }
    }
}
