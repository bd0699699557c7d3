import Foundation
import Yams

/// Reads a bibliography file into references (spec §4): the load stage for references.
///
/// Formats, chosen by the file's extension:
/// - `.json`: CSL-JSON. The usual shape is an array of items; a single item object and a
///   wrapper object `{"items": [...]}` or `{"references": [...]}` are tolerated, since some
///   exporters and hand-written files use them.
/// - `.yaml`, `.yml`: CSL-YAML, as a list of items or as a map whose `references` key holds
///   the list (pandoc's form); a single item map is tolerated too.
///
/// Leniency, for real Zotero, Better BibTeX, Mendeley and Manubot exports: unknown fields are
/// ignored; keys are matched without regard to case (`DOI` or `doi`); numbers stand for their
/// text (`"PMID": 123`); a DOI written as `https://doi.org/…`, `http://dx.doi.org/…` or
/// `doi:…` is reduced to the bare DOI; a `PMID:`, `PMCID:` or `DOI:` line in Zotero's `note`
/// field fills the field when it is missing. Values are not validated here:
/// ``ReferenceChecks`` does that, so a loaded file always yields every item it holds.
public enum ReferenceLoader {
    /// The references in a bibliography file's text, and a `reference-invalid` error when the
    /// file does not parse (at the line of the fault where the parser tells it).
    public static func load(contents: String, file: String) -> (references: [Reference], diagnostics: [Diagnostic]) {
        var text = contents
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let ext = (file as NSString).pathExtension.lowercased()
        switch ext {
        case "json": return loadJSON(text, file: file)
        case "yaml", "yml": return loadYAML(text, file: file)
        default:
            return ([], [Diagnostic(file: file, rule: .referenceInvalid,
                                    message: "bibliography '\(file)' is neither CSL-JSON nor CSL-YAML",
                                    notes: ["name the file .json, .yaml or .yml"])])
        }
    }

    // MARK: - Formats

    /// Whether the fast JSON reader agrees with `JSONDecoder` on `text`: it gives up, or it reads
    /// the value the decoder decodes (``CSLValue/readJSON(_:)``). For the fuzz target.
    public static func jsonReaderAgreesWithDecoder(_ text: String) -> Bool {
        guard let read = CSLValue.readJSON(text) else { return true }
        return read == (try? JSONDecoder().decode(CSLValue.self, from: Data(text.utf8)))
    }

    private static func loadJSON(_ text: String, file: String) -> (references: [Reference], diagnostics: [Diagnostic]) {
        let root: CSLValue
        do {
            // The fast reader, or the decoder when the reader is not sure (``CSLValue/readJSON(_:)``),
            // once the text is known to be JSON: the decoder takes a trailing comma, which is not.
            if let read = CSLValue.readJSON(text) {
                root = read
            } else if let fault = CSLValue.jsonSyntaxFault(in: text) {
                return ([], [Diagnostic(file: file, line: fault.line, column: fault.column, rule: .referenceInvalid,
                                        message: "bibliography is not valid JSON: \(fault.reason)")])
            } else {
                root = try JSONDecoder().decode(CSLValue.self, from: Data(text.utf8))
            }
        } catch {
            let fault = CSLValue.jsonErrorLine(in: text)
            return ([], [Diagnostic(file: file, line: fault.line, rule: .referenceInvalid,
                                    message: "bibliography is not valid JSON: \(fault.reason)")])
        }
        let lines = CSLValue.jsonItemLines(in: text)
        let items: [CSLValue]
        var itemLines: [Int]
        if let list = root.array {
            items = list
            itemLines = lines
        } else if let object = root.object, let list = wrappedList(in: object) {
            items = list
            itemLines = Array(lines.dropFirst())
        } else if root.object != nil {
            items = [root]
            itemLines = Array(lines.prefix(1))
        } else {
            return ([], [Diagnostic(file: file, line: 1, rule: .referenceInvalid,
                                    message: "bibliography is not a list of CSL-JSON items")])
        }
        if itemLines.count != items.count { itemLines = [] }  // never pair an item with another's line
        return references(from: items, lines: itemLines.map { Optional($0) }, file: file)
    }

