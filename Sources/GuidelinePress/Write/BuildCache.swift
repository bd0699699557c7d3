import Foundation

/// What an earlier build made: for each article page, the key of everything it was built from.
///
/// Kept in `.publish-cache/<output name>.manifest` beside the output folder, never inside it. A
/// page whose key is unchanged is taken from the previous output instead of being rendered again.
/// The manifest is removed before the new site replaces the old one and written again after, so a
/// build that stops half-way can never pair an old key with a new page.
public final class BuildCache: @unchecked Sendable {
    private let manifest: String
    private let previous: [String: UInt64]
    private let lock = NSLock()
    private var current: [String: UInt64] = [:]
    /// Files of the previous build that have no key (always written), and of this one.
    private let previousFiles: Set<String>
    private var files: Set<String> = []

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
        if let text = try? String(contentsOfFile: manifest, encoding: .utf8) {
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 1)
                guard parts.count == 2 else { continue }
                if let key = UInt64(parts[0], radix: 16) {
                    entries[String(parts[1])] = key
                } else if parts[0] == "-" {
                    files.insert(String(parts[1]))
                }
            }
        }
        previous = entries
        previousFiles = files
    }

    /// Records a file of this build that has no key. Safe to call from several threads.
    public func record(_ path: String) {
        lock.withLock { _ = files.insert(path) }
    }

    /// The files of the previous build that this build did not make (call after recording them all).
    public var stale: [String] {
        lock.withLock {
            (previousFiles.union(previous.keys)).filter { current[$0] == nil && !files.contains($0) }.sorted()
        }
    }

    /// Whether the page at `path` was built from inputs with this key last time.
    public func isUnchanged(_ path: String, key: UInt64) -> Bool {
        previous[path] == key
    }

    /// Records the key of a page of this build. Safe to call from several threads.
    public func record(_ path: String, key: UInt64) {
        lock.withLock { current[path] = key }
    }

    /// Forgets the previous build: call before the new output replaces the old one.
    public func invalidate() {
        try? FileManager.default.removeItem(atPath: manifest)
    }

    /// Writes this build's keys: call once the new output is in place.
    public func save() throws {
        let (keyed, unkeyed) = lock.withLock { (current.sorted { $0.key < $1.key }, files.subtracting(current.keys).sorted()) }
        let lines = keyed.map { String($0.value, radix: 16) + " " + $0.key + "\n" }.joined()
            + unkeyed.map { "- " + $0 + "\n" }.joined()
        do {
            try FileManager.default.createDirectory(atPath: (manifest as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try lines.write(toFile: manifest, atomically: true, encoding: .utf8)
        } catch {
            throw Publisher.Failure("cannot write the build cache '\(manifest)': \(error.localizedDescription)")
        }
    }
}
