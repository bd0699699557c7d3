import Foundation

/// The moments of the write stage at which a killed build leaves something to clean up, named
/// so that a test can stop a real `publish` process there.
///
/// When the environment variable `GUIDELINE_PRESS_STOP_AT` names a checkpoint, the process sends
/// itself SIGKILL on reaching it, as `kill -9`, the out-of-memory killer or a power cut would:
/// no cleanup runs, and the test sees what such a build leaves on disk (`KilledBuildTests`).
/// `<checkpoint>:<signal number>` sends that signal instead. Like git's `GIT_TEST_…` variables,
/// the hook stays in the shipped binary: a build without the variable only compares a string.
enum Checkpoint: String, Sendable {
    /// The first file of the new site written (into the staging folder, or beside the file it replaces).
    case firstWrite = "first-write"
    /// Every file of the new site written, nothing committed.
    case written
    /// A whole build's commit half done: the previous site renamed aside, the new one not yet in its place.
    case movedAside = "moved-aside"
    /// The new site in place; the old files a rebuild kept under a second name and the caches not yet dealt with.
    case committed
    /// The old files kept under a second name removed; the manifest not yet saved.
    case keptRemoved = "kept-removed"

    /// The checkpoint and signal the environment asks for, read once.
    private static let requested: (point: String, signal: Int32)? = {
        guard let value = ProcessInfo.processInfo.environment["GUIDELINE_PRESS_STOP_AT"], !value.isEmpty else { return nil }
        let parts = value.split(separator: ":", maxSplits: 1)
        return (String(parts[0]), parts.count > 1 ? Int32(parts[1]) ?? SIGKILL : SIGKILL)
    }()

    /// Stops the process here when the environment asks for this checkpoint (see above).
    func reach() {
        guard let requested = Self.requested, requested.point == rawValue else { return }
        kill(getpid(), requested.signal)
        // SIGKILL ends the process before anything else runs. Another signal is the command's
        // handler's to act on, on another thread: waited for (a few seconds at most), so that the
        // build sees the stop at its next safe point, as it would a signal that came a moment earlier.
        while requested.signal == SIGKILL { pause() }
        for _ in 0..<5_000 where StopRequest.signal == nil { usleep(1_000) }
    }
}
