/// The references an unknown cited key names other than by their id, for the hint of its
/// `citation-unknown` finding. Each is a mistake a Levenshtein "did you mean" cannot see:
///
/// - the reference's `citation-key` (Better BibTeX keys against another export's ids), or its
///   Manubot `standard_citation` (a manuscript's `@doi:…` against an export with short-hash ids);
///   one without an id gets a hint to give it one;
/// - its id in other letters' case: pandoc's keys are case-sensitive, and Manubot writes its
///   `doi:` ids in lower case, so `[@doi:10.1056/NEJMoa1113216]` is five edits from the id
///   `doi:10.1056/nejmoa1113216`;
/// - `doi:`, `pmid:` or `pmcid:` (Manubot's `pmc:` too) followed by the DOI, PMID or PMCID of
///   a reference with another id: Manubot looks such keys up online, pandoc and publish do not.
///
/// A key two references could be meant by (ids differing only in case, a DOI given twice) gets
/// no hint from that table.
struct KeyAliases {
    private var byCitationKey: [String: String] = [:]
    private var byStandardCitation = Unique()
    /// Where each reference without an id is, by its lower-cased `standard_citation`.
    private var withoutID: [String: String] = [:]
    private var byFoldedID = Unique()
    private var byDOI = Unique(), byPMID = Unique(), byPMCID = Unique()

    /// A table of keys to ids that forgets a key given for two different ids.
    private struct Unique {
        var ids: [String: String?] = [:]
        mutating func add(_ key: String, _ id: String) {
            if let seen = ids[key] { if seen != id { ids[key] = .some(nil) } } else { ids[key] = id }
        }
        subscript(key: String) -> String? { ids[key] ?? nil }
    }

    init(_ site: Site) {
        for r in site.references {
            guard !r.id.isEmpty else {
                if let standard = r.standardCitation, withoutID[standard.lowercased()] == nil {
                    withoutID[standard.lowercased()] = r.line.map { "\(r.file):\($0)" } ?? r.file
                }
                continue
            }
            if let key = r.citationKey, byCitationKey[key] == nil { byCitationKey[key] = r.id }
            if let standard = r.standardCitation { byStandardCitation.add(standard.lowercased(), r.id) }
            byFoldedID.add(r.id.lowercased(), r.id)
            if let doi = r.doi { byDOI.add(doi.lowercased(), r.id) }
            if let pmid = r.pmid { byPMID.add(pmid, r.id) }
            if let pmcid = r.pmcid { byPMCID.add(Self.normalPMCID(pmcid), r.id) }
        }
    }

    /// `PMC` and the digits, whatever the case of the letters (`pmc:PMC3548352`, `pmcid:pmc3548352`).
    private static func normalPMCID(_ text: some StringProtocol) -> String {
        let upper = text.uppercased()
        return upper.hasPrefix("PMC") ? upper : "PMC" + upper
    }

    /// The end of the finding for `key`, a key no reference has, when it names one of them.
    func hint(for key: String) -> String? { lookup(key)?.hint }

    /// The reference `key` names (`nil` for one without an id) and the end of its finding.
    func lookup(_ key: String) -> (id: String?, hint: String)? {
        if let id = byCitationKey[key] { return (id, CitationUnknownChecker.hint(id, key)) }
        if let id = byStandardCitation[key.lowercased()] {
            return (id, "; it is the standard_citation of reference '\(id)' (a Manubot key), and citations name a "
                + "reference's id (as pandoc reads them): cite \(BracedKeys.citation(of: id))")
        }
        if let place = withoutID[key.lowercased()] {
            return (nil, "; the reference with this standard_citation (\(place)) has no id: add \"id\": \"\(key)\" to it")
        }
        if let id = byFoldedID[key.lowercased()] {
            return (id, "; did you mean '\(id)'? Keys are case-sensitive (as pandoc reads them)")
        }
        guard let colon = key.firstIndex(of: ":") else { return nil }
        let scheme = key[..<colon].lowercased(), value = key[key.index(after: colon)...]
        let found: (label: String, id: String)?
        switch scheme {
        case "doi": found = byDOI[value.lowercased()].map { ("DOI", $0) }
        case "pmid": found = byPMID[String(value)].map { ("PMID", $0) }
        case "pmcid", "pmc": found = byPMCID[Self.normalPMCID(value)].map { ("PMCID", $0) }
        // pandoc-crossref's labels (Manubot manuscripts refer to figures so): not references.
        case "fig", "tbl", "eq", "sec", "lst":
            return (nil, "; '@\(scheme):…' is a pandoc-crossref label (a figure, table, equation or section), "
                + "which publish does not number: refer to it in words, or link to its heading")
        default: found = nil
        }
        guard let found else { return nil }
        return (found.id, "; reference '\(found.id)' has this \(found.label): cite \(BracedKeys.citation(of: found.id)) "
            + "(publish, like pandoc, looks no key up online as Manubot does)")
    }
}
