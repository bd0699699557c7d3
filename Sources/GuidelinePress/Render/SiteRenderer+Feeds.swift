/// The machine-readable files of the public site: `search.json`, `sitemap.xml`, `feed.xml`, and
/// each article's schema.org JSON-LD. A review build writes `search.json` (every article it
/// shows) but no sitemap or feed.
extension SiteRenderer {
    /// The absolute URL of a page under `base_url`.
    func absoluteURL(_ page: PageID) -> String {
        site.settings.baseURL + page.urlPath
    }

    /// `search.json`: one entry per article with its question, summary, headings, topics, status and URL.
    func searchIndex() -> String {
        let entries = questionOrder.map { searchEntry(site.articles[$0], site.outlines[$0]) }
        return "[\n" + entries.joined(separator: ",\n") + "\n]\n"
    }

    /// An article's entry in `search.json` (one line of JSON). Its status is `unknown` when it is
    /// missing or invalid (an error, so only ever in a review build), as the dashboard files it:
    /// it had read `submitted`.
    func searchEntry(_ article: Article, _ outline: ArticleOutline) -> String {
        let fm = article.frontMatter
        return JSONText.object([
            ("question", JSONText.string(fm.question?.value ?? article.slug)),
            ("summary", JSONText.string(outline.summaryText)),
            ("headings", JSONText.array(outline.headings.map { JSONText.string($0.text) })),
            ("topics", JSONText.array(fm.topics.map { JSONText.string($0.value) })),
            ("status", JSONText.string(fm.status?.value.rawValue ?? "unknown")),
            ("url", JSONText.string(PageID.article(article.slug).urlPath)),
        ])
    }

