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
