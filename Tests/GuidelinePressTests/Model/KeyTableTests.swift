import Foundation
import Testing
@testable import GuidelinePress

/// ``KeyTable``: the same answers as a `[String: …]` (keys equal as Swift compares strings), in
/// insertion order, through growth and copies.
@Suite struct KeyTableTests {
    /// Random ASCII keys of every length from 0 to 40 (the hash reads 8, 4, 2 and 1 bytes at a
    /// time), with Manubot- and Zotero-like punctuation, inserted and looked up against a dictionary.
    @Test func answersAsADictionaryDoes() {
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:/._-")
        var table = KeyTable<Int>()
        var dictionary: [String: Int] = [:]
        for i in 0..<3_000 {
            let length = Int.random(in: 0...40, using: &generator)
            let key = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            table[key] = i
            dictionary[key] = i
        }
        #expect(table.count == dictionary.count)
        for (key, value) in dictionary { #expect(table[key] == value) }
        // Keys one character away from stored ones are not found.
        for key in dictionary.keys.prefix(500) where dictionary[key + "x"] == nil { #expect(table[key + "x"] == nil) }
        #expect(Dictionary(uniqueKeysWithValues: zip(table.keys, table.values)) == dictionary)
    }

    @Test func keepsInsertionOrderAndTheFirstOfDuplicates() {
        let table = KeyTable(firstOf: [("giordano2022", 1), ("doi:10.1038/nature12373", 2), ("giordano2022", 3)])
        #expect(table.keys == ["giordano2022", "doi:10.1038/nature12373"])
        #expect(table.values == [1, 2])
        #expect(table["giordano2022"] == 1)
        var counts: KeyTable<Int> = [:]
        for key in ["a", "b", "a", "a"] { counts[key, default: 0] += 1 }
        #expect(counts["a"] == 3 && counts["b"] == 1 && counts.count == 2)
    }

    /// Keys equal under canonical equivalence are one key, as in a `Dictionary`: a decomposed
    /// "é", the Kelvin sign for "K", the Ångström sign for "Å".
    @Test func treatsCanonicallyEquivalentKeysAsOne() {
        var table: KeyTable<Int> = ["m\u{E9}ller2020": 1, "Key": 2, "\u{C5}ngstr\u{F6}m": 3]
        #expect(table["me\u{301}ller2020"] == 1)
        #expect(table["\u{212A}ey"] == 2)
        #expect(table["\u{212B}ngstro\u{308}m"] == 3)
        #expect(table["muller2020"] == nil)
        table["\u{212A}ey"] = 4
        #expect(table.count == 3 && table["Key"] == 4)
        let dictionary: [String: Int] = ["\u{212A}ey": 0]
        #expect(dictionary["Key"] == 0)  // what the table must agree with
    }

    /// A copy is independent (copy on write), also after the original grows past its first room.
    @Test func copiesAreIndependent() {
        var table = KeyTable<String>(minimumCapacity: 2)
        table["a"] = "1"
        let copy = table
        for i in 0..<100 { table["key-\(i)-" + String(repeating: "x", count: i)] = String(i) }
        table["a"] = "changed"
        #expect(copy.count == 1 && copy["a"] == "1")
        #expect(table.count == 101 && table["a"] == "changed" && table["key-99-" + String(repeating: "x", count: 99)] == "99")
    }
}
