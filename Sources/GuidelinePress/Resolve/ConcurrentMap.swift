import Dispatch

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
