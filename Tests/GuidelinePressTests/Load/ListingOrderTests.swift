import Foundation
import Testing
@testable import GuidelinePress

/// The listing's byte shortcuts answer as the `String` and `Character` operations they replace.
@Suite struct ListingOrderTests {
    /// A slug by `Character`, as ``SourceFile/slug(of:)`` made every one before its byte path.
    static func referenceSlug(_ relativePath: String) -> String {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        return name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
    }

    @Test func slugsAreTheCharacterPathsSlugs() {
        let fixed = ["articles/her2-gene-role.md", "pages/editorial-policy.md", "articles/a.b.c.md", "articles/noextension",
                     "articles/.md", "articles/.hidden", "articles/x.", "x.md", "articles/", "articles//", "/", "", ".",
                     "articles/trailing.md/", "articles/ça-va.md", "articles/naïve.draft.md", "articles/😀.md", "dir.d/file"]
        var generator = SeededGenerator(seed: 7)
        let pieces = ["a", "-", ".", "/", "md", "é", "e\u{301}", "😀", "z9"]
        var random: [String] = []
        for _ in 0..<500 {
            let length = Int.random(in: 0..<12, using: &generator)
            random.append((0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for path in fixed + random {
            #expect(SourceFile.slug(of: path) == Self.referenceSlug(path), "\(path.debugDescription)")
        }
    }

    @Test func namesSortAsStringsDo() {
        var generator = SeededGenerator(seed: 11)
        let ascii = ["a", "b", "-", "1", "10", "2", "A", "Z", "_", ".md", "abemaciclib-bone-metastases-"]
        let unicode = ascii + ["é", "e\u{301}", "ß", "ss", "😀", "\u{FFFD}"]
        for pool in [ascii, unicode] {
            for _ in 0..<40 {
                var names: [String] = []
                for _ in 0..<Int.random(in: 0..<60, using: &generator) {
                    let length = Int.random(in: 0..<6, using: &generator)
                    names.append((0..<length).map { _ in pool.randomElement(using: &generator)! }.joined())
                }
                #expect(ByteScan.sorted(names) == names.sorted())
            }
        }
        // Canonical equivalents: `String` sorts them as equals, bytes would not.
        let equivalents = ["e\u{301}b", "éa", "éb", "e\u{301}a"]
        #expect(ByteScan.sorted(equivalents) == equivalents.sorted())
    }

    /// A folder's names by `readdir` are `FileManager`'s, hidden ones left out.
    @Test func entryNamesAreFileManagersNames() throws {
        let names = ["a.md", "B.md", "ça-va.md", "e\u{301}.md", "😀 space.md", ".hidden.md", "sub/x.md", "no-extension",
                     String(repeating: "long", count: 50) + ".md"]
        let folder = try TemporaryFolder(Dictionary(uniqueKeysWithValues: names.map { ($0, "x") }))
        let expected = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        #expect(expected.count == names.count - 1)
        #expect(ContentLoader.entryNames(of: folder.path).names.sorted() == expected.sorted())
        #expect(ContentLoader.entryNames(of: folder.path).notUTF8.isEmpty)
        #expect(ContentLoader.entryNames(of: folder.url("missing")).names.isEmpty)
    }
}
