import Mustache

/// A template list item with a few fixed fields, found by comparing the tag's name with each
/// field's name instead of hashing it.
///
/// A page's reference list has dozens of items; making, reading and freeing a `[String: Any]`
/// for each cost about 2.5 % of a 10,000-article build's instructions. Both renderers read a
/// record the same way: the compiled one through ``child(named:)``, swift-mustache through
/// `MustacheParent`, so a page renders the same whichever renders it. A list of records is held
/// as `[any TemplateRecord]` (each item inline in the list, no allocation of its own when its
/// fields fit in three words).
protocol TemplateRecord: MustacheParent, Sendable {}

/// An entry of an article's reference list: `{{number}}` and `{{{html}}}`.
struct ReferenceListItem: TemplateRecord {
    let number: Int
    let html: String

    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "html": html
        default: nil
        }
    }
}

/// A link to an article in a list: `{{question}}`, `{{url}}`, `{{statusLabel}}`, `{{statusKey}}`
/// and `{{updated}}` (the articles an article relates to, links from, appears in the pathway of).
struct ArticleLinkItem: TemplateRecord {
    let question: String
    let url: String
    let statusLabel: String
    let statusKey: String
    let updated: String

    func child(named name: String) -> Any? {
        switch name {
        case "question": question
        case "url": url
        case "statusLabel": statusLabel
        case "statusKey": statusKey
        case "updated": updated
        default: nil
        }
    }

    /// The same fields in a dictionary, for a list item that adds more of its own.
    var dictionary: [String: Any] {
        ["question": question, "url": url, "statusLabel": statusLabel, "statusKey": statusKey, "updated": updated]
    }
}

/// An article's item on the questions page (`topics.questions`): its link and its related questions.
struct TopicQuestionItem: TemplateRecord {
    let link: ArticleLinkItem
    /// The related questions' links (``ArticleLinkItem``s).
    let related: [any TemplateRecord]

    func child(named name: String) -> Any? {
        switch name {
        case "related": related
        case "hasRelated": !related.isEmpty
        default: link.child(named: name)
        }
    }
}

/// An article's item in the home page's list of every question (`questions`): its link and the
/// text the search filter matches.
struct HomeQuestionItem: TemplateRecord {
    let link: ArticleLinkItem
    let search: String

    func child(named name: String) -> Any? {
        name == "search" ? search : link.child(named: name)
    }
}

/// The ids a page template gives its own elements (`{{ids.references}}`, `{{ids.ref}}{{number}}`):
/// each as named, unless one of the page's headings has that anchor, then with `gp-` before it
/// (again until free). Heading anchors are GitHub's, as authors link to them; a closing
/// `## References` gave the page two `id="references"`, and a `## Ref 1` took the first
/// citation's link target.
struct PageElementIDs: TemplateRecord {
    /// The page's heading anchors.
    let taken: Set<String>
    /// `ref-`, unless a heading's anchor is `ref-` and digits (then `gp-ref-`, …): the reference
    /// list's items are `ref-1`, `ref-2`, … and citations link to them.
    let referencePrefix: String
    /// `finding-`, or `gp-finding-` …, likewise: a review build's findings are `finding-1`, … (a
    /// heading `## Finding 1` had shared its id with the first finding).
    let findingPrefix: String

    init(taken: Set<String>) {
        self.taken = taken
        referencePrefix = Self.numberedPrefix("ref-", taken: taken)
        findingPrefix = Self.numberedPrefix("finding-", taken: taken)
    }

    /// `prefix`, with `gp-` before it until no anchor is it followed by digits.
    static func numberedPrefix(_ base: String, taken: Set<String>) -> String {
        var prefix = base
        while taken.contains(where: { anchor in
            anchor.hasPrefix(prefix) && anchor.utf8.count > prefix.utf8.count
                && anchor.utf8.dropFirst(prefix.utf8.count).allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }) { prefix = "gp-" + prefix }
        return prefix
    }

    /// The names templates use: `main`, `title`, `question`, the article's sections, and `ref`,
    /// the prefix of the reference list's items.
    static let names: Set<String> = ["main", "title", "question", "references", "related", "linked-from", "in-pathways",
                                     "disclaimer", "ask", "review-summary", "review-summary-title", "ref"]

    func child(named name: String) -> Any? {
        guard Self.names.contains(name) else { return nil }
        return name == "ref" ? referencePrefix : id(name)
    }

    /// `name`, or `gp-name` (`gp-gp-name`, …) when a heading has it.
    func id(_ name: String) -> String {
        var id = name
        while taken.contains(id) { id = "gp-" + id }
        return id
    }
}
