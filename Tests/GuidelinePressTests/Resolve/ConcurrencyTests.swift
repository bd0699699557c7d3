import Dispatch
import Testing
@testable import GuidelinePress

/// The small concurrency helpers the pipeline starts work with.
@Suite struct ConcurrencyTests {
    /// A ``StartedValue`` runs at once on another thread; asking for it, as often as one likes, waits for it.
    @Test func aStartedValueRunsBeforeItIsAskedFor() {
        let ran = DispatchSemaphore(value: 0), gate = DispatchSemaphore(value: 0)
        let value = StartedValue { () -> [Int] in
            ran.signal()
            // Made on this thread before `init` returned, it would wait here in vain.
            guard gate.wait(timeout: .now() + 5) == .success else { return [] }
            return Array(0..<1_000)
        }
        gate.signal()
        #expect(ran.wait(timeout: .now() + 10) == .success, "it ran without being asked for")
        #expect(value.value.count == 1_000)
        #expect(value.value.last == 999)
        // Asked for from several threads at once.
        let sums = ConcurrentMap.map(Array(0..<8)) { _ in value.value.reduce(0, +) }
        #expect(sums == Array(repeating: 499_500, count: 8))
    }

    /// A ``LazyValue`` runs once, when first asked for, whichever thread asks.
    @Test func aLazyValueRunsOnceWhenAskedFor() {
        final class Counter: @unchecked Sendable { var count = 0 }
        let counter = Counter()
        let lazy = LazyValue { () -> Int in
            counter.count += 1
            return 5
        }
        #expect(counter.count == 0)
        let values = ConcurrentMap.map(Array(0..<16)) { _ in lazy.value }
        #expect(values == Array(repeating: 5, count: 16))
        #expect(counter.count == 1)
    }
}
