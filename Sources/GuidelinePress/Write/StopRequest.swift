import Foundation

/// A request to stop the running build, made when the command catches SIGINT (Ctrl-C) or SIGTERM.
///
/// The build stops at its next safe point: between stages, before each file it writes, and before
/// its commit. It then throws ``Publisher/Stopped``, and its writer removes what it wrote (the
/// staging folder, the `….publish-new` files), so the previous site stays as it was. Once the
/// commit has begun, the build finishes: stopping half way through the renames would leave a mix
/// of old and new pages.
public enum StopRequest {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var requested: Int32?

    /// Asks the build to stop, for `signal`; `false` when a stop was asked already.
    @discardableResult
    public static func post(signal: Int32) -> Bool {
        lock.withLock {
            guard requested == nil else { return false }
            requested = signal
            return true
        }
    }

    /// The signal a stop was asked for, if one was.
    public static var signal: Int32? { lock.withLock { requested } }

    /// Throws ``Publisher/Stopped`` when a stop was asked: call at a safe point, before writing.
    static func check() throws {
        if let signal { throw Publisher.Stopped(signal: signal) }
    }
}

extension Publisher {
    /// The build stopped before its commit because a stop was asked (``StopRequest``); the
    /// previous site is as it was.
    public struct Stopped: Error, CustomStringConvertible, Sendable {
        /// The signal that asked for it.
        public var signal: Int32
        /// The stop asked for by `signal`.
        public init(signal: Int32) { self.signal = signal }
        /// `SIGINT`, `SIGTERM` or the signal's number.
        public var signalName: String {
            switch signal {
            case SIGINT: "SIGINT"
            case SIGTERM: "SIGTERM"
            default: "signal \(signal)"
            }
        }
        public var description: String { "stopped by \(signalName)" }
    }
}
