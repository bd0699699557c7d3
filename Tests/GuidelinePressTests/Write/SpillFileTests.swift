import Foundation
import Testing
@testable import GuidelinePress

/// ``SpillFile``: what is appended, from several threads and in any size, is read back as it was.
@Suite struct SpillFileTests {
    @Test func appendedBytesReadBackAsTheyWere() throws {
        let folder = try TemporaryFolder()
        let spill = try SpillFile(in: folder.path)
        // Sizes around and well past one write call (64 KiB), and an empty one.
        let sizes = [0, 1, 15_000, 65_535, 65_536, 65_537, 200_003, 7, 1_000_000]
        let texts = sizes.enumerated().map { i, size in (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ i) } }
        final class Slices: @unchecked Sendable {
            let lock = NSLock()
            var slices: [Int: SpillFile.Slice] = [:]
        }
        let slices = Slices()
        DispatchQueue.concurrentPerform(iterations: texts.count) { i in
            let slice = try? spill.append(texts[i])
            slices.lock.withLock { slices.slices[i] = slice }
        }
        #expect(slices.slices.count == texts.count)
        for (i, text) in texts.enumerated() {
            let slice = try #require(slices.slices[i])
            #expect(slice.length == text.count)
            #expect(try spill.read(slice) == text, "text \(i) of \(text.count) bytes")
        }
    }
}
