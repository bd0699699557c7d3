import Foundation

/// The render stage: turns a resolved ``Site`` into the files of the built site.
public struct SiteRenderer: Sendable {
    /// The site.
    public let site: Site
    /// The templates.
    public let templates: TemplateSet
    /// The findings, in a review build; `nil` in a public build (which never shows review material).
    public let review: [Diagnostic]?
    /// Today, for the review dashboard's ages.
    public let today: ISODate
    /// A reference as every page that cites it shows it, made once for the whole site rather than
    /// once per citing article.
    struct FormattedReference: Sendable {
        /// Its entry in a reference list.
        var html: String
        /// It as a schema.org citation (JSON-LD).
        var json: String
        /// The ``StableHash`` of ``html`` and ``json``, for cache keys (a change that shows only in
        /// the JSON-LD, such as the item's type, must change the pages that cite it).
        var hash: UInt64
    }

    /// Each reference by id: one lookup a cited key gives the page all it shows of it.
    let formattedReferences: KeyTable<FormattedReference>
    /// Articles sorted by question, for lists: sorted once, and only when a list is rendered.
    private let sortedByQuestion: LazyValue<[Int]>
    /// Article indexes sorted by question, for lists (indexes: the lists read a few fields of each
    /// article in place instead of copying 10,000 articles).
    var questionOrder: [Int] { sortedByQuestion.value }
    /// Articles sorted by question, for the review page's lists.
    var articlesByQuestion: [Article] { questionOrder.map { site.articles[$0] } }
    /// The review findings by file, in report order.
    let findingsByFile: [String: [Diagnostic]]
    /// An article's body blocks by index (parsed again when the parse stage dropped them).
    let body: @Sendable (Int) throws -> [Block]
    /// An article's summary and body as the parse stage rendered them (``prerender(_:outline:)``),
    /// by index, when it did; public builds only.
    let prerendered: @Sendable (Int) throws -> ArticleBody?

    /// Creates a renderer.
    public init(site: Site, templates: TemplateSet, review: [Diagnostic]?, today: ISODate,
                body: (@Sendable (Int) throws -> [Block])? = nil,
                prerendered: (@Sendable (Int) throws -> ArticleBody?)? = nil,
                questionOrder: (@Sendable () -> [Int])? = nil, formattedLike other: SiteRenderer? = nil) {
        self.body = body ?? { [site] in site.articles[$0].blocks }
        self.prerendered = prerendered ?? { _ in nil }
        self.site = site
        self.templates = templates
        self.review = review
        self.today = today
        if let other, other.site.references == site.references {
            // The same references: formatted already.
            formattedReferences = other.formattedReferences
        } else {
            let references = Array(site.referencesByID)
            let formatted = ConcurrentMap.map(references.map(\.value)) { reference in
                let html = ReferenceFormatter.html(reference)
                let json = Self.citationJSON(reference)
                return FormattedReference(html: html, json: json, hash: StableHash.of(html + "\n" + json))
            }
            formattedReferences = KeyTable(firstOf: zip(references.map(\.key), formatted))
        }
        sortedByQuestion = LazyValue { [site] in
            (questionOrder ?? { Self.questionOrder(site.articles) })()
        }
        findingsByFile = Dictionary(grouping: review ?? [], by: \.file)
    }

    /// Hands a page's bytes on (valid only during the call).
    typealias Emit = (UnsafeBufferPointer<UInt8>) throws -> Void

