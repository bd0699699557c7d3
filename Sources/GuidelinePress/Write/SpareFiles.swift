import Foundation

/// Spare files for the site's big pages (the home and questions pages, `search.json`: 35 MB at
/// 10,000 articles): for each, a file whose pages are in memory, kept in the cache folder beside
/// the output (`.publish-cache/<output name>.spares/`), that the page's next version is written
/// into in place before it is renamed over the page.
///
/// Why: a rebuild that changes what the site-wide pages show writes them whole. On the project's
/// 2-core VM, the kernel copying those bytes into a new file was at times 10–30 × slower than
/// into a file whose pages were already in memory (the rebuild's "write pages" 0.13–0.37 s
/// against 0.006–0.009 s, alternating the two ways on the same edits): a new file takes memory
/// that the host may first have to give back. Overwriting a spare takes none. See
/// `docs/decisions.md`.
///
/// How, for a page at `target` with spare `S`:
/// - A build that writes the whole site into a fresh folder writes each page of at least
///   ``threshold`` bytes a second time, into `S` (``refresh(_:bytes:)``).
/// - A build that updates the site in place writes the page's new version into `S`
///   (``openForWriting(_:)``), then, once every file is written, ``replace(_:with:sitePath:)``:
///   the old page gets a second name (`S%old`), `S` is renamed over the page, and the old page
///   becomes the next `S`. A page written into a temporary file instead (no spare yet) keeps its
///   old file the same way when that is at least ``threshold`` bytes.
///
/// Safety: a spare is written into only when it is a regular file with one name (`st_nlink == 1`),
/// so never while it is also a page of the site (as after a crash between the link and the
/// renames); the page is replaced by one `rename`, as without spares; a spare's contents do not
/// matter, since it is written whole and cut to length. Spares are used only when the cache folder
/// is on the output's file system, where `link` and `rename` work.
final class SpareFiles: @unchecked Sendable {
    /// The smallest page that keeps a spare: article pages (about 60 KB) do not.
    static let threshold = 256 * 1024

    /// The folder of spares.
    let folder: String
    /// The folder whose file system the spares must share (the output, or the folder it will be in).
    private let site: String
    private let lock = NSLock()
    /// Whether the folder exists on the site's file system; `nil` until first asked.
    private var usable: Bool?

    /// The spares of the site at `output`.
    init(output: String) {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        folder = BuildCache.folder(for: output) + "/" + url.lastPathComponent + ".spares"
        site = url.deletingLastPathComponent().path
    }

    /// The spare of the page at `sitePath` (relative to the site), `/` and `%` percent-encoded.
    func path(of sitePath: String) -> String {
        var name = ""
        name.reserveCapacity(sitePath.utf8.count + 8)
        for character in sitePath {
            switch character {
            case "/": name += "%2F"
            case "%": name += "%25"
            default: name.append(character)
            }
        }
        return folder + "/" + name
    }

    /// Whether spares can be used, creating their folder when `creating` (else only when it exists).
    private func isUsable(creating: Bool) -> Bool {
        lock.withLock {
            if let usable { return usable }
            var folderInfo = stat(), siteInfo = stat()
            if stat(folder, &folderInfo) != 0 {
                guard creating else { return false }
                guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil,
                      stat(folder, &folderInfo) == 0 else {
                    usable = false
                    return false
                }
            }
            let result = stat(site, &siteInfo) == 0 && siteInfo.st_dev == folderInfo.st_dev
            usable = result
            return result
        }
    }

    /// A descriptor for writing the page at `sitePath` into its spare from the start (the caller
    /// cuts it to length with ``finish(_:length:)``), or `nil` when it has no spare that can be used.
    func openForWriting(_ sitePath: String) -> Int32? {
        guard isUsable(creating: false) else { return nil }
        return Self.openSingle(path(of: sitePath), creating: false)
    }

    /// Cuts a spare written through ``openForWriting(_:)`` to `length` and closes it; `false`, with
    /// `errno` set, when that fails.
    func finish(_ descriptor: Int32, length: Int) -> Bool {
        let cut = ftruncate(descriptor, off_t(length)) == 0
        let saved = errno
        let closed = close(descriptor) == 0
        if !cut { errno = saved }
        return cut && closed
    }

    /// Writes `bytes`, a page that a build writes into a fresh folder, into its spare too when it
    /// is big enough. A spare that cannot be written is left out: it only saves time.
    func refresh(_ sitePath: String, bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count >= Self.threshold, isUsable(creating: true),
              let descriptor = Self.openSingle(path(of: sitePath), creating: true) else { return }
        if !WriteAll.write(bytes, to: descriptor) {
            close(descriptor)
            return
        }
        _ = finish(descriptor, length: bytes.count)
    }

    /// Renames `written` (the page's spare or a temporary file) over `target`, and with
    /// `keepingOld` keeps the file it replaces as the page's spare. Throws only when the rename
    /// fails (the page is then as it was).
    func replace(_ target: String, with written: String, sitePath: String, keepingOld: Bool) throws {
        var keep = false
        let spare = path(of: sitePath), old = spare + "%old"
        if keepingOld, isUsable(creating: true) {
            unlink(old)
            keep = link(target, old) == 0
        }
        guard rename(written, target) == 0 else {
            let saved = errno
            if keep { unlink(old) }
            throw Publisher.Failure("cannot replace '\(target)': \(String(cString: strerror(saved)))")
        }
        if keep {
            rename(old, spare)
            // When `old` and `spare` were names of one file (a spare that was a second name of the
            // page), `rename` leaves both.
            unlink(old)
        }
    }

    /// Opens `path` for writing when it is a regular file with one name (creating it when
    /// `creating`); `nil` otherwise. A file with more names is unlinked first when `creating`.
    private static func openSingle(_ path: String, creating: Bool) -> Int32? {
        for _ in 0..<2 {
            let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | (creating ? O_CREAT : 0), 0o666)
            guard descriptor >= 0 else { return nil }
            var info = stat()
            if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1 {
                return descriptor
            }
            close(descriptor)
            guard creating, unlink(path) == 0 else { return nil }
        }
        return nil
    }
}
