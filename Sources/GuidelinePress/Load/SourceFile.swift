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

    /// The file's name without its extension: on the contiguous bytes for an ASCII path (a listing
    /// makes 10,000 of them; walking `String.UTF8View` indexes cost 4,500 instructions a name, a
    /// twentieth of a rebuild), by `Character` otherwise.
    static func slug(of relativePath: String) -> String {
        let isASCII = !ByteScan.contains(relativePath, atLeast: 0x80, or: 0x80)
        let ascii: String?? = !isASCII ? nil : relativePath.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
            var end = bytes.count
            // As `split` does, trailing slashes end no name.
            while end > 0, bytes[end - 1] == slash { end -= 1 }
            guard end > 0 else { return nil }
            var start = end
            while start > 0, bytes[start - 1] != slash { start -= 1 }
            // The name's last dot, when it has one, ends the slug.
            var stop = end
            while stop > start, bytes[stop - 1] != dot { stop -= 1 }
            if stop == start { stop = end } else { stop -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<stop]), as: UTF8.self)
        }
        if let ascii, let slug = ascii { return slug }
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        return name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
    }
}

/// The text of a source file, or the diagnostic that explains why there is none.
public enum SourceContents: Sendable {
    case text(String)
    case unreadable(Diagnostic)
}
