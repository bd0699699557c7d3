/// `citation-malformed`: a bracket group that starts `[@` but does not parse.
public struct CitationMalformedChecker: ArticleChecker {
    public var rule: Rule { .citationMalformed }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        article.malformedCitations.map { group in
            let shown = group.value.count > 60 ? String(group.value.prefix(57)) + "…" : group.value
            return article.diagnostic(rule, at: group.position, "citation '\(shown)' does not parse",
                                      notes: ["write [@key], [@a; @b] or [see @key, p. 33]"])
        }
    }
}
