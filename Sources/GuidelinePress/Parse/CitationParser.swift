// TEMPORARY STUB: replaced by the real pandoc parser from the `citations` branch.
/// Finds pandoc citations in a run of Markdown text.
public enum CitationParser {
    /// A piece of scanned text.
    public enum Piece: Sendable, Hashable {
        case text(String)
        case citation(Citation)
        case malformed(String, offset: Int)
    }

    /// Splits `text` into text and citations.
    public static func scan(_ text: String, position: (Int) -> SourcePosition) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let open = rest.range(of: "[@") {
            guard let close = rest[open.upperBound...].firstIndex(of: "]") else { break }
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            let inner = rest[open.upperBound..<close]
            let offset = text.utf8.distance(from: text.startIndex, to: open.lowerBound) + 1
            let keys = inner.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "@")) }
            pieces.append(.citation(Citation(items: keys.map { CitationItem(key: $0, position: position(offset)) },
                                             bracketed: true, source: String(rest[open.lowerBound...close]))))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }
}
import Foundation
