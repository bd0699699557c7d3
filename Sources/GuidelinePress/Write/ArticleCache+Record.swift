/// The binary form of what the parse stage keeps of an article once its tree is dropped: its front
/// matter, its body's findings and exemptions, and its outline.
extension ArticleCache {
    /// The record of a parsed article, or `nil` when it is not kept (front matter that did not
    /// parse: such files are read again each time, with their findings).
    static func encode(_ article: Article, _ outline: ArticleOutline) -> [UInt8]? {
        let file = article.file.displayPath
        guard article.frontMatterProblem == nil,
              article.bodyFindings.allSatisfy({ $0.file == file }),
              outline.pathways.allSatisfy({ $0.diagnostics.allSatisfy { $0.file == file } }) else { return nil }
        var w = BinaryWriter()
        let fm = article.frontMatter
        w.optional(fm.question) { $0.located($1) }
        w.optional(fm.status) { $0.string($1.value.rawValue); $0.position($1.position) }
        w.optional(fm.updated) { $0.date($1) }
        w.optional(fm.reviewed) { $0.position($1) }
        w.array(fm.reviewedBy) { $0.located($1) }
        w.optional(fm.reviewedOn) { $0.date($1) }
        w.array(fm.topics) { $0.located($1) }
        w.array(fm.related) { $0.located($1) }
        w.array(fm.keys) { $0.located($1) }
        w.array(fm.invalid) { w, field in w.string(field.key); w.string(field.message); w.position(field.position) }
        w.position(fm.position)
        w.array(article.malformedCitations) { $0.located($1) }
        w.array(article.tooDeep) { $0.position($1) }
        w.array(article.citationsInLinks) { w, c in
            w.string(c.key); w.position(c.position); w.bool(c.bracketed); w.int(c.holder.rawValue)
        }
        w.array(article.bareBrackets) { $0.located($1) }
        w.array(article.oversizedTables) { $0.located($1) }
        w.array(article.bodyFindings) { $0.diagnostic($1) }
        w.array(article.exemptions) { w, e in w.string(e.reason); w.position(e.position) }

        w.array(outline.headings) { w, h in w.int(h.level); w.string(h.text); w.string(h.anchor); w.position(h.position) }
        w.array(outline.anchors.sorted()) { $0.string($1) }
        w.array(outline.citedKeys) { $0.string($1) }
        w.array(outline.citationItems) { w, item in
            w.string(item.key); w.string(item.prefix); w.string(item.suffix); w.bool(item.suppressAuthor)
            w.position(item.position)
        }
        w.array(outline.inTextFollowing.sorted { $0.key < $1.key }) { w, pair in w.int(pair.key); w.string(pair.value) }
        w.array(outline.links) { w, link in w.string(link.destination); w.bool(link.isImage); w.position(link.position) }
        w.array(outline.pathways) { w, parsed in
            w.string(parsed.pathway.direction.rawValue)
            w.array(parsed.pathway.nodes) { w, node in
                w.string(node.id); w.string(node.label); w.string(node.shape.rawValue)
                w.optional(node.target) { $0.string($1) }
                w.position(node.position)
                w.optional(node.targetPosition) { $0.position($1) }
            }
            w.array(parsed.pathway.edges) { w, edge in
                w.string(edge.from); w.string(edge.to); w.optional(edge.label) { $0.string($1) }; w.position(edge.position)
            }
            w.array(parsed.diagnostics) { $0.diagnostic($1) }
            w.position(parsed.position)
            w.string(parsed.idPrefix)
        }
        w.string(outline.summaryText)
        return w.bytes
    }

    /// An article and its outline from a record written by ``encode(_:_:)`` for `file`.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, file: SourceFile) throws -> (Article, ArticleOutline) {
        var r = BinaryReader(bytes)
        let path = file.displayPath
        var fm = FrontMatter()
        fm.question = try r.optional { try $0.located() }
        fm.status = try r.optional { r in
            guard let status = ReviewStatus(rawValue: try r.string()) else { throw BinaryReader.Damaged() }
            return Located(status, at: try r.position())
        }
        fm.updated = try r.optional { try $0.date() }
        fm.reviewed = try r.optional { try $0.position() }
        fm.reviewedBy = try r.array { try $0.located() }
        fm.reviewedOn = try r.optional { try $0.date() }
        fm.topics = try r.array { try $0.located() }
        fm.related = try r.array { try $0.located() }
        fm.keys = try r.array { try $0.located() }
        fm.invalid = try r.array { r in FrontMatter.Field(key: try r.string(), message: try r.string(), position: try r.position()) }
        fm.position = try r.position()
        var article = Article(file: file, frontMatter: fm, frontMatterProblem: nil, blocks: [],
                              malformedCitations: try r.array { try $0.located() }, tooDeep: try r.array { try $0.position() })
        article.citationsInLinks = try r.array { r in
            let key = try r.string(), position = try r.position(), bracketed = try r.bool()
            guard let holder = LinkedCitation.Holder(rawValue: try r.int()) else { throw BinaryReader.Damaged() }
            return LinkedCitation(key: key, at: position, bracketed: bracketed, holder: holder)
        }
        article.bareBrackets = try r.array { try $0.located() }
        article.oversizedTables = try r.array { try $0.located() }
        article.bodyFindings = try r.array { try $0.diagnostic(file: path) }
        article.exemptions = try r.array { r in Claims.Exemption(reason: try r.string(), position: try r.position()) }
        article.bodyDropped = true

