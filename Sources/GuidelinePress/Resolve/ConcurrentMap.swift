import Dispatch
import Foundation

/// Maps over an array on every core, keeping the order of results.
enum ConcurrentMap {
    /// `items.map(transform)`, run in parallel chunks.
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let box = UnsafeSendable(results)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            box.value[i] = transform(items[i])
        }
        return results.map { $0! }
    }
}

/// Lets a buffer whose elements are written by disjoint indexes cross into concurrent work.
private struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

extension ConcurrentMap {
    /// Calls `body` for every index in `0..<count` on every core, in contiguous chunks; rethrows the
    /// first error (the other chunks stop at their next index).
    static func forEach(_ count: Int, _ body: @Sendable (Int) throws -> Void) throws {
        guard count > 1 else {
            if count == 1 { try body(0) }
            return
        }
        // Several chunks per core, so that a core that finishes early takes more work.
        let chunkCount = min(count, 64)
        let failure = FirstError()
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let lower = count * chunk / chunkCount, upper = count * (chunk + 1) / chunkCount
            for i in lower..<upper {
                if failure.isSet { return }
                do { try body(i) } catch { failure.set(error); return }
            }
        }
        if let error = failure.error { throw error }
    }
}

/// The first error thrown by concurrent work.
private final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?
    var isSet: Bool { lock.withLock { stored != nil } }
    var error: Error? { lock.withLock { stored } }
    func set(_ error: Error) { lock.withLock { if stored == nil { stored = error } } }
}
