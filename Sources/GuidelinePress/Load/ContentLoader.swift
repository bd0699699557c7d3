import Foundation

/// The load stage: the only code that reads the content folder.
public enum ContentLoader {
    /// The largest file read; a bigger one is reported and skipped so that memory stays bounded.
    public static let maximumFileSize = 16 * 1024 * 1024

    /// Why the content folder could not be read at all (exit status 2).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// What went wrong.
        public var description: String
    }

    /// The files of a content folder, sorted by path, and the problems found listing them.
    public struct Listing: Sendable {
        /// `site.yaml`, when present.
        public var site: SourceFile?
        /// `articles/*.md`.
        public var articles: [SourceFile] = []
        /// Each article's signature as the listing saw it (`lstat` of a plain file), in the same
        /// order; `nil` for one reached through a link, whose signature is taken when it is read.
        public var articleSignatures: [FileSignature?] = []
        /// `pages/*.md`.
        public var pages: [SourceFile] = []
        /// `references/*.json|yaml|yml`.
        public var bibliographies: [SourceFile] = []
        /// Problems found while listing (files outside the content folder, bad slugs).
        public var diagnostics: [Diagnostic] = []
    }

    /// The names in the folder at `path` that do not start with `.`, in the order the file system
    /// gives them; none when it cannot be read. Read with `readdir`: `FileManager` cost about
    /// 3,000 instructions a name, a twentieth of a one-article rebuild at 10,000 articles.
    static func entryNames(of path: String) -> (names: [String], notUTF8: [String]) {
        guard let folder = opendir(path) else { return ([], []) }
        defer { closedir(folder) }
        var names: [String] = [], notUTF8: [String] = []
        while let entry = readdir(folder) {
            let (name, valid) = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let bytes = UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                                count: strlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self)))
                return (String(decoding: bytes, as: UTF8.self), String(validating: bytes, as: UTF8.self) != nil)
            }
            // A name that is not UTF-8 cannot be opened through the repaired one: it is reported
            // as such (it had been "a link that leads to no file").
            if !name.hasPrefix(".") { if valid { names.append(name) } else { notUTF8.append(name) } }
        }
        return (names, notUTF8)
    }

    /// Lists the content folder at `directory`, shown in diagnostics as `displayRoot`.
    public static func list(_ directory: String, displayRoot: String) throws -> Listing {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(description: "content folder '\(displayRoot)' does not exist")
        }
        guard fm.isReadableFile(atPath: directory) else {
            throw Failure(description: "content folder '\(displayRoot)' is not readable")
        }
        let root = URL(fileURLWithPath: directory).resolvingSymlinksInPath().standardizedFileURL.path
        var listing = Listing()
        let prefix = displayRoot.hasSuffix("/") ? displayRoot : displayRoot + "/"

        func isInside(_ real: String) -> Bool { real == root || real.hasPrefix(root + "/") }
        // Plain concatenation: NSString path methods cost microseconds each, ten thousand times over.
        let directoryPrefix = directory.hasSuffix("/") ? directory : directory + "/"

        /// The file `name` of `folder` when it is a plain file and `folder` (open as `descriptor`) a
        /// folder inside the content folder: one `lstat` from the folder's descriptor, no path
        /// resolving (ten thousand realpath walks cost a tenth of a second).
        @Sendable func plainFile(_ folder: String, _ name: String, _ kind: SourceFile.Kind, descriptor: Int32) -> (SourceFile, FileSignature)? {
            var info = stat()
            guard descriptor >= 0, fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0,
                  (info.st_mode & S_IFMT) == S_IFREG else { return nil }
            let relative = folder + "/" + name
            let absolute = directoryPrefix + relative
            return (SourceFile(kind: kind, displayPath: prefix + relative, relativePath: relative, absolutePath: absolute),
                    FileSignature(info))
        }

        /// The file at `relative`, whatever it is (a link is followed and must stay inside the content folder).
        func entry(_ relative: String, _ kind: SourceFile.Kind) -> SourceFile? {
            let absolute = directoryPrefix + relative
            let real = URL(fileURLWithPath: absolute).resolvingSymlinksInPath().standardizedFileURL.path
            guard isInside(real) else {
                listing.diagnostics.append(Diagnostic(file: prefix + relative, rule: .fileUnreadable,
                    message: "'\(relative)' is a link to a file outside the content folder; it was skipped"))
                return nil
            }
            // Skipped with a finding, not in silence: a link to nothing (a missing file, or links
            // in a loop), a folder with a file's name, and a named pipe or a device (opening a pipe
            // waits for a writer: the run hung). One `stat` tells them apart.
            var info = stat()
            let problem: String? = if stat(real, &info) != 0 {
                "is a link that leads to no file (a missing one, or links in a loop)"
            } else {
                switch info.st_mode & S_IFMT {
                case S_IFREG: nil
                case S_IFDIR: "is a folder, not a file"
                default: "is not a regular file (a pipe or a device)"
                }
            }
            if let problem {
                listing.diagnostics.append(Diagnostic(file: prefix + relative, rule: .fileUnreadable,
                                                      message: "'\(relative)' \(problem); it was skipped"))
                return nil
            }
            return SourceFile(kind: kind, displayPath: prefix + relative, relativePath: relative, absolutePath: absolute)
        }

        /// The names in `folder`; those of files it would read (`reads`) that are not UTF-8 are reported.
        func names(in folder: String, reads: (String) -> Bool) -> [String] {
            let (names, notUTF8) = entryNames(of: directoryPrefix + folder)
            for name in ByteScan.sorted(notUTF8) where reads(name.lowercased()) {
                listing.diagnostics.append(Diagnostic(file: prefix + folder + "/" + name, rule: .encoding,
                    message: "the name of '\(folder)/\(name)' is not valid UTF-8 (shown with �); rename the file"))
            }
            return ByteScan.sorted(names)
        }

        if fm.fileExists(atPath: (directory as NSString).appendingPathComponent("site.yaml")) {
            listing.site = entry("site.yaml", .site)
        }
        for folder in ["articles", "pages", "references"] {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: directoryPrefix + folder, isDirectory: &isDir) {
                if !isDir.boolValue {
                    listing.diagnostics.append(Diagnostic(file: prefix + folder, rule: .fileUnreadable,
                        message: "'\(folder)' is a file, not a folder: nothing in it can be read"))
                }
            } else if folder == "articles" {
                // Most likely --content names another folder (the project's, `--content .`), and
                // the build would replace the site with an empty one.
                listing.diagnostics.append(Diagnostic(file: prefix + "articles", rule: .fileUnreadable,
                    message: "the content folder '\(displayRoot)' has no 'articles' folder: is --content the content folder?"))
            }
        }
        for (folder, kind) in [("articles", SourceFile.Kind.article), ("pages", .page)] {
            let all = names(in: folder) { $0.hasSuffix(".md") }
            let markdown = all.filter { $0.hasSuffix(".md") }
            if markdown.count < all.count { listing.diagnostics += Self.unreadMarkdown(all, in: folder, directoryPrefix, prefix) }
            // The common case on every core: a plain file in a folder inside the content folder (one
            // lstat each); anything else (links, folders named .md) takes the careful path below.
            let folderInside = markdown.isEmpty ? false : isInside(URL(fileURLWithPath: directoryPrefix + folder)
                .resolvingSymlinksInPath().standardizedFileURL.path)
            let descriptor = folderInside ? open(directoryPrefix + folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
            defer { if descriptor >= 0 { close(descriptor) } }
            let plain = ConcurrentMap.map(markdown) { plainFile(folder, $0, kind, descriptor: descriptor) }
            for (name, found) in zip(markdown, plain) {
                guard let file = found?.0 ?? entry("\(folder)/\(name)", kind) else { continue }
                if kind == .article {
                    listing.articles.append(file)
                    listing.articleSignatures.append(found?.1)
                } else {
                    listing.pages.append(file)
                }
            }
        }
        for name in names(in: "references", reads: { [".json", ".yaml", ".yml"].contains(where: $0.hasSuffix) }) {
            let lower = name.lowercased()
            // A bibliography in another format was skipped in silence: the only sign was every
            // key it holds reported unknown.
            if let format = [".bib": "BibTeX", ".bibtex": "BibTeX", ".ris": "RIS", ".nbib": "PubMed (MEDLINE)", ".enl": "EndNote"]
                .first(where: { lower.hasSuffix($0.key) })?.value {
                listing.diagnostics.append(Diagnostic(file: prefix + "references/" + name, rule: .fileUnreadable,
                    message: "'references/\(name)' is a \(format) file, which publish does not read: export the library as "
                        + "CSL JSON (.json) or CSL YAML (.yaml), or move the file out of references/"))
                continue
            }
            guard lower.hasSuffix(".json") || lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") else { continue }
            if let file = entry("references/\(name)", .bibliography) { listing.bibliographies.append(file) }
        }
        return listing
    }

    /// The content `articles/` or `pages/` holds that is not read, which would otherwise vanish from
    /// the site without a word (a probe): Markdown under another extension (`x.MD`, `x.markdown`),
    /// and folders holding Markdown (`articles/breast/x.md`: articles are the folder's own files).
    static func unreadMarkdown(_ names: [String], in folder: String, _ directoryPrefix: String, _ prefix: String) -> [Diagnostic] {
        let extensions = [".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn"]
        func isMarkdown(_ name: String) -> Bool { extensions.contains { name.lowercased().hasSuffix($0) } }
        var out: [Diagnostic] = []
        for name in names where !name.hasSuffix(".md") && !name.hasPrefix(".") {
            let path = directoryPrefix + folder + "/" + name
            var info = stat()
            // `stat`, which follows a link: a link to a folder of Markdown is such a folder.
            guard stat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                guard holdsMarkdown(path, depth: 0, isMarkdown) else { continue }
                out.append(Diagnostic(file: prefix + folder + "/" + name, rule: .fileUnreadable,
                    message: "'\(folder)/\(name)' is a folder, and the Markdown in it is not read: \(folder) are the "
                        + "'.md' files of '\(folder)' itself; move them up (a topic goes in the front matter's 'topics')"))
            } else if isMarkdown(name) {
                let dot = name.lastIndex(of: ".")!
                out.append(Diagnostic(file: prefix + folder + "/" + name, rule: .fileUnreadable,
                    message: "'\(folder)/\(name)' is not read: content files end in '.md'; rename it '\(name[..<dot]).md'"))
            }
        }
        return out
    }

    /// Whether the folder at `path`, or one inside it (eight levels at most, links followed, a
    /// thousand entries looked at at most), holds a Markdown file.
    private static func holdsMarkdown(_ path: String, depth: Int, _ isMarkdown: (String) -> Bool) -> Bool {
        var budget = 1_000
        func look(_ folder: String, _ depth: Int) -> Bool {
            guard depth < 8, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return false }
            for name in names.sorted() where !name.hasPrefix(".") {
                budget -= 1
                guard budget >= 0 else { return false }
                if isMarkdown(name) { return true }
                var info = stat()
                let inner = folder + "/" + name
                if stat(inner, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, look(inner, depth + 1) { return true }
            }
            return false
        }
        return look(path, depth)
    }

    /// Reads a file as normalised UTF-8 text (see ``SourceText``).
    public static func read(_ file: SourceFile) -> SourceContents {
        var signature: FileSignature?
        return read(file, signature: &signature)
    }

    /// Reads a file as normalised UTF-8 text, and gives its signature as it was before the read
    /// (so that a change during the read shows as a new signature next time).
    public static func read(_ file: SourceFile, signature: inout FileSignature?) -> SourceContents {
        // Non-blocking, so that a file replaced by a named pipe since the listing cannot hang the run.
        let descriptor = open(file.absolutePath, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            return .unreadable(Diagnostic(file: file.displayPath, rule: .fileUnreadable,
                                          message: "'\(file.relativePath)' cannot be read"))
        }
        defer { close(descriptor) }
        // Straight into one array with read(2): no FileHandle, no Data, no extra copy.
        signature = FileSignature(descriptor: descriptor)
        let expected = Int(signature?.size ?? 0)
        var bytes = [UInt8](repeating: 0, count: min(max(expected, 0), maximumFileSize) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count <= maximumFileSize else { break }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, maximumFileSize + 1 - bytes.count)))
            }
            let n = bytes.withUnsafeMutableBufferPointer { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .unreadable(Diagnostic(file: file.displayPath, rule: .fileUnreadable,
                    message: "'\(file.relativePath)' cannot be read: \(String(cString: strerror(errno)))"))
            }
            if n == 0 { break }
            count += n
        }
        if count > maximumFileSize {
            return .unreadable(Diagnostic(file: file.displayPath, rule: .fileUnreadable,
                message: "'\(file.relativePath)' is larger than \(maximumFileSize / 1024 / 1024) MB; it was skipped"))
        }
        bytes.removeLast(bytes.count - count)
        guard let text = SourceText.decode(bytes) else {
            return .unreadable(Diagnostic(file: file.displayPath, line: SourceText.firstInvalidLine(bytes), column: 1,
                                          rule: .encoding, message: "'\(file.relativePath)' is not valid UTF-8"))
        }
        return .text(text)
    }
}
