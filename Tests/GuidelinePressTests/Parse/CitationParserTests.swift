import Testing
@testable import GuidelinePress

/// Maps a UTF-8 offset in `text` to a 1-based line and column by counting line breaks.
private func lineColumn(in text: String) -> (Int) -> SourcePosition {
    var lineStarts = [0]
    for (offset, byte) in text.utf8.enumerated() where byte == UInt8(ascii: "\n") {
        lineStarts.append(offset + 1)
    }
    return { offset in
        var (low, high) = (0, lineStarts.count - 1)
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return SourcePosition(line: low + 1, column: offset - lineStarts[low] + 1)
    }
}

private func scan(_ text: String) -> [CitationParser.Piece] {
    CitationParser.scan(text, position: lineColumn(in: text))
}

private func citations(_ text: String) -> [Citation] {
    scan(text).compactMap { if case .citation(let c) = $0 { c } else { nil } }
}

private func keys(_ text: String) -> [String] {
    citations(text).flatMap { $0.items.map(\.key) }
}

private func malformed(_ text: String) -> [String] {
    scan(text).compactMap { if case .malformed(let raw, _) = $0 { raw } else { nil } }
}

/// The text the pieces were scanned from.
private func joined(_ pieces: [CitationParser.Piece]) -> String {
    pieces.map { piece in
        switch piece {
        case .text(let s): s
        case .citation(let c): c.source
        case .malformed(let raw, _): raw
        }
    }.joined()
}

/// The only citation in `text`, or `nil` if there is none or more than one.
private func only(_ text: String) -> Citation? {
    let found = citations(text)
    guard found.count == 1 else { return nil }
    return found[0]
}

private func item(_ key: String, prefix: String = "", suffix: String = "", suppressAuthor: Bool = false,
                  line: Int = 1, column: Int) -> CitationItem {
    CitationItem(key: key, prefix: prefix, suffix: suffix, suppressAuthor: suppressAuthor,
                 position: SourcePosition(line: line, column: column))
}

@Suite struct CitationParserTests {
    // MARK: Bracketed citations

