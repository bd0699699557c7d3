import Foundation
import Testing
@testable import GuidelinePress

/// ``ByteScan`` answers as the plain byte loops it replaces, across block edges (64 bytes).
@Suite struct ByteScanTests {
    static let samples: [String] = {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "@", "\n", "é", "—", "😀", "\u{F0000}", "\u{10FFFD}", "\u{EFFFF}", " ", "[", "{"]
        var out = ["", "@", "\n", "\u{F0000}", String(repeating: "x", count: 64) + "@",
                   String(repeating: "x", count: 63) + "\u{F0000}", String(repeating: "x", count: 200)]
        for length in [1, 5, 63, 64, 65, 130, 1000] {
            for _ in 0..<20 {
                out.append((0..<length).map { _ in
                    Int.random(in: 0..<10, using: &generator) < 8 ? "a" : pieces.randomElement(using: &generator)!
                }.joined())
            }
        }
        return out
    }()

    /// The trimming shortcut gives Foundation's result for text with white space of every kind
    /// (ASCII, no-break, ideographic, line separators) at either end or none.
    /// `[^` and `[!` are found wherever they are, and `^` or `!` alone (or first) is no pair.
    @Test func aByteFollowedByAnother() {
        let open = UInt8(ascii: "["), caret = UInt8(ascii: "^")
        #expect(ByteScan.contains("Give 5 mg.[^1]", open, followedBy: caret))
        #expect(ByteScan.contains("[^", open, followedBy: caret))
        #expect(!ByteScan.contains("^[ x^2 [ ^", open, followedBy: caret))
        #expect(!ByteScan.contains("", open, followedBy: caret) && !ByteScan.contains("^", open, followedBy: caret))
        #expect(ByteScan.contains(String(repeating: "a^", count: 5_000) + "[!", open, followedBy: UInt8(ascii: "!")))
    }

    @Test func trimmingWhitespaceAsFoundationDoes() {
        var random = SeededGenerator(seed: 7)
        let pieces = ["a", "Z", "~", "é", "中", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2028}",
                      "\u{3000}", "\u{200B}", "x y", "\u{301}", "\u{7F}", "\u{1}", ""]
        for _ in 0..<2_000 {
            let s = (0..<Int.random(in: 0...4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(s.trimmingWhitespace() == s.trimmingCharacters(in: .whitespacesAndNewlines), "\(s.debugDescription)")
            #expect(s.trimmingWhitespace(newlines: false) == s.trimmingCharacters(in: .whitespaces), "\(s.debugDescription)")
        }
    }

    @Test func containsByte() {
        for s in Self.samples {
            for byte in [UInt8(ascii: "@"), UInt8(ascii: "\n"), UInt8(ascii: "{"), 0xF3] {
                #expect(ByteScan.contains(s, byte) == s.utf8.contains(byte), "\(s.debugDescription) \(byte)")
            }
        }
    }

    @Test func containsHighByteOrByte() {
        for s in Self.samples {
            for (limit, byte) in [(UInt8(0xF3), UInt8(0x0A)), (0xF3, 0xF3), (0x80, UInt8(ascii: "@"))] {
                #expect(ByteScan.contains(s, atLeast: limit, or: byte) == s.utf8.contains { $0 >= limit || $0 == byte },
                        "\(s.debugDescription) \(limit) \(byte)")
            }
        }
    }

    @Test func firstIndexOfAny() {
        for s in Self.samples {
            let bytes = Array(s.utf8)
            for start in Set([0, 1, 15, 16, 17, bytes.count / 2, bytes.count]) where start <= bytes.count {
                let expected = bytes[start...].firstIndex { $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "[") || $0 == 0x0A } ?? bytes.count
                #expect(ByteScan.firstIndex(in: bytes, from: start, ofAny: UInt8(ascii: "@"), UInt8(ascii: "["), 0x0A) == expected)
            }
        }
    }

    @Test func firstIndexOfAHighByteOrByteInARange() {
        for s in Self.samples {
            let bytes = Array(s.utf8)
            for (start, end) in [(0, bytes.count), (1, bytes.count), (0, bytes.count / 2), (17, bytes.count), (bytes.count / 2, bytes.count)]
            where start <= end {
                let expected = bytes[start..<end].firstIndex { $0 >= 0xF3 || $0 == 0x0A } ?? end
                #expect(ByteScan.firstIndex(in: bytes, from: start, to: end, atLeast: 0xF3, or: 0x0A) == expected)
            }
        }
    }

    @Test func firstIndexOfOneByteInARange() {
        for s in Self.samples {
            let bytes = Array(s.utf8)
            for (start, end) in [(0, bytes.count), (1, bytes.count), (0, bytes.count / 2), (bytes.count / 2, bytes.count)]
            where start <= end {
                let expected = bytes[start..<end].firstIndex(of: UInt8(ascii: "@"))
                #expect(ByteScan.firstIndex(of: UInt8(ascii: "@"), in: bytes, from: start, to: end) == expected)
            }
        }
    }

    @Test func byteClassesAndOneBytePerCharacter() {
        let set = ByteScan.ByteClass(below: 0x0A, atLeast: 0xF0, bytes: [0x3C, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40])
        for s in Self.samples {
            #expect(ByteScan.contains(s, anyOf: set) == s.utf8.contains { $0 < 0x0A || $0 >= 0xF0 || $0 == 0x3C || $0 == 0x40 })
            #expect(ByteScan.isOneBytePerCharacter(s) == (s.utf8.count == s.count && !s.utf8.contains(0x0D)))
        }
        #expect(!ByteScan.isOneBytePerCharacter("a\r\nb"))
    }

    /// The escapers' byte classes find every byte their tables of old named, and no other, at every
    /// offset of a sixteen-byte block and in the tail after the last whole block.
    @Test func escapingClassesMatchTheirTables() {
        let html: (UInt8) -> Bool = { b in
            b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 || b < 0x20 || b == 0x7F || b == 0xC2
                || b == 0xEF || b >= 0xF0
        }
        let json: (UInt8) -> Bool = { b in b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 }
        let script: (UInt8) -> Bool = { b in json(b) || b == 0x3C || b == 0x3E || b == 0x26 }
        let classes = [(HTML.mayNeedEscaping, html), (JSONText.mayNeedEscaping, json), (JSONText.mayNeedEscapingForScript, script)]
        // Every ASCII byte, and scalars whose UTF-8 starts or continues with each byte above.
        var scalars = (0..<0x80).map { Unicode.Scalar(UInt8($0)) }
        scalars += [0x85, 0xE9, 0x2028, 0x2029, 0x4E2D, 0xFDD0, 0xFFFE, 0x1F600, 0xF0000, 0x10FFFF].map { Unicode.Scalar($0)! }
        for scalar in scalars {
            for (prefix, total) in [(0, 1), (5, 16), (15, 17), (16, 40), (31, 33), (40, 47)] {
                var s = String(repeating: "x", count: prefix)
                s.unicodeScalars.append(scalar)
                s += String(repeating: "y", count: max(0, total - prefix - 1))
                for (set, expected) in classes {
                    #expect(ByteScan.contains(s, anyOf: set) == s.utf8.contains(where: expected), "\(s.debugDescription)")
                }
            }
        }
    }

    /// A string written piece by piece into a measured buffer is the pieces joined.
    @Test func measuredStringsAreThePiecesJoined() {
        var random = SeededGenerator(seed: 3)
        let pieces = ["", "a", "é", "😀", "{\"k\":1}", String(repeating: "x", count: 40), "\u{0}"]
        for _ in 0..<300 {
            let chosen = (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }
            let length = chosen.reduce(1) { $0 + $1.utf8.count }
            let made = String(measuredLength: length + Int.random(in: 0...3, using: &random)) { out in
                for piece in chosen { out.put(piece) }
                out.put(UInt8(ascii: ";"))
            }
            #expect(made == chosen.joined() + ";")
        }
    }
}
