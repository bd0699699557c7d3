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
        return Self.findings(site.references) { !uncited.contains($0) }
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
