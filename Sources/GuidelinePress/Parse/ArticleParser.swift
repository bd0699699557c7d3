import Yams

/// The parse stage for Markdown files: front matter, body blocks and citations.
public enum ArticleParser {
    /// Parses an article's normalised text.
    public static func parseArticle(_ text: String, file: SourceFile) -> Article {
        let parts = FrontMatterSplitter.split(text)
        var frontMatter = FrontMatter()
        var problem: FrontMatterProblem?
        if let yaml = parts.yaml {
            switch FrontMatterParser.parse(yaml) {
            case .success(let fm): frontMatter = fm
            case .failure(let fault): problem = .syntax(fault)
            }
        } else {
            problem = parts.unterminated ? .unterminated : .missing
        }
        let markdown = MarkdownParser.parse(parts.body, lineOffset: parts.bodyLineOffset)
        var extraction = CitationExtraction()
        let blocks = extraction.blocks(markdown.blocks)
        var article = Article(file: file, frontMatter: frontMatter, frontMatterProblem: problem, blocks: blocks,
                              malformedCitations: extraction.malformed, tooDeep: markdown.tooDeep)
        article.mayHoldHTML = markdown.holdsHTML
        article.mayHoldForeignMarks = ByteScan.contains(parts.body, UInt8(ascii: "["), followedBy: UInt8(ascii: "^"))
            || ByteScan.contains(parts.body, UInt8(ascii: "["), followedBy: UInt8(ascii: "!"))
        article.mayHoldEmphasisInNumber = ByteScan.containsAsteriskBesideDigit(parts.body)
        article.citationsInLinks = extraction.inLinks
            + DefinitionCitations.find(in: parts.body, lineOffset: parts.bodyLineOffset, blocks: blocks)
            + CodeBlockCitations.find(in: parts.body, lineOffset: parts.bodyLineOffset, blocks: blocks)
        article.bareBrackets = extraction.bareBrackets
        article.oversizedTables = markdown.oversizedTables
        return article
    }

    /// Parses only an article's body (front matter skipped), as the render stage needs it.
    public static func parseBody(_ text: String) -> [Block] {
        let parts = FrontMatterSplitter.split(text)
        var extraction = CitationExtraction()
        return extraction.blocks(MarkdownParser.parse(parts.body, lineOffset: parts.bodyLineOffset).blocks)
    }

    /// Parses a plain page; its optional front matter may give a `title`.
    public static func parsePage(_ text: String, file: SourceFile) -> (Page, [Diagnostic]) {
        let parts = FrontMatterSplitter.split(text)
        var title: String?
        var diagnostics: [Diagnostic] = []
        if let yaml = parts.yaml {
            switch YAMLDocument.parse(yaml, lineOffset: 1) {
            case .success(let node):
                title = node?["title"]?.string
                // A list or a mapping where text belongs (`title: [a, b]`) had been dropped in
                // silence, the page titled by its slug (probe); an article's gets field-invalid too.
                for (key, value) in node?.mapping ?? [:] where (key.string == "title" || key.string == "description")
                    && value.scalar == nil {
                    diagnostics.append(Diagnostic(file: file.displayPath,
                                                  at: YAMLDocument.position(of: value, lineOffset: 1,
                                                                            columns: YAMLDocument.ByteColumns(yaml)),
                                                  rule: .fieldInvalid,
                                                  message: "page '\(key.string ?? "")' must be text, not a list or a mapping"))
                }
                for (key, _) in node?.mapping ?? [:] where key.string != "title" && key.string != "description" {
                    diagnostics.append(Diagnostic(file: file.displayPath,
                                                  at: YAMLDocument.position(of: key, lineOffset: 1,
                                                                            columns: YAMLDocument.ByteColumns(yaml)),
                                                  rule: .fieldUnknown,
                                                  message: "unknown page key '\(key.string ?? "")'"))
                }
            case .failure(let fault):
                diagnostics.append(Diagnostic(file: file.displayPath, at: fault.position,
                                              rule: .frontMatterSyntax, message: fault.message))
            }
        } else if parts.unterminated {
            diagnostics.append(Diagnostic(file: file.displayPath, line: 1, column: 1, rule: .frontMatterSyntax,
                                          message: "front matter opened with '---' is never closed"))
        }
        let markdown = MarkdownParser.parse(parts.body, lineOffset: parts.bodyLineOffset)
        var blocks = markdown.blocks
        if title == nil, let first = blocks.first, case .heading(1, let inlines) = first.kind {
            title = Inline.plainText(inlines)
            blocks.removeFirst()
        }
        for table in markdown.oversizedTables {
            diagnostics.append(Diagnostic(file: file.displayPath, at: table.position, rule: .tableCells, message: table.value))
        }
        for position in markdown.tooDeep.prefix(1) {
            diagnostics.append(Diagnostic(file: file.displayPath, at: position, rule: .nestingTooDeep,
                message: "content nested deeper than \(MarkdownParser.maximumDepth) levels is shown as plain text"))
        }
        return (Page(file: file, title: title ?? file.slug, blocks: blocks), diagnostics)
    }
}
