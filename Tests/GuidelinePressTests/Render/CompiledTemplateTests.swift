import Foundation
import Mustache
import Testing
@testable import GuidelinePress

/// The compiled Mustache renderer, compared with swift-mustache (the reference engine) on the
/// repository's templates with the contexts of real builds, on hand-written edge cases and on
/// generated templates; and the fallback to swift-mustache.
@Suite struct CompiledTemplateTests {
    // MARK: Real builds

    static let today = ISODate(year: 2026, month: 1, day: 1)

    /// Every page of a site rendered through `templates` (path: contents).
    static func renderSite(_ content: String, review: Bool, templates: TemplateSet) throws -> [String: String] {
        let (site, loadDiagnostics) = try Publisher.load(content)
        let diagnostics = Validator.validate(site, context: ValidationContext(today: today, loadDiagnostics: loadDiagnostics))
        let renderer = SiteRenderer(site: site, templates: templates, review: review ? diagnostics : nil, today: today)
        let pages = Pages()
        try renderer.render { path, contents in pages.set(path, String(decoding: contents, as: UTF8.self)) }
        return pages.all
    }

    /// Pages collected from several threads.
    final class Pages: @unchecked Sendable {
        private let lock = NSLock()
        private var pages: [String: String] = [:]

        func set(_ path: String, _ contents: String) {
            lock.withLock { pages[path] = contents }
        }

        var all: [String: String] { lock.withLock { pages } }
    }

    /// The content folders of real builds: the sample content and every fixture site.
    static func contentFolders() throws -> [String] {
        var folders = [packageRoot.appendingPathComponent("Content").path]
        let sites = try fixtures().appendingPathComponent("sites")
        for name in ["valid", "minimal", "report"] {
            folders.append(sites.appendingPathComponent(name).path)
        }
        let invalid = sites.appendingPathComponent("invalid")
        for name in try FileManager.default.contentsOfDirectory(atPath: invalid.path).sorted() {
            folders.append(invalid.appendingPathComponent(name).path)
        }
        return folders
    }

