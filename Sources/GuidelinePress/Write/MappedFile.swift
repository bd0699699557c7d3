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
        } else if !Self.exitRelease.leave(bytes.count) {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        }
    }

    /// Whether mappings whose values go are left to the process's exit instead of unmapped then.
    /// The command turns it on: a rebuild's last mappings (the previous index pages and the article
    /// cache, about 70 MB at 10,000 articles) went in its last milliseconds, each `munmap` taking
    /// 2–7 ms, where the exit that follows tears the whole address space down for less (a status
    /// rebuild at 10,000 articles: 0.191 → 0.172 s, means of ten alternated runs). Off in a process
    /// that goes on building, such as the tests, which would otherwise keep every mapping it made.
    static var leavesMappingsToExit: Bool {
        get { exitRelease.isOn }
        set { exitRelease.isOn = newValue }
    }

    /// How many bytes of mappings were left to the exit (for tests).
    static var bytesLeftToExit: Int { exitRelease.bytes }

    /// Keeps a run's values (its site, caches, snapshot and the index pages it wrote) to the
    /// process's exit when ``leavesMappingsToExit`` is on, instead of freeing them object by object
    /// as the run returns: the exit drops the whole heap at once. Off, it does nothing.
    static func leaveToExit(_ values: Any...) { exitRelease.keep(values) }

    /// How many values were kept to the exit (for tests).
    static var valuesLeftToExit: Int { exitRelease.valueCount }

    private static let exitRelease = ExitRelease()
}

/// The switch and count behind ``MappedFile/leavesMappingsToExit``.
private final class ExitRelease: @unchecked Sendable {
    private let lock = NSLock()
    private var on = false
    private var left = 0

    var isOn: Bool {
        get { lock.withLock { on } }
        set { lock.withLock { on = newValue } }
    }

    var bytes: Int { lock.withLock { left } }

    /// What ``MappedFile/leaveToExit(_:)`` keeps.
    private var kept: [Any] = []

    var valueCount: Int { lock.withLock { kept.count } }

    func keep(_ values: [Any]) {
        lock.withLock { if on { kept += values } }
    }

    /// Counts `count` bytes as left to the exit when the switch is on; false when they must be unmapped now.
    func leave(_ count: Int) -> Bool {
        lock.withLock {
            if on { left += count }
            return on
        }
    }
}
