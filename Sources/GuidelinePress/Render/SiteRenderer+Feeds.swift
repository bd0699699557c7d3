/// The machine-readable files of the public site: `search.json`, `sitemap.xml`, `feed.xml`, and
/// each article's schema.org JSON-LD.
extension SiteRenderer {
    /// The absolute URL of a page under `base_url`.
    func absoluteURL(_ page: PageID) -> String {
        site.settings.baseURL + page.path
    }

    /// `search.json`: one entry per article with its question, summary, headings, topics, status and URL.
    func searchIndex() -> String {
        let entries = questionOrder.map { searchEntry(site.articles[$0], site.outlines[$0]) }
        return "[\n" + entries.joined(separator: ",\n") + "\n]\n"
    }

    /// An article's entry in `search.json` (one line of JSON).
    func searchEntry(_ article: Article, _ outline: ArticleOutline) -> String {
        let fm = article.frontMatter
        let status = fm.status?.value ?? .submitted
        return JSONText.object([
            ("question", JSONText.string(fm.question?.value ?? article.slug)),
            ("summary", JSONText.string(outline.summaryText)),
            ("headings", JSONText.array(outline.headings.map { JSONText.string($0.text) })),
            ("topics", JSONText.array(fm.topics.map { JSONText.string($0.value) })),
            ("status", JSONText.string(status.rawValue)),
            ("url", JSONText.string(PageID.article(article.slug).path)),
        ])
    }

    /// `sitemap.xml` with absolute URLs under `base_url` and `lastmod` from `updated`.
    func sitemap() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        func entry(_ page: PageID, _ lastmod: ISODate?) {
            out += "<url><loc>\(HTML.escape(absoluteURL(page)))</loc>"
            if let lastmod { out += "<lastmod>\(lastmod)</lastmod>" }
            out += "</url>\n"
        }
        let newest = site.articles.indices.compactMap { site.articles[$0].frontMatter.updated?.value }.max()
        entry(.home, newest)
        entry(.questions, newest)
        entry(.pathways, nil)
        for index in site.articles.indices { entry(.article(site.articles[index].slug), site.articles[index].frontMatter.updated?.value) }
        for page in site.pages { entry(.page(page.slug), nil) }
        return out + "</urlset>\n"
    }

    /// The indexes of the `limit` most recently updated articles, newest first (then by slug),
    /// for the feed and the home page: the articles are sorted by index, never moved or copied.
    func recentlyUpdated(limit: Int) -> [Int] {
        let undated = ISODate(year: 0, month: 1, day: 1)
        let articles = site.articles
        return articles.indices.sorted {
            let a = articles[$0].frontMatter.updated?.value ?? undated
            let b = articles[$1].frontMatter.updated?.value ?? undated
            return a != b ? a > b : articles[$0].slug < articles[$1].slug
        }.prefix(limit).map { $0 }
    }

    /// `feed.xml`: an Atom feed of the most recently updated articles.
    func feed(limit: Int = 50) -> String {
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
                                     ("name", JSONText.string(ref.title ?? ref.id))]
        if let doi = ref.doi {
            c.append(("identifier", JSONText.string("doi:" + doi)))
            c.append(("sameAs", JSONText.string("https://doi.org/" + doi)))
        }
        if let pmid = ref.pmid { c.append(("url", JSONText.string("https://pubmed.ncbi.nlm.nih.gov/\(pmid)/"))) }
        if let year = ref.issued?.year { c.append(("datePublished", JSONText.string(String(year)))) }
        return JSONText.object(c)
    }

    /// schema.org `MedicalWebPage` JSON-LD for an article, safe inside a `<script>` element.
    func structuredData(_ article: Article, citedKeys: [String]) -> String {
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
        let citations = citedKeys.compactMap { referenceJSON[$0] }
        pairs.append(("citation", JSONText.array(citations)))
        return JSONText.object(pairs)
    }
}
