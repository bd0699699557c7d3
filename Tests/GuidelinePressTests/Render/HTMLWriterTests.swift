import Foundation
import Testing
@testable import GuidelinePress

/// ``HTMLWriter`` writes what the `String` appends it replaced wrote.
@Suite struct HTMLWriterTests {
    /// The spaces a citation takes away, as the renderer took them from a `String`: its last
    /// `Character` while that is a space or a line feed.
    static func referenceTrimmed(_ text: String, floor: Int) -> String {
        var out = text
        while out.utf8.count > floor, let last = out.utf8.last,
              last == UInt8(ascii: " ") || last == UInt8(ascii: "\n"),
              out.last == " " || out.last == "\n" { out.removeLast() }
        return out
    }

    @Test func trailingSpacesGoAsCharactersWould() {
        let fixed = ["a  ", "a\n \n", "a\r\n", "a\r\n ", " ", "", "\u{0600} ", "\u{0600}  ", "e\u{301} ", "😀 \n",
                     "\u{0915}\u{094D} ", "x\u{200D} ", "🇫🇷 ", "\u{110BD} ", "a \u{301}", "\u{0600}\n"]
        var generator = SeededGenerator(seed: 21)
        let pieces = ["a", " ", "\n", "\r", "\r\n", "\u{0600}", "\u{301}", "é", "😀", "\u{200D}", "\u{110BD}", "\u{0D4E}"]
        var random: [String] = []
        for _ in 0..<3_000 {
            random.append((0..<Int.random(in: 0..<8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in fixed + random {
            for floor in [0, 1, 3] {
                var writer = HTMLWriter()
                writer.write(text)
                writer.removeTrailingSpaces(downTo: floor)
                #expect(writer.string == Self.referenceTrimmed(text, floor: floor), "\(text.debugDescription) floor \(floor)")
            }
        }
    }

    @Test func numbersAndTextAreWrittenAsStringsWouldBe() {
        var writer = HTMLWriter()
        var expected = ""
        for n in [0, 1, 9, 10, 11, 99, 100, 101, 12_345, 1_000_000, Int.max, -1, -250, Int.min] {
            writer.write(n)
            writer.write(",")
            expected += "\(n),"
        }
        writer.writeEscaped("<a href='x'>&\u{1}</a>")
        expected += HTML.escape("<a href='x'>&\u{1}</a>")
        writer.write("Ünïcödé ✓")
        expected += "Ünïcödé ✓"
        #expect(writer.string == expected)
        #expect(writer.count == expected.utf8.count)
    }

    /// A copy is a value: writing to one leaves the other as it was, through growth and trimming.
    @Test func copiesAreIndependentValues() {
        var a = HTMLWriter(capacity: 4)
        a.write("abc ")
        var b = a
        b.write(String(repeating: "x", count: 1_000))
        #expect(a.string == "abc ")
        var c = b
        c.removeTrailingSpaces(downTo: 0)
        a.removeTrailingSpaces(downTo: 0)
        #expect(a.string == "abc")
        #expect(b.string == "abc " + String(repeating: "x", count: 1_000))
        a.write(b)
        a.write(bytes: [UInt8(ascii: "!")])
        a.write(bytes: "é".utf8)
        #expect(a.string == "abc" + b.string + "!é")
        #expect(c.count == b.count)
        // Room to spare in a shared buffer: the copy writes into a buffer of its own.
        var d = HTMLWriter(capacity: 100)
        d.write("abc ")
        var e = d
        e.write("d")
        e.removeTrailingSpaces(downTo: 0)
        var f = d
        f.removeTrailingSpaces(downTo: 0)
        f.write("!")
        #expect(d.string == "abc " && e.string == "abc d" && f.string == "abc!")
        var empty = HTMLWriter()
        empty.removeTrailingSpaces(downTo: 0)
        empty.write("")
        #expect(empty.string == "" && empty.bytes == [] && !empty.endsWithLineFeedCharacter)
        empty.write("\r\n")
        #expect(!empty.endsWithLineFeedCharacter)
        empty.write("\n")
        #expect(empty.endsWithLineFeedCharacter)
    }
}
