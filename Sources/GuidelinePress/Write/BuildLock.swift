import Foundation

/// The right to write one output folder, held for the whole of a build: an exclusive `flock` on
/// `.publish-cache/<output name>.lock`, beside the output (never inside it).
///
/// Two builds into one folder had no lock: the second removed the first's staging folder as it
/// started, and the first could exit 0 having swapped in an incomplete site. A build that finds
/// the lock taken waits at most ``patience`` (two seconds), then fails (``Publisher/Failure``, exit status 2), having
/// written nothing, and says which build to wait for. The kernel releases the lock when the
/// holder's descriptor closes, whether the build finished, failed or was killed, so a lock file
/// left behind blocks nothing. `--check` writes nothing and takes no lock.
final class BuildLock: Sendable {
    /// The lock file's path.
    let path: String
    private let descriptor: Int32

    /// The lock file of the build of `output`.
    static func path(for output: String) -> String {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        return (BuildCache.folder(for: output) as NSString).appendingPathComponent(url.lastPathComponent + ".lock")
    }

    /// Takes the lock of the build of `output`, or throws when another build holds it.
    init(output: String) throws {
        path = Self.path(for: output)
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
        } catch {
            throw Publisher.Failure("cannot make the cache folder for '\(output)': \(error.localizedDescription)")
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw Publisher.Failure("cannot open the lock file '\(path)': \(String(cString: strerror(errno)))")
        }
        // Tried for up to ``patience`` before giving up: a process that forks (a test runner
        // starting a child, a build tool) holds a copy of the descriptor until its child execs,
        // and the lock with it, for moments after the build that took it has returned.
        let deadline = Date().addingTimeInterval(Self.patience)
        // The error kept as `flock` leaves it: reading the clock may change `errno`.
        func tryLock() -> Int32 { flock(descriptor, LOCK_EX | LOCK_NB) == 0 ? 0 : errno }
        var failure = tryLock()
        while failure == EWOULDBLOCK, Date() < deadline {
            usleep(20_000)
            failure = tryLock()
        }
        guard failure == 0 else {
            let busy = failure == EWOULDBLOCK
            let reason = String(cString: strerror(failure))
            close(descriptor)
            throw Publisher.Failure(busy ? "another build is writing '\(output)' (lock '\(path)'); try again when it finishes"
                                         : "cannot lock '\(path)': \(reason)")
        }
        self.descriptor = descriptor
    }

    /// How long a build waits for the lock before it fails: long enough for a lock held by a
    /// forked child for moments, short enough that a second build does not hang behind a first.
    static let patience: TimeInterval = 2

    deinit { close(descriptor) }
}
