/// A content file found by ``ContentLoader``: where it is and what kind it is.
public struct SourceFile: Sendable, Hashable {
    /// What the file is for.
    public enum Kind: Sendable, Hashable {
        case site, article, page, bibliography
    }

    /// The file's kind.
    public var kind: Kind
    /// The path shown in diagnostics, such as `Content/articles/x.md`.
    public var displayPath: String
    /// The path relative to the content folder, such as `articles/x.md`.
    public let relativePath: String
    /// The absolute path on disk.
    public var absolutePath: String

    /// The file name without its extension: an article's or page's slug (kept: it is asked for often).
    public let slug: String

    /// Creates a source file.
    public init(kind: Kind, displayPath: String, relativePath: String, absolutePath: String) {
        self.kind = kind
        self.displayPath = displayPath
        self.relativePath = relativePath
        self.absolutePath = absolutePath
        slug = Self.slug(of: relativePath)
    }

    /// The file's name without its extension: on bytes for an ASCII path (a listing makes 10,000
    /// of them, and splitting by `Character` was an eighth of a rebuild), by `Character` otherwise.
    static func slug(of relativePath: String) -> String {
        let bytes = relativePath.utf8
        if bytes.allSatisfy({ $0 < 0x80 }) {
            let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
            // As `split` does, trailing slashes end no name.
            var end = bytes.endIndex
            while end > bytes.startIndex, bytes[bytes.index(before: end)] == slash { end = bytes.index(before: end) }
            if end > bytes.startIndex {
                let start = bytes[..<end].lastIndex(of: slash).map { bytes.index(after: $0) } ?? bytes.startIndex
                let stop = bytes[start..<end].lastIndex(of: dot) ?? end
                return String(Substring(bytes[start..<stop]))
            }
        }
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        return name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
    }
}

/// The text of a source file, or the diagnostic that explains why there is none.
public enum SourceContents: Sendable {
    case text(String)
    case unreadable(Diagnostic)
}