    private static func loadYAML(_ text: String, file: String) -> (references: [Reference], diagnostics: [Diagnostic]) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch {
            let fault = yamlFault(error)
            return ([], [Diagnostic(file: file, line: fault.line, rule: .referenceInvalid,
                                    message: "bibliography is not valid YAML: \(fault.reason)")])
        }
        guard let node else { return ([], []) }
        let maximum = CSLValue.maximumYAMLValues(bytes: text.utf8.count)
        guard let root = CSLValue.bounded(yaml: node, maximum: maximum) else {
            return ([], [Diagnostic(file: file, line: 1, rule: .referenceInvalid,
                                    message: "bibliography expands to more than \(maximum) values; are YAML aliases nested?")])
        }
        let items: [CSLValue]
        if let list = root.array {
            items = list
        } else if let object = root.object, let list = wrappedList(in: object) {
            items = list
        } else if root.object != nil {
            items = [root]
        } else {
            return ([], [Diagnostic(file: file, line: 1, rule: .referenceInvalid,
                                    message: "bibliography is not a list of CSL-YAML items")])
        }
        var (references, diagnostics) = references(from: items, lines: items.map(\.line), file: file)
        // Pandoc reads CSL-YAML's text as Markdown (``CSLYAMLMarkup``): the title keeps its markup
        // as rich text, the names of journals and series (shown in italics) their text.
        for i in references.indices {
            references[i].title = references[i].title.map(CSLYAMLMarkup.richText(fromMarkdown:))
            references[i].containerTitle = references[i].containerTitle.map(CSLYAMLMarkup.plainText(fromMarkdown:))
            references[i].containerTitleShort = references[i].containerTitleShort.map(CSLYAMLMarkup.plainText(fromMarkdown:))
            references[i].collectionTitle = references[i].collectionTitle.map(CSLYAMLMarkup.plainText(fromMarkdown:))
        }
        return (references, diagnostics)
    }

    private static func wrappedList(in object: [String: CSLValue]) -> [CSLValue]? {
        object["references"]?.array ?? object["items"]?.array
    }

    private static func yamlFault(_ error: any Error) -> (line: Int?, reason: String) {
        guard let error = error as? YamlError else { return (nil, "\(error)") }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let reason = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return (mark.line, reason)
        case .reader(let problem, _, _, _):
            return (nil, problem)
        default:
            return (nil, "\(error)")
        }
    }

    // MARK: - Items

    private static func references(from items: [CSLValue], lines: [Int?], file: String)
        -> (references: [Reference], diagnostics: [Diagnostic]) {
        var references: [Reference] = []
        var diagnostics: [Diagnostic] = []
        references.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            let line = index < lines.count ? lines[index] : nil
            guard let object = item.object else {
                diagnostics.append(Diagnostic(file: file, line: line, rule: .referenceInvalid,
                                              message: "item \(index + 1) of the bibliography is not a reference"))
                continue
            }
            references.append(reference(from: object, file: file, line: line))
        }
        return (references, diagnostics)
    }

    /// One item's fields, keys matched without case.
    static func reference(from object: [String: CSLValue], file: String, line: Int?) -> Reference {
        // Lower-cased keys; on a clash (`DOI` and `doi`) the key that sorts first wins, so the
        // result never depends on dictionary order.
        var fields: [String: CSLValue] = [:]
        for key in object.keys.sorted() where fields[key.lowercased()] == nil {
            fields[key.lowercased()] = object[key]
        }
        // A list where text belongs (some exporters write `"container-title": ["Journal of …", "J …"]`):
        // its first text, rather than the field dropped without a word.
        func text(_ key: String) -> String? { fields[key]?.string ?? fields[key]?.array?.first?.string }

        var r = Reference(id: text("id") ?? text("citation-key") ?? "", file: file, line: line)
        if let key = text("citation-key"), key != r.id, !key.isEmpty { r.citationKey = key }
        r.standardCitation = text("standard_citation")
        r.type = text("type")
        r.title = text("title")
        r.authors = (fields["author"]?.array ?? []).compactMap(name)
        if r.authors.isEmpty, let single = fields["author"].flatMap(name) { r.authors = [single] }
        r.editors = (fields["editor"]?.array ?? []).compactMap(name)
        if r.editors.isEmpty, let single = fields["editor"].flatMap(name) { r.editors = [single] }
        r.containerTitle = text("container-title")
        r.containerTitleShort = text("container-title-short") ?? text("journalabbreviation")
        r.issued = fields["issued"].flatMap(Self.date)
        r.accessed = fields["accessed"].flatMap(Self.date)
        r.volume = text("volume")
        r.issue = text("issue")
        // Some exports give only the first page (`page-first`, CSL 1.0.2).
        r.page = text("page") ?? text("page-first")
        r.doi = text("doi").map(bareDOI)
        // `PMID: 12345678` as some exports write it: the number (it was printed `PMID: PMID: …`, unlinked).
        // A label without a number (`PMID:`) stays as written, to be reported as malformed.
        r.pmid = text("pmid").map { pmid in
            let number = String(pmid.dropFirst(5)).trimmingCharacters(in: .whitespaces)
            return pmid.lowercased().hasPrefix("pmid:") && !number.isEmpty ? number : pmid
        }
        r.pmcid = text("pmcid")
        r.url = text("url")
        r.publisher = text("publisher")
        r.version = text("version")
        r.genre = text("genre")
        r.edition = text("edition")
        r.number = text("number")
        r.collectionTitle = text("collection-title")
        r.collectionNumber = text("collection-number")
        r.eventTitle = text("event-title") ?? text("event")
        r.eventPlace = text("event-place")
        if let note = text("note") {
            for noteLine in note.split(whereSeparator: \.isNewline) {
                let parts = noteLine.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let value = parts[1].trimmingCharacters(in: .whitespaces)
                guard !value.isEmpty else { continue }
                switch parts[0].trimmingCharacters(in: .whitespaces).lowercased() {
                case "pmid": if r.pmid == nil { r.pmid = value }
                case "pmcid": if r.pmcid == nil { r.pmcid = value }
                case "doi": if r.doi == nil { r.doi = bareDOI(value) }
                // Manubot's `standard_id: doi:…` (newer exports; older ones wrote `standard_citation`).
                case "standard_id": if r.standardCitation == nil { r.standardCitation = value }
                default: break
                }
            }
        }
        if r.standardCitation == r.id { r.standardCitation = nil }
        return r
    }

    private static func name(_ value: CSLValue) -> Reference.Name? {
        if let literal = value.string { return Reference.Name(literal: literal) }
        guard let object = value.object else { return nil }
        var fields: [String: CSLValue] = [:]
        for key in object.keys.sorted() where fields[key.lowercased()] == nil {
            fields[key.lowercased()] = object[key]
        }
        // Old pandoc-citeproc YAML writes given names as a list (`given: [Richard, Q.]`): joined,
        // as pandoc reads them (they had been dropped, and the name printed without initials).
        let given = fields["given"].flatMap { value in
            value.string ?? value.array.flatMap { parts in
                let names = parts.compactMap(\.string)
                return names.isEmpty ? nil : names.joined(separator: " ")
            }
        }
        let n = Reference.Name(family: fields["family"]?.string, given: given,
                               literal: fields["literal"]?.string,
                               nonDroppingParticle: fields["non-dropping-particle"]?.string,
                               droppingParticle: fields["dropping-particle"]?.string,
                               suffix: fields["suffix"]?.string)
        return n.family == nil && n.given == nil && n.literal == nil ? nil : n
    }

    /// A DOI without the resolver or scheme prefixes people paste (`https://doi.org/`, `doi:`).
    static func bareDOI(_ doi: String) -> String {
        var d = doi.trimmingWhitespace()
        let lower = d.lowercased()
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/",
                       "https://www.doi.org/", "http://www.doi.org/", "doi.org/", "dx.doi.org/", "www.doi.org/"]
            where lower.hasPrefix(prefix) {
            d = String(d.dropFirst(prefix.count))
            return (d.removingPercentEncoding ?? d).trimmingCharacters(in: .whitespaces)
        }
        if lower.hasPrefix("doi:") {
            d = String(d.dropFirst(4)).trimmingCharacters(in: .whitespaces)
        }
        return d
    }
}
