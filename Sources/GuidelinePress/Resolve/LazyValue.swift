import Foundation

/// A value computed on first use, once, whichever thread asks first (the others wait for it).
final class LazyValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    private let make: @Sendable () -> Value

    /// A value that `make` computes when it is first asked for.
    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    /// The value.
    var value: Value {
        lock.withLock {
            if let stored { return stored }
            let made = make()
            stored = made
            return made
        }
    }
}

/// A value computed on another thread from the moment it is made; asking for it waits until it
/// is there. For work that is mostly system calls (listing the sources, checking the output's
/// files), started while this thread reads the caches.
final class StartedValue<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Value?

    /// Starts computing `make()` on another thread.
    init(_ make: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = make()
            self.done.signal()
        }
    }

    /// The value, once computed (the semaphore orders the write before this read).
    var value: Value {
        done.wait()
        defer { done.signal() }
        return result!
    }
}
