import Foundation

/// Why a group that starts `[@` does not parse, and the group as it was probably meant.
///
/// The typos of real manuscripts: a space (or an invisible character pasted from a PDF) after the
/// `@`, keys separated by a comma or `and` instead of `;`, a `;` with nothing after it, two `;` in
/// a row, a part with no key, a bracket never closed. A rewrite is suggested only when it parses
/// as one bracketed citation (the parser itself decides), so a guess never reads as advice.
enum MalformedGroupHint {
    /// The end of `citation-malformed`'s message for `group` (its text as written, from `[`):
    /// `"; did you mean [@a; @b]? (citations in one group are separated by ';')"`, a reason
    /// without a rewrite, or `""`.
    static func hint(for group: String) -> String {
        guard group.hasPrefix("[") else { return "" }
        guard group.hasSuffix("]") else {
            return "; its '[' is never closed: end the citation with ']'"
        }
        var text = String(group.dropFirst().dropLast())
        var reasons: [String] = []
        for fix in [doubledAt, spaceAfterAt, emptyParts, missingSemicolons, bareDOIs] {
            if let (fixed, reason) = fix(text) {
                text = fixed
                reasons.append(reason)
            }
        }
        let rewrite = "[" + text + "]"
        if !reasons.isEmpty, parsesAsOneGroup(rewrite) {
            // A long group's rewrite would bury the finding (its own text is shown cut at 60).
            guard rewrite.count <= maximumRewrite else { return "; \(reasons.joined(separator: "; "))" }
            return "; did you mean \(rewrite)? (\(reasons.joined(separator: "; ")))"
        }
        if let part = partWithoutKey(String(group.dropFirst().dropLast())) {
            return "; its part '\(Diagnostic.excerpt(part))' has no @key: each part between ';' cites a reference"
        }
        return ""
    }

    /// The longest rewrite a finding shows in full.
    static let maximumRewrite = 160

    /// Whether `text` is one bracketed citation and nothing else.
    static func parsesAsOneGroup(_ text: String) -> Bool {
        let pieces = CitationParser.scan(text) { _ in SourcePosition(line: 1, column: 1) }
        guard pieces.count == 1, case .citation(let citation) = pieces[0] else { return false }
        return citation.bracketed
    }

