import Foundation

/// A file of the content folder that a link or an image of an article or page names, other than
/// an article or a page: an image, published as it is under `assets/media/` with the path it has
/// in the content folder, or the reason it is not (a `link-broken` finding).
public struct ContentFile: Sendable, Hashable {
    /// Its path in the content folder (`images/algorithm.png`).
    public var path: String
    /// Why it is not published, as the end of a sentence (`is not in the content folder (…)`);
    /// `nil` when it is.
    public var problem: String?
    /// The ``FileSignature/stamp`` of the file as it was examined, when it is published.
    public var stamp: UInt64?

    /// Where the built site has it: `assets/media/` and its path in the content folder.
    public var sitePath: String { ContentFiles.folder + path }
}

/// The load stage's images: which files of the content folder the articles and pages show, each
/// examined once (it must be a PNG, JPEG, GIF, WebP or AVIF image whose first bytes say so, at most
/// 16 MB, inside the content folder and not hidden), for the links to resolve and the write stage
/// to copy. An SVG is refused: opened on its own it runs the scripts it holds.
public enum ContentFiles {
    /// The folder of the built site that holds the content folder's images.
    public static let folder = "assets/media/"

    /// The image formats published, by file extension (lowercased).
    static let formats: [String: Format] = ["png": .png, "jpg": .jpeg, "jpeg": .jpeg, "gif": .gif, "webp": .webp, "avif": .avif]

    /// An image format the site publishes.
    enum Format: String, Sendable {
        case png = "PNG", jpeg = "JPEG", gif = "GIF", webp = "WebP", avif = "AVIF"

        /// Whether `bytes`, a file's first bytes, start as a file of this format does.
        func matches(_ bytes: [UInt8]) -> Bool {
            func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
                bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
            }
            switch self {
            case .png: return starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            case .jpeg: return starts([0xFF, 0xD8, 0xFF])
            case .gif: return starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8))
            case .webp: return starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8)
            case .avif: return starts(Array("ftyp".utf8), at: 4) && (starts(Array("avif".utf8), at: 8) || starts(Array("avis".utf8), at: 8))
            }
        }
    }

    /// The paths in the content folder of the files the links of one outline, written in `file`,
    /// name: every image that is not an external URL, and every link to a file with an image's
    /// extension.
    static func named(by outline: ArticleOutline, in file: String) -> Set<String> {
        var paths = Set<String>()
        // Most links name an article (`slug.md`): they are not parsed again.
        for link in outline.links where link.isImage || hasImageExtension(link.destination) {
            if let path = LinkResolver.contentFilePath(link.destination, from: file) { paths.insert(path) }
        }
        return paths
    }

    /// Whether the path of `destination` (before a `#`) ends with the extension of an image, SVG
    /// included, read by bytes.
    static func hasImageExtension(_ destination: String) -> Bool {
        let bytes = destination.utf8
        let end = bytes.firstIndex(of: UInt8(ascii: "#")) ?? bytes.endIndex
        var index = end, length = 0
        while index > bytes.startIndex {
            index = bytes.index(before: index)
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") { break }
            if byte == UInt8(ascii: "/") || length == 4 { return false }
            length += 1
        }
        guard length >= 3, index > bytes.startIndex else { return false }
        let ext = String(Substring(bytes[bytes.index(after: index)..<end])).lowercased()
        return formats[ext] != nil || ext == "svg"
    }

    /// Examines each file of `paths` (paths in the content folder `content`), on every core.
    public static func examine(_ paths: [String], content: String) -> [String: ContentFile] {
        guard !paths.isEmpty else { return [:] }
        let root = URL(fileURLWithPath: content).resolvingSymlinksInPath().standardizedFileURL.path
        let examined = ConcurrentMap.map(paths) { examine($0, root: root) }
        return Dictionary(uniqueKeysWithValues: zip(paths, examined))
    }

    /// The file at `path` of the content folder at `root` (a path with its links resolved), examined.
    static func examine(_ path: String, root: String, maximumSize: Int = ContentLoader.maximumFileSize) -> ContentFile {
        func refused(_ problem: String) -> ContentFile { ContentFile(path: path, problem: problem) }
        let ext = fileExtension(path)
        if ext == "svg" {
            return refused("is an SVG file, which can hold scripts: export it as PNG or WebP")
        }
        guard let format = formats[ext] else {
            return refused("is not a PNG, JPEG, GIF, WebP or AVIF image")
        }
        if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            return refused("is a hidden file (a name in its path starts with '.')")
        }
        let absolute = root + "/" + path
        let real = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().standardizedFileURL.path
        guard real == absolute || real.hasPrefix(root + "/") else {
            return refused("is a link to a file outside the content folder")
        }
        // Non-blocking, as the loader reads: a named pipe in its place must not hang the build.
        let descriptor = open(absolute, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            return refused(errno == ENOENT || errno == ENOTDIR ? "is not in the content folder (no file '\(path)')"
                           : "cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return refused("is not a file")
        }
        guard Int(info.st_size) <= maximumSize else {
            return refused("is larger than \(maximumSize / (1024 * 1024)) MB")
        }
        var head = [UInt8](repeating: 0, count: 16)
        let count = head.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 16) }
        guard count > 0, format.matches(Array(head[..<count])) else {
            return refused("is not a \(format.rawValue) image (its first bytes are not those of a \(format.rawValue) file)")
        }
        return ContentFile(path: path, stamp: FileSignature(info).stamp)
    }

    /// The bytes of a published file, read again for the write stage; `nil` when it is no longer
    /// the file that was examined (it changed during the build).
    static func contents(of file: ContentFile, content: String) -> [UInt8]? {
        guard file.problem == nil, let data = FileManager.default.contents(atPath: (content as NSString).appendingPathComponent(file.path)),
              let format = formats[fileExtension(file.path)], data.count <= ContentLoader.maximumFileSize else { return nil }
        let bytes = [UInt8](data)
        return format.matches(Array(bytes.prefix(16))) ? bytes : nil
    }

    /// The hash of the published files and their stamps: a rebuild that finds another takes the whole way.
    static func hash(_ files: some Collection<ContentFile>) -> UInt64 {
        var h = StableHash()
        h.combine("content files 1")
        for file in files.sorted(by: { $0.path < $1.path }) {
            h.combine(file.path)
            h.combine(file.stamp ?? 0)
        }
        return h.value
    }

    /// A path's extension, lowercased (`""` when its name has none).
    static func fileExtension(_ path: String) -> String {
        guard let name = path.split(separator: "/").last, let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}

extension Site {
    /// The site with ``files`` found: the files its articles' and pages' links and images name,
    /// examined in the content folder `content` (call before ``resolvingLinks()``).
    public func examiningFiles(in content: String) -> Site {
        var paths = Set<String>()
        for index in articles.indices {
            paths.formUnion(ContentFiles.named(by: outlines[index], in: articles[index].file.relativePath))
        }
        for (page, outline) in zip(pages, pageOutlines) {
            paths.formUnion(ContentFiles.named(by: outline, in: page.file.relativePath))
        }
        var site = self
        site.files = ContentFiles.examine(paths.sorted(), content: content)
        return site
    }
}
