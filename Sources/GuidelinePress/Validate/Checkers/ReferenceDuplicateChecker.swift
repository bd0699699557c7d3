/// `reference-duplicate`: the same id twice (error), or the same DOI or PMID under two ids (warning).
public struct ReferenceDuplicateChecker: Checker {
    public var rule: Rule { .referenceDuplicate }

    public func check(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        ReferenceChecks.duplicates(site.references)
    }
}
