/// One rule of the content contract, checked over the whole site.
public protocol Checker: Sendable {
    /// The rule this checker reports.
    var rule: Rule { get }
    /// The findings for this rule.
    func check(_ site: Site, _ context: ValidationContext) -> [Diagnostic]
}

/// Facts a checker needs besides the content.
public struct ValidationContext: Sendable {
    /// Today's date, for `review-overdue` (from `SOURCE_DATE_EPOCH` when set, so runs are repeatable).
    public var today: ISODate
    /// Problems found while loading files (encoding, unreadable files, reference files that do not parse).
    public var loadDiagnostics: [Diagnostic]
    /// The "; did you mean …?" of each unknown cited key, found once for the whole site by
    /// ``Validator`` (`nil` until then: a checker run alone looks for its own).
    var citationSuggestions: [String: CitationUnknownChecker.Suggestion]?
    /// The "; did you mean …?" of each unknown `related` slug, found once likewise.
    var relatedSuggestions: [String: String]?
    /// The reference ids that must be cited in braces (``BracedKeys``), found by ``Validator``
    /// when some citation is unknown or malformed (`nil` otherwise: a checker looks for its own).
    var bracedIDs: [String]?
    /// The bibliography files that could not be read at all (``unreadableBibliographies(of:)``),
    /// found once by ``Validator`` (`nil` until then: a checker looks for its own).
    var unreadableBibliographies: [String]?

    /// The files of `site`'s bibliography that yielded no reference and have an error among the
    /// load findings: a file that does not parse, is not UTF-8 or cannot be read. A key cited from
    /// such a file cannot be told from a typo.
    func unreadableBibliographies(of site: Site) -> [String] {
        if let unreadableBibliographies { return unreadableBibliographies }
        let failed = Set(loadDiagnostics.filter { $0.severity == .error }.map(\.file))
        guard site.bibliographyFiles.contains(where: failed.contains) else { return [] }
        let yielding = Set(site.references.map(\.file))
        return site.bibliographyFiles.filter { failed.contains($0) && !yielding.contains($0) }
    }

    /// Creates a context.
    public init(today: ISODate, loadDiagnostics: [Diagnostic] = []) {
        self.today = today
        self.loadDiagnostics = loadDiagnostics
    }
}

/// Checkers that look at one article at a time.
public protocol ArticleChecker: Checker {
    /// The findings for one article.
    func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic]
    /// The findings for this rule outside the articles (in plain pages, say); none by default.
    func checkBeyondArticles(_ site: Site, _ context: ValidationContext) -> [Diagnostic]
}

extension ArticleChecker {
    public func checkBeyondArticles(_ site: Site, _ context: ValidationContext) -> [Diagnostic] { [] }

    /// Runs the article check over every article, on every core, and the check beyond them.
    /// (``Validator`` runs all article checkers in one pass over the articles instead.)
    public func check(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        ConcurrentMap.map(Array(site.articles.indices)) { i in
            check(site.articles[i], outline: site.outlines[i], site: site, context: context)
        }.flatMap { $0 } + checkBeyondArticles(site, context)
    }
}

/// Checkers that read an article's body blocks. The parse stage runs them before it drops the
/// body (see ``Article/bodyDropped``); afterwards they report the findings it kept.
public protocol BodyChecker: ArticleChecker {
    /// The findings for one article's body.
    func checkBody(_ article: Article) -> [Diagnostic]
}

extension BodyChecker {
    /// The body's findings for this rule, computed now or kept from the parse stage.
    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        article.bodyDropped ? article.bodyFindings.filter { $0.rule == rule } : checkBody(article)
    }
}

/// Body checkers that read blocks alone, the same way in articles and in plain pages.
public protocol BlockChecker: BodyChecker {
    /// The findings in `blocks` of the file shown as `file`.
    func check(_ blocks: [Block], file: String) -> [Diagnostic]
    /// Whether the article's body may hold what the checker looks for (a flag the parser sets
    /// with one scan of the text, so that nearly every body is not walked); `true` by default.
    func mayConcern(_ article: Article) -> Bool
}

extension BlockChecker {
    public func mayConcern(_ article: Article) -> Bool { true }

    /// Plain pages (articles are checked as every body checker checks them).
    public func checkBeyondArticles(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        site.pages.flatMap { check($0.blocks, file: $0.file.displayPath) }
    }

    public func checkBody(_ article: Article) -> [Diagnostic] {
        mayConcern(article) ? check(article.blocks, file: article.file.displayPath) : []
    }
}

extension Article {
    /// A diagnostic about this article.
    func diagnostic(_ rule: Rule, at position: SourcePosition, _ message: String,
                    severity: Severity? = nil, notes: [String] = []) -> Diagnostic {
        Diagnostic(file: file.displayPath, at: position, severity: severity, rule: rule, message: message, notes: notes)
    }

    /// Whether the front matter was read (so field rules apply).
    var hasReadableFrontMatter: Bool { frontMatterProblem == nil }
}

/// " did you mean 'x'?" when a near miss exists, else "".
func didYouMean(_ name: String, among candidates: some Sequence<String>, quote: (String) -> String = { "'\($0)'" }) -> String {
    NearMatch.suggestion(for: name, among: candidates).map { "; did you mean \(quote($0))?" } ?? ""
}
