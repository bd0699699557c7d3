/// `reference-unused`: a reference that no article cites.
public struct ReferenceUnusedChecker: Checker {
    public var rule: Rule { .referenceUnused }

    public func check(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        var cited = Set<String>()
        for outline in site.outlines { cited.formUnion(outline.citedKeys) }
        return site.references.filter { !$0.id.isEmpty && !cited.contains($0.id) }.map { ref in
            Diagnostic(file: ref.file, line: ref.line, column: ref.line == nil ? nil : 1, rule: rule,
                       message: "reference '\(ref.id)' is never cited")
        }
    }
}
