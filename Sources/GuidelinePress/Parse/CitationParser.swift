/// Finds pandoc citations in a run of Markdown text (text already without code spans).
///
/// The rules are pandoc 3's Markdown reader (`citeKey`, `normalCite`, `textualCite`,
/// `bareloc` in `Text.Pandoc.Readers.Markdown` and `Text.Pandoc.Parsing.Citations`):
///
/// - A key follows `@` (or `-@`, which suppresses the author). It starts with a letter, digit
///   or `_` and goes on with letters, digits and `_`; one of `:.#$%&-+?<>~/` belongs to it only
///   when a letter, digit or `_` follows, and `:` or `/` also when `/` follows (`https://`).
///   `@{…}` takes the balanced, white-space-free text inside the braces as the key.
/// - `@` (or the `-` of `-@`) right after a letter, digit or `.` starts no key, so
///   `board@example.org` is not a citation.
/// - A bracketed citation `[prefix @key suffix; …]` runs to its matching `]`. The prefix is
///   the text before the first key at the group's own bracket depth; the suffix runs to the
///   next `;` at that depth. A prefix holds no `;`, so every `;`-separated part must hold a
///   key: `[@a; see]`, `[see; @a]`, `[@a;; @b]` and `[x; y @a]` are not bracketed citations
///   (pandoc 3 then reads any `@key` inside them as in-text).
/// - An in-text `@key` may be followed, after spaces and at most one line break, by a
///   bracketed citation (`@a [@b]`, one citation of both items) or by a locator `[p. 33]`
///   that becomes the first item's suffix (not when the `]` is followed by `[` or `(`, which
///   makes a link, nor for `[^…]`, a footnote).
///
/// Deliberate differences from pandoc:
/// - A bracket group that starts `[@` or `[-@` but does not parse is reported as
///   `.malformed` (pandoc keeps it as text); an unclosed one runs to the next `[` or the end.
///   Such a group is never taken as the locator of an in-text key either.
/// - `@*` (pandoc's `nocite` wildcard) and an empty `@{}` are not keys.
/// - "After a word" looks at the previous character; pandoc tracks where its last word
///   token ended, which differs only in oddities such as `@a@b` or `*x*@a`.
/// - Brackets are matched by counting; pandoc lets nested inlines (links, emphasis,
///   nested citations) consume them, which gives the same groups for ordinary text.
///   A citation inside a prefix or suffix (`[@a and @b]`) stays text of that prefix or suffix.
/// - Prefixes and suffixes are the raw text with surrounding white space removed, and the
///   suffix without one leading comma (pandoc keeps the comma in its AST).
///
/// The scan is linear in the length of the text (times the logarithm of its number of brackets):
/// bracket and brace partners are found in one pass with explicit stacks and looked up by halves,
/// and each bracket group is parsed at its own depth only, jumping over nested groups, so nesting
/// depth costs neither time nor stack.
public enum CitationParser {
    /// A piece of scanned text.
    public enum Piece: Sendable, Hashable {
        /// Text that is not a citation.
        case text(String)
        /// A citation; its `source` is the text it was parsed from.
        case citation(Citation)
        /// A bracket group that starts `[@` or `[-@` but does not parse: its raw text and the
        /// UTF-8 offset of its `[` in the scanned text.
        case malformed(String, offset: Int)
    }

    /// Splits `text` into text and citations.
    ///
    /// `position` maps a UTF-8 byte offset in `text` to its source position; each
    /// `CitationItem.position` points at its key's `@`. Concatenating the pieces' text,
    /// citation sources and malformed raw text gives back `text` exactly.
    public static func scan(_ text: String, position: (Int) -> SourcePosition) -> [Piece] {
        let bytes = Array(text.utf8)
        return scan(bytes, position: position).map { piece in
            switch piece {
            case .text(let range): .text(String(decoding: bytes[range], as: UTF8.self))
            case .citation(let citation, _): .citation(citation)
            case .malformed(let range): .malformed(String(decoding: bytes[range], as: UTF8.self), offset: range.lowerBound)
            }
        }
    }

