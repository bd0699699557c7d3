/// An article's front matter: typed values with where they were written, and the faults found
/// reading them (left to the checkers to report).
public struct FrontMatter: Sendable, Hashable {
    /// The keys an article may have.
    public static let articleKeys = ["question", "status", "updated", "reviewed", "topics", "related"]
    /// The keys under `reviewed`.
    public static let reviewedKeys = ["by", "on"]

    /// The question, the article's title.
    public var question: Located<String>?
    /// The review status.
    public var status: Located<ReviewStatus>?
    /// The date of the last content change.
    public var updated: Located<ISODate>?
    /// Where `reviewed` was written, when it was.
    public var reviewed: SourcePosition?
    /// The board ids of the reviewers.
    public var reviewedBy: [Located<String>] = []
    /// The date of the review.
    public var reviewedOn: Located<ISODate>?
    /// Topic names.
    public var topics: [Located<String>] = []
    /// Slugs of related articles.
    public var related: [Located<String>] = []

    /// Every key written at the top level (and under `reviewed`, as `reviewed.by`), with its position.
    public var keys: [Located<String>] = []
    /// Values of the wrong type or form: the key, its position and what is wrong.
    public var invalid: [Field] = []
    /// Where the front matter block starts (line 1).
    public var position = SourcePosition(line: 1, column: 1)

    /// A field with a fault.
    public struct Field: Sendable, Hashable {
        /// The key, such as `status` or `reviewed.on`.
        public var key: String
        /// What is wrong.
        public var message: String
        /// Where the value is.
        public var position: SourcePosition
    }

    /// Creates empty front matter.
    public init() {}
}
