/// `encoding`: a file that is not UTF-8 (found by the load stage, which cannot read it further).
public struct EncodingChecker: Checker {
    public var rule: Rule { .encoding }

    public func check(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        context.loadDiagnostics.filter { $0.rule == rule }
    }
}

/// `file-unreadable`: a file that cannot be read, is too large, or links outside the content folder.
public struct FileUnreadableChecker: Checker {
    public var rule: Rule { .fileUnreadable }

    public func check(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        context.loadDiagnostics.filter { $0.rule == rule }
    }
}

/// `nesting-too-deep`: lists, block quotes or emphasis nested deeper than the parser follows.
public struct NestingTooDeepChecker: ArticleChecker {
    public var rule: Rule { .nestingTooDeep }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        guard let first = article.tooDeep.first else { return [] }
        return [article.diagnostic(rule, at: first,
            "content nested deeper than \(MarkdownParser.maximumDepth) levels is shown as plain text")]
    }
}