    /// Whether `scalar` is white space or an invisible format character (a soft hyphen, a
    /// zero-width space or joiner, a direction mark, a byte-order mark).
    static func isBlankOrInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.generalCategory == .format
    }

    /// A format character's code point and name, as a finding names it: `U+200B ZERO WIDTH SPACE`.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = String(scalar.value, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
        return "U+\(padded)" + (scalar.properties.name.map { " " + $0 } ?? "")
    }

    /// `[@@smith2020]`: one `@` before each key.
    private static func doubledAt(_ text: String) -> (String, String)? {
        guard text.contains("@@") else { return nil }
        var fixed = text
        while fixed.contains("@@") { fixed = fixed.replacingOccurrences(of: "@@", with: "@") }
        return (fixed, "one '@' comes before each key")
    }

    /// `[@ smith2020]`: white space or invisible characters right after an `@` taken away.
    private static func spaceAfterAt(_ text: String) -> (String, String)? {
        var out = String.UnicodeScalarView()
        var removed: [Unicode.Scalar] = []
        var afterAt = false
        for scalar in text.unicodeScalars {
            if afterAt, isBlankOrInvisible(scalar) {
                removed.append(scalar)
                continue
            }
            afterAt = scalar == "@"
            out.append(scalar)
        }
        guard let first = removed.first(where: { $0.properties.generalCategory == .format }) ?? removed.first else { return nil }
        let what = first.properties.generalCategory == .format ? "an invisible character (\(describe(first)))" : "a space"
        return (String(out), "\(what) may not follow '@'")
    }

    /// `[@a;]`, `[@a;; @b]`: parts with nothing in them taken away.
    private static func emptyParts(_ text: String) -> (String, String)? {
        let parts = text.split(separator: ";", omittingEmptySubsequences: false)
        let kept = parts.filter { !$0.unicodeScalars.allSatisfy(isBlankOrInvisible) }
        guard kept.count < parts.count, !kept.isEmpty else { return nil }
        let joined = kept.enumerated().map { index, part in
            index == 0 ? String(part) : " " + part.drop { $0.unicodeScalars.allSatisfy(isBlankOrInvisible) }
        }.joined(separator: ";")
        return (joined, "a ';' stands only between two citations")
    }

    /// `[@a, @b]`, `[@a and @b]`, `[@a @b]`: a `;` put between citations that had none.
    private static func missingSemicolons(_ text: String) -> (String, String)? {
        let scalars = Array(text.unicodeScalars)
        var parts: [String] = []
        var start = 0
        var depth = 0
        var keyInPart = false
        for (i, scalar) in scalars.enumerated() {
            switch scalar {
            case "[": depth += 1
            case "]": depth -= 1
            case ";" where depth == 0: keyInPart = false
            case "@" where depth == 0:
                // A key's `@` (or `-@`) at the start or after a space or a separator, not an
                // e-mail address's; the first of a part is its key, each later one a citation.
                guard i + 1 < scalars.count, CitationParser.isKeyCharacter(scalars[i + 1]) || scalars[i + 1] == "{" else { continue }
                let keyStart = i > 0 && scalars[i - 1] == "-" ? i - 1 : i
                if keyStart > 0 {
                    let previous = scalars[keyStart - 1]
                    guard previous.properties.isWhitespace || ",.&;[".unicodeScalars.contains(previous) else { continue }
                }
                if keyInPart {
                    parts.append(trimmingSeparator(String(String.UnicodeScalarView(scalars[start..<keyStart]))))
                    start = keyStart
                }
                keyInPart = true
            default: break
            }
        }
        guard !parts.isEmpty else { return nil }
        parts.append(String(String.UnicodeScalarView(scalars[start...])))
        return (parts.joined(separator: "; "), "citations in one group are separated by ';'")
    }

    /// `[@doi:10.1/a; 10.2/b]` (Manubot keys): a bare DOI among `@doi:` keys cited as one of them.
    private static func bareDOIs(_ text: String) -> (String, String)? {
        let parts = text.split(separator: ";", omittingEmptySubsequences: false)
        guard parts.contains(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("@doi:") }) else { return nil }
        var changed = false
        let fixed = parts.map { part -> String in
            let trimmed = part.trimmingCharacters(in: .whitespacesAndNewlines)
            guard isDOI(trimmed) else { return String(part) }
            changed = true
            return String(part).replacingOccurrences(of: trimmed, with: "@doi:" + trimmed)
        }
        guard changed else { return nil }
        return (fixed.joined(separator: ";"), "a DOI is cited as @doi:… like the others")
    }

    /// Whether `s` is a bare DOI: `10.`, four to nine digits, `/`, and more without white space.
    private static func isDOI(_ s: String) -> Bool {
        guard s.hasPrefix("10."), let slash = s.firstIndex(of: "/") else { return false }
        let registrant = s[s.index(s.startIndex, offsetBy: 3)..<slash]
        return (4...9).contains(registrant.count) && registrant.allSatisfy(\.isASCII) && registrant.allSatisfy(\.isNumber)
            && s.index(after: slash) < s.endIndex && !s.contains(where: \.isWhitespace)
    }

    /// `part` without the white space, commas, periods, `&` and a last `and` at its end.
    private static func trimmingSeparator(_ part: String) -> String {
        var s = Substring(part)
        while true {
            let before = s
            while let last = s.unicodeScalars.last, last.properties.isWhitespace || ",.&".unicodeScalars.contains(last) {
                s = s.dropLast()
            }
            for word in [" and", " und", " et"] where s.lowercased().hasSuffix(word) {
                s = s.dropLast(word.count)
            }
            if s == before { return String(s) }
        }
    }

    /// The first `;`-separated part of a group's inside that holds no `@`.
    private static func partWithoutKey(_ inside: String) -> String? {
        inside.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty && !$0.contains("@") }
    }
}