    /// Renders every file and hands each to `emit` (path relative to the site's root, UTF-8 contents,
    /// valid only during the call).
    ///
    /// Articles are rendered on every core, so `emit` is called from several threads; each page is
    /// emitted as soon as it is rendered and not kept. `reuse` is asked first for each article
    /// (index, path) and returns `true` when it has provided the page itself, from an earlier build.
    /// `reuseIndex` is asked the same for the questions, home and pathways pages (by path).
    public func render(reuse: @Sendable (Int, String) -> Bool = { _, _ in false },
                       reuseIndex: @Sendable (String) -> Bool = { _ in false },
                       _ emit: @Sendable (String, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        // The site-wide pages come first, so that the big indexes render beside the articles
        // rather than after them. Each job hands its page to `emit` in place: the big indexes are
        // bytes from their templates (never made a `String`, which would validate tens of
        // megabytes again), the generated files `String`s.
        typealias Job = (path: String, isIndex: Bool, write: @Sendable (Emit) throws -> Void)
        func bytes(_ path: String, _ isIndex: Bool, _ make: @escaping @Sendable () -> [UInt8]) -> Job {
            (path, isIndex, { emit in try make().withUnsafeBufferPointer(emit) })
        }
        func text(_ path: String, _ isIndex: Bool, _ make: @escaping @Sendable () -> String) -> Job {
            (path, isIndex, { emit in
                var page = make()
                try page.withUTF8(emit)
            })
        }
        var jobs: [Job] = [
            bytes(PageID.questions.path, true) { renderQuestions() },
            bytes(PageID.home.path, true) { renderHome() },
            bytes(PageID.pathways.path, true) { renderPathways() },
            text(PageID.notFound.path, false) { templates.render("not-found", common(.notFound, title: "Page not found")) },
        ]
        // A page named like one of the site's own folders or files is a slug-invalid error; a review
        // build, which errors do not stop, leaves it out rather than race the site's page to the
        // same file or fail to write `search.json` where the page made a folder.
        for page in site.pages where !PageID.isTakenBySite(pageSlug: page.slug) {
            jobs.append(text(PageID.page(page.slug).path, false) { renderPage(page) })
        }
        jobs.append(text("search.json", true) { searchIndex() })
        // A review site is not to be indexed or followed (its pages say `noindex, nofollow`): it
        // has no sitemap and no feed, which would offer its articles, whatever their status,
        // under the public site's address as the public site's.
        if review == nil {
            jobs.append(text("sitemap.xml", false) { sitemap() })
            jobs.append(text("feed.xml", false) { feed() })
        } else {
            jobs.append(bytes(PageID.review.path, false) { renderReview() })
        }
        try ConcurrentMap.forEach(jobs.count + site.articles.count) { [jobs] index in
            guard index >= jobs.count else {
                let job = jobs[index]
                if job.isIndex && reuseIndex(job.path) { return }
                return try job.write { try emit(job.path, $0) }
            }
            let article = index - jobs.count
            let path = PageID.article(site.articles[article].slug).path
            if reuse(article, path) { return }
            try renderArticlePage(article).withUnsafeBufferPointer { try emit(path, $0) }
        }
    }

    // MARK: Shared context

    /// The context every page has: site settings, navigation URLs and the review flag.
    func common(_ page: PageID, title: String, description: String = "") -> [String: Any] {
        // Room for what the pages add (an article page sets about 50 names): made from a literal
        // of these eleven, the dictionary was rehashed twice more on every page, and at a room of
        // 48 once more when the twenty-third session's names came (callgrind: 19,000 instructions a page).
        var context = [String: Any](minimumCapacity: 64)
        context["lang"] = site.settings.language
        context["siteTitle"] = site.settings.title
        context["pageTitle"] = title
        context["description"] = description
        context["root"] = page.rootPrefix
        context["css"] = page.rootPrefix + "assets/style.css"
        context["homeURL"] = page.url(to: .home)
        context["questionsURL"] = page.url(to: .questions)
        context["pathwaysURL"] = page.url(to: .pathways)
        context["ids"] = PageElementIDs(taken: [])
        context["isReview"] = review != nil
        context["disclaimer"] = site.settings.disclaimer
        if let policy = site.settings.editorialPolicy?.value, site.pageIndex[policy] != nil {
            context["policyURL"] = page.url(to: .page(policy))
        }
        if let ask = site.settings.askURL { context["askURL"] = ask }
        if review != nil { context["reviewURL"] = page.url(to: .review) }
        return context
    }

    /// A link to an article from `page`: its question, URL and status.
    func articleLink(_ slug: String, from page: PageID) -> ArticleLinkItem? {
        site.articleIndex[slug].map { articleLink($0, from: page) }
    }

    /// A link to article `index` from `page`: its question, URL and status.
    func articleLink(_ index: Int, from page: PageID) -> ArticleLinkItem {
        // Field by field: binding the front matter would copy all of it (retaining each field).
        let slug = site.articles[index].slug
        let status = site.articles[index].frontMatter.status?.value
        return ArticleLinkItem(
            question: site.articles[index].frontMatter.question?.value ?? slug,
            url: page.url(to: .article(slug)),
            statusLabel: Self.statusLabel(status),
            statusKey: Self.statusKey(status),
            updated: site.articles[index].frontMatter.updated?.value.description ?? "")
    }

    /// An article's search data on the home page (its list entry's `search`): question, topics,
    /// headings and the start of the summary, in lower case.
    func homeSearch(_ article: Article, _ outline: ArticleOutline) -> String {
        let words = [article.frontMatter.question?.value ?? article.slug, article.frontMatter.topics.map(\.value).joined(separator: " "),
                     homeSearchText(outline)]
        return words.joined(separator: " ").lowercased()
    }

    /// The part of an article's home-page search data that comes from its body: its headings and
    /// the start of its summary (the cache key of the home page hashes the headings and the whole summary).
    func homeSearchText(_ outline: ArticleOutline) -> String {
        let summary = outline.summaryText
        // The first 300 characters; in ASCII without CR (nearly all summaries) they are the first
        // 300 bytes, with no grapheme breaking to do.
        let start = ByteScan.isOneBytePerCharacter(summary)
            ? String(Substring(summary.utf8.prefix(300))) : String(summary.prefix(300))
        return outline.headings.map(\.text).joined(separator: " ") + " " + start
    }

    /// The three steps of the status badge.
    static func steps(_ status: ReviewStatus?) -> [[String: Any]] {
        ReviewStatus.allCases.map { step in
            let state = step.step < (status?.step ?? 0) ? "done" : step == status ? "current" : "upcoming"
            return ["label": step.label, "state": state, "current": step == status, "number": step.step]
        }
    }

    /// The label of `status` on badges and in lists; "Status unknown" when it is missing or invalid
    /// (a `field-missing` or `field-invalid` error, so only a review build shows one: such an article
    /// had been shown as submitted, as if it had entered review).
    static func statusLabel(_ status: ReviewStatus?) -> String { status?.label ?? "Status unknown" }

    /// The key of `status` in class names (`status-tag-approved`); `unknown` when it is missing or invalid.
    static func statusKey(_ status: ReviewStatus?) -> String { status?.rawValue ?? "unknown" }

    /// Diagnostics of one file (review builds).
    func findings(for file: String) -> [Diagnostic] {
        findingsByFile[file] ?? []
    }

    // MARK: Articles

    func renderArticle(_ index: Int) throws -> String {
        String(decoding: try renderArticlePage(index), as: UTF8.self)
    }

    /// ``renderArticle(_:)`` as the UTF-8 bytes written to the page's file.
    func renderArticlePage(_ index: Int) throws -> [UInt8] {
        let article = site.articles[index]
        let outline = site.outlines[index]
        let page = PageID.article(article.slug)
        let fm = article.frontMatter
        let status = fm.status?.value
        let question = fm.question?.value ?? article.slug

        // The reference list and the JSON-LD citations in one pass, one lookup a key, numbered as
        // ``citationNumbers(_:isKnown:)`` numbers them.
        var references: [any TemplateRecord] = []
        var citations: [String] = []
        references.reserveCapacity(outline.citedKeys.count)
        citations.reserveCapacity(outline.citedKeys.count)
        // In a review build, a cited reference's own findings (no year, a DOI given twice) show
        // under its entry, where they had been only on the dashboard.
        let referencePrefix = review == nil ? "" : PageElementIDs(taken: outline.anchors).referencePrefix
        for key in outline.citedKeys {
            guard let formatted = formattedReferences[key] else { continue }
            let notes = review == nil ? "" : referenceFindingsHTML(key, idPrefix: "\(referencePrefix)\(references.count + 1)-finding-")
            references.append(ReferenceListItem(number: references.count + 1, html: notes.isEmpty ? formatted.html : formatted.html + notes))
            citations.append(formatted.json)
        }

        var backlinks: [String: [(href: String, label: String)]] = [:]
        for (anchor, nodes) in site.relations.pathwayNodesTargeting[article.slug] ?? [:] {
            backlinks[anchor] = nodes.map { node in
                (node.article == article.slug ? "#" + node.domID
                    : page.url(to: .article(node.article), anchor: node.domID), node.label)
            }
        }
        let fileFindings = findings(for: article.file.displayPath)
        // The links as the resolve stage resolved them, by destination (the body asks by destination).
        var linkTargets: [String: LinkResolver.Target] = [:]
        for (link, target) in zip(outline.links, site.linkTargets(ofArticle: index)) where linkTargets[link.destination] == nil {
            linkTargets[link.destination] = target
        }
        let resolve = { (destination: String) in
            Self.url(linkTargets[destination] ?? LinkResolver.resolve(destination, from: article.file.relativePath, in: site,
                                                                         anchorHint: { _, _, _ in nil }),
                     from: page)
        }
        var summaryHTML: HTMLBytes, bodyHTML: HTMLBytes
        var unplaced: [(Int, Diagnostic)] = []
        // A body rendered in the parse stage numbered every cited key (``prerender(_:outline:)``):
        // it is used only when the bibliography has them all, as it must for a public build.
        // The parse stage drew every pathway node whose target parses as a link, not knowing the
        // other articles: it is used only when each such target exists too.
        if review == nil, references.count == outline.citedKeys.count, brokenPathwayTargets(index).isEmpty,
           let parts = try prerendered(index),
           let summary = parts.summary.filledBytes(linkURL: resolve, backlinks: { backlinks[$0] ?? [] }),
           let main = parts.main.filledBytes(linkURL: resolve, backlinks: { backlinks[$0] ?? [] }) {
            (summaryHTML, bodyHTML) = (summary, main)
        } else {
            let numbers = Self.citationNumbers(outline.citedKeys) { formattedReferences[$0] != nil }
            var body = Self.bodyRenderer(article, outline: outline, citationNumbers: numbers, pathwayAnchors: pathwayAnchors)
            body.linkURL = resolve
            body.pathwayBacklinks = backlinks
            if review != nil {
                body.findings = fileFindings
                body.uncitedLines = Set(fileFindings.filter { $0.rule == .claimUncited }.compactMap(\.line))
                body.showsExemptions = true
            }
            let parts = Self.articleBody(try self.body(index), with: &body)
            (summaryHTML, bodyHTML) = (HTMLBytes(bytes: parts.summary.bytes), HTMLBytes(bytes: parts.main.bytes))
            unplaced = fileFindings.indices.filter { !body.shownFindings.contains($0) }.map { ($0, fileFindings[$0]) }
        }

        var context = common(page, title: question, description: outline.summaryText)
        let ids = PageElementIDs(taken: outline.anchors)
        context["ids"] = ids
        context["question"] = question
        context["statusLabel"] = Self.statusLabel(status)
        context["statusKey"] = Self.statusKey(status)
        context["steps"] = Self.steps(status)
        context["approved"] = status == .approved
        context["pending"] = status != nil && status != .approved
        context["statusUnknown"] = status == nil
        if let updated = fm.updated?.value {
            context["updatedISO"] = updated.description
            context["updatedText"] = updated.longForm
        }
        if status == .approved {
            // An id not on the board is named as such (reviewer-unknown stops a public build, so
            // only a review build shows it): it had been dropped from the sentence without a word.
            let reviewers = fm.reviewedBy.map { id -> [String: Any] in
                guard let member = site.settings.member(id.value) else { return ["name": id.value, "role": "not on the editorial board"] }
                return ["name": member.name, "role": member.role]
            }
            context["reviewers"] = reviewers
            context["hasReviewers"] = !reviewers.isEmpty
            if let on = fm.reviewedOn?.value {
                context["reviewedOnISO"] = on.description
                context["reviewedOnText"] = on.longForm
            }
        }
        context["summaryHTML"] = summaryHTML
        // No empty summary box when the article has none (summary-missing warns of it).
        context["hasSummary"] = !summaryHTML.bytes.isEmpty
        context["bodyHTML"] = bodyHTML
        context["references"] = references
        context["hasReferences"] = !references.isEmpty
        let related: [any TemplateRecord] = fm.related.compactMap { articleLink($0.value, from: page) }
        context["related"] = related
        context["hasRelated"] = !related.isEmpty
        let linkedFrom: [any TemplateRecord] = (site.relations.linkedFrom[article.slug] ?? []).compactMap { articleLink($0, from: page) }
        context["linkedFrom"] = linkedFrom
        context["hasLinkedFrom"] = !linkedFrom.isEmpty
        let inPathways: [any TemplateRecord] = (site.relations.inPathwaysOf[article.slug] ?? []).compactMap { articleLink($0, from: page) }
        context["inPathways"] = inPathways
        context["hasInPathways"] = !inPathways.isEmpty
        context["topics"] = fm.topics.map { ["name": $0.value] }
        context["hasTopics"] = !fm.topics.isEmpty
        context["structuredData"] = structuredData(article, citations: citations)
        if review != nil {
            context["unplacedFindingsHTML"] = unplaced.isEmpty ? "" : BodyRenderer.findingsHTML(unplaced, idPrefix: ids.findingPrefix)
            context["errorCount"] = fileFindings.count { $0.severity == .error }
            context["warningCount"] = fileFindings.count { $0.severity == .warning }
            context["findingsText"] = DiagnosticFormat.counts(fileFindings)
            context["findings"] = fileFindings.enumerated().map { i, d -> [String: Any] in
                var row: [String: Any] = ["id": "\(ids.findingPrefix)\(i + 1)", "severity": d.severity.rawValue, "rule": d.rule.rawValue,
                                          "severityLabel": d.severity.label, "message": d.message]
                // Absent, not empty, for a finding about the whole file: Mustache's `{{^line}}` shows "File".
                if let line = d.line { row["line"] = String(line) }
                return row
            }
            context["hasFindings"] = !fileFindings.isEmpty
            context["exemptions"] = article.exemptions.map { ["line": $0.position.line, "reason": $0.shownReason] }
        }
        return templates.renderBytes("article", context)
    }

    /// The review note of reference `key`'s findings (at its item's line of its bibliography
    /// file), their ids starting `idPrefix`; empty without any.
    func referenceFindingsHTML(_ key: String, idPrefix: String) -> String {
        guard let reference = site.referencesByID[key], let line = reference.line else { return "" }
        let found = findings(for: reference.file).filter { $0.line == line }
        guard !found.isEmpty else { return "" }
        return BodyRenderer.findingsHTML(found.enumerated().map { ($0.offset, $0.element) }, idPrefix: idPrefix)
    }

    /// Citation numbers in order of first citation, over the keys that `isKnown` (Vancouver).
    static func citationNumbers(_ citedKeys: [String], isKnown: (String) -> Bool) -> KeyTable<Int> {
        // Room for every key first: grown from empty, the table of an article's 65 keys was
        // rehashed six times (0.65 % of a full build's instructions at 1,000 articles).
        var numbers = KeyTable<Int>(minimumCapacity: citedKeys.count)
        for key in citedKeys where isKnown(key) { numbers[key] = numbers.count + 1 }
        return numbers
    }

    /// A body renderer for an article: its citation numbers and its pathway figures, whose nodes
    /// link to their targets as ``pathwayHref(_:in:from:anchors:)`` finds them with `pathwayAnchors`.
    static func bodyRenderer(_ article: Article, outline: ArticleOutline, citationNumbers: KeyTable<Int>,
                             pathwayAnchors: ((String) -> Set<String>?)? = nil) -> BodyRenderer {
        var body = BodyRenderer()
        body.citationNumbers = citationNumbers
        let ids = PageElementIDs(taken: outline.anchors)
        body.referencePrefix = ids.referencePrefix
        body.findingPrefix = ids.findingPrefix
        // The outline made the headings' anchors already (made twice: 0.4 % of a full build's instructions).
        body.outlineHeadings = outline.headings
        let page = PageID.article(article.slug)
        let question = article.frontMatter.question?.value ?? article.slug
        body.pathway = { _, position in
            guard let parsed = outline.pathways.first(where: { $0.position == position }) else { return "" }
            return pathwayFigure(parsed, idPrefix: parsed.idPrefix, title: question, in: article.slug, from: page,
                                 anchors: pathwayAnchors)
        }
        return body
    }

    /// An article's summary (the blocks before the first heading; a pathway written there follows
    /// it instead) and the rest of its body.
    static func articleBody(_ blocks: [Block], with body: inout BodyRenderer) -> ArticleBody {
        let firstHeading = blocks.firstIndex { if case .heading = $0.kind { true } else { false } } ?? blocks.endIndex
        let lead = blocks[..<firstHeading]
        // A pathway written before the first heading is drawn right after the box; every other
        // block keeps its place (a code block there had been moved out of the summary too).
        let isFigure = { (b: Block) -> Bool in
            if case .codeBlock(let info, _) = b.kind { PathwayParser.isPathway(info: info) } else { false }
        }
        let summary = body.renderFragment(lead.filter { !isFigure($0) })
        let main = body.renderFragment(lead.filter(isFigure) + Array(blocks[firstHeading...]))
        return ArticleBody(summary: summary, main: main)
    }

    /// Renders an article's body while its tree is at hand, before the site is resolved: what
    /// depends on other articles is left as holes. Every cited key is numbered, as if the
    /// bibliography had them all: an unknown key is a `citation-unknown` error, which stops a
    /// public build before it renders, so the parse stage need not wait for the bibliography.
    /// (``renderArticle(_:)`` renders anew when a key is unknown all the same.)
    public static func prerender(_ article: Article, outline: ArticleOutline) -> ArticleBody {
        var body = bodyRenderer(article, outline: outline,
                                citationNumbers: citationNumbers(outline.citedKeys) { _ in true })
        body.defersSiteLinks = true
        return articleBody(article.blocks, with: &body)
    }

    /// The href of a resolved link on `page`, or `nil` when it leads nowhere (shown as text).
    static func url(_ target: LinkResolver.Target, from page: PageID) -> String? {
        switch target {
        case .external(let url): url
        case .page(let target, let anchor): page.url(to: target, anchor: anchor)
        case .file(let path): page.rootPrefix + PageID.percentEncoded(path)
        case .unsafe, .broken: nil
        }
    }

    // MARK: Pages

    func renderPage(_ page: Page) -> String {
        let id = PageID.page(page.slug)
        var body = BodyRenderer()
        // Only the URL: a broken link's near miss is the checker's, and looking for each one
        // compares it with every heading of the article it names.
        body.linkURL = { destination in
            Self.url(LinkResolver.resolve(destination, from: page.file.relativePath, in: site, anchorHint: { _, _, _ in nil }), from: id)
        }
        var context = common(id, title: page.title)
        context["ids"] = PageElementIDs(taken: (site.outline(of: id) ?? ArticleOutline(blocks: page.blocks)).anchors)
        context["title"] = page.title
        context["bodyHTML"] = body.render(page.blocks)
        return templates.render("page", context)
    }

    // MARK: Indexes

    func renderHome() -> [UInt8] {
        let page = PageID.home
        var context = common(page, title: site.settings.title)
        context["questions"] = questionOrder.map { homeQuestionItem($0) as any TemplateRecord }
        context["searchScript"] = page.rootPrefix + "assets/search.js"
        context["recent"] = recentlyUpdated(limit: Self.recentLength).map(recentItem)
        context["topics"] = topicMembers().map { homeTopicItem($0.topic, count: $0.members.count) }
        context["questionCount"] = site.articles.count
        return templates.renderBytes("home", context)
    }

    /// A topic's item in the home page's list of topics (`topics`), with its count of articles.
    func homeTopicItem(_ topic: String, count: Int) -> [String: Any] {
        ["name": topic, "url": PageID.home.url(to: .questions, anchor: HeadingAnchors.topicAnchor(topic)), "count": count]
    }

    /// Article `index`'s item in the home page's list of every question (`questions`).
    func homeQuestionItem(_ index: Int) -> HomeQuestionItem {
        HomeQuestionItem(link: articleLink(index, from: .home), search: homeSearch(site.articles[index], site.outlines[index]))
    }

    /// Article `index`'s item in the home page's list of recently updated questions (`recent`).
    func recentItem(_ index: Int) -> [String: Any] {
        var link = articleLink(index, from: .home).dictionary
        link["updatedText"] = site.articles[index].frontMatter.updated?.value.longForm ?? ""
        return link
    }

    /// Article `index`'s item under each of its topics on the questions page (`topics.questions`),
    /// with `link` giving an article's link from that page.
    func topicQuestionItem(_ index: Int, link: (Int) -> ArticleLinkItem) -> TopicQuestionItem {
        TopicQuestionItem(link: link(index),
                          related: site.articles[index].frontMatter.related.compactMap { site.articleIndex[$0.value].map(link) })
    }

    /// The topics, sorted, each with its articles (article indexes, in question order); articles
    /// without topics under "Other topics".
    func topicMembers() -> [(topic: String, members: [Int])] {
        var groups: [String: [Int]] = [:]
        for index in questionOrder {
            for topic in Self.topicLists(site.articles[index]) { groups[topic, default: []].append(index) }
        }
        return groups.keys.sorted().map { ($0, groups[$0]!) }
    }

    /// The topics under which the questions page lists an article (once under each, so twice
    /// under a topic written twice): its topics, or "Other topics" when it has none.
    static func topicLists(_ article: Article) -> [String] {
        let topics = article.frontMatter.topics
        return topics.isEmpty ? ["Other topics"] : topics.map(\.value)
    }

    /// Articles grouped by topic, topics sorted, each with its related questions.
    func topicGroups(from page: PageID) -> [[String: Any]] {
        // Each article's link once, for its own entries and for every list that relates to it.
        let links = site.articles.indices.map { articleLink($0, from: page) }
        return topicMembers().map { topic, members in
            [
                "name": topic,
                "anchor": HeadingAnchors.topicAnchor(topic),
                "questions": members.map { topicQuestionItem($0) { links[$0] } as any TemplateRecord },
            ]
        }
    }

    func renderQuestions() -> [UInt8] {
        let page = PageID.questions
        var context = common(page, title: "Questions by topic")
        context["topics"] = topicGroups(from: page)
        return templates.renderBytes("questions", context)
    }

    /// The URL of a pathway node's target, from `page`, for a pathway of article `slug`; `nil`
    /// when the target leads nowhere (the node is drawn as broken): it does not parse, or, given
    /// `anchors` (each article's heading anchors by slug, `nil` for no such article), it names a
    /// missing article or heading. Without `anchors` (the parse stage, which does not know the
    /// other articles yet) every target that parses is taken to exist.
    static func pathwayHref(_ target: String, in slug: String, from page: PageID,
                            anchors: ((String) -> Set<String>?)?) -> String? {
        let found: PathwayTarget? = if let anchors {
            PathwayTarget.resolve(target, articleSlug: slug, anchors: anchors)
        } else if case .success(let parsed) = PathwayTarget.parse(target) {
            parsed
        } else {
            nil
        }
        return switch found {
        case .anchor(let anchor): page.url(to: .article(slug), anchor: anchor)
        case .article(let other): page.url(to: .article(other))
        case .articleAnchor(let other, let anchor): page.url(to: .article(other), anchor: anchor)
        case nil: nil
        }
    }

    /// Each article's heading anchors by slug (`nil` for no such article), for pathway targets; `nil`
    /// itself in a public build, which renders nothing when a target leads nowhere (a
    /// `pathway-target` error), so that no target is looked up again (three times a pathway node:
    /// 0.5 % of a full build's instructions).
    var pathwayAnchors: (@Sendable (String) -> Set<String>?)? {
        guard review != nil else { return nil }
        let site = site
        return { slug in site.articleIndex[slug].map { site.outlines[$0].anchors } }
    }

    /// The targets of article `index`'s pathway nodes that lead nowhere, in order (a
    /// `pathway-target` error, so only ever in a review build): they are drawn as broken.
    func brokenPathwayTargets(_ index: Int) -> [String] {
        let pathways = site.outlines[index].pathways
        guard !pathways.isEmpty, let anchors = pathwayAnchors else { return [] }
        let slug = site.articles[index].slug
        var broken: [String] = []
        for parsed in pathways {
            for node in parsed.pathway.nodes {
                guard let target = node.target,
                      PathwayTarget.resolve(target, articleSlug: slug, anchors: anchors) == nil else { continue }
                broken.append(target)
            }
        }
        return broken
    }

    /// A pathway as a figure: its caption, the diagram, then its steps as a list; its nodes link
    /// to their targets as ``pathwayHref(_:in:from:anchors:)`` finds them.
    static func pathwayFigure(_ parsed: ArticleOutline.ParsedPathway, idPrefix: String, title: String,
                              in slug: String, from page: PageID, anchors: ((String) -> Set<String>?)?) -> String {
        let rendered = PathwayRenderer.render(parsed.pathway, idPrefix: idPrefix, title: "Treatment pathway: \(title)") {
            pathwayHref($0, in: slug, from: page, anchors: anchors)
        }
        var out = "<figure class=\"pathway-figure\" id=\"\(idPrefix)\">\n"
        // HTML allows a figcaption only as the figure's first or last child.
        out += "<figcaption>Treatment pathway. Select a step to go to its explanation.</figcaption>\n"
        if !rendered.svg.isEmpty {
            out += "<div class=\"pathway-scroll\">\n\(rendered.svg)\n</div>\n"
        }
        out += "<div class=\"pathway-text\">\n<p class=\"pathway-text-title\">The pathway step by step</p>\n\(rendered.text)\n</div>\n"
        return out + "</figure>\n"
    }

    func renderPathways() -> [UInt8] {
        let page = PageID.pathways
        var context = common(page, title: "Treatment pathways")
        var entries: [[String: Any]] = []
        for index in questionOrder where !site.outlines[index].pathways.isEmpty {
            entries += pathwayEntries(index)
        }
        context["pathways"] = entries
        context["hasPathways"] = !entries.isEmpty
        return templates.renderBytes("pathways", context)
    }

    /// Article `index`'s entries on the pathways page (`pathways`), one for each of its pathways.
    func pathwayEntries(_ index: Int) -> [[String: Any]] {
        let page = PageID.pathways
        let article = site.articles[index]
        let question = article.frontMatter.question?.value ?? article.slug
        return site.outlines[index].pathways.map { parsed in
            let prefix = "\(article.slug)-\(parsed.idPrefix)"
            return [
                "anchor": prefix,
                "question": question,
                "url": page.url(to: .article(article.slug), anchor: parsed.idPrefix),
                "html": Self.pathwayFigure(parsed, idPrefix: prefix + "-diagram", title: question, in: article.slug, from: page,
                                           anchors: pathwayAnchors),
            ]
        }
    }

    func renderReview() -> [UInt8] {
        let page = PageID.review
        var context = common(page, title: "Editorial review")
        context["wide"] = true
        let all = review ?? []
        let ordered = articlesByQuestion
        var groups: [[String: Any]] = []
        // Articles without a valid status (missing, misspelt, front matter that does not parse)
        // have a group of their own, where they had been filed as submitted.
        for status in ReviewStatus.allCases.map(Optional.some) + [nil] {
            let articles = ordered.filter { $0.frontMatter.status?.value == status }
            if status == nil && articles.isEmpty { continue }
            let rows = articles.map { article -> [String: Any] in
                let fm = article.frontMatter
                let fileFindings = findings(for: article.file.displayPath)
                let errors = fileFindings.count { $0.severity == .error }
                let warnings = fileFindings.count { $0.severity == .warning }
                var row: [String: Any] = [
                    "question": fm.question?.value ?? article.slug,
                    "url": page.url(to: .article(article.slug)),
                    // The findings section's id as its page gives it (a heading may have taken `review-summary`).
                    "findingsURL": page.url(to: .article(article.slug), anchor: PageElementIDs(taken: site.outline(article.slug)?.anchors ?? []).id("review-summary")),
                    "file": article.file.displayPath,
                    "updated": fm.updated?.value.description ?? "—",
                    "errors": errors, "warnings": warnings, "hasErrors": errors > 0, "hasWarnings": warnings > 0,
                    "findingsText": DiagnosticFormat.counts(fileFindings),
                    "overdue": fileFindings.contains { $0.rule == .reviewOverdue },
                    "stale": fileFindings.contains { $0.rule == .reviewStale },
                    "notReviewed": fileFindings.contains { $0.rule == .reviewMissing },
                    "unknownReviewer": fileFindings.contains { $0.rule == .reviewerUnknown },
                ]
                // Absent, not empty, when nobody reviewed it: the template's `{{^reviewers}}` shows a dash.
                // Names hold commas (`Joseph Okafor, MD, PhD`): reviewers are separated by semicolons.
                if !fm.reviewedBy.isEmpty {
                    row["reviewers"] = fm.reviewedBy.map { site.settings.member($0.value)?.name ?? "\($0.value) (not on the board)" }
                        .joined(separator: "; ")
                }
                if let on = fm.reviewedOn?.value {
                    row["reviewedOn"] = on.description
                    row["daysSinceReview"] = today.daysSince1970 - on.daysSince1970
                }
                return row
            }
            let key = status?.rawValue ?? "unknown"
            groups.append(["statusLabel": status?.label ?? "Status missing or invalid", "statusKey": key, "count": rows.count,
                           "articles": rows, "hasArticles": !rows.isEmpty,
                           "anchor": "status-" + key])
        }
        context["groups"] = groups
        context["errorCount"] = all.count { $0.severity == .error }
        context["warningCount"] = all.count { $0.severity == .warning }
        context["findingsText"] = DiagnosticFormat.counts(all)
        context["articleCount"] = site.articles.count

        let articleFiles = Set(site.articles.map(\.file.displayPath))
        // A `reference-unused` warning is shown once, under "References never cited" below (it
        // had been listed here as well); the totals above still count it.
        let other = all.filter { !articleFiles.contains($0.file) && $0.rule != .referenceUnused }
        context["otherFindings"] = other.map { d -> [String: Any] in
            ["file": d.file, "line": d.line.map { ":\($0)" } ?? "", "severity": d.severity.rawValue,
             "rule": d.rule.rawValue, "message": d.message]
        }
        context["hasOtherFindings"] = !other.isEmpty

        var exemptions: [[String: Any]] = []
        for article in ordered {
            for exemption in article.exemptions {
                exemptions.append(["question": article.frontMatter.question?.value ?? article.slug,
                                   "url": page.url(to: .article(article.slug)),
                                   "location": "\(article.file.displayPath):\(exemption.position.line)",
                                   "reason": exemption.shownReason])
            }
        }
        context["exemptions"] = exemptions
        context["hasExemptions"] = !exemptions.isEmpty

        // The references never cited are those a `reference-unused` warning is about (by its file
        // and line, the reference's item): one that a misspelt citation meant has no warning (its
        // `citation-unknown` error says which), and had been listed here all the same.
        var cited = Set<String>()
        for outline in site.outlines { cited.formUnion(outline.citedKeys) }
        let warned = Set(all.lazy.filter { $0.rule == .referenceUnused }.map { "\($0.file):\($0.line ?? 0)" })
        let unused = site.references.filter { !$0.id.isEmpty && !cited.contains($0.id) && warned.contains("\($0.file):\($0.line ?? 0)") }
        context["unusedReferences"] = unused.map { ["id": $0.id, "location": $0.file + ($0.line.map { ":\($0)" } ?? ""),
                                                    "title": $0.title ?? ""] }
        context["hasUnusedReferences"] = !unused.isEmpty
        // Uncited, but without a warning: meant by a citation that is an error.
        context["hasMeantReferences"] = unused.isEmpty && site.references.contains { !$0.id.isEmpty && !cited.contains($0.id) }

        let lonely = ordered.filter { $0.frontMatter.related.isEmpty }
        context["withoutRelated"] = lonely.compactMap { articleLink($0.slug, from: page) } as [any TemplateRecord]
        context["hasWithoutRelated"] = !lonely.isEmpty
        context["today"] = today.description
        return templates.renderBytes("review", context)
    }
}