        var outline = ArticleOutline(blocks: [])
        outline.headings = try r.array { r in
            ArticleOutline.Heading(level: try r.int(), text: try r.string(), anchor: try r.string(), position: try r.position())
        }
        outline.anchors = Set(try r.array { try $0.string() })
        outline.citedKeys = try r.array { try $0.string() }
        outline.citationItems = try r.array { r in
            CitationItem(key: try r.string(), prefix: try r.string(), suffix: try r.string(), suppressAuthor: try r.bool(),
                         position: try r.position())
        }
        for (index, text) in try r.array({ r in (try r.int(), try r.string()) }) { outline.inTextFollowing[index] = text }
        outline.links = try r.array { r in
            ArticleOutline.Link(destination: try r.string(), isImage: try r.bool(), position: try r.position())
        }
        outline.pathways = try r.array { r in
            guard let direction = Pathway.Direction(rawValue: try r.string()) else { throw BinaryReader.Damaged() }
            let nodes = try r.array { r in
                let id = try r.string(), label = try r.string()
                guard let shape = PathwayNode.Shape(rawValue: try r.string()) else { throw BinaryReader.Damaged() }
                return PathwayNode(id: id, label: label, shape: shape, target: try r.optional { try $0.string() },
                                   position: try r.position(), targetPosition: try r.optional { try $0.position() })
            }
            let edges = try r.array { r in
                PathwayEdge(from: try r.string(), to: try r.string(), label: try r.optional { try $0.string() },
                            position: try r.position())
            }
            return ArticleOutline.ParsedPathway(pathway: Pathway(direction: direction, nodes: nodes, edges: edges),
                                                diagnostics: try r.array { try $0.diagnostic(file: path) },
                                                position: try r.position(), idPrefix: try r.string())
        }
        outline.summaryText = try r.string()
        guard r.isAtEnd else { throw BinaryReader.Damaged() }
        return (article, outline)
    }
}

/// The record's shared pieces, written.
extension BinaryWriter {
    /// A line and a column.
    mutating func position(_ p: SourcePosition) { int(p.line); int(p.column) }
    /// A string and where it was written.
    mutating func located(_ l: Located<String>) { string(l.value); position(l.position) }
    /// A date and where it was written.
    mutating func date(_ d: Located<ISODate>) { int(d.value.year); int(d.value.month); int(d.value.day); position(d.position) }
    /// A diagnostic without its file (the reader gives it the file it is read for).
    mutating func diagnostic(_ d: Diagnostic) {
        optional(d.line) { $0.int($1) }
        optional(d.column) { $0.int($1) }
        string(d.severity.rawValue)
        string(d.rule.rawValue)
        string(d.message)
        array(d.notes) { $0.string($1) }
    }
}

/// The record's shared pieces, read.
extension BinaryReader {
    /// A line and a column.
    mutating func position() throws -> SourcePosition { SourcePosition(line: try int(), column: try int()) }
    /// A string and where it was written.
    mutating func located() throws -> Located<String> { Located(try string(), at: try position()) }
    /// A date and where it was written.
    mutating func date() throws -> Located<ISODate> {
        Located(ISODate(year: try int(), month: try int(), day: try int()), at: try position())
    }
    /// A diagnostic, given the file it is about.
    mutating func diagnostic(file: String) throws -> Diagnostic {
        let line = try optional { try $0.int() }, column = try optional { try $0.int() }
        guard let severity = Severity(rawValue: try string()), let rule = Rule(rawValue: try string()) else { throw Damaged() }
        var d = Diagnostic(file: file, line: line, column: column, severity: severity, rule: rule, message: try string(),
                           notes: try array { try $0.string() })
        d.column = column
        return d
    }
}

