/// Citations in indented code blocks.
///
/// Text indented four spaces more than Markdown expects (a paragraph after a nested list whose
/// items do not start at 1, a paragraph indented by habit) is an indented code block: it shows as
/// code, and its `[@key]` is no citation (a differential fuzz found the reference missing from
/// the list, with no finding). Fenced code blocks are code on purpose and are left alone; so is
/// any `@` that is not a bracketed citation group.
enum CodeBlockCitations {
    /// The bracketed citations in the body's indented code blocks, as ``LinkedCitation``s held by a
    /// ``LinkedCitation/Holder/codeBlock`` (`citation-malformed` reports those of known keys).
    static func find(in body: String, lineOffset: Int, blocks: [Block]) -> [LinkedCitation] {
        var indented: [(position: SourcePosition, literal: String)] = []
        Block.forEach(in: blocks) { block in
            if case .codeBlock(let info, let literal) = block.kind, info.isEmpty, ByteScan.contains(literal, UInt8(ascii: "@")) {
                indented.append((block.position, literal))
            }
        }
        guard !indented.isEmpty else { return [] }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [LinkedCitation] = []
        for (position, literal) in indented {
            // A fence without an info string is code on purpose too.
            let index = position.line - lineOffset - 1
            if lines.indices.contains(index), lines[index].contains("```") || lines[index].contains("~~~") { continue }
            let literalLines = literal.split(separator: "\n", omittingEmptySubsequences: false)
            var lineStarts: [Int] = [], offset = 0
            for line in literalLines { lineStarts.append(offset); offset += line.utf8.count + 1 }
            let place = { (at: Int) -> SourcePosition in
                let line = (lineStarts.lastIndex { $0 <= at }) ?? 0
                // (cmark puts an indented block's start after its indentation.)
                return SourcePosition(line: position.line + line, column: position.column + at - lineStarts[line])
            }
            for case .citation(let citation) in CitationParser.scan(literal, position: place) where citation.bracketed {
                for item in citation.items {
                    out.append(LinkedCitation(key: item.key, at: item.position, bracketed: true, holder: .codeBlock))
                }
            }
        }
        return out
    }
}
