/// `reference-unused`: a reference that no article cites.
public struct ReferenceUnusedChecker: Checker {
    public var rule: Rule { .referenceUnused }

    public func check(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        // The ids no article has cited yet; usually every reference is cited within the first few
        // hundred articles, and the rest need not be looked at.
        var uncited = Set(site.references.map(\.id).filter { !$0.isEmpty })
        for outline in site.outlines {
            if uncited.isEmpty { break }
            for key in outline.citedKeys { uncited.remove(key) }
        }
        if !uncited.isEmpty { uncited.subtract(Self.meantIDs(site, context)) }
        return Self.findings(site.references) { !uncited.contains($0) }
    }

    /// The ids that a `citation-unknown` or `citation-malformed` finding says a citation meant: the
    /// reference an unknown key names ("did you mean", its case, its DOI, a braced id), and one
    /// cited inside a link's text or an image's description, or in brackets without `@`. Their
    /// warning would be a second finding for the one mistake (a probe), and fixing it cites them.
    /// (A rebuild of a few articles never meets these errors: an error takes the whole way.)
    static func meantIDs(_ site: Site, _ context: ValidationContext) -> Set<String> {
        var meant = Set<String>()
        let suggestions = context.citationSuggestions ?? CitationUnknownChecker.suggestions(for: site, onlyArticles: nil)
        for suggestion in suggestions.values { if let id = suggestion.id { meant.insert(id) } }
        var braced: [String]?
        func bracedIDs() -> [String] {
            if braced == nil { braced = context.bracedIDs ?? BracedKeys.needingBraces(site.referencesByID.keys) }
            return braced!
        }
        for i in site.articles.indices {
            meant.formUnion(CitationMalformedChecker.namedReferences(site.articles[i]) { site.referenceKeys.contains($0) })
            for group in site.articles[i].malformedCitations {
                if let id = CitationMalformedChecker.bracedID(group, among: bracedIDs()) { meant.insert(id) }
            }
            guard !suggestions.isEmpty else { continue }
            let outline = site.outlines[i]
            for index in outline.citationItems.indices where !site.referenceKeys.contains(outline.citationItems[index].key) {
                if let id = CitationUnknownChecker.bracedID(outline, index, among: bracedIDs()) { meant.insert(id) }
            }
        }
        return meant
    }

    /// The findings for `references` when `isCited` tells which ids some article cites (a rebuild
    /// of a few articles counts citations in its ``SiteSnapshot``).
    static func findings(_ references: [Reference], isCited: (String) -> Bool) -> [Diagnostic] {
        references.filter { !$0.id.isEmpty && !isCited($0.id) }.map { ref in
            Diagnostic(file: ref.file, line: ref.line, column: ref.line == nil ? nil : 1, rule: .referenceUnused,
                       message: "reference '\(ref.id)' is never cited")
        }
    }
}
