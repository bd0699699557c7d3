import Foundation

/// What `stat` says of a file that changes whenever its content does: device, inode, size, and
/// the modification and status-change times in nanoseconds.
///
/// A rebuild trusts a file whose signature equals the one recorded with its text's hash, without
/// reading it, as git does with its index. The status-change time cannot be set back by tools that
/// restore modification times, and a file replaced by a rename gets a new inode. A file changed
/// within the timestamps' granularity of the moment its signature was taken would keep the same
/// signature: ``isRacy(signedAt:)`` tells when a signature is too close to that moment to be trusted.
public struct FileSignature: Sendable, Hashable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modified: Int64
    public var changed: Int64

    /// How close to the moment a signature was taken a change must be for the signature to be
    /// distrusted: timestamps are coarse on some file systems (2 s on FAT) and lag the clock.
    public static let racyWindow: Int64 = 3_000_000_000

    /// The signature of an open file.
    public init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The signature of the file at `path` (following symbolic links).
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// A signature from its parts (tests and the cache's records).
    public init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
    }

    /// The signature in a `stat` result.
    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }

    /// What of the signature survives the rename and the hard link that put a built file in place,
    /// hashed: inode, size and modification time (the status-change time changes with both). A file
    /// of the site edited or replaced since the build wrote it has another stamp (``BuildCache``).
    public var stamp: UInt64 {
        var h = StableHash()
        h.combine(inode)
        h.combine(UInt64(bitPattern: size))
        h.combine(UInt64(bitPattern: modified))
        return h.value
    }

    /// The signature of the file at `name` in the folder open as `folder` (not following a
    /// symbolic link: the site's files are plain files).
    init?(in folder: Int32, _ name: String) {
        var info = stat()
        guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        self.init(info)
    }

    /// Whether the file was changed so close to `signedAt` (nanoseconds since 1970), the moment
    /// before its signature was taken, that a later change might not show in the signature.
    public func isRacy(signedAt: Int64) -> Bool {
        max(modified, changed) >= signedAt - Self.racyWindow
    }

    /// Now, in nanoseconds since 1970: taken before a run looks at any file.
    public static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
