import Foundation

/// A file's bytes, mapped read-only rather than copied (the article cache of 10,000 articles is
/// 35 MB, the index pages a rebuild splices as much again), and unmapped when the value goes.
///
/// The mapping stays valid when the file is renamed over or unlinked: the builds that write over
/// a mapped file write a new file and rename it, or append past the mapped length.
final class MappedFile: @unchecked Sendable {
    /// The file's bytes; empty for an empty file.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Whether `bytes` were allocated (``init(copying:)``) rather than mapped.
    private let allocated: Bool

    /// The file at `path` mapped read-only; `nil` when it cannot be opened, read or mapped.
    init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        allocated = false
        guard info.st_size > 0 else {
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            return nil
        }
        bytes = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: Int(info.st_size))
    }

    /// Bytes held in memory as if mapped (for bytes that are not in a file, as in tests).
    init(copying array: [UInt8]) {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: array.count)
        _ = buffer.initialize(from: array)
        bytes = UnsafeBufferPointer(buffer)
        allocated = true
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if allocated {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        } else {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
    }
}