/// The binary form of a bibliography file as ``ReferenceLoader`` read it: its references and findings.
extension ArticleCache {
    /// The record of a loaded bibliography `file` (its findings must all be about that file).
    static func encode(references: [Reference], diagnostics: [Diagnostic], file: String) -> [UInt8]? {
        guard references.allSatisfy({ $0.file == file }), diagnostics.allSatisfy({ $0.file == file }) else { return nil }
        var w = BinaryWriter()
        let text = { (w: inout BinaryWriter, value: String?) in w.optional(value) { $0.string($1) } }
        let number = { (w: inout BinaryWriter, value: Int?) in w.optional(value) { $0.signedInt($1) } }
        let date = { (w: inout BinaryWriter, value: Reference.DateParts?) in
            w.optional(value) { w, d in
                for part in [d.year, d.month, d.day, d.season] { number(&w, part) }
                text(&w, d.literal)
                number(&w, d.endYear)
            }
        }
        w.array(references) { w, r in
            w.string(r.id)
            for field in [r.type, r.title, r.containerTitle, r.containerTitleShort, r.volume, r.issue, r.page, r.doi,
                          r.pmid, r.pmcid, r.url, r.publisher, r.version, r.genre, r.edition] { text(&w, field) }
            w.array(r.authors) { w, n in
                for field in [n.family, n.given, n.literal, n.nonDroppingParticle, n.droppingParticle, n.suffix] { text(&w, field) }
            }
            date(&w, r.issued)
            number(&w, r.line)
            w.array(r.editors) { w, n in
                for field in [n.family, n.given, n.literal, n.nonDroppingParticle, n.droppingParticle, n.suffix] { text(&w, field) }
            }
            for field in [r.number, r.collectionTitle, r.collectionNumber] { text(&w, field) }
            date(&w, r.accessed)
            text(&w, r.citationKey)
            text(&w, r.standardCitation)
            text(&w, r.eventTitle)
            text(&w, r.eventPlace)
        }
        w.array(diagnostics) { $0.diagnostic($1) }
        return w.bytes
    }

    /// A bibliography's references and findings from a record written by ``encode(references:diagnostics:file:)``.
    static func decodeBibliography(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws -> ([Reference], [Diagnostic]) {
        var r = BinaryReader(bytes)
        // Fields straight into the initialisers (arguments are read left to right), without arrays
        // of fields: growing them was half of decoding a 2,000-item bibliography.
        func text(_ r: inout BinaryReader) throws -> String? { try r.optional { try $0.string() } }
        func number(_ r: inout BinaryReader) throws -> Int? { try r.optional { try $0.signedInt() } }
        func date(_ r: inout BinaryReader) throws -> Reference.DateParts? {
            try r.optional { r in
                Reference.DateParts(year: try number(&r), month: try number(&r), day: try number(&r), season: try number(&r),
                                    literal: try text(&r), endYear: try number(&r))
            }
        }
        let references = try r.array { r in
            let id = try r.string()
            let type = try text(&r), title = try text(&r), containerTitle = try text(&r), containerTitleShort = try text(&r)
            let volume = try text(&r), issue = try text(&r), page = try text(&r), doi = try text(&r), pmid = try text(&r)
            let pmcid = try text(&r), url = try text(&r), publisher = try text(&r), version = try text(&r)
            let genre = try text(&r), edition = try text(&r)
            func names(_ r: inout BinaryReader) throws -> [Reference.Name] {
                try r.array { r in
                    Reference.Name(family: try text(&r), given: try text(&r), literal: try text(&r), nonDroppingParticle: try text(&r),
                                   droppingParticle: try text(&r), suffix: try text(&r))
                }
            }
            let authors = try names(&r)
            let issued = try date(&r)
            var reference = Reference(id: id, type: type, title: title, authors: authors, containerTitle: containerTitle,
                                      containerTitleShort: containerTitleShort, issued: issued, volume: volume, issue: issue,
                                      page: page, doi: doi, pmid: pmid, pmcid: pmcid, url: url, publisher: publisher,
                                      version: version, genre: genre, edition: edition, file: file, line: try number(&r))
            reference.editors = try names(&r)
            reference.number = try text(&r)
            reference.collectionTitle = try text(&r)
            reference.collectionNumber = try text(&r)
            reference.accessed = try date(&r)
            reference.citationKey = try text(&r)
            reference.standardCitation = try text(&r)
            reference.eventTitle = try text(&r)
            reference.eventPlace = try text(&r)
            return reference
        }
        let diagnostics = try r.array { try $0.diagnostic(file: file) }
        guard r.isAtEnd else { throw BinaryReader.Damaged() }
        return (references, diagnostics)
    }
}
