import Foundation

/// The validate stage for references: rules `reference-invalid` and `reference-duplicate` (spec §5).
///
/// DOIs arrive bare: the loader has already reduced `https://doi.org/…` and `doi:…` forms, so a
/// DOI is checked as `10.<4–9 digits>/<no spaces>` and nothing else.
public enum ReferenceChecks {
    /// Every finding about the references, in their order.
    public static func check(_ refs: [Reference]) -> [Diagnostic] {
        refs.flatMap(invalid) + duplicates(refs)
    }

    // MARK: - reference-invalid

    /// A reference without id, title or issued year, or with a malformed year, DOI or PMID.
    static func invalid(_ r: Reference) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func report(_ message: String, notes: [String] = []) {
            out.append(Diagnostic(file: r.file, line: r.line, rule: .referenceInvalid, message: message, notes: notes))
        }
        let name = r.id.isEmpty ? (r.title.map { "titled '\(short($0))'" } ?? "") : "'\(r.id)'"
        let subject = name.isEmpty ? "reference" : "reference \(name)"
        if r.id.isEmpty {
            // An old Manubot export keeps the key its manuscript cites in `standard_citation`.
            report("\(subject) has no id", notes: r.standardCitation.map {
                ["its standard_citation is '\($0)' (a Manubot key): citations name a reference's id, as in pandoc; "
                 + "add \"id\": \"\($0)\" to cite it by that key"]
            } ?? [])
        }
        if r.title == nil { report("\(subject) has no title") }
        if let issued = r.issued, let year = issued.year {
            if !(1000...9999).contains(year) { report("year '\(year)' of \(name.isEmpty ? "a reference" : name) is malformed") }
        } else if let literal = r.issued?.literal {
            // `"date-parts": [["2020-05-01"]]` (a hand-written or converted file): a whole date
            // where CSL wants its numbers, which pandoc rejects too; say how to write it.
            let parsed = ReferenceLoader.date(text: literal)
            if parsed.literal == nil, let year = parsed.year {
                let parts = [year, parsed.month ?? parsed.season.map { $0 + 20 }, parsed.day].compactMap { $0 }.map(String.init).joined(separator: ", ")
                report("issued date '\(literal)' of \(name.isEmpty ? "a reference" : name) is written as one text "
                       + "inside 'date-parts', which holds the date's numbers: write \"date-parts\": [[\(parts)]]")
            } else {
                report("issued date '\(literal)' of \(name.isEmpty ? "a reference" : name) has no year")
            }
        } else if r.accessed?.year != nil {
            // Zotero's export of a web page (PDQ, a society's guideline page) often has only the
            // date it was read: that is not when it was written, which the reader needs to judge it.
            report("\(subject) has no issued year",
                   notes: ["its 'accessed' date says when it was read, not when it was written: add 'issued' "
                           + "with the page's own date (its \"last updated\" or \"reviewed\" date)"])
        } else {
            report("\(subject) has no issued year")
        }
        if let doi = r.doi, !isDOI(doi) {
            report("DOI '\(doi)' of \(name.isEmpty ? "a reference" : name) is malformed")
        } else if let doi = r.doi, doi.hasSuffix(".") {
            // A DOI may end with a period, but nearly always it is the sentence's, pasted with it,
            // and the link then leads to doi.org's "DOI not found": a warning, not an error.
            out.append(Diagnostic(file: r.file, line: r.line, severity: .warning, rule: .referenceInvalid,
                                  message: "DOI '\(doi)' of \(name.isEmpty ? "a reference" : name) ends with a period: "
                                      + "was the sentence's full stop pasted with it?"))
        }
        if let pmid = r.pmid, pmid.isEmpty || !(pmid.allSatisfy { $0.isASCII && $0.isNumber }) {
            report("PMID '\(pmid)' of \(name.isEmpty ? "a reference" : name) is malformed")
        }
        // A `javascript:` (or any other scheme a body link may not use) was shown as text with no
        // finding (a probe): the reader saw an address that leads nowhere, the author never knew.
        if let url = r.url, URLSafety.isUnsafe(url.trimmingWhitespace()) {
            report("URL '\(short(url))' of \(name.isEmpty ? "a reference" : name) uses the scheme "
                   + "'\(URLSafety.scheme(of: url) ?? ""):': a reference's URL is an http(s) address")
        }
        return out
    }

    /// Whether a bare DOI has the form `10.<registrant>/<suffix>`: `^10\.\d{4,9}/\S+$`.
    static func isDOI(_ doi: String) -> Bool {
        let d = doi.trimmingWhitespace()
        guard d.hasPrefix("10.") else { return false }
        let rest = d.dropFirst(3)
        let registrant = rest.prefix { $0.isASCII && $0.isNumber }
        guard (4...9).contains(registrant.count) else { return false }
        let tail = rest.dropFirst(registrant.count)
        guard tail.first == "/" else { return false }
        let suffix = tail.dropFirst()
        return !suffix.isEmpty && !suffix.contains { $0.isWhitespace }
    }

    // MARK: - reference-duplicate

    /// The same id twice (error, at the later item, naming the first); the same DOI
    /// (case-insensitive) or PMID under two ids (warning).
    static func duplicates(_ refs: [Reference]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var byID: [String: Reference] = [:]
        var byDOI: [String: Reference] = [:]
        var byPMID: [String: Reference] = [:]
        for r in refs {
            if !r.id.isEmpty {
                if let first = byID[r.id] {
                    out.append(Diagnostic(file: r.file, line: r.line, rule: .referenceDuplicate,
                                          message: "reference '\(r.id)' is already defined at \(place(first))",
                                          notes: ["first defined at \(place(first)); again at \(place(r))"]))
                    continue
                }
                byID[r.id] = r
            }
            if let doi = r.doi?.lowercased() {
                if let first = byDOI[doi], first.id != r.id {
                    out.append(Diagnostic(file: r.file, line: r.line, severity: .warning, rule: .referenceDuplicate,
                                          message: "DOI '\(r.doi!)' of '\(r.id)' is also the DOI of '\(first.id)' at \(place(first))"))
                } else if byDOI[doi] == nil {
                    byDOI[doi] = r
                }
            }
            if let pmid = r.pmid {
                if let first = byPMID[pmid], first.id != r.id {
                    out.append(Diagnostic(file: r.file, line: r.line, severity: .warning, rule: .referenceDuplicate,
                                          message: "PMID '\(pmid)' of '\(r.id)' is also the PMID of '\(first.id)' at \(place(first))"))
                } else if byPMID[pmid] == nil {
                    byPMID[pmid] = r
                }
            }
        }
        return out
    }

    private static func place(_ r: Reference) -> String {
        r.line.map { "\(r.file):\($0)" } ?? r.file
    }

    private static func short(_ title: String) -> String {
        title.count > 40 ? String(title.prefix(40)) + "…" : title
    }
}