    @Test func everyRepositoryTemplateIsCompiled() throws {
        let templates = try TemplateSet.load(packageRoot.appendingPathComponent("Templates").path)
        let names = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Templates").path)
            .filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }
        #expect(Set(templates.compiled.keys) == Set(names))
    }

    /// Public and review builds of the sample content and of every fixture site, with the compiled
    /// renderer alone (no swift-mustache to fall back on, so a fallback would show as an empty page)
    /// and with swift-mustache alone: every page is identical.
    @Test(arguments: [false, true])
    func realBuildsRenderAsSwiftMustacheDoes(review: Bool) throws {
        let loaded = try TemplateSet.load(packageRoot.appendingPathComponent("Templates").path)
        let compiledOnly = TemplateSet(library: MustacheLibrary(), compiled: loaded.compiled, assetsDirectory: nil)
        let reference = TemplateSet(library: loaded.library, compiled: [:], assetsDirectory: nil)
        var pageCount = 0
        for folder in try Self.contentFolders() {
            let expected = try Self.renderSite(folder, review: review, templates: reference)
            let actual = try Self.renderSite(folder, review: review, templates: compiledOnly)
            #expect(actual.keys.sorted() == expected.keys.sorted(), "\(folder)")
            for (path, page) in expected.sorted(by: { $0.key < $1.key }) {
                #expect(actual[path] == page, "\(folder): \(path) differs")
                if path.hasSuffix(".html") { pageCount += 1 }
            }
        }
        #expect(pageCount > 100)
    }

    // MARK: Both engines

    /// A set of templates (text by name) loaded into swift-mustache and into the compiler.
    struct Engines {
        let library: MustacheLibrary
        let compiled: [String: CompiledTemplate]

        init(_ texts: [String: String]) throws {
            var library = MustacheLibrary()
            for (name, text) in texts { try library.register(text, named: name) }
            self.library = library
            compiled = CompiledTemplate.compile(texts)
        }

        /// swift-mustache's rendering.
        func reference(_ name: String, _ context: Any) -> String {
            library.render(context, withTemplate: name) ?? ""
        }

        /// The compiled renderer's, or `nil` when it does not render this template or context.
        func compiled(_ name: String, _ context: Any) -> String? {
            compiled[name]?.render(context, templates: compiled)
        }

        /// The template set that `TemplateSet.load` would make of these templates.
        var templateSet: TemplateSet {
            TemplateSet(library: library, compiled: compiled, assetsDirectory: nil)
        }
    }

    /// Expects the compiled renderer to render `name` exactly as swift-mustache does.
    static func expectSame(_ texts: [String: String], _ context: Any, name: String = "main",
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        let engines = try Engines(texts)
        let compiled = try #require(engines.compiled(name, context), "not compiled", sourceLocation: sourceLocation)
        #expect(compiled == engines.reference(name, context), "\(texts[name]!.debugDescription)",
                sourceLocation: sourceLocation)
    }

    // MARK: Edge cases

    nonisolated(unsafe) static let nested: [String: Any] = [
        "title": "Top <&\"'>",
        "flag": true, "off": false, "empty": "", "zero": 0, "count": 3, "ratio": 1.5,
        "none": [[String: Any]](), "names": ["Ann", "<Bo>", "C & D"],
        "items": [["name": "one", "n": 1, "tags": ["x", "y"]], ["name": "two & <2>", "n": 2, "tags": [String]()]] as [[String: Any]],
        "person": ["name": "Lee", "role": "Chair", "address": ["city": "Köln"] as [String: Any]] as [String: Any],
        "pairs": [["k": "v"], ["k": "w"]] as [[String: String]],
        "html": "<b>bold</b> & 'q'",
        "crlf": "line\r\n",
    ]

    static let standaloneTemplates = [
        "a\n  {{#flag}}\n  b\n  {{/flag}}\nc\n",
        "a\r\n  {{#flag}}\r\n  b\r\n  {{/flag}}\r\nc\r\n",
        "a\n{{^off}}\nb\n{{/off}}\n{{^flag}}\nno\n{{/flag}}\nc",
        "  {{! comment }}\nx\n\t{{!multi\nline}}  \r\ny",
        "x {{#flag}}\ny\n{{/flag}} z\n",
        "{{#flag}}  \n  {{title}}\n{{/flag}}  ",
        "a\n{{#flag}}\n{{/flag}}",
        "{{#flag}}x{{/flag}}\n  {{#flag}}\n y\n  {{/flag}}\n",
        "{{#flag}}\nx{{/flag}}\n  {{! c }}\nz",
        "line\r\n{{#flag}}\r\n\tindented\r\n{{/flag}}",
        "lone\r{{#flag}}\rx\r{{/flag}}\r",
        "  {{title}}\n  {{{html}}}  \n{{! end }}",
        "{{#items}}\n- {{name}}\n{{/items}}\n",
        "a{{^none}}\n  {{/none}}b",
        "end {{#flag}}{{/flag}}",
        "trailing spaces are dropped\n  ",
    ]

    @Test(arguments: standaloneTemplates)
    func standaloneLinesMatch(_ template: String) throws {
        try Self.expectSame(["main": template], Self.nested)
    }

    static let sectionTemplates = [
        // Nested sections and the stack.
        "{{#items}}{{name}}: {{#tags}}[{{.}}]{{/tags}}{{^tags}}no tags{{/tags}} ({{title}}){{/items}}",
        "{{#person}}{{name}} in {{#address}}{{city}}, {{name}}{{/address}}{{/person}}",
        // Inverted sections on an empty list, an empty string, false, a missing name, zero.
        "[{{^none}}none{{/none}}|{{^empty}}empty{{/empty}}|{{^off}}off{{/off}}|{{^missing}}missing{{/missing}}|{{^zero}}zero{{/zero}}]",
        "[{{#none}}none{{/none}}|{{#empty}}empty:{{.}}{{/empty}}|{{#off}}off{{/off}}|{{#missing}}m{{/missing}}|{{#zero}}zero:{{.}}{{/zero}}]",
        "{{^none}}{{.}}{{/none}}{{#count}}{{.}} {{title}}{{/count}}{{#ratio}}{{.}}{{/ratio}}",
        // Dotted names: only the first name climbs the stack.
        "{{person.name}}/{{person.address.city}}/{{person.missing.city}}/{{items.name}}",
        "{{#items}}{{person.name}}{{/items}}",
        "{{#person}}{{address.city}}/{{.name}}/{{.title}}/{{title}}{{/person}}",
        "{{#names}}<{{.}}>{{/names}}{{#pairs}}{{k}}={{.k}};{{/pairs}}",
        "{{#person.address}}{{city}}{{/person.address}}{{^person.zip}}no zip{{/person.zip}}",
        "{{ title }}|{{& title}}|{{{title}}}|{{{ html }}}|{{html}}",
        "{{count}} {{ratio}} {{flag}} {{off}} {{zero}} {{names}} {{none}}",
        "{{#flag}}{{#flag}}{{#items}}{{#flag}}{{n}}{{/flag}}{{/items}}{{/flag}}{{/flag}}",
        "{{#pairs}}{{.}}{{/pairs}}{{#items}}{{#tags}}{{.}}{{/tags}}{{/items}}",
        "a {{! inline comment }} b {{!}} c",
        "{{#names}}{{.}}{{^.}}never{{/.}}{{/names}}",
        "{{#title.length}}x{{/title.length}}{{title.count}}",
        "{ {{title}} }}{{",
    ]

    @Test(arguments: sectionTemplates)
    func sectionsAndNamesMatch(_ template: String) throws {
        try Self.expectSame(["main": template], Self.nested)
    }

    static let layout = """
        <html>
        <title>{{$title}}Default title{{/title}}</title>
        {{$head}}{{/head}}
        <main>
        {{$main}}
        <p>no main</p>
        {{/main}}
        </main>
        </html>

        """

    static let inheritanceCases: [[String: String]] = [
        ["main": "{{<layout}}\n{{$main}}\n<h1>{{title}}</h1>\n  {{#items}}\n  <li>{{name}}</li>\n  {{/items}}\n{{/main}}\n{{/layout}}\n",
         "layout": layout],
        ["main": "{{<layout}}{{/layout}}", "layout": layout],
        ["main": "{{<layout}}\n{{$title}}T: {{title}}{{/title}}\nignored text\n{{$head}}<meta>{{/head}}\n{{/layout}}", "layout": layout],
        // A parent of a parent: the outermost override wins.
        ["main": "{{<middle}}{{$main}}from main{{/main}}{{/middle}}",
         "middle": "{{<layout}}{{$main}}from middle{{/main}}{{$title}}middle title{{/title}}{{/layout}}", "layout": layout],
        // Partials, standalone and indented, in lists, missing.
        ["main": "<ul>\n  {{>item}}\n</ul>\n{{#items}}{{>item}}{{/items}}{{>missing}}|", "item": "<li>{{name}}</li>\n<i>{{n}}</i>\n"],
        ["main": "{{#items}}\n  {{>row}}\n{{/items}}", "row": "{{name}}\n{{#tags}}\n{{.}}\n{{/tags}}\n"],
        ["main": "{{>missing}}\n{{<missing}}{{$a}}x{{/a}}{{/missing}}\nend"],
        // Indented partials whose lines end in CR LF, and a value ending in one: only a line feed
        // of its own is followed by the indentation.
        ["main": "<ul>\r\n  {{>item}}\r\n</ul>", "item": "<li>{{name}}</li>\r\n{{{crlf}}}{{n}}\r\n<i>\r</i>\n{{n}}"],
        // Indented blocks and overrides whose lines lose their first line's indentation.
        ["main": "{{<box}}\n{{$body}}\n    first\n      second\n    {{#items}}\n    {{name}}\n    {{/items}}\n{{/body}}\n{{/box}}",
         "box": "<div>\n  {{$body}}\n  default\n  {{/body}}\n</div>\n"],
        ["main": "<p>\n  {{$block}}\n  one\n  two\n  {{/block}}\n</p>"],
        ["main": "{{#items}}{{<layout}}{{$main}}{{name}}{{/main}}{{/layout}}{{/items}}", "layout": layout],
        ["main": "{{$title}}{{/title}}{{<layout}}{{$title}}{{$inner}}nested default{{/inner}}{{/title}}{{/layout}}", "layout": layout],
        // Partials inside a parent's overrides (the parent's overrides were once given to the
        // last of them, and the page's main block came out empty).
        ["main": "{{<layout}}\n{{$main}}\n<h2>R</h2>\n  {{>list}}\n<p>end</p>\n{{/main}}\n{{$title}}{{>item}}{{/title}}\n{{/layout}}",
         "layout": layout, "list": "<ul>\n{{#items}}<li>{{name}}\nx</li>\n{{/items}}\n</ul>\n", "item": "<i>{{title}}</i>"],
    ]

    @Test(arguments: inheritanceCases)
    func partialsAndInheritanceMatch(_ texts: [String: String]) throws {
        try Self.expectSame(texts, Self.nested)
    }

    @Test func controlCharactersAreDroppedByTheCompiledRendererOnly() throws {
        let engines = try Engines(["main": "{{x}}|{{{x}}}"])
        let context: [String: Any] = ["x": "a\u{7}b<"]
        #expect(engines.compiled("main", context) == "ab&lt;|a\u{7}b<")
        #expect(engines.reference("main", context) == "a\u{7}b&lt;|a\u{7}b<", "swift-mustache keeps it")
    }

    /// swift-mustache escapes whole characters, so a `<` that a combining mark joins is not escaped;
    /// ``HTML/escape(_:)`` escapes it.
    @Test func aCombinedLessThanSignIsEscapedByTheCompiledRendererOnly() throws {
        let engines = try Engines(["main": "{{x}}"])
        let context: [String: Any] = ["x": "<\u{338}b>"]
        #expect(engines.compiled("main", context) == "&lt;\u{338}b&gt;")
        #expect(engines.reference("main", context) == "<\u{338}b&gt;", "swift-mustache leaves it")
    }

    // MARK: Fallback

    @Test func templatesOutsideTheSubsetRenderThroughSwiftMustache() throws {
        let texts = [
            "delimiters": "{{=<% %>=}}\n<%title%> {{title}}\n<%#items%><%name%> <%/items%>",
            "pragma": "{{% CONTENT_TYPE: TEXT}}\n{{title}} & {{html}}",
            "transform": "{{uppercased(title)}}{{#items}}{{index()}}{{/items}}",
            "dynamic": "{{>*which}}",
            "includesDelimiters": "before {{>delimiters}} after",
            "inheritsPragma": "{{<pragma}}{{/pragma}}",
            "plain": "{{title}}",
        ]
        let engines = try Engines(texts)
        #expect(Set(engines.compiled.keys) == ["plain"])
        let context = Self.nested.merging(["which": "plain"]) { a, _ in a }
        for name in texts.keys {
            #expect(engines.templateSet.render(name, context) == engines.reference(name, context), "\(name)")
        }
        #expect(engines.templateSet.render("pragma", context).contains("<b>bold</b>"), "TEXT content type: not escaped")
    }

    /// A rebuild loads templates that parsed in the last build without parsing them
    /// (``TemplateSet/load(_:parsedBefore:)``): those outside the subset still render through
    /// swift-mustache, parsed when first needed, as a full load renders them.
    @Test func templatesParsedBeforeRenderAsAFullLoadDoes() throws {
        var files = [
            "delimiters.mustache": "{{=<% %>=}}\n<%title%> {{title}}\n<%#items%><%name%> <%/items%>",
            "transform.mustache": "{{uppercased(title)}}{{#items}}{{index()}}{{/items}}",
            "includesDelimiters.mustache": "before {{>delimiters}} after",
        ]
        for name in TemplateSet.required { files[name + ".mustache"] = "{{title}}" }
        files["home.mustache"] = "{{title}} {{>includesDelimiters}}"
        let folder = try TemporaryFolder(files)
        let full = try TemplateSet.load(folder.path)
        let lazy = try TemplateSet.load(folder.path, parsedBefore: true)
        #expect(Set(lazy.compiled.keys) == Set(TemplateSet.required).subtracting(["home"]))
        #expect(Set(lazy.compiled.keys) == Set(full.compiled.keys))
        for name in files.keys.map({ String($0.dropLast(".mustache".count)) }) {
            let page = full.render(name, Self.nested)
            #expect(page.lowercased().contains("top &lt;&amp;"), "\(name)")
            #expect(lazy.render(name, Self.nested) == page, "\(name)")
        }
        // Only a full load parses: a template that does not parse fails it.
        try folder.write("broken.mustache", "{{#open}} never closed")
        #expect(throws: Publisher.Failure.self) { try TemplateSet.load(folder.path) }
        #expect(try TemplateSet.load(folder.path, parsedBefore: true).compiled["article"] != nil)
    }

    /// HTML held as bytes (``HTMLBytes``, an article's body) renders as swift-mustache renders its text.
    @Test func htmlBytesRenderAsTheirText() throws {
        let html = HTMLBytes(bytes: Array("<p>Dose 5 mg/kg & <em>daily</em> · Müller</p>\n".utf8))
        let context: [String: Any] = ["x": html, "list": [["x": html]] as [[String: Any]]]
        try Self.expectSame(["main": "{{x}}|{{{x}}}|{{&x}}|{{#x}}[{{.}}]{{/x}}|{{^x}}none{{/x}}|{{#list}}{{{x}}}{{/list}}"], context)
        let engines = try Engines(["main": "{{{x}}}"])
        #expect(engines.compiled("main", context) == html.description)
    }

    /// Lists of records (``TemplateRecord``, a page's reference list) render as swift-mustache
    /// renders them: fields by name, names a record lacks from the frames below, empty lists,
    /// a single record in a section or a dotted name.
    @Test func recordsRenderAsSwiftMustacheDoes() throws {
        let items: [any TemplateRecord] = [ReferenceListItem(number: 1, html: "<i>A</i> & B"),
                                           ReferenceListItem(number: 2, html: "C")]
        let context: [String: Any] = [
            "references": items, "none": [any TemplateRecord](), "title": "T",
            "one": ReferenceListItem(number: 7, html: "<b>D</b>") as any TemplateRecord,
            "list": [["ref": items[0]] as [String: Any]] as [[String: Any]],
        ]
        for template in [
            "{{#references}}<li id=\"ref-{{number}}\">{{{html}}} {{html}} {{title}} {{missing}}</li>\n{{/references}}",
            "[{{^none}}no references{{/none}}|{{#none}}x{{/none}}|{{^references}}x{{/references}}]",
            "{{#one}}{{number}}: {{{html}}} ({{title}}){{/one}}{{^one}}x{{/one}}|{{one.number}}|{{{one.html}}}|{{one.title}}",
            "{{#list}}{{ref.number}}{{#ref}}{{number}}{{/ref}}{{/list}}",
            "{{#references}}{{#number}}{{.}}{{/number}}{{/references}}",
        ] {
            try Self.expectSame(["main": template], context)
        }
        // A record written as a value is left to swift-mustache.
        let engines = try Engines(["main": "{{#references}}{{.}}{{/references}}"])
        #expect(engines.compiled("main", context) == nil)
        #expect(engines.templateSet.render("main", context) == engines.reference("main", context))
    }

    /// The index pages' items: a link with fields of its own, and a list of links inside.
    @Test func linkItemsRenderAsSwiftMustacheDoes() throws {
        let link = { (q: String) in
            ArticleLinkItem(question: q, url: "a/\(q).html", statusLabel: "Under review", statusKey: "under-review", updated: "2025-01-02")
        }
        let context: [String: Any] = [
            "questions": [TopicQuestionItem(link: link("A & B?"), related: [link("C?"), link("<D>?")]),
                          TopicQuestionItem(link: link("E?"), related: [])] as [any TemplateRecord],
            "home": [HomeQuestionItem(link: link("F?"), search: "f \"g\"")] as [any TemplateRecord],
        ]
        try Self.expectSame(["main": """
            {{#questions}}<li><a href="{{url}}">{{question}}</a> {{statusKey}}|{{statusLabel}}|{{updated}}
            {{#hasRelated}}<ul>{{#related}}<li><a href="{{url}}">{{question}}</a></li>{{/related}}</ul>{{/hasRelated}}{{^hasRelated}}none{{/hasRelated}}
            {{search}}</li>
            {{/questions}}{{#home}}<li data-search="{{search}}">{{question}} {{related}} {{hasRelated}}</li>{{/home}}
            """], context)
        // And each field is the one its name says.
        let engines = try Engines(["main": "{{#questions}}{{question}}:{{#hasRelated}}{{#related}}[{{question}}]{{/related}}{{/hasRelated}};{{/questions}}{{#home}}{{search}}|{{url}}{{/home}}"])
        #expect(engines.compiled("main", context) == "A &amp; B?:[C?][&lt;D&gt;?];E?:;f &quot;g&quot;|a/F?.html")
    }

    @Test func valuesOfOtherTypesRenderThroughSwiftMustache() throws {
        let engines = try Engines(["main": "{{#x}}[{{.}}{{a}}]{{/x}}{{y}}"])
        let optional: String? = "maybe"
        let contexts: [[String: Any]] = [
            ["x": ["a": 1] as [String: Int]],
            ["x": Set(["s"])],
            ["y": optional as Any],
            ["x": [["a": Optional<Int>.none as Any]] as [[String: Any]]],
            ["x": NSNull()],
        ]
        for context in contexts {
            #expect(engines.compiled("main", context) == nil, "\(context)")
            #expect(engines.templateSet.render("main", context) == engines.reference("main", context), "\(context)")
        }
    }

    // MARK: Generated templates

    /// Templates made of random supported tags, rendered with random contexts by both engines.
    @Test func generatedTemplatesMatch() throws {
        var generator = TemplateGenerator(seed: 0x5EED_2026)
        var rendered = 0
        for _ in 0..<400 {
            let texts = generator.templates()
            var library = MustacheLibrary()
            var parses = true
            for (name, text) in texts {
                do { try library.register(text, named: name) } catch { parses = false }
            }
            guard parses else {
                // What swift-mustache rejects, the compiler must not accept.
                #expect(texts.values.contains { (try? CompiledTemplate($0)) == nil }, "\(texts)")
                continue
            }
            let engines = try Engines(texts)
            #expect(Set(engines.compiled.keys) == Set(texts.keys), "\(texts)")
            for _ in 0..<3 {
                let context = generator.context()
                let compiled = engines.compiled("main", context)
                #expect(compiled == engines.reference("main", context), "\(texts) with \(context)")
                rendered += 1
            }
        }
        #expect(rendered > 900, "most generated templates parse")
    }
}