    /// `sitemap.xml` with absolute URLs under `base_url` and `lastmod` from `updated`.
    func sitemap() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        out += sitemapIndexEntries()
        out += sitemapEntry(.pathways, lastmod: nil)
        for index in site.articles.indices { out += sitemapEntry(site.articles[index]) }
        for page in site.pages { out += sitemapEntry(.page(page.slug), lastmod: nil) }
        return out + "</urlset>\n"
    }

    /// A page's `<url>` line in `sitemap.xml`.
    func sitemapEntry(_ page: PageID, lastmod: ISODate?) -> String {
        var out = "<url><loc>\(HTML.escape(absoluteURL(page)))</loc>"
        if let lastmod { out += "<lastmod>\(lastmod)</lastmod>" }
        return out + "</url>\n"
    }

    /// An article's `<url>` line in `sitemap.xml`, modified when it was updated.
    func sitemapEntry(_ article: Article) -> String {
        sitemapEntry(.article(article.slug), lastmod: article.frontMatter.updated?.value)
    }

    /// The `<url>` lines of the home and questions pages, modified when the latest article was.
    func sitemapIndexEntries() -> String {
        let newest = site.articles.indices.compactMap { site.articles[$0].frontMatter.updated?.value }.max()
        return sitemapEntry(.home, lastmod: newest) + sitemapEntry(.questions, lastmod: newest)
    }

    /// How many articles `feed.xml` shows, the most recently updated.
    static let feedLength = 50
    /// How many the home page lists as recently updated.
    static let recentLength = 5

    /// An article's place in the lists by date (``recentlyUpdated(limit:)``): its `updated` date
    /// as a number, larger when newer (an undated article's as the year 0's).
    static func recency(_ article: Article) -> Int {
        (article.frontMatter.updated?.value ?? ISODate(year: 0, month: 1, day: 1)).number
    }

    /// Whether an article of recency `a` and slug `x` comes before one of recency `b` and slug `y`
    /// in the lists by date: newer first, then by slug.
    static func isMoreRecent(_ a: Int, _ x: String, than b: Int, _ y: String) -> Bool {
        a != b ? a > b : x < y
    }

    /// The indexes of the `limit` most recently updated articles, newest first (then by slug),
    /// for the feed and the home page: the articles are sorted by index, never moved or copied.
    func recentlyUpdated(limit: Int) -> [Int] {
        let articles = site.articles
        let recency = articles.map(Self.recency)
        return articles.indices.sorted {
            Self.isMoreRecent(recency[$0], articles[$0].slug, than: recency[$1], articles[$1].slug)
        }.prefix(limit).map { $0 }
    }

    /// `feed.xml`: an Atom feed of the most recently updated articles.
    func feed(limit: Int = feedLength) -> String {
        let articles = recentlyUpdated(limit: limit).map { site.articles[$0] }
        let newest = articles.first?.frontMatter.updated?.value ?? ISODate(year: 1970, month: 1, day: 1)
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        out += "<title>\(HTML.escape(site.settings.title))</title>\n"
        out += "<id>\(HTML.escape(absoluteURL(.home)))</id>\n"
        out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(HTML.escape(absoluteURL(.home)))\"/>\n"
        out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"\(HTML.escape(site.settings.baseURL + "feed.xml"))\"/>\n"
        out += "<updated>\(newest)T00:00:00Z</updated>\n"
        out += "<author><name>\(HTML.escape(site.settings.title)) editorial board</name></author>\n"
        for article in articles {
            out += feedEntry(article, summary: site.outline(article.slug)?.summaryText ?? "",
                             updated: article.frontMatter.updated?.value ?? newest)
        }
        return out + "</feed>\n"
    }

    /// An article's `<entry>` in `feed.xml`, updated on `updated`.
    func feedEntry(_ article: Article, summary: String, updated: ISODate) -> String {
        let url = absoluteURL(.article(article.slug))
        let status = article.frontMatter.status?.value ?? .submitted
        var out = "<entry>\n"
        out += "<title>\(HTML.escape(article.frontMatter.question?.value ?? article.slug))</title>\n"
        out += "<id>\(HTML.escape(url))</id>\n"
        out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(HTML.escape(url))\"/>\n"
        out += "<updated>\(updated)T00:00:00Z</updated>\n"
        out += "<category term=\"\(status.rawValue)\" label=\"\(status.label)\"/>\n"
        out += "<summary>\(HTML.escape("\(status.label). " + summary))</summary>\n"
        return out + "</entry>\n"
    }

    /// A reference as a schema.org citation (JSON, safe inside a `<script>` element).
    static func citationJSON(_ ref: Reference) -> String {
        var c: [(String, String)] = [("@type", JSONText.string(ref.type == "article-journal" ? "ScholarlyArticle" : "CreativeWork")),
                                     ("name", JSONText.string(ref.title.map {
                                         // As the list shows it: tags dropped, Crossref's line breaks one space.
                                         ReferenceFormatter.collapsingWhitespace(ReferenceFormatter.richText($0)?.plain ?? $0)
                                     } ?? ref.id))]
        if let doi = ref.doi {
            c.append(("identifier", JSONText.string("doi:" + doi)))
            c.append(("sameAs", JSONText.string("https://doi.org/" + doi)))
        }
        if let pmid = ref.pmid { c.append(("url", JSONText.string("https://pubmed.ncbi.nlm.nih.gov/\(pmid)/"))) }
        if let year = ref.issued?.year { c.append(("datePublished", JSONText.string(String(year)))) }
        return JSONText.object(c)
    }

    /// schema.org `MedicalWebPage` JSON-LD for an article, safe inside a `<script>` element, with
    /// `citations` (its cited references' ``FormattedReference/json``, in order).
    func structuredData(_ article: Article, citations: [String]) -> String {
        let fm = article.frontMatter
        var pairs: [(String, String)] = [
            ("@context", JSONText.string("https://schema.org")),
            ("@type", JSONText.string("MedicalWebPage")),
            ("name", JSONText.string(fm.question?.value ?? article.slug)),
            ("url", JSONText.string(absoluteURL(.article(article.slug)))),
            ("inLanguage", JSONText.string(site.settings.language)),
        ]
        if let updated = fm.updated?.value { pairs.append(("dateModified", JSONText.string(updated.description))) }
        if fm.status?.value == .approved {
            if let on = fm.reviewedOn?.value { pairs.append(("lastReviewed", JSONText.string(on.description))) }
            let reviewers = fm.reviewedBy.compactMap { site.settings.member($0.value) }.map { member in
                JSONText.object([("@type", JSONText.string("Person")), ("name", JSONText.string(member.name))]
                                + (member.role.isEmpty ? [] : [("jobTitle", JSONText.string(member.role))]))
            }
            pairs.append(("reviewedBy", JSONText.array(reviewers)))
        }
        pairs.append(("audience", JSONText.object([("@type", JSONText.string("MedicalAudience")),
                                                   ("audienceType", JSONText.string("Clinician"))])))
        pairs.append(("about", JSONText.array(fm.topics.map {
            JSONText.object([("@type", JSONText.string("MedicalEntity")), ("name", JSONText.string($0.value))])
        })))
        return JSONText.object(pairs, lastKey: "citation", array: citations)
    }
}
