/// `markdown-unsupported` (an extension of the contract, a warning): Markdown of other dialects
/// that the content format (GFM) shows as text: footnotes (`[^1]`, from pandoc, GitHub's own
/// footnote extension or Obsidian) and GitHub alerts or Obsidian callouts (`> [!WARNING]`).
///
/// A probe of clinical notes imported as written: a dose's footnote showed as `[^1]`, its note as a
/// paragraph of its own far from it, and a safety warning as a plain quote that starts
/// `[!WARNING]`, all without a word.
public struct MarkdownUnsupportedChecker: BlockChecker {
    public var rule: Rule { .markdownUnsupported }

    /// Nearly no article holds `[^` or `[!`: the parser looked (walking every block's text cost
    /// 0.7 % of a build's instructions).
    public func mayConcern(_ article: Article) -> Bool { article.mayHoldForeignMarks }

    public func check(_ blocks: [Block], file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        Block.forEach(in: blocks) { block in
            if case .blockQuote(let children) = block.kind, let first = children.first, case .paragraph(let inlines) = first.kind,
               let alert = Self.alertMarker(inlines) {
                out.append(Diagnostic(file: file, at: first.position, rule: rule,
                    message: "'\(alert)' is a GitHub alert, which the content format does not have: the page shows a plain quote that starts with '\(alert)'",
                    notes: ["start the quote with a word in bold instead: > **Warning:** …"]))
            }
            for run in block.inlineRuns {
                for (label, position) in Self.footnoteMarks(run) {
                    out.append(Diagnostic(file: file, at: position, rule: rule,
                        message: "'\(label)' is a footnote, which the content format does not have: the page shows '\(label)' as text, and its note as a paragraph of its own",
                        notes: ["write the note in the text, in parentheses, or as a sentence after it"]))
                }
            }
        }
        return out
    }

    /// The `[!TYPE]` a quote's first paragraph starts with (GitHub's alerts, Obsidian's callouts).
    static func alertMarker(_ inlines: [Inline]) -> String? {
        var text = ""
        for inline in inlines {
            guard case .text(let s) = inline.kind else { break }
            text += s
            if text.count > 40 || text.contains("]") { break }
        }
        guard text.hasPrefix("[!"), let close = text.firstIndex(of: "]") else { return nil }
        let type = text[text.index(text.startIndex, offsetBy: 2)..<close]
        guard !type.isEmpty, type.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return String(text[...close])
    }

    /// Each `[^label]` in a run's text, with where its `[` is: adjacent texts are read together
    /// (cmark splits text at brackets), code spans and other inlines end them.
    static func footnoteMarks(_ run: [Inline]) -> [(String, SourcePosition)] {
        // Nearly no text holds a `^`: looked for first with `memchr`, without copying any text
        // (copying every run's bytes had cost 2.7 % of a build's instructions).
        guard run.contains(where: { if case .text(let s) = $0.kind { ByteScan.contains(s, UInt8(ascii: "^")) } else { false } }) else {
            return []
        }
        var out: [(String, SourcePosition)] = []
        var texts: [(bytes: [UInt8], position: SourcePosition)] = []
        func scan() {
            defer { texts = [] }
            let bytes = texts.flatMap(\.bytes)
            var i = 0
            while let open = ByteScan.firstIndex(of: UInt8(ascii: "["), in: bytes, from: i) {
                i = open + 1
                guard open + 2 < bytes.count, bytes[open + 1] == UInt8(ascii: "^") else { continue }
                var end = open + 2
                while end < bytes.count, end - open <= 62, bytes[end] != UInt8(ascii: "]"), bytes[end] > 0x20, bytes[end] != UInt8(ascii: "[") {
                    end += 1
                }
                guard end < bytes.count, bytes[end] == UInt8(ascii: "]"), end > open + 2 else { continue }
                // The text holding the `[`, and the column in it (in bytes, as positions count).
                var offset = open
                for text in texts {
                    if offset < text.bytes.count {
                        out.append((String(decoding: bytes[open...end], as: UTF8.self),
                                    SourcePosition(line: text.position.line, column: text.position.column + offset)))
                        break
                    }
                    offset -= text.bytes.count
                }
                i = end + 1
            }
        }
        for inline in run {
            if case .text(let s) = inline.kind { texts.append((Array(s.utf8), inline.position)) } else { scan() }
        }
        scan()
        return out
    }
}
