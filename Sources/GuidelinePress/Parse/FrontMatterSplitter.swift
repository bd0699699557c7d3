/// Splits a Markdown file into its YAML front matter and its body.
///
/// The front matter is a block that starts with a line `---` on the file's first line and ends
/// with a line `---` or `...`. Positions stay exact: the YAML starts on line 2 and the body starts
/// after the closing line.
public enum FrontMatterSplitter {
    /// The parts of a file.
    public struct Parts: Sendable, Hashable {
        /// The YAML text, without the fences; `nil` when the file has no front matter.
        public var yaml: String?
        /// The Markdown body.
        public var body: String
        /// How many lines of the file come before the body.
        public var bodyLineOffset: Int
        /// Whether an opening `---` was found with no closing line.
        public var unterminated: Bool
    }

    /// Splits normalised text (LF line endings, no byte-order mark).
    public static func split(_ text: String) -> Parts {
        let utf8 = text.utf8
        guard utf8.starts(with: "---".utf8) else {
            return Parts(yaml: nil, body: text, bodyLineOffset: 0, unterminated: false)
        }
        // The opening line must be exactly `---` (trailing spaces allowed).
        var index = utf8.index(utf8.startIndex, offsetBy: 3)
        while index < utf8.endIndex, utf8[index] == UInt8(ascii: " ") || utf8[index] == UInt8(ascii: "\t") {
            index = utf8.index(after: index)
        }
        guard index == utf8.endIndex || utf8[index] == UInt8(ascii: "\n") else {
            return Parts(yaml: nil, body: text, bodyLineOffset: 0, unterminated: false)
        }
        let yamlStart = index == utf8.endIndex ? index : utf8.index(after: index)
        var lineStart = yamlStart
        var line = 2
        while lineStart < utf8.endIndex {
            var lineEnd = lineStart
            while lineEnd < utf8.endIndex, utf8[lineEnd] != UInt8(ascii: "\n") {
                lineEnd = utf8.index(after: lineEnd)
            }
            let content = text[lineStart..<lineEnd]
            let trimmed = content.utf8.reversed().drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if trimmed.count == 3, content.hasPrefix("---") || content.hasPrefix("...") {
                let yaml = String(text[yamlStart..<lineStart])
                let bodyStart = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
                return Parts(yaml: yaml, body: String(text[bodyStart...]), bodyLineOffset: line, unterminated: false)
            }
            line += 1
            lineStart = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
        }
        return Parts(yaml: nil, body: text, bodyLineOffset: 0, unterminated: true)
    }
}