/// Random templates from a grammar of the supported tags, and random contexts of the value types
/// the site uses; seeded, so every run makes the same cases.
struct TemplateGenerator {
    private var random: SeededGenerator

    /// A generator whose cases depend only on `seed`.
    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    private mutating func next() -> UInt64 { random.next() }

    private mutating func int(_ range: Range<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    private mutating func chance(_ percent: Int) -> Bool { int(0..<100) < percent }

    static let keys = ["a", "b", "c", "list", "n"]
    static let names = ["a", "b", "c", "list", "n", "a.b", "list.a", "a.list.c", ".", ".a", "missing", " a ", "b.n"]
    static let texts = ["x", "hi", " ", "  ", "\t", "\n", "\n", "\r\n", "\r", "<&>\"'", "é", "中", "} ", "{ ", "e\u{301}", "😀"]
    static let lineStarts = ["", "", "\n", "  ", "\n  ", "\r\n\t"]
    static let lineEnds = ["", "", "\n", " \n", "\r\n", "  "]

    /// A library: `main` may include `p1` and `p2`, `p1` may include `p2` (never a cycle).
    mutating func templates() -> [String: String] {
        [
            "p2": template(depth: 0, partials: [], blocks: true),
            "p1": template(depth: 0, partials: ["p2"], blocks: true),
            "main": template(depth: 0, partials: ["p1", "p2", "absent"], blocks: true),
        ]
    }

    private mutating func template(depth: Int, partials: [String], blocks: Bool) -> String {
        var out = ""
        for _ in 0..<int(0..<(depth == 0 ? 7 : 4)) {
            out += fragment(depth: depth, partials: partials, blocks: blocks)
        }
        return out
    }

    private mutating func fragment(depth: Int, partials: [String], blocks: Bool) -> String {
        let canNest = depth < 3
        switch int(0..<12) {
        case 0, 1: return pick(Self.texts) + pick(Self.texts)
        case 2:
            let name = pick(Self.names)
            return pick(["{{\(name)}}", "{{{\(name)}}}", "{{& \(name)}}", "{{ \(name) }}"])
        case 3 where canNest, 4 where canNest:
            let name = pick(Self.names)
            let sigil = chance(50) ? "#" : "^"
            return pick(Self.lineStarts) + "{{\(sigil)\(name)}}" + pick(Self.lineEnds)
                + template(depth: depth + 1, partials: partials, blocks: blocks)
                + pick(Self.lineStarts) + "{{/\(name)}}" + pick(Self.lineEnds)
        case 5:
            return pick(Self.lineStarts) + pick(["{{! note }}", "{{!\nmulti\n}}", "{{!}}"]) + pick(Self.lineEnds)
        case 6 where !partials.isEmpty:
            return pick(Self.lineStarts) + "{{>\(pick(partials))}}" + pick(Self.lineEnds)
        case 7 where blocks && canNest:
            let name = pick(["b1", "b2"])
            return pick(Self.lineStarts) + "{{$\(name)}}" + pick(Self.lineEnds)
                + template(depth: depth + 1, partials: partials, blocks: blocks)
                + pick(Self.lineStarts) + "{{/\(name)}}" + pick(Self.lineEnds)
        case 8 where !partials.isEmpty && canNest:
            // A parent with overrides; the overrides include no partial, so nothing can recurse.
            let parent = pick(partials)
            var out = pick(Self.lineStarts) + "{{<\(parent)}}" + pick(Self.lineEnds)
            for _ in 0..<int(0..<3) {
                let name = pick(["b1", "b2"])
                out += pick(Self.lineStarts) + pick(["", "\n", " "]) + "{{$\(name)}}" + pick(Self.lineEnds)
                    + template(depth: depth + 1, partials: [], blocks: false)
                    + pick(Self.lineStarts) + "{{/\(name)}}" + pick(Self.lineEnds)
            }
            return out + pick(Self.lineStarts) + "{{/\(parent)}}" + pick(Self.lineEnds)
        default:
            return pick(Self.texts)
        }
    }

    /// A random context: a dictionary of the site's value types, control characters left out.
    mutating func context() -> [String: Any] {
        dictionary(depth: 0)
    }

    private mutating func dictionary(depth: Int) -> [String: Any] {
        var out: [String: Any] = [:]
        for key in Self.keys where chance(60) {
            out[key] = value(depth: depth + 1)
        }
        return out
    }

    private mutating func value(depth: Int) -> Any {
        let leaf = depth >= 3
        switch int(0..<(leaf ? 4 : 9)) {
        case 0: return pick(["", "text", "<b>&amp;\"'</b>", "line\nbreak", "é 中 😀", "  "])
        case 1: return pick([0, 1, -7, 42])
        case 2: return chance(50)
        case 3: return pick([0.5, 2.0])
        case 4: return dictionary(depth: depth)
        case 5: return (0..<int(0..<3)).map { _ in dictionary(depth: depth) }
        case 6: return (0..<int(0..<3)).map { _ in pick(["s", "<t>", ""]) }
        case 7: return [[String: String]]((0..<int(0..<3)).map { _ in ["a": pick(["x", "&"])] })
        default: return ["a": pick(["y", "'"]), "c": "z"] as [String: String]
        }
    }
}
