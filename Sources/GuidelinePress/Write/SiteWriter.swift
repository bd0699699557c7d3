import Foundation

/// The write stage: the only code that writes. Files go into a fresh folder beside the output,
/// which replaces the output only when ``commit()`` is called, so a failed build leaves the
/// previous site untouched.
public final class SiteWriter: @unchecked Sendable {
    private let output: String
    private let staging: String
    private let lock = NSLock()
    private var count = 0

    /// Prepares a staging folder beside `output`.
    public init(output: String) throws {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        self.output = url.path
        let parent = url.deletingLastPathComponent().path
        self.staging = (parent as NSString).appendingPathComponent(".\(url.lastPathComponent).building")
        let fm = FileManager.default
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
            if fm.fileExists(atPath: staging) { try fm.removeItem(atPath: staging) }
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw Publisher.Failure("cannot prepare the output folder beside '\(output)': \(error.localizedDescription)")
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// Writes one file at `path`, relative to the site's root. Safe to call from several threads.
    public func write(_ path: String, _ contents: String) throws {
        guard !path.split(separator: "/").contains(".."), !path.hasPrefix("/") else {
            throw Publisher.Failure("refusing to write outside the site: '\(path)'")
        }
        let full = (staging as NSString).appendingPathComponent(path)
        let folder = (full as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: URL(fileURLWithPath: full))
        } catch {
            throw Publisher.Failure("cannot write '\(path)': \(error.localizedDescription)")
        }
        lock.withLock { count += 1 }
    }

    /// Copies every file of `directory` (recursively, sorted) into the site's `assets/`.
    public func copyAssets(from directory: String?) throws {
        guard let directory else { return }
        let fm = FileManager.default
        guard let files = fm.subpaths(atPath: directory)?.sorted() else { return }
        for file in files {
            var isDirectory: ObjCBool = false
            let source = (directory as NSString).appendingPathComponent(file)
            guard fm.fileExists(atPath: source, isDirectory: &isDirectory), !isDirectory.boolValue,
                  !file.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            let target = (staging as NSString).appendingPathComponent("assets/" + file)
            do {
                try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try fm.copyItem(atPath: source, toPath: target)
            } catch {
                throw Publisher.Failure("cannot copy asset '\(file)': \(error.localizedDescription)")
            }
            lock.withLock { count += 1 }
        }
    }

    /// Swaps the staged site in place of the output and returns how many files were written.
    public func commit() throws -> Int {
        let fm = FileManager.default
        let old = staging + ".old"
        do {
            if fm.fileExists(atPath: old) { try fm.removeItem(atPath: old) }
            if fm.fileExists(atPath: output) { try fm.moveItem(atPath: output, toPath: old) }
            try fm.moveItem(atPath: staging, toPath: output)
            if fm.fileExists(atPath: old) { try fm.removeItem(atPath: old) }
        } catch {
            throw Publisher.Failure("cannot replace '\(output)': \(error.localizedDescription)")
        }
        return lock.withLock { count }
    }
}
