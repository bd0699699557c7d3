import Foundation
import Testing
@testable import GuidelinePress

/// ``WriteAll``: every byte written once, in order, in calls of at most 64 KiB, through partial
/// and interrupted writes.
@Suite struct WriteAllTests {
    /// What a stand-in for `write` was given, call by call.
    final class Calls {
        var lengths: [Int] = []
        var written: [UInt8] = []
    }

    static func bytes(_ count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    @Test(arguments: [0, 1, 65_535, 65_536, 65_537, 3_000_001])
    func bigBuffersGoInCallsOfAtMost64KiB(_ count: Int) {
        let data = Self.bytes(count)
        let calls = Calls()
        let ok = data.withUnsafeBufferPointer { buffer in
            WriteAll.write(buffer) { pointer, length in
                calls.lengths.append(length)
                calls.written.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: length))
                return length
            }
        }
        #expect(ok)
        #expect(calls.written == data)
        #expect(calls.lengths.allSatisfy { $0 > 0 && $0 <= WriteAll.largestCall })
        #expect(calls.lengths.count == (count + WriteAll.largestCall - 1) / WriteAll.largestCall)
    }

    @Test func partialAndInterruptedWritesAreContinued() {
        let data = Self.bytes(300_000)
        let calls = Calls()
        var round = 0
        let ok = data.withUnsafeBufferPointer { buffer in
            WriteAll.write(buffer) { pointer, length in
                round += 1
                if round % 3 == 0 {
                    errno = EINTR
                    return -1
                }
                let taken = round % 3 == 1 ? min(length, 1_000) : length
                calls.lengths.append(length)
                calls.written.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: taken))
                return taken
            }
        }
        #expect(ok)
        #expect(calls.written == data)
        #expect(calls.lengths.allSatisfy { $0 <= WriteAll.largestCall })
    }

    @Test func aFailedWriteStopsWithItsError() {
        let data = Self.bytes(200_000)
        var rounds = 0
        let ok = data.withUnsafeBufferPointer { buffer in
            WriteAll.write(buffer) { _, length in
                rounds += 1
                if rounds == 2 {
                    errno = ENOSPC
                    return -1
                }
                return length
            }
        }
        #expect(!ok)
        #expect(errno == ENOSPC)
        #expect(rounds == 2)
    }

    /// Through the real system call: a file gets every byte.
    @Test func aFileGetsEveryByte() throws {
        let folder = try TemporaryFolder()
        let path = folder.url("big.bin")
        let data = Self.bytes(1_000_003)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        #expect(descriptor >= 0)
        let ok = data.withUnsafeBufferPointer { WriteAll.write($0, to: descriptor) }
        close(descriptor)
        #expect(ok)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(data))
    }
}
