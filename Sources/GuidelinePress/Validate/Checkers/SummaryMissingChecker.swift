/// `summary-missing` (an extension of the contract, a warning): an article with no text before its
/// first heading.
///
/// The blocks before the first heading are the answer's summary (spec §3): the page shows them
/// first, and the home page, `search.json` and the feed show them for the article. A document
/// imported as it was written (most start with a heading) had an empty summary box on its page and
/// an empty line in search, without a word (a probe of real clinical notes).
public struct SummaryMissingChecker: BodyChecker {
    public var rule: Rule { .summaryMissing }

    public func checkBody(_ article: Article) -> [Diagnostic] {
        // Without a front matter block the body's extent is unknown: its own error says what to fix.
        guard article.frontMatterProblem == nil else { return [] }
        for block in article.blocks {
            switch block.kind {
            case .paragraph, .list, .table, .blockQuote:
                return []
            case .heading:
                return [article.diagnostic(rule, at: block.position,
                    "the article has no summary: the text before the first heading is the answer's summary, "
                        + "shown first on its page, on the home page and in search",
                    notes: ["write the answer in a few cited sentences above this heading"])]
            case .codeBlock, .htmlBlock, .thematicBreak:
                continue
            }
        }
        return [Diagnostic(file: article.file.displayPath, rule: rule, message: "the article has no text: nothing answers its question")]
    }
}
