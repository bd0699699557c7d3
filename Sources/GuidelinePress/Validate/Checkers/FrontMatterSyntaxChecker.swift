/// `front-matter-syntax`: the front matter's YAML does not parse, or its block is never closed.
public struct FrontMatterSyntaxChecker: ArticleChecker {
    public var rule: Rule { .frontMatterSyntax }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        switch article.frontMatterProblem {
        case .syntax(let fault):
            return [article.diagnostic(rule, at: fault.position, fault.message)]
        case .unterminated:
            return [article.diagnostic(rule, at: SourcePosition(line: 1, column: 1),
                                       "front matter opened with '---' is never closed")]
        default:
            return []
        }
    }
}