    /// A piece of scanned bytes, by its range: the extraction makes text inlines of the ranges
    /// directly, without a `String` of each piece first.
    enum RawPiece {
        case text(Range<Int>)
        case citation(Citation, Range<Int>)
        case malformed(Range<Int>)
    }

    /// ``scan(_:position:)`` of UTF-8 `bytes` (valid UTF-8), as ranges.
    static func scan(_ bytes: [UInt8], position: (Int) -> SourcePosition) -> [RawPiece] {
        scanNoting(bytes, position: position).pieces
    }

    /// ``scan(_:position:)`` of UTF-8 `bytes`, and the ranges of bracket groups that hold
    /// citations pandoc reads differently from what the author meant, which the scan still reads
    /// as pandoc does: a `;` list of citations with a part that has no key
    /// (`[e.g. Smith 2009; @jones2010]`: pandoc gives the group up and cites each key in-text,
    /// and the page shows the brackets and the `;`), and pandoc's inline footnote holding a citation
    /// (`^[See @a.]`, a footnote in pandoc, brackets and a `^` here), from its `^`.
    static func scanNoting(_ bytes: [UInt8], position: (Int) -> SourcePosition) -> (pieces: [RawPiece], unread: [Range<Int>]) {
        withoutActuallyEscaping(position) { position in
            var scanner = CitationScanner(bytes, position: position)
            let pieces = scanner.scan()
            return (pieces, scanner.unread)
        }
    }
}

/// A key found at an `@`.
private struct CiteKey {
    /// The offset where the citation item starts: the `-` of `-@`, else the `@`.
    var start: Int
    /// The offset of the `@`.
    var at: Int
    /// The key without `@` or braces.
    var key: String
    /// The offset just after the key.
    var end: Int
    /// Whether `-@` suppresses the author.
    var suppressAuthor: Bool
}

/// The scanner behind `CitationParser.scan`, over the text's UTF-8 bytes.
///
/// Every syntax character is ASCII, so byte offsets are cut points; scalars are decoded only
/// to classify letters, digits and spaces.
private struct CitationScanner {
    private let bytes: [UInt8]
    /// Every `[` (outside braced keys) and every `{`, in order, with the offset of its partner or
    /// -1: a handful in a paragraph, so two short lists searched by halves rather than a table as
    /// long as the text (whose allocation and filling cost a tenth of the scan).
    private var brackets: [(at: Int32, partner: Int32)] = []
    private var braces: [(at: Int32, partner: Int32)] = []
    private let position: (Int) -> SourcePosition
    private var pieces: [CitationParser.RawPiece] = []
    private var textStart = 0
    /// ``CitationParser/scanNoting(_:position:)``'s groups.
    private(set) var unread: [Range<Int>] = []

    init(_ bytes: [UInt8], position: @escaping (Int) -> SourcePosition) {
        self.bytes = bytes
        precondition(bytes.count < Int(Int32.max), "text too long for the citation scanner")
        self.position = position
        matchBraces()
        matchBrackets()
    }

    // MARK: Scanning

