/// `field-invalid`: a front-matter value of the wrong type or form.
public struct FieldInvalidChecker: ArticleChecker {
    public var rule: Rule { .fieldInvalid }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        guard article.hasReadableFrontMatter else { return [] }
        var out = article.frontMatter.invalid.map { article.diagnostic(rule, at: $0.position, $0.message) }
        for (key, date) in [("updated", article.frontMatter.updated), ("reviewed.on", article.frontMatter.reviewedOn)] {
            guard let date, date.value.daysSince1970 > context.today.daysSince1970 + Self.futureGraceDays else { continue }
            out.append(article.diagnostic(rule, at: date.position,
                "`\(key)` \(date.value) is in the future (today is \(context.today))",
                notes: ["a date still to come would keep an approval from ever being overdue and put the article first in every list"]))
        }
        // An article is not its own related question (its page linked to itself under "Related questions").
        for related in article.frontMatter.related where related.value == article.slug {
            out.append(article.diagnostic(rule, at: related.position, "'\(related.value)' is this article: an article is not related to itself"))
        }
        return out
    }

    /// A date may be one day ahead of the build's today: an author east of the build machine
    /// writes tomorrow's date while it is still today there.
    static let futureGraceDays = 1

    /// Topics written two ways that make one anchor of the questions page (`Breast Cancer`,
    /// `breast-cancer`, `breast cancer!` are all `topic-breast-cancer`): the page had duplicate ids
    /// and the home page's links led to the first. Each other spelling is reported where it is
    /// first written, naming the first.
    public func checkBeyondArticles(_ site: Site, _ context: ValidationContext) -> [Diagnostic] {
        var first: [String: (topic: String, file: String)] = [:]
        var reported: Set<String> = []
        var out: [Diagnostic] = []
        for article in site.articles {
            for topic in article.frontMatter.topics {
                let anchor = HeadingAnchors.topicAnchor(topic.value)
                guard let earlier = first[anchor] else {
                    first[anchor] = (topic.value, article.file.displayPath)
                    continue
                }
                guard earlier.topic != topic.value, reported.insert(topic.value).inserted else { continue }
                out.append(article.diagnostic(rule, at: topic.position,
                    "topic '\(topic.value)' is written '\(earlier.topic)' in \(earlier.file); both would be the questions page's "
                        + "'\(anchor)': write it one way"))
            }
        }
        return out
    }
}