    @Test func singleKey() {
        let pieces = scan("Taxanes work. [@giordano2022]")
        #expect(pieces == [
            .text("Taxanes work. "),
            .citation(Citation(items: [item("giordano2022", column: 16)], bracketed: true,
                               source: "[@giordano2022]")),
        ])
    }

    @Test func severalKeys() {
        #expect(only("x [@a; @b;@c]")?.items == [
            item("a", column: 4), item("b", column: 8), item("c", column: 11),
        ])
    }

    @Test func prefixAndLocator() {
        #expect(only("[see @key, p. 33]")?.items == [item("key", prefix: "see", suffix: "p. 33", column: 6)])
    }

    @Test func prefixesAndLocatorsOnSeveralItems() {
        #expect(only("[see @a, pp. 33-35; also @b, chap. 1]")?.items == [
            item("a", prefix: "see", suffix: "pp. 33-35", column: 6),
            item("b", prefix: "also", suffix: "chap. 1", column: 26),
        ])
    }

    /// No-break spaces around a prefix or locator (a word processor's, after `cf.` or before a
    /// closing bracket) are trimmed as pandoc trims them; inside, they stay.
    @Test func noBreakSpacesAroundPrefixesAndLocatorsAreTrimmed() {
        #expect(only("[cf.\u{A0}@a, p.\u{A0}3\u{A0}]")?.items == [item("a", prefix: "cf.", suffix: "p.\u{A0}3", column: 7)])
        #expect(only("[@a,\u{A0}p. 3]")?.items == [item("a", suffix: "p. 3", column: 2)])
        #expect(only("[\u{A0}\u{A0}@a]")?.items == [item("a", column: 6)])
        // Thin, narrow no-break, en and ideographic spaces too, before the comma as well.
        #expect(only("[cf.\u{2009}@a\u{202F}, p. 3\u{2002}]")?.items == [item("a", prefix: "cf.", suffix: "p. 3", column: 8)])
        #expect(only("[\u{3000}@a, \u{200A}x]")?.items == [item("a", suffix: "x", column: 5)])
    }

    /// A prefix or locator written over two lines reads the line break as a space, as pandoc does.
    @Test func lineBreaksInAffixesAreSpaces() {
        let items = citations("[see\n@a for its\npresent-day form; @b]").first?.items
        #expect(items?.map(\.prefix) == ["see", ""])
        #expect(items?.map(\.suffix) == ["for its present-day form", ""])
    }

    /// Groups pandoc gives up that were meant as citations are noted, and still read as pandoc
    /// reads them: a `;` list with a part that has no key (its keys in-text), and an inline
    /// footnote `^[…]` holding a citation (from its `^`). Other brackets are not noted.
    @Test func groupsMeantAsCitationsAreNoted() {
        func unread(_ text: String) -> [String] {
            let bytes = Array(text.utf8)
            return CitationParser.scanNoting(bytes, position: lineColumn(in: text)).unread.map { String(decoding: bytes[$0], as: UTF8.self) }
        }
        #expect(unread("Shown [e.g. Nakamura et al., 2009; @shen2009; -@tong2010].") == ["[e.g. Nakamura et al., 2009; @shen2009; -@tong2010]"])
        #expect(keys("Shown [e.g. Nakamura et al., 2009; @shen2009; -@tong2010].") == ["shen2009", "tong2010"])
        #expect(unread("Seen [MODIS;\n@zhang2003].") == ["[MODIS;\n@zhang2003]"])
        #expect(unread("Noted.^[See @a for details.] And ^[Other [@b].]") == ["^[See @a for details.]", "^[Other [@b].]"])
        for fine in ["[see figure 2; contact @admin]", "[Table 1]", "[a; b]", "^[a plain note]", "[@a; @b]", "x^[2]", "mail [x; y@example.org]"] {
            #expect(unread(fine).isEmpty, "\(fine)")
        }
    }

    @Test func suppressedAuthor() {
        let c = only("Smith says [-@smith2004, 12].")
        #expect(c?.items == [item("smith2004", suffix: "12", suppressAuthor: true, column: 14)])
        #expect(c?.source == "[-@smith2004, 12]")
        #expect(only("[see -@a; @b]")?.items.map(\.suppressAuthor) == [true, false])
        #expect(only("[see -@a; @b]")?.items.first?.prefix == "see")
    }

    @Test func suffixWithoutComma() {
        #expect(only("[@key p. 33]")?.items.first?.suffix == "p. 33")
        #expect(only("[@key, p. 33 and *passim*]")?.items.first?.suffix == "p. 33 and *passim*")
        #expect(only("[@key,p. 3]")?.items.first?.suffix == "p. 3")
        #expect(only("[@key ,  p. 3 ]")?.items.first?.suffix == "p. 3")
        #expect(only("[@key, , p. 3]")?.items.first?.suffix == ", p. 3")  // only one comma goes
    }

    @Test func nestedBracketsAreBalanced() {
        #expect(only("[see [a] @key]")?.items.first?.prefix == "see [a]")
        #expect(only("[@key, p. 3 [fig. 2; table 1]]")?.items.first?.suffix == "p. 3 [fig. 2; table 1]")
        #expect(only("[see [[x]] @a; [y] @b [z]]")?.items.map(\.prefix) == ["see [[x]]", "[y]"])
    }

    @Test func citationInsideBracketsOfPlainText() {
        // The outer group has no key of its own, so only the inner group is a citation.
        let pieces = scan("[[@a]]")
        #expect(pieces == [
            .text("["),
            .citation(Citation(items: [item("a", column: 3)], bracketed: true, source: "[@a]")),
            .text("]"),
        ])
    }

    @Test func spansSoftLineBreaks() {
        let text = "Trastuzumab [see\n@swain2015, p. 3;\n  also @b]."
        let c = only(text)
        #expect(c?.source == "[see\n@swain2015, p. 3;\n  also @b]")
        #expect(c?.items == [
            item("swain2015", prefix: "see", suffix: "p. 3", line: 2, column: 1),
            item("b", prefix: "also", line: 3, column: 8),
        ])
        #expect(only("[\n@a\n]")?.items.map(\.key) == ["a"])
    }

    @Test func semicolonInAPrefixMakesNoBracketedCitation() {
        // pandoc 3: a prefix stops at `;`, so the group fails and its keys are read in-text.
        #expect(only("[x; y @a]")?.bracketed == false)
        #expect(only("[x; y @a]")?.items == [item("a", column: 7)])
        // Starting `[@`, it is reported as malformed instead (a deliberate difference).
        #expect(malformed("[@a; see; also @b]") == ["[@a; see; also @b]"])
    }

    @Test func mayFollowAWord() {
        #expect(keys("Trastuzumab[@a]") == ["a"])
    }

    @Test func linkAfterBracketedCitationIsNotPartOfIt() {
        // pandoc never reads `[@…]` as link text.
        #expect(only("[@a](https://example.org)")?.source == "[@a]")
    }

    // MARK: Keys

    @Test(arguments: [
        ("@smith2004.", "smith2004"),
        ("@smith2004,", "smith2004"),
        ("@smith2004;", "smith2004"),
        ("@smith2004:", "smith2004"),
        ("@smith2004?", "smith2004"),
        ("(@smith2004)", "smith2004"),
        ("@smith2004's trial", "smith2004"),
        ("@a-", "a"),
        ("@a-b", "a-b"),
        ("@a--b", "a"),
        ("@_a_", "_a_"),
        ("@2004smith", "2004smith"),
        ("@Smith:2004.x", "Smith:2004.x"),
        ("@a#b$c%d&e+f?g<h>i~j/k", "a#b$c%d&e+f?g<h>i~j/k"),
    ])
    func keyEndsBeforeTrailingPunctuation(text: String, key: String) {
        #expect(keys(text) == [key])
        #expect(joined(scan(text)) == text)
    }

    @Test(arguments: [
        "@doi:10.1038/nature12373",
        "@pmid:29939838",
        "@pmcid:PMC4304521",
        "@url:https://example.org/x",
        "@arxiv:1407.3561v1",
        "@isbn:9780262517638",
        "@wikidata:Q50051684",
    ])
    func manubotKeys(key: String) {
        #expect(keys("[\(key)]") == [String(key.dropFirst())])
        #expect(keys("As \(key) showed.") == [String(key.dropFirst())])
    }

    @Test func urlKeyKeepsDoubleSlashButNotATrailingOne() {
        #expect(keys("@url:https://ex.org/a.") == ["url:https://ex.org/a"])
        #expect(keys("@url:https://ex.org/a/ and") == ["url:https://ex.org/a"])
        // pandoc's `:` or `/` before `/` rule: `a//` keeps one slash.
        #expect(keys("@a// x") == ["a/"])
    }

    @Test(arguments: ["smithHER2Testing2018", "giordanoSystemicTherapyAdvanced2022", "swain2015PertuzumabTrastuzumabDocetaxel"])
    func betterBibTeXKeys(key: String) {
        #expect(keys("[see @\(key), p. 2]") == [key])
    }

    @Test func unicodeKeys() {
        #expect(keys("[@müller2020]") == ["müller2020"])
        #expect(keys("@Øvrebø2019 found") == ["Øvrebø2019"])
        #expect(keys("[@山田2021; @José_2020]") == ["山田2021", "José_2020"])
        let c = only("é [@müller2020]")
        #expect(c?.items.first?.position == SourcePosition(line: 1, column: 5))  // `é` is two bytes
    }

    @Test func bracedKeys() {
        #expect(keys("[@{https://example.org/bib?name=foo&date=2000}]") == ["https://example.org/bib?name=foo&date=2000"])
        #expect(keys("@{foo.}, p. 2") == ["foo."])
        #expect(keys("[@{foo{bar}}]") == ["foo{bar}"])  // pandoc keeps balanced inner braces
        #expect(keys("[see @{a]b}, p. 2]") == ["a]b"])  // brackets inside braces do not close the group
        #expect(only("[see @{a]b}, p. 2]")?.items.first?.suffix == "p. 2")
        #expect(keys("@{a b}") == [])  // no white space inside braces
        #expect(keys("@{a\u{A0}b}") == [])  // Unicode white space too
        #expect(keys("é @{a\u{2009}b} ü @{ä}") == ["ä"])  // the space ends only its own group
        #expect(keys("naïve @{ä}; @{b}") == ["ä", "b"])
        #expect(keys("@{}") == [])
        #expect(keys("@{unclosed") == [])
    }

    @Test func emailAddressesAreNotCitations() {
        let text = "Write to board@example.org or first.last@nhs.uk, [or editor@example.org]."
        #expect(scan(text) == [.text(text)])
        #expect(keys("Ask x.@a") == [])
        #expect(keys("board-@a") == ["a"])  // pandoc: `-` after a word is text, `@a` a citation
        #expect(citations("board-@a").first?.items.first?.suppressAuthor == false)
    }

    @Test func wildcardIsNotAKey() {
        #expect(keys("[@*]") == [])
        #expect(malformed("[@*]") == ["[@*]"])
    }

    // MARK: In-text citations

    @Test func inText() {
        let pieces = scan("As @swain2015 showed, pertuzumab helps.")
        #expect(pieces == [
            .text("As "),
            .citation(Citation(items: [item("swain2015", column: 4)], bracketed: false, source: "@swain2015")),
            .text(" showed, pertuzumab helps."),
        ])
    }

    @Test func inTextWithLocator() {
        let c = only("@key [p. 33] says")
        #expect(c == Citation(items: [item("key", suffix: "p. 33", column: 1)], bracketed: false,
                              source: "@key [p. 33]"))
        #expect(only("@key\n[p. 33]")?.items.first?.suffix == "p. 33")
        #expect(only("@key [p. 33; @b, ch. 2]")?.items == [
            item("key", suffix: "p. 33", column: 1), item("b", suffix: "ch. 2", column: 14),
        ])
    }

    @Test func inTextFollowedByBracketedCitation() {
        // pandoc makes `@a [see @b]` one in-text citation of both keys.
        let c = only("@a [see @b, p. 2] showed")
        #expect(c?.bracketed == false)
        #expect(c?.source == "@a [see @b, p. 2]")
        #expect(c?.items == [item("a", column: 1), item("b", prefix: "see", suffix: "p. 2", column: 9)])
    }

    @Test func inTextNotFollowedByLinkOrFootnote() {
        #expect(only("@key [p. 33](https://example.org)")?.source == "@key")
        #expect(only("@key [p. 33][ref]")?.source == "@key")
        #expect(only("@key [^1]")?.source == "@key")
        #expect(only("@key\n\n[p. 3]")?.source == "@key")  // at most one line break
        #expect(only("@key [p. 3; see]")?.source == "@key")  // the `;` part lacks a key
    }

    @Test func suppressedAuthorInText() {
        let c = only("Smith says -@smith2004.")
        #expect(c == Citation(items: [item("smith2004", suppressAuthor: true, column: 13)], bracketed: false,
                              source: "-@smith2004"))
    }

    @Test func manyInTextCitationsInOneParagraph() {
        let text = (0..<5000).map { "Trial @t\($0) [p. \($0)] and" }.joined(separator: " ")
        let found = citations(text)
        #expect(found.count == 5000)
        #expect(found.last?.items.first?.suffix == "p. 4999")
        #expect(joined(scan(text)) == text)
    }

    // MARK: Malformed and plain brackets

    @Test(arguments: [
        "[@]",
        "[@ key]",
        "[-@]",
        "[@key; see]",
        "[@key;; @b]",
        "[@key;]",
        "[@{a b}]",
        "[ @ key]",
        "[\n-@ x]",
    ])
    func malformedGroups(text: String) {
        #expect(scan(text) == [.malformed(text, offset: 0)])
    }

    @Test func semicolonBeforeAKeyNeedsAKeyBeforeIt() {
        // pandoc: not a citation, and as it does not start `[@` not malformed either; `@key`
        // inside is then an in-text citation.
        let pieces = scan("[see; @key]")
        #expect(pieces == [
            .text("[see; "),
            .citation(Citation(items: [item("key", column: 7)], bracketed: false, source: "@key")),
            .text("]"),
        ])
    }

    @Test func malformedOffsetAndNeighbours() {
        let pieces = scan("One [@] two [@b].")
        #expect(pieces == [
            .text("One "),
            .malformed("[@]", offset: 4),
            .text(" two "),
            .citation(Citation(items: [item("b", column: 14)], bracketed: true, source: "[@b]")),
            .text("."),
        ])
    }

    @Test func unclosedGroupIsMalformed() {
        #expect(scan("Text [@key, p. 3") == [.text("Text "), .malformed("[@key, p. 3", offset: 5)])
        // It ends at the next `[`, so a later citation is still found.
        #expect(scan("[@a and [@b]") == [
            .malformed("[@a and ", offset: 0),
            .citation(Citation(items: [item("b", column: 10)], bracketed: true, source: "[@b]")),
        ])
    }

    @Test(arguments: [
        "[not a citation]",
        "[see the @ sign]",
        "[see]",
        "[]",
        "[",
        "]",
        "see @ sign",
        "@",
        "-@",
        "@-a",
        "@.a",
        "a@b",
        "10@20",
        "[contact board@example.org]",
    ])
    func plainText(text: String) {
        #expect(scan(text) == [.text(text)])
    }

    @Test func malformedGroupIsNotALocator() {
        // pandoc would read `[@]` as the locator of `@a`; here it is reported instead.
        #expect(scan("@a [@]") == [
            .citation(Citation(items: [item("a", column: 1)], bracketed: false, source: "@a")),
            .text(" "),
            .malformed("[@]", offset: 3),
        ])
    }

    @Test func prefixMayHoldALoneAtSign() {
        #expect(only("[see the @ sign, @key]")?.items.first?.prefix == "see the @ sign,")
        #expect(only("[see board@example.org and @a]")?.items.first?.prefix == "see board@example.org and")
    }

    // MARK: Positions

    @Test func positionsPointAtTheAtSign() {
        let text = "First line.\nSecond [see @a; -@b]\n  then @c [p. 1].\n[@{x}]"
        let found = citations(text)
        #expect(found.flatMap { $0.items.map(\.position) } == [
            SourcePosition(line: 2, column: 13),
            SourcePosition(line: 2, column: 18),
            SourcePosition(line: 3, column: 8),
            SourcePosition(line: 4, column: 2),
        ])
    }

    @Test func positionClosureReceivesUTF8Offsets() {
        var seen: [Int] = []
        _ = CitationParser.scan("ü @a [@b]") { offset in
            seen.append(offset)
            return SourcePosition(line: 1, column: offset + 1)
        }
        #expect(seen == [3, 7])
    }

    // MARK: Round trip and scale

    @Test(arguments: [
        "",
        "plain",
        "[@a] [@b; @c] @d -@e [-@f] [see @g, p. 1]",
        "[[[@a]]] ]]] [[[",
        "[@a [@b [@c]]]",
        "@a [p. 1] @b [@c] @d [see] [@] [@x;] [",
        "é@a ü [@müller, S. 3] 日本 @山田",
        "a\n[@b\n; @c]\n@d\n[p. 2]",
        "[@{a]b} [@{c{d}}] @{e}",
        "board@example.org [x@y] x.@z -@ @- @_ @{",
        "[see; also @a] [; @b] [@c; ] [@d, p. 1; @e p. 2]",
        "@a [p. 1](u) @b [p. 2][r] @c [^n] @d []",
        "[@a\t;\t@b]\r\n[@c]",
    ])
    func roundTrips(text: String) {
        #expect(joined(scan(text)) == text)
    }

    @Test func oneMegabyteOfCitations() {
        let text = String(repeating: "[@a] ", count: 1_048_576 / 5)
        let pieces = scan(text)
        #expect(joined(pieces) == text)
        #expect(pieces.count == 2 * (1_048_576 / 5))
    }

    @Test func deeplyNestedBrackets() {
        let depth = 100_000
        let open = String(repeating: "[", count: depth)
        let close = String(repeating: "]", count: depth)
        for text in [open, open + "@a", open + "@a" + close, open + "see @a" + close, "[@a " + open + close + "]",
                     String(repeating: "@{", count: depth), String(repeating: "[@a ", count: depth)] {
            #expect(joined(scan(text)) == text)
        }
        #expect(keys(open + "@a" + close) == ["a"])
        #expect(citations("[@a " + open + close + "]").first?.items.first?.suffix == open + close)
    }
}
