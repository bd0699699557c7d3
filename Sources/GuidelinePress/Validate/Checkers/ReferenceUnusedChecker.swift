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
        return site.references.filter { uncited.contains($0.id) }.map { ref in
            Diagnostic(file: ref.file, line: ref.line, column: ref.line == nil ? nil : 1, rule: rule,
                       message: "reference '\(ref.id)' is never cited")
        }
    }
}
