import Foundation

/// Refuses an output folder whose replacement would delete what is not a site.
///
/// A build swaps its new site in for the whole output folder (``SiteWriter/commit(removing:)``),
/// so a mistyped `--output` once deleted whatever it named: the content folder, the project
/// folder holding it (`--output .`), the templates, a file. Before anything is written, the output
/// must not be or hold the content or templates folder, must not lie inside the templates or inside
/// the content's `articles`, `pages` or `references` folders, must not be a file, and, when it
/// exists with something in it, must be a site: one that publish recorded (its build manifest) or
/// one shaped like a site (`index.html`, `404.html`, `assets/`).
enum OutputGuard {
    /// Throws ``Publisher/Failure`` when writing the site to `output` could delete files that are
    /// not a site's. `hasManifest`: a previous build of publish into `output` is recorded.
    static func check(output: String, content: String, templates: String, hasManifest: Bool) throws {
        // Where a link leads, which is what the build replaces (``SiteWriter/target(of:)``).
        let out = try SiteWriter.target(of: output), contentPath = canonical(content), templatesPath = canonical(templates)
        func refuse(_ why: String) throws -> Never {
            throw Publisher.Failure("refusing to write the site to '\(output)': \(why); nothing was written or deleted. Choose another --output")
        }
        for (path, what) in [(contentPath, "the content folder '\(content)'"), (templatesPath, "the templates folder '\(templates)'")] {
            if out == path { try refuse("it is \(what)") }
            if isAncestor(out, of: path) { try refuse("it holds \(what), which the site would replace") }
        }
        if isAncestor(templatesPath, of: out) { try refuse("it is inside the templates folder '\(templates)'") }
        for input in ["articles", "pages", "references"] {
            let folder = (contentPath as NSString).appendingPathComponent(input)
            if out == folder || isAncestor(folder, of: out) {
                try refuse("it is inside the content's '\(input)' folder")
            }
        }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: out, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { try refuse("it is a file, not a folder") }
        if hasManifest { return }
        let entries = (try? fm.contentsOfDirectory(atPath: out)) ?? []
        if entries.isEmpty { return }
        let shapedLikeASite = ["index.html", "404.html", "assets"].allSatisfy(entries.contains)
        if !shapedLikeASite {
            try refuse("it is a folder with other files in it (\(entries.sorted().prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", …" : "")), not a site that publish built")
        }
    }

    /// The absolute path with symbolic links resolved as far as the path exists.
    static func canonical(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL.path
        var rest: [String] = []
        while !existing.isEmpty && existing != "/" && !FileManager.default.fileExists(atPath: existing) {
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        var resolved = existing
        if let real = realpath(existing, nil) {
            resolved = String(cString: real)
            free(real)
        }
        return rest.reduce(resolved) { ($0 as NSString).appendingPathComponent($1) }
    }

    /// Whether `folder` strictly holds `path` (both canonical).
    static func isAncestor(_ folder: String, of path: String) -> Bool {
        folder == "/" ? path != "/" : path.hasPrefix(folder + "/")
    }
}
