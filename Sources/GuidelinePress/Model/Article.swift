/// One clinical question: its front matter and its body as typed blocks.
public struct Article: Sendable {
    /// The file it came from.
    public var file: SourceFile
    /// The front matter, when it parsed.
    public var frontMatter: FrontMatter
    /// What is wrong with the front matter block as a whole, when anything is.
    public var frontMatterProblem: FrontMatterProblem?
    /// The body's blocks, citations already found in their text.
    public var blocks: [Block]
    /// Bracket groups that start `[@` but do not parse.
    public var malformedCitations: [Located<String>]
    /// Citations written inside a link's text or an image's description, where they are not read
    /// as citations (``CitationExtraction/inLinks``).
    public var citationsInLinks: [LinkedCitation] = []
    /// The text of bracket groups written without `@` (``CitationExtraction/bareBrackets``).
    public var bareBrackets: [Located<String>] = []
    /// Positions where nesting was too deep to follow.
    public var tooDeep: [SourcePosition]
    /// Tables too large to lay out, shown as text (``TableLimit``), with their findings' messages.
    public var oversizedTables: [Located<String>] = []
    /// Whether ``blocks`` was dropped after the parse stage so that the whole site's trees are
    /// never held at once; the render stage parses the file again.
    public var bodyDropped = false
    /// The findings of the checkers that read the body (``BodyChecker``), kept when it is dropped.
    public var bodyFindings: [Diagnostic] = []
    /// Whether the body may hold raw HTML: `false` only when the parser saw none, which lets
    /// the checkers that look for it skip walking the tree.
    public var mayHoldHTML = true
    /// Whether the body may hold a footnote mark or a GitHub alert (`[^`, `[!`): `false` only when
    /// its text has neither, which lets `markdown-unsupported` skip walking the tree.
    public var mayHoldForeignMarks = true
    /// Whether the body may hold emphasis that starts or ends beside a digit (an asterisk beside a
    /// digit, ``ByteScan/containsAsteriskBesideDigit(_:)``): `false` only when its text has none,
    /// which lets `emphasis-in-number` skip walking the tree.
    public var mayHoldEmphasisInNumber = true
    /// The `<!-- uncited: REASON -->` exemptions of the body, in order.
    public var exemptions: [Claims.Exemption] = []

    /// The slug, from the file name.
    public var slug: String { file.slug }

    /// Creates an article.
    public init(file: SourceFile, frontMatter: FrontMatter, frontMatterProblem: FrontMatterProblem?,
                blocks: [Block], malformedCitations: [Located<String>], tooDeep: [SourcePosition]) {
        self.file = file
        self.frontMatter = frontMatter
        self.frontMatterProblem = frontMatterProblem
        self.blocks = blocks
        self.malformedCitations = malformedCitations
        self.tooDeep = tooDeep
    }
}

/// Why an article's front matter could not be read.
public enum FrontMatterProblem: Sendable, Hashable {
    /// There is no front matter block.
    case missing
    /// The opening `---` has no closing line.
    case unterminated
    /// The YAML does not parse.
    case syntax(YAMLDocument.Fault)
}

/// A plain page (editorial policy, about): a title and a body; not claim-checked.
public struct Page: Sendable {
    /// The file it came from.
    public var file: SourceFile
    /// The title from front matter (`title:`), or the first heading, or the slug.
    public var title: String
    /// The body's blocks.
    public var blocks: [Block]

    /// The slug, from the file name.
    public var slug: String { file.slug }

    /// Creates a page.
    public init(file: SourceFile, title: String, blocks: [Block]) {
        self.file = file
        self.title = title
        self.blocks = blocks
    }
}

/// A citation written inside a link's text or an image's description (`[see [@a]](url)`,
/// `![chart [@a]](x.png)`, or `[@a]` made a link by a line `[@a]: url`), where Markdown reads it
/// as text: the reference would be missing from the list.
public struct LinkedCitation: Sendable, Hashable {
    /// What holds the citation.
    public enum Holder: Int, Sendable, Hashable {
        /// A link's text.
        case link
        /// A link whose whole text is the citation's own `@key` (`[@a]` with a line `[@a]: url`).
        case wholeLink
        /// An image's description.
        case image
        /// A line that Markdown read as a link definition (`[@a]: text`): the line is not on the page.
        case definition
        /// An indented code block (text indented four spaces too many): it shows as code.
        case codeBlock
    }
    /// The cited key.
    public var key: String
    /// Where its `@` is (the link's start when the text cannot be traced to the source).
    public var position: SourcePosition
    /// Whether it was written in brackets (`[see [@a]](url)`): a citation meant, whatever the key.
    public var bracketed: Bool
    /// What holds it.
    public var holder: Holder

    /// Creates a linked citation.
    public init(key: String, at position: SourcePosition, bracketed: Bool, holder: Holder) {
        self.key = key
        self.position = position
        self.bracketed = bracketed
        self.holder = holder
    }
}
