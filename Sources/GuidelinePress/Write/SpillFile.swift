import Foundation

/// A temporary file for text that is written once and read back later in the same run, so that a
/// whole site's worth of it is not held in memory (the operating system keeps what fits in its
/// page cache). The file is unlinked as soon as it is created: nothing is left behind, whatever
/// happens to the run.
final class SpillFile: @unchecked Sendable {
    /// Where a text is in the file.
    struct Slice: Sendable {
        /// The byte offset.
        var offset: Int
        /// The length in bytes.
        var length: Int
    }

    private let descriptor: Int32
    private let lock = NSLock()
    private var end = 0

    /// Creates the file in `directory` (created if needed).
    init(in directory: String) throws {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var template = Array((directory as NSString).appendingPathComponent("spill-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw Publisher.Failure("cannot create a temporary file in '\(directory)': \(String(cString: strerror(errno)))")
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Appends `bytes`. Safe to call from several threads.
    func append(_ bytes: [UInt8]) throws -> Slice {
        try bytes.withUnsafeBufferPointer { bytes in
            let offset = lock.withLock {
                defer { end += bytes.count }
                return end
            }
            // Each call's place in the file: this slice's offset plus how far into `bytes` it starts.
            let written = WriteAll.write(bytes) { start, count in
                pwrite(descriptor, start, count, off_t(offset + (start - UnsafeRawPointer(bytes.baseAddress!))))
            }
            guard written else {
                throw Publisher.Failure("cannot write a temporary file: \(String(cString: strerror(errno)))")
            }
            return Slice(offset: offset, length: bytes.count)
        }
    }

    /// The bytes at `slice`. Safe to call from several threads.
    func read(_ slice: Slice) throws -> [UInt8] {
        var failure: Int32 = 0
        let text = [UInt8](unsafeUninitializedCapacity: slice.length) { buffer, count in
            var done = 0
            while done < slice.length {
                let n = pread(descriptor, buffer.baseAddress! + done, slice.length - done, off_t(slice.offset + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failure = n < 0 ? errno : EIO; break }
                done += n
            }
            count = done
        }
        guard failure == 0 else {
            throw Publisher.Failure("cannot read a temporary file: \(String(cString: strerror(failure)))")
        }
        return text
    }
}

/// An ``ArticleBody`` whose HTML waits in a ``SpillFile`` (its holes stay in memory: they are few).
struct StoredArticleBody: Sendable {
    private var summary: SpillFile.Slice
    private var summaryHoles: [(offset: Int, hole: BodyFragment.Hole)]
    private var main: SpillFile.Slice
    private var mainHoles: [(offset: Int, hole: BodyFragment.Hole)]

    /// Writes the HTML of `body` to `spill`.
    init(_ body: ArticleBody, in spill: SpillFile) throws {
        summary = try spill.append(body.summary.bytes)
        summaryHoles = body.summary.holes
        main = try spill.append(body.main.bytes)
        mainHoles = body.main.holes
    }

    /// The body, read back from `spill`.
    func read(from spill: SpillFile) throws -> ArticleBody {
        ArticleBody(summary: BodyFragment(bytes: try spill.read(summary), holes: summaryHoles),
                    main: BodyFragment(bytes: try spill.read(main), holes: mainHoles))
    }
}