    mutating func scan() -> [CitationParser.RawPiece] {
        let n = bytes.count
        var i = 0
        while i < n {
            switch bytes[i] {
            case UInt8(ascii: "["):
                let close = Int(partner(i))
                if close >= 0, i > 0, bytes[i - 1] == UInt8(ascii: "^"), holdsKey(from: i + 1, to: close) {
                    unread.append(i - 1..<close + 1)
                }
                if close >= 0, let items = parseItems(from: i + 1, to: close) {
                    emitCitation(items: items, bracketed: true, from: i, to: close + 1)
                    i = close + 1
                } else if startsLikeCitation(i) {
                    let end = close >= 0 ? close + 1 : nextOpenBracket(after: i)
                    flushText(upTo: i)
                    pieces.append(.malformed(i..<end))
                    textStart = end
                    i = end
                } else {
                    if close >= 0, listsCitations(from: i + 1, to: close) { unread.append(i..<close + 1) }
                    i += 1
                }
            case UInt8(ascii: "@"):
                guard let key = key(at: i) else {
                    i += 1
                    continue
                }
                var first = item(key, prefix: "", suffix: "")
                var items = [first]
                var end = key.end
                if let locator = bracketsAfterKey(key.end) {
                    first.suffix = locator.suffix
                    items = [first] + locator.items
                    end = locator.end
                }
                emitCitation(items: items, bracketed: false, from: key.start, to: end)
                i = end
            default:
                // Nothing happens before the next `[` or `@`.
                i = ByteScan.firstIndex(in: bytes, from: i + 1, ofAny: UInt8(ascii: "["), UInt8(ascii: "@"), UInt8(ascii: "@"))
            }
        }
        flushText(upTo: n)
        return pieces
    }

    /// The items of a bracketed list running from `start` to the `]` at `close`, or `nil`
    /// unless every `;`-separated part holds a key.
    private func parseItems(from start: Int, to close: Int) -> [CitationItem]? {
        var items: [CitationItem] = []
        var i = start
        while true {
            // The prefix: everything before the first key at this depth.
            let prefixStart = i
            var found: CiteKey?
            while i < close, found == nil {
                switch bytes[i] {
                case UInt8(ascii: "["):
                    i = skipGroup(i)
                case UInt8(ascii: ";"):
                    // pandoc's prefix stops at a `;`, and a part without a key fails the group.
                    return nil
                case UInt8(ascii: "@"):
                    found = key(at: i)
                    if found == nil { i += 1 }
                default:
                    i += 1
                }
            }
            guard let key = found else { return nil }
            // The suffix: up to the next `;` or the closing `]` at this depth.
            i = key.end
            let suffixStart = i
            while i < close, bytes[i] != UInt8(ascii: ";") {
                i = skipUnit(i)
            }
            items.append(item(key, prefix: trimmed(prefixStart, key.start),
                              suffix: suffix(suffixStart, i)))
            if i >= close { return items }
            i += 1
        }
    }

    /// The bracketed material after an in-text key ending at `keyEnd`: either a bracketed
    /// citation whose items join the key's, or a locator that becomes its suffix.
    private func bracketsAfterKey(_ keyEnd: Int) -> (suffix: String, items: [CitationItem], end: Int)? {
        let open = skipSpaceAndNewline(keyEnd)
        guard open < bytes.count, bytes[open] == UInt8(ascii: "["), partner(open) >= 0 else { return nil }
        let close = Int(partner(open))
        if bytes[open + 1] == UInt8(ascii: "^") { return nil }  // a footnote
        if let items = parseItems(from: open + 1, to: close) {
            return ("", items, close + 1)
        }
        // Unlike pandoc, `@a [@]` leaves `[@]` to be reported as malformed.
        if startsLikeCitation(open) { return nil }
        var i = open + 1
        while i < close, bytes[i] != UInt8(ascii: ";") {
            i = skipUnit(i)
        }
        var rest: [CitationItem] = []
        if i < close {
            guard let more = parseItems(from: i + 1, to: close) else { return nil }
            rest = more
        }
        if close + 1 < bytes.count, bytes[close + 1] == UInt8(ascii: "[") || bytes[close + 1] == UInt8(ascii: "(") {
            return nil  // `[text](url)` or `[text][ref]` is a link
        }
        return (suffix(open + 1, i), rest, close + 1)
    }

    /// Whether a key starts anywhere from `start` to `end` (nested groups included).
    private func holdsKey(from start: Int, to end: Int) -> Bool {
        var i = start
        while i < end {
            i = ByteScan.firstIndex(of: UInt8(ascii: "@"), in: bytes, from: i, to: end) ?? end
            guard i < end else { return false }
            if key(at: i) != nil { return true }
            i += 1
        }
        return false
    }

