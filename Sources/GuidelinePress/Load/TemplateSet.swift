import Foundation
import Mustache

/// The Mustache templates of a templates folder, and its `assets/` folder.
public struct TemplateSet: Sendable {
    /// The templates every build needs.
    public static let required = ["article", "home", "questions", "pathways", "page", "not-found", "review"]

    /// The parsed templates, by name (file name without `.mustache`); parsed when first asked
    /// for, when ``load(_:parsedBefore:)`` was told that the same texts parsed before.
    public var library: MustacheLibrary { parsed.value }
    private let parsed: LazyValue<MustacheLibrary>
    /// The templates the compiled renderer renders, by name; the others (those using Mustache
    /// beyond ``CompiledTemplate``'s subset, or including such a template) render through `library`.
    let compiled: [String: CompiledTemplate]
    /// The folder whose files are copied to the site's `assets/`, when it exists.
    public let assetsDirectory: String?

    /// A template set of templates parsed already.
    init(library: MustacheLibrary, compiled: [String: CompiledTemplate], assetsDirectory: String?) {
        self.init(parsed: LazyValue { library }, compiled: compiled, assetsDirectory: assetsDirectory)
    }

    private init(parsed: LazyValue<MustacheLibrary>, compiled: [String: CompiledTemplate], assetsDirectory: String?) {
        self.parsed = parsed
        self.compiled = compiled
        self.assetsDirectory = assetsDirectory
    }

    /// Reads and parses every `.mustache` file of `directory`; a missing folder, a missing required
    /// template or a template that does not parse is a ``Publisher/Failure``.
    ///
    /// With `parsedBefore` (a rebuild whose templates hash as those of the last build, which parsed
    /// them all), swift-mustache parses them only if a page needs its renderer: parsing the site's
    /// templates cost a twentieth of a one-article rebuild, and the compiled renderer renders
    /// every page of the project's templates.
    public static func load(_ directory: String, parsedBefore: Bool = false) throws -> TemplateSet {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
            throw Publisher.Failure("templates folder '\(directory)' does not exist")
        }
        var library = MustacheLibrary()
        var texts: [(name: String, text: String)] = []
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = fm.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw Publisher.Failure("template '\(path)' cannot be read")
            }
            let templateName = String(name.dropLast(".mustache".count))
            texts.append((templateName, text))
            guard !parsedBefore else { continue }
            do {
                // swift-mustache parses every template, so its messages are the ones users see.
                try library.register(text, named: templateName)
            } catch {
                throw Publisher.Failure("template '\(path)' does not parse: \(error)")
            }
        }
        for name in required where !texts.contains(where: { $0.name == name }) {
            throw Publisher.Failure("template '\(name).mustache' is missing from '\(directory)'")
        }
        let assets = (directory as NSString).appendingPathComponent("assets")
        var isDirectory: ObjCBool = false
        let hasAssets = fm.fileExists(atPath: assets, isDirectory: &isDirectory) && isDirectory.boolValue
        let compiled = CompiledTemplate.compile(Dictionary(texts, uniquingKeysWith: { $1 }))
        guard parsedBefore else {
            return TemplateSet(library: library, compiled: compiled, assetsDirectory: hasAssets ? assets : nil)
        }
        let parsed = LazyValue<MustacheLibrary> { [texts] in
            var library = MustacheLibrary()
            // They parsed in the last build; one changed since it was hashed would be left out.
            for (name, text) in texts { try? library.register(text, named: name) }
            return library
        }
        return TemplateSet(parsed: parsed, compiled: compiled, assetsDirectory: hasAssets ? assets : nil)
    }

    /// The hash of the files of the templates folder's `assets/` (their paths and contents), which
    /// every build copies into the site.
    static func assetsHash(_ directory: String) -> UInt64 {
        var h = StableHash()
        h.combine("assets 1")
        combineFiles(under: (directory as NSString).appendingPathComponent("assets"), into: &h) { _ in true }
        return h.value
    }

    /// Adds to `h` the path (relative to `directory`, in sorted order) and the contents of every
    /// entry below `directory` that `include` accepts; a folder or unreadable file adds no contents.
    static func combineFiles(under directory: String, into h: inout StableHash, where include: (String) -> Bool) {
        let fm = FileManager.default
        for name in ((try? fm.subpathsOfDirectory(atPath: directory)) ?? []).sorted() where include(name) {
            h.combine(name)
            h.combine(bytes: fm.contents(atPath: (directory as NSString).appendingPathComponent(name)) ?? Data())
        }
    }

    /// What page template `page` shows for one item of its list `list` (an `{{#list}}` section):
    /// `nil` unless the page and every template it includes are compiled and look up `list`
    /// exactly once, in a plain `{{#list}}`, and the item alone decides the output (see
    /// ``CompiledTemplate/renderItem(_:ofSectionAt:templates:)``). Then the page shows this output
    /// once for each time it lists the item, wherever the section is, and a change of the item
    /// changes the page only there (see ``PageSplice``).
    func renderItem(_ item: Any, ofList list: String, in page: String) -> String? {
        guard compiled[page] != nil else { return nil }
        var reached: Set<String> = [], queue = [page]
        while let next = queue.popLast() {
            guard reached.insert(next).inserted, let template = compiled[next] else { continue }
            queue += template.referencedNames
        }
        let uses = reached.sorted().compactMap { compiled[$0] }.flatMap { template in template.uses(of: list).map { (template, $0) } }
        guard uses.count == 1, let (template, use) = uses.first, use.kind == .section, use.plain else { return nil }
        return template.renderItem(item, ofSectionAt: use.index, templates: compiled)
    }

    /// Renders `context` with the named template: compiled when the template and the context's
    /// values allow it, otherwise through swift-mustache.
    public func render(_ name: String, _ context: [String: Any]) -> String {
        if let template = compiled[name], let page = template.render(context, templates: compiled) {
            return page
        }
        return library.render(context, withTemplate: name) ?? ""
    }

    /// ``render(_:_:)`` as UTF-8 bytes (a compiled template's are never made a `String`).
    func renderBytes(_ name: String, _ context: [String: Any]) -> [UInt8] {
        if let template = compiled[name], let page = template.renderBytes(context, templates: compiled) {
            return page
        }
        return Array((library.render(context, withTemplate: name) ?? "").utf8)
    }
}
