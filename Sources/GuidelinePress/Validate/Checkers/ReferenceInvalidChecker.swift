/// `reference-invalid`: a reference without id, title or year, or with a malformed DOI or PMID;
/// also a bibliography file that does not parse.
public struct ReferenceInvalidChecker: Checker {
    public var rule: Rule { .referenceInvalid }

    public func check(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        site.references.flatMap(ReferenceChecks.invalid)
    }
}