    /// Whether the inside of a group, `start` to `end`, is a `;` list one of whose parts is a
    /// citation (`@key` or `-@key` first, after spaces): the group that did not parse was meant
    /// as one. A `;` inside nested brackets does not count.
    private func listsCitations(from start: Int, to end: Int) -> Bool {
        var i = start
        var separated = false, cites = false
        var partStart = true
        while i < end {
            switch bytes[i] {
            case UInt8(ascii: "["):
                i = skipGroup(i)
                partStart = false
                continue
            case UInt8(ascii: ";"):
                separated = true
                partStart = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"):
                break
            case UInt8(ascii: "-") where partStart && i + 1 < end && bytes[i + 1] == UInt8(ascii: "@"):
                break
            case UInt8(ascii: "@") where partStart:
                if key(at: i) != nil { cites = true }
                partStart = false
            default:
                partStart = false
            }
            if separated && cites { return true }
            i += 1
        }
        return false
    }

    // MARK: Keys

    /// The key whose `@` is at `sign`, if one starts there.
    @inline(__always)
    private func key(at sign: Int) -> CiteKey? {
        guard bytes[sign] == UInt8(ascii: "@"), !isAfterWord(sign) else { return nil }
        let keyEnd: Int
        let key: String
        if let end = simpleKeyEnd(from: sign + 1) {
            keyEnd = end
            key = string(sign + 1, end)
        } else if let end = bracedKeyEnd(at: sign) {
            keyEnd = end
            key = string(sign + 2, end - 1)
        } else {
            return nil
        }
        let suppress = sign > 0 && bytes[sign - 1] == UInt8(ascii: "-") && !isAfterWord(sign - 1)
        return CiteKey(start: suppress ? sign - 1 : sign, at: sign, key: key, end: keyEnd,
                       suppressAuthor: suppress)
    }

    /// The end of a plain key starting at `start`, or `nil` if none starts there.
    private func simpleKeyEnd(from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        let (first, firstLength) = scalar(at: start)
        guard CitationParser.isKeyCharacter(first) else { return nil }
        var i = start + firstLength
        while i < bytes.count {
            let (c, length) = scalar(at: i)
            if CitationParser.isKeyCharacter(c) {
                i += length
                continue
            }
            guard Self.isInternalPunctuation(c), i + 1 < bytes.count else { break }
            let (next, _) = scalar(at: i + 1)
            if CitationParser.isKeyCharacter(next) || ((c == ":" || c == "/") && next == "/") {
                i += 1
                continue
            }
            break
        }
        return i
    }

    /// The end of a braced key `@{…}` whose `@` is at `sign`, or `nil`.
    private func bracedKeyEnd(at sign: Int) -> Int? {
        let open = sign + 1
        guard open < bytes.count, bytes[open] == UInt8(ascii: "{"), partner(open) > open + 1 else {
            return nil
        }
        return Int(partner(open)) + 1
    }

    /// Whether the character before `offset` ends a word (pandoc's `notAfterString`): a
    /// letter, a digit or a `.`.
    private func isAfterWord(_ offset: Int) -> Bool {
        guard offset > 0 else { return false }
        var start = offset - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        let (c, _) = scalar(at: start)
        return c == "." || CitationParser.isAlphanumeric(c)
    }

    /// Whether the group at `open` starts `[@` or `[-@`, after spaces and one line break.
    private func startsLikeCitation(_ open: Int) -> Bool {
        var i = skipSpaceAndNewline(open + 1)
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        return i < bytes.count && bytes[i] == UInt8(ascii: "@")
    }

    // MARK: Moving

    /// The offset after the group at the `[` at `open`, or after the `[` if it is unmatched.
    private func skipGroup(_ open: Int) -> Int {
        let close = partner(open)
        return close >= 0 ? Int(close) + 1 : open + 1
    }

    /// The offset after one unit of a suffix: a nested group, a braced key, or one byte.
    private func skipUnit(_ i: Int) -> Int {
        switch bytes[i] {
        case UInt8(ascii: "["): return skipGroup(i)
        case UInt8(ascii: "@"): return isAfterWord(i) ? i + 1 : bracedKeyEnd(at: i) ?? i + 1
        default: return i + 1
        }
    }

    /// The offset after spaces, tabs and at most one line break (pandoc's `spnl`).
    private func skipSpaceAndNewline(_ start: Int) -> Int {
        var i = skipSpaces(start)
        if i < bytes.count, bytes[i] == UInt8(ascii: "\r") { i += 1 }
        if i < bytes.count, bytes[i] == UInt8(ascii: "\n") { i = skipSpaces(i + 1) }
        return i
    }

    private func skipSpaces(_ start: Int) -> Int {
        var i = start
        while i < bytes.count, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        return i
    }

    /// The offset of the next `[` after `offset`, or the end of the text.
    private func nextOpenBracket(after offset: Int) -> Int {
        var i = offset + 1
        while i < bytes.count, bytes[i] != UInt8(ascii: "[") { i += 1 }
        return i
    }

    // MARK: Partners

    /// Pairs each `{` with its `}` within a run without white space, as pandoc's
    /// `charsInBalanced '{' '}' (satisfy (not . isSpace))` reads a braced key.
    private mutating func matchBraces() {
        // Most prose has no `{`: nothing to pair.
        guard let first = ByteScan.firstIndex(of: UInt8(ascii: "{"), in: bytes) else { return }
        var open: [Int] = []
        var i = first
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "{") {
                open.append(braces.count)
                braces.append((Int32(i), -1))
                i += 1
            } else if byte == UInt8(ascii: "}") {
                if let o = open.popLast() { braces[o].partner = Int32(i) }
                i += 1
            } else if open.isEmpty {
                // A space only matters while a brace is open; `{` is ASCII, so once one is
                // open the scan is back on a scalar boundary.
                i += 1
            } else {
                let (c, length) = scalar(at: i)
                if Self.isSpace(c) { open.removeAll(keepingCapacity: true) }
                i += length
            }
        }
    }

    /// The offset of the partner of the `[` or `{` at `i`, or -1.
    private func partner(_ i: Int) -> Int32 {
        let list = bytes[i] == UInt8(ascii: "[") ? brackets : braces
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(list[mid].at) < i { lo = mid + 1 } else { hi = mid }
        }
        return lo < list.count && Int(list[lo].at) == i ? list[lo].partner : -1
    }

    /// Pairs each `[` with its `]`, jumping over braced keys (which may hold brackets).
    private mutating func matchBrackets() {
        var open: [Int] = []
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "["):
                open.append(brackets.count)
                brackets.append((Int32(i), -1))
            case UInt8(ascii: "]"):
                if let o = open.popLast() { brackets[o].partner = Int32(i) }
            case UInt8(ascii: "@"):
                if !isAfterWord(i), let end = bracedKeyEnd(at: i) {
                    i = end
                    continue
                }
            default:
                // Nothing happens before the next `[`, `]` or `@`.
                i = ByteScan.firstIndex(in: bytes, from: i + 1, ofAny: UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "@"))
                continue
            }
            i += 1
        }
    }

    // MARK: Pieces and text

    private mutating func emitCitation(items: [CitationItem], bracketed: Bool, from start: Int, to end: Int) {
        flushText(upTo: start)
        pieces.append(.citation(Citation(items: items, bracketed: bracketed, source: string(start, end)), start..<end))
        textStart = end
    }

    private mutating func flushText(upTo end: Int) {
        guard end > textStart else { return }
        pieces.append(.text(textStart..<end))
        textStart = end
    }

    private func item(_ key: CiteKey, prefix: String, suffix: String) -> CitationItem {
        CitationItem(key: key.key, prefix: prefix, suffix: suffix, suppressAuthor: key.suppressAuthor,
                     position: position(key.at))
    }

    /// The text from `start` to `end`.
    private func string(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The text from `start` to `end` without white space around it: ASCII spaces and the
    /// Unicode spaces word processors put after `p.` and `cf.` or before a comma (no-break, thin,
    /// narrow no-break, en, ideographic…), as pandoc trims them.
    private func trimmed(_ start: Int, _ end: Int) -> String {
        var (s, e) = (start, end)
        while s < e, let length = spaceLength(at: s, before: e) { s += length }
        while e > s, let length = spaceLength(endingAt: e, after: s) { e -= length }
        // A line break inside is a space, as pandoc's soft break reads (`[see @a for its
        // present-day form]` written over two lines); the HTML looked the same either way.
        guard bytes[s..<e].contains(0x0A) else { return string(s, e) }
        return String(decoding: bytes[s..<e].map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self)
    }

    /// The length in bytes of the space character at `i` (ending at or before `end`), if it is one:
    /// ASCII white space, U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F or U+3000.
    @inline(__always)
    private func spaceLength(at i: Int, before end: Int) -> Int? {
        let b = bytes[i]
        if b < 0x80 { return Self.isASCIISpace(b) ? 1 : nil }
        if b == 0xC2, i + 1 < end, bytes[i + 1] == 0xA0 { return 2 }
        guard i + 2 < end else { return nil }
        let (b1, b2) = (bytes[i + 1], bytes[i + 2])
        switch b {
        case 0xE1: return b1 == 0x9A && b2 == 0x80 ? 3 : nil
        case 0xE2: return (b1 == 0x80 && (0x80...0x8A).contains(b2)) || (b1 == 0x80 && b2 == 0xAF) || (b1 == 0x81 && b2 == 0x9F) ? 3 : nil
        case 0xE3: return b1 == 0x80 && b2 == 0x80 ? 3 : nil
        default: return nil
        }
    }

    /// The length of the space character that ends just before `end` (starting at or after `start`).
    private func spaceLength(endingAt end: Int, after start: Int) -> Int? {
        if Self.isASCIISpace(bytes[end - 1]) { return 1 }
        for length in [2, 3] where end - length >= start {
            if spaceLength(at: end - length, before: end) == length { return length }
        }
        return nil
    }

    /// A suffix: the text without white space around it and without one leading comma.
    private func suffix(_ start: Int, _ end: Int) -> String {
        var s = start
        while s < end, let length = spaceLength(at: s, before: end) { s += length }
        if s < end, bytes[s] == UInt8(ascii: ",") { s += 1 }
        return trimmed(s, end)
    }

    // MARK: Characters

    /// The scalar starting at byte `i` and its length in bytes (the text is valid UTF-8).
    private func scalar(at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        let length = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
        var value = b0 & (0xFF >> (length + 1))
        for k in 1..<length where i + k < bytes.count {
            value = value << 6 | UInt32(bytes[i + k] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }


    /// Punctuation that belongs to a key only before a key character.
    private static func isInternalPunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case ":", ".", "#", "$", "%", "&", "-", "+", "?", "<", ">", "~", "/": return true
        default: return false
        }
    }

    /// White space in Haskell's `isSpace` sense.
    private static func isSpace(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return isASCIISpace(UInt8(c.value)) || c.value == 0x0B || c.value == 0x0C }
        return c.properties.generalCategory == .spaceSeparator
    }

    private static func isASCIISpace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r")
    }
}

extension CitationParser {
    /// Letters and numbers in Haskell's `isAlphaNum` sense (Unicode categories L* and N*).
    static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII {
            let v = c.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// A character that may start a key and always continues one.
    static func isKeyCharacter(_ c: Unicode.Scalar) -> Bool {
        c == "_" || isAlphanumeric(c)
    }
}
