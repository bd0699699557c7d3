import Foundation

/// What the content folder held besides the articles' texts, as a build read it: its listing, and
/// the texts of its pages and bibliography files (by hash). Part of ``SiteSnapshot/inputs``.
struct ContentInputs: Sendable {
    /// The hash of the listing: every file's kind and path, and the listing's findings.
    var listing: UInt64
    /// Whether every listed article was read (an unreadable one is missing from the site, so the
    /// site's articles are not the listing's).
    var complete: Bool
    /// The hash of each page's text, in listing order.
    var pageSources: [UInt64]
    /// The hash of each bibliography file's text, in listing order.
    var bibliographySources: [UInt64]
    /// The hash of the files of the content folder that pages show (``ContentFiles/hash(_:)``).
    var files: UInt64

    /// The inputs of a listing of which `articles` articles were read.
    init(listing: ContentLoader.Listing, articles: Int, pageSources: [UInt64], bibliographySources: [UInt64], files: UInt64) {
        var h = StableHash()
        h.combine("content listing 1")
        h.combine(listing.site?.relativePath ?? "\u{0}")
        for (name, files) in [("articles", listing.articles), ("pages", listing.pages), ("bibliographies", listing.bibliographies)] {
            h.combine(name)
            for file in files { h.combine(file.relativePath) }
        }
        h.combine("findings")
        for d in listing.diagnostics { h.combine("\(d.file) \(d.rule.rawValue) \(d.message)") }
        self.listing = h.value
        complete = articles == listing.articles.count
        self.pageSources = pageSources
        self.bibliographySources = bibliographySources
        self.files = files
    }

    /// The snapshot's key of these inputs, with what every page depends on (`base`, see
    /// ``Publisher``), the templates' assets, the content folder, today and the locale; `nil` when not every
    /// article was read.
    func key(base: UInt64, options: Publisher.Options) -> UInt64? {
        guard complete else { return nil }
        let content = options.content, today = options.today
        var h = StableHash()
        h.combine("site inputs 1")
        h.combine(base)
        h.combine(TemplateSet.assetsHash(options.templates))
        // As given (diagnostics show it) and as a place on disk.
        h.combine(content)
        h.combine(URL(fileURLWithPath: content).standardizedFileURL.path)
        h.combine(today.description)
        h.combine(listing)
        for source in pageSources { h.combine(source) }
        h.combine("bibliographies")
        for source in bibliographySources { h.combine(source) }
        h.combine("files")
        h.combine(files)
        return h.value
    }
}

/// Rebuilding only the articles that changed.
///
/// A public build whose previous build left a ``SiteSnapshot`` and whose only changes are the
/// texts of a few articles, each keeping its shape (``ArticleInterface/hash(_:_:)``), needs
/// nothing of the other articles but their pages, which stay as they are but for the lists that
/// show a changed question, topic, status or date and the pages that a changed article links to,
/// and their findings, which the snapshot kept. Such a rebuild parses the changed articles;
/// validates and renders them in a small site made of them and their neighbours (the articles
/// their pages and findings read, kept in the snapshot, and the articles their new links, related
/// lists and pathways lead to); renders again the pages of the neighbours of an article whose
/// question, topics, status, date, headings, links, related list or pathways changed, each
/// checked first to come out of the small site as the previous build wrote it (and, when links
/// changed, their findings found again and checked against the snapshot's); splices the changed
/// articles' items, lines and entries into the home, questions and pathways pages, `search.json`,
/// `feed.xml` and `sitemap.xml`, rendering the lists by date again when a date changed and moving
/// the articles whose question, topics or having a pathway changed within the lists by question
/// (``PageSplice``); and reports `reference-unused` anew from the snapshot's citation counts when
/// cited keys changed. Anything else (a new or removed file, a changed page, bibliography, template or
/// `site.yaml`, a topic that gains or loses its only article, moved articles whose entries ended
/// `search.json` together, a page linking to a heading of an article whose headings changed, a
/// new error, a missing output file, a page that cannot be spliced) takes the whole way, as before.
/// (The pathways page, when it lists only moved articles, is rendered whole from the small site.)
/// Every page is in the small site, so a changed article's links to pages' headings are checked
/// there; a changed page takes the whole way, where every link to its headings is checked anew.
extension Publisher {
    /// The most articles rebuilt alone: it bounds the small site and the splices; more changes at
    /// once (a pull of many edits) take the whole way, which handles any number.
    static let maximumArticlesRebuiltAlone = 64

    /// The most pages of unchanged articles rendered again because they list an article whose
    /// status or date changed: such a change of an article listed by hundreds takes the whole way.
    static let maximumNeighbourPages = 256

    /// The snapshot of a public build of `site`: its findings and each article's hashes and neighbours.
    static func snapshot(of site: Site, diagnostics: [Diagnostic], inputs: UInt64, questionOrder: UInt64,
                         sources: [UInt64]) -> SiteSnapshot {
        let entries = ConcurrentMap.map(Array(site.articles.indices)) { i in
            SiteSnapshot.Entry(site.articles[i], site.outlines[i], source: sources[i], neighbours: site.neighbours(ofArticle: i))
        }
        // Counted in a ``KeyTable`` (hundreds of thousands of cited keys), handed over as a dictionary.
        var counts = KeyTable<Int>(minimumCapacity: site.references.count)
        for outline in site.outlines {
            for key in outline.citedKeys { counts[key, default: 0] += 1 }
        }
        let citations = Dictionary(uniqueKeysWithValues: zip(counts.keys, counts.values))
        return SiteSnapshot(inputs: inputs, questionOrder: questionOrder, diagnostics: diagnostics, citations: citations,
                            entries: entries)
    }

    /// Rebuilds only the changed articles when that gives the same site as a whole build (see
    /// above); `nil`, having written nothing, when the build must take the whole way.
    static func rebuildChangedArticles(_ options: Options, listing: ContentLoader.Listing, tool: UInt64, base: UInt64,
                                       cache: BuildCache, articleCache: ArticleCache) throws -> Report? {
        var timer = StageTimer()
        guard options.mode == .publish, cache.hasPrevious, cache.previousBase == base,
              let snapshot = SiteSnapshot.read(output: options.output, tool: tool),
              listing.articles.count == snapshot.entries.count else { return nil }
        timer.lap("  snapshot")
        // Whether the last build's files are all still there as it wrote them: 10,000 system
        // calls, made on other threads while this one reads the settings, pages and bibliography.
        let output = options.output
        let outputIsWhole = StartedValue { cache.previousFilesAreAsWritten(in: output) }
        let (settings, settingsFile, _) = loadSettings(listing, content: options.content)
        let (pages, _, pageSources) = loadPages(listing)
        timer.lap("  settings, pages")
        let (references, _, bibliographySources) = loadBibliographies(listing.bibliographies, articleCache: articleCache)
        timer.lap("  bibliography")
        // The images the previous build copied, as they are now: one changed, or gone, takes the whole way.
        let copied = cache.previousPaths(withPrefix: ContentFiles.folder).map { String($0.dropFirst(ContentFiles.folder.count)) }
        let inputs = ContentInputs(listing: listing, articles: listing.articles.count, pageSources: pageSources,
                                   bibliographySources: bibliographySources,
                                   files: ContentFiles.hash(ContentFiles.examine(copied, content: options.content).values))
        guard inputs.key(base: base, options: options) == snapshot.inputs else { return nil }
        timer.lap("  inputs")
        guard outputIsWhole.value else { return nil }
        timer.lap("  output files")

        // Which articles changed: an unchanged signature vouches for a text, else the file is read.
        let changes = ConcurrentMap.map(Array(listing.articles.indices)) { i -> ArticleChange in
            let file = listing.articles[i], expected = snapshot.entries[i].source
            let signature = listing.articleSignatures[i] ?? FileSignature(path: file.absolutePath)
            if articleCache.trustedHash(file.relativePath, signature: signature) == expected {
                articleCache.note(file.relativePath, hash: expected, signature: nil)
                return .unchanged
            }
            var read: FileSignature?
            guard case .text(let text) = ContentLoader.read(file, signature: &read) else { return .unreadable }
            let hash = StableHash.of(text)
            if hash == expected {
                articleCache.note(file.relativePath, hash: hash, signature: read)
                return .unchanged
            }
            return .changed(text: text, hash: hash, signature: read)
        }
        // Each changed article as it is, and as the previous build had it (the article cache keeps that record too).
        var changed: [Int: ChangedArticle] = [:]
        var referenceIDs: Set<String>?
        // The changed articles whose question, topics, status or date changed: the pages that list them show it.
        var relisted: [Int] = []
        var datesChanged = false
        // The changed articles whose question, topics or having a pathway changed.
        var moved: [Int] = []
        // The changed articles whose headings, links, related list or pathways changed.
        var relinked: [Int] = []
        var citations = snapshot.citations
        for (i, change) in changes.enumerated() {
            switch change {
            case .unchanged: continue
            case .unreadable: return nil
            case .changed(let text, let hash, let signature):
                guard changed.count < maximumArticlesRebuiltAlone else { return nil }
                let (article, outline) = parseArticle(text, file: listing.articles[i])
                guard ArticleInterface.hash(article, outline) == snapshot.entries[i].interface,
                      let (old, oldOutline) = articleCache.lookup(listing.articles[i], hash: snapshot.entries[i].source, asCurrent: false)
                else { return nil }
                // An image shown anew, or no longer, is a file to copy or to remove: the whole way.
                let file = listing.articles[i].relativePath
                guard ContentFiles.named(by: outline, in: file) == ContentFiles.named(by: oldOutline, in: file) else { return nil }
                if ArticleInterface.linksHash(article, outline) != snapshot.entries[i].links { relinked.append(i) }
                if ArticleInterface.shownHash(article) != snapshot.entries[i].shown {
                    relisted.append(i)
                }
                // A new question, new topics or a first or last pathway move it in the lists by question.
                if old.frontMatter.question?.value != article.frontMatter.question?.value
                    || old.frontMatter.topics.map(\.value) != article.frontMatter.topics.map(\.value)
                    || oldOutline.pathways.isEmpty != outline.pathways.isEmpty { moved.append(i) }
                // Keys it cites no longer, and keys it cites now (each article's keys are distinct).
                for key in oldOutline.citedKeys {
                    guard let count = citations[key], count > 0 else { return nil }
                    citations[key] = count - 1
                }
                for key in outline.citedKeys { citations[key, default: 0] += 1 }
                if SiteRenderer.recency(article) != snapshot.entries[i].recency { datesChanged = true }
                articleCache.store(droppingBody(article), outline, hash: hash, signature: signature)
                // A citation in a link, an image or a line read as a link definition, and ids in
                // brackets without `@`, are findings or not by the whole bibliography, which the
                // small site below does not hold (only the references its articles cite): a
                // rebuild had published a `[@key]: url` line that a clean build rejects (review).
                // Those naming a reference take the whole way; others (`[95% CI]`) stay here.
                if !article.citationsInLinks.isEmpty || !article.bareBrackets.isEmpty {
                    if referenceIDs == nil { referenceIDs = Set(references.map(\.id)) }
                    guard CitationMalformedChecker.namedReferences(article, isKey: referenceIDs!.contains).isEmpty else { return nil }
                }
                changed[i] = ChangedArticle(article: article, outline: outline, hash: hash, old: old, oldOutline: oldOutline)
            }
        }
        timer.lap("  changed")
        // The articles whose question, topics or pathways move them in the lists by question.
        var move: ListMoves?
        if !moved.isEmpty {
            guard let found = listMoves(moved, changed: changed, listing: listing, snapshot: snapshot, cache: cache,
                                        articleCache: articleCache) else { return nil }
            move = found
        }
        timer.lap("  lists by question")

        // The pages rendered again: the changed articles', the pages of other articles that list
        // one whose question, status or date changed (its neighbours: they relate to it, or it
        // links to them), and the pages of the articles one whose links changed linked to or
        // links to now (they show it as linking to them).
        var neighbourPages = Set<Int>()
        for i in relisted + relinked { neighbourPages.formUnion(snapshot.entries[i].neighbours) }
        if !relinked.isEmpty {
            guard let targets = linkTargets(of: relinked.map { ($0, changed[$0]!) }, listing: listing, pages: pages) else { return nil }
            neighbourPages.formUnion(targets)
        }
        neighbourPages.subtract(changed.keys)
        guard neighbourPages.count <= maximumNeighbourPages else { return nil }
        // Those articles and their neighbours: every article their pages and findings read.
        // And the articles a moved one now goes next to, whose items are found in the lists by question.
        let anchors = move?.anchors.values.flatMap { $0.values.map(\.article) } ?? []
        var members = Set(changed.keys).union(neighbourPages).union(anchors)
        for i in Set(changed.keys).union(neighbourPages).union(anchors) { members.formUnion(snapshot.entries[i].neighbours) }
        // The articles the lists by date showed: when a date changed, those lists are rendered
        // from the small site, so it holds the articles they show, before and after (``PageSplice``).
        var recency = snapshot.entries.map(\.recency)
        let mostRecentBefore = mostRecent(recency, listing)
        if datesChanged {
            members.formUnion(mostRecentBefore)
            for (i, fresh) in changed { recency[i] = SiteRenderer.recency(fresh.article) }
            members.formUnion(mostRecent(recency, listing))
        }
        let order = members.sorted()
        // Each member as it is now and as the previous build had it (they differ for changed ones).
        var articles: [Article] = [], outlines: [ArticleOutline] = []
        var oldArticles: [Article] = [], oldOutlines: [ArticleOutline] = []
        for i in order {
            let file = listing.articles[i], entry = snapshot.entries[i]
            if let fresh = changed[i] {
                articles.append(fresh.article)
                outlines.append(fresh.outline)
                oldArticles.append(fresh.old)
                oldOutlines.append(fresh.oldOutline)
                continue
            }
            let article: Article, outline: ArticleOutline
            if neighbourPages.contains(i) {
                // Its page is rendered, so its body is needed: parsed again (the cache drops bodies).
                var read: FileSignature?
                guard case .text(let text) = ContentLoader.read(file, signature: &read), StableHash.of(text) == entry.source else {
                    return nil
                }
                (article, outline) = parseArticle(text, file: file)
            } else {
                guard let cached = articleCache.lookup(file, hash: entry.source) else { return nil }
                (article, outline) = cached
            }
            articles.append(article)
            outlines.append(outline)
            oldArticles.append(article)
            oldOutlines.append(outline)
        }
        // The references their pages and findings cite (the others' findings are the
        // bibliography's, kept in the snapshot).
        var cited = Set<String>()
        for (position, i) in order.enumerated() where changed[i] != nil || neighbourPages.contains(i) {
            cited.formUnion(outlines[position].citedKeys)
        }
        let cites = references.filter { cited.contains($0.id) }
        func smallSite(_ articles: [Article], _ outlines: [ArticleOutline]) -> Site {
            var site = Site(settings: settings, settingsFile: settingsFile, articles: articles, outlines: outlines, pages: pages,
                            references: cites, bibliographyFiles: listing.bibliographies.map(\.displayPath))
            // A broken link of a changed article is an error, which takes the whole way: the
            // links found broken here lead out of the small site.
            site.isPart = true
            site = site.examiningFiles(in: options.content).resolvingLinks()
            site.relations = RelationsResolver.resolve(site)
            return site
        }
        timer.lap("  articles (\(members.count) in the small site, \(neighbourPages.count) neighbour pages)")
        let site = smallSite(articles, outlines), oldSite = smallSite(oldArticles, oldOutlines)
        timer.lap("  small sites")

        // Their findings, in place of the ones the snapshot has for their files. A new error takes
        // the whole way, which reports it exactly (its "did you mean" looks at every article).
        // When links changed, the neighbours' findings are found again too (they may link to an
        // anchor that went), and must be what the snapshot has.
        let files = Set(changed.keys.map { listing.articles[$0].displayPath })
        let neighbourFiles = relinked.isEmpty ? [] : Set(neighbourPages.map { listing.articles[$0].displayPath })
        let validated = Validator.validate(site, context: ValidationContext(today: options.today), onlyArticles: files.union(neighbourFiles))
        let found = validated.filter { files.contains($0.file) }
        guard !found.contains(where: { $0.severity == .error }),
              validated.filter({ neighbourFiles.contains($0.file) }).sorted(by: Diagnostic.reportOrder)
                == snapshot.diagnostics.filter({ neighbourFiles.contains($0.file) }) else { return nil }
        // And the references no article cites, from the counts of the articles citing each key.
        citations = citations.filter { $0.value > 0 }
        let unused = citations == snapshot.citations ? snapshot.diagnostics.filter { $0.rule == .referenceUnused }
            : ReferenceUnusedChecker.findings(references) { citations[$0] != nil }
        let diagnostics = (snapshot.diagnostics.filter { !files.contains($0.file) && $0.rule != .referenceUnused } + found + unused)
            .sorted(by: Diagnostic.reportOrder)
        var report = Report(diagnostics: diagnostics, articleCount: listing.articles.count, filesWritten: 0)
        // A warning that fails the run stops it the whole way, before anything is written.
        guard !report.failed(warningsAsErrors: options.warningsAsErrors) else { return nil }
        timer.lap("  validate")

        // Their pages, and the pieces of the site-wide pages that show them. Files are written
        // beside the old ones and renamed over them only once all are written.
        let writer = try SiteWriter(output: options.output, updatingInPlace: true)
        guard writer.updatesInPlace else { return nil }
        // The templates hash as the last build's (`base`), which parsed them all.
        let templates = try TemplateSet.load(options.templates, parsedBefore: true)
        let renderer = SiteRenderer(site: site, templates: templates, review: nil, today: options.today)
        let oldRenderer = SiteRenderer(site: oldSite, templates: templates, review: nil, today: options.today, formattedLike: renderer)
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var written: [(path: String, contents: [UInt8])] = []
        for i in changed.keys.sorted() {
            written.append((PageID.article(listing.articles[i].slug).path, try renderer.renderArticlePage(position[i]!)))
        }
        // A neighbour's page is rendered from the site as it was first, and must come out as the
        // previous build wrote it: else the small site lacks something the page shows, and the
        // build takes the whole way. Only pages that change are written.
        for i in neighbourPages.sorted() {
            let path = PageID.article(listing.articles[i].slug).path
            let before = try oldRenderer.renderArticlePage(position[i]!)
            guard let previous = writer.mappedPrevious(path), previous.bytes.elementsEqual(before) else { return nil }
            let after = try renderer.renderArticlePage(position[i]!)
            if after != before { written.append((path, after)) }
        }
        // Where each is in the lists by date, which no date changed (else those lists are rendered
        // whole); a moved one, where it goes in the lists by question. The neighbours' pieces too:
        // the questions page shows the questions of the articles an article relates to.
        let spliced = (changed.keys.sorted() + neighbourPages.sorted()).map { i in
            var change = PageSplice.Change(old: position[i]!, new: position[i]!,
                                           place: datesChanged ? nil : mostRecentBefore.firstIndex(of: i))
            if let move {
                change.moves = (move.anchors[i] ?? [:]).mapValues { $0.map { position[$0]! } }
                change.leaves = move.leaves[i] ?? []
                change.ranks = move.ranks[i] ?? [:]
            }
            return change
        }
        guard let indexPages = PageSplice.splicing(spliced, old: oldRenderer, new: renderer, datesChanged: datesChanged,
                                                   counts: move?.counts ?? [], pathwaysWhole: move?.pathwaysWhole ?? false,
                                                   previous: writer.mappedPrevious) else {
            return nil
        }
        timer.lap("  render")
        try StopRequest.check()
        // Forgotten before the first write: a rebuild killed from here on leaves no snapshot or
        // manifest, so the next build is a whole one into a fresh folder, which leaves behind the
        // `….publish-new` files written here (``SiteWriter/clearLeftovers(of:)``).
        SiteSnapshot.invalidate(output: options.output)
        cache.invalidate()
        for page in written { try page.contents.withUnsafeBufferPointer { try writer.write(page.path, bytes: $0) } }
        for page in indexPages { try writer.write(page.path) { emit in page.forEachSegment(emit) } }
        timer.lap("  write pages")
        _ = try writer.commit()
        timer.lap("  rename")
        cache.carryOver(rewriting: written.map(\.path) + indexPages.map(\.path), order: move?.order)
        var next = snapshot
        if let order = move?.order { next.questionOrder = order.key }
        next.citations = citations
        if !relinked.isEmpty {
            // The articles whose relations changed are the changed ones and their neighbours, and
            // the small site holds everything they relate to.
            for i in changed.keys.sorted() + neighbourPages.sorted() {
                next.entries[i].neighbours = site.neighbours(ofArticle: position[i]!).map { order[$0] }.sorted()
            }
        }
        next.diagnostics = report.diagnostics
        for (i, fresh) in changed {
            next.entries[i] = SiteSnapshot.Entry(fresh.article, fresh.outline, source: fresh.hash, neighbours: next.entries[i].neighbours)
        }
        // The manifest, the snapshot and the article cache are three files, saved side by side; the
        // manifest once the old pages kept during the renames are removed, so that a manifest on disk
        // always describes an output holding nothing but the site.
        let finished = next
        try ConcurrentMap.forEach(3) { i in
            switch i {
            case 0:
                writer.removeKeptFiles()
                try cache.save(stamps: writer.writtenStamps)
            case 1: try finished.save(output: options.output, tool: tool)
            default: try articleCache.save()
            }
        }
        timer.lap("  manifest, snapshot, article cache")
        report.filesWritten = cache.previousFileCount
        report.filesReused = report.filesWritten - written.count - indexPages.count
        report.articlesRebuiltAlone = changed.count
        MappedFile.leaveToExit(snapshot, finished, changes, recency, references, written, spliced, site, oldSite,
                               renderer, oldRenderer, articles, oldArticles, changed)
        return report
    }

    /// The articles of `listing` that the feed shows (and of them, the home page's list of recently
    /// updated ones) when their places in the lists by date are `recency`.
    private static func mostRecent(_ recency: [Int], _ listing: ContentLoader.Listing) -> [Int] {
        let files = listing.articles, length = SiteRenderer.feedLength
        // Only the articles at least as recent as the feed's last can be in it: sorted by slug too.
        let sorted = recency.sorted(by: >)
        let candidates = sorted.count > length ? files.indices.filter { recency[$0] >= sorted[length - 1] } : Array(files.indices)
        return candidates.sorted {
            SiteRenderer.isMoreRecent(recency[$0], files[$0].slug, than: recency[$1], files[$1].slug)
        }.prefix(length).map { $0 }
    }

    /// Where the articles whose question, topics or having a pathway changed go in the lists by
    /// question: the new order and its key (when a question changed); for each of them, in each
    /// list it moved in or joined, the article it now goes before (or after, when it is now the
    /// last), and the lists it left; and the topics whose count of articles changed (the home page
    /// shows them).
    struct ListMoves {
        var order: (key: UInt64, order: [Int])?
        var anchors: [Int: [PageSplice.QuestionList: PageSplice.Anchor]] = [:]
        var leaves: [Int: Set<PageSplice.QuestionList>] = [:]
        /// For moved articles that go next to the same article in a list, their order there.
        var ranks: [Int: [PageSplice.QuestionList: Int]] = [:]
        var counts: [PageSplice.TopicCount] = []
        /// Whether the pathways page lists only moved articles, before or after: then it is
        /// rendered whole from the small site, which holds them all.
        var pathwaysWhole = false
    }

    /// The moves of `moved`, the articles whose question, topics or having a pathway changed, in
    /// the order the previous build kept (``BuildCache``): each taken out and put back by binary
    /// search, reading about log₂ n questions from the article cache for each, and its neighbours
    /// in each list found from the snapshot's topics and pathway marks. Only articles that did
    /// not move are anchors; moved articles that go next to the same one are inserted there
    /// together, in their new order. When the pathways page lists only moved articles, before or
    /// after, it is rendered whole instead. `nil` when they cannot be moved alone: no order was
    /// kept for the snapshot's questions, a question cannot be read, a topic written twice, or a
    /// topic that would have no article that did not move (the questions page would gain or lose
    /// a section).
    private static func listMoves(_ moved: [Int], changed: [Int: ChangedArticle], listing: ContentLoader.Listing,
                                  snapshot: SiteSnapshot, cache: BuildCache, articleCache: ArticleCache) -> ListMoves? {
        guard var order = cache.questionOrder(key: snapshot.questionOrder, count: listing.articles.count) else { return nil }
        let isMoved = Set(moved)
        let before = order
        let positionBefore = Dictionary(uniqueKeysWithValues: before.enumerated().map { ($1, $0) })
        var moves = ListMoves()
        var key = snapshot.questionOrder, retitled = false
        order.removeAll { isMoved.contains($0) }
        for x in moved {
            let fresh = changed[x]!
            let place = SiteRenderer.QuestionPlace(fresh.article, index: x)
            guard let at = SiteRenderer.insertionPoint(of: place, in: order, { j in
                if let other = changed[j] { return SiteRenderer.QuestionPlace(other.article, index: j) }
                return articleCache.lookup(listing.articles[j], hash: snapshot.entries[j].source)
                    .map { SiteRenderer.QuestionPlace($0.0, index: j) }
            }) else { return nil }
            order.insert(x, at: at)
            if fresh.old.frontMatter.question?.value != fresh.article.frontMatter.question?.value {
                retitled = true
                key = SiteRenderer.questionOrderKey(key, replacing: fresh.old, with: fresh.article, index: x)
            }
        }
        let positionAfter = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        // Who else, of the articles that did not move, is in a list.
        func stays(in list: PageSplice.QuestionList) -> (Int) -> Bool {
            switch list {
            case .all: return { !isMoved.contains($0) }
            case .topic(let topic):
                let hash = StableHash.of(topic)
                return { !isMoved.contains($0) && snapshot.entries[$0].lists.contains(hash) }
            case .pathways: return { !isMoved.contains($0) && snapshot.entries[$0].pathways }
            }
        }
        // The lists by question an article was in and is in.
        func lists(_ article: Article, _ outline: ArticleOutline) -> [PageSplice.QuestionList]? {
            let topics = SiteRenderer.topicLists(article)
            guard Set(topics).count == topics.count else { return nil }
            return [.all] + topics.map(PageSplice.QuestionList.topic) + (outline.pathways.isEmpty ? [] : [.pathways])
        }
        var oldListsOf: [Int: [PageSplice.QuestionList]] = [:], newListsOf: [Int: [PageSplice.QuestionList]] = [:]
        for x in moved {
            guard let oldLists = lists(changed[x]!.old, changed[x]!.oldOutline), let newLists = lists(changed[x]!.article, changed[x]!.outline)
            else { return nil }
            (oldListsOf[x], newListsOf[x]) = (oldLists, newLists)
        }
        // Each moved article's anchor in each list it is in, and whether it keeps its place there.
        var placed: [(x: Int, list: PageSplice.QuestionList, anchor: PageSplice.Anchor, stayed: Bool)] = []
        var sharing: [PageSplice.QuestionList: [PageSplice.Anchor: Int]] = [:]
        var oldOccurrences: [String: Int] = [:], newOccurrences: [String: Int] = [:]
        for x in moved {
            let fresh = changed[x]!, oldLists = oldListsOf[x]!, newLists = newListsOf[x]!
            let from = positionBefore[x]!, to = positionAfter[x]!
            for list in newLists {
                let isListed = stays(in: list)
                let next = order[(to + 1)...].first(where: isListed)
                let stayed = oldLists.contains(list) && next == before[(from + 1)...].first(where: isListed)
                // Next to the first article after it that did not move, or after the last one.
                if let anchor = next.map(PageSplice.Anchor.before) ?? order[..<to].last(where: isListed).map(PageSplice.Anchor.after) {
                    placed.append((x, list, anchor, stayed))
                    sharing[list, default: [:]][anchor, default: 0] += 1
                } else if list == .pathways {
                    moves.pathwaysWhole = true
                } else {
                    // No article that did not move is in the list: it keeps its place if it is alone there.
                    guard stayed, !moved.contains(where: { $0 != x && newListsOf[$0]!.contains(list) }) else { return nil }
                }
            }
            for list in oldLists where !newLists.contains(list) {
                if snapshot.entries.indices.contains(where: stays(in: list)) {
                    moves.leaves[x, default: []].insert(list)
                } else if list == .pathways {
                    moves.pathwaysWhole = true
                } else {
                    return nil
                }
            }
            for topic in SiteRenderer.topicLists(fresh.old) { oldOccurrences[topic, default: 0] += 1 }
            for topic in SiteRenderer.topicLists(fresh.article) { newOccurrences[topic, default: 0] += 1 }
        }
        // Moved articles that go next to the same article are all put there, in their new order
        // (even one that kept its place: another may now come between it and its anchor).
        for (x, list, anchor, stayed) in placed {
            let shared = sharing[list]![anchor]! > 1
            guard shared || !stayed else { continue }
            moves.anchors[x, default: [:]][list] = anchor
            if shared { moves.ranks[x, default: [:]][list] = positionAfter[x]! }
        }
        for topic in Set(oldOccurrences.keys).union(newOccurrences.keys).sorted()
        where oldOccurrences[topic] != newOccurrences[topic] {
            let hash = StableHash.of(topic)
            let count = snapshot.entries.reduce(0) { $0 + $1.lists.count { $0 == hash } }
            moves.counts.append(PageSplice.TopicCount(topic: topic, old: count,
                                                      new: count - (oldOccurrences[topic] ?? 0) + (newOccurrences[topic] ?? 0)))
        }
        if retitled { moves.order = (key, order) }
        return moves
    }

    /// The articles (listing indexes) that `relinked`, articles whose headings, links, related
    /// list or pathways changed, now relate to, link to or lead to in a pathway (whether or not
    /// the links find their anchors); `nil` when a page links to a heading of one whose headings
    /// changed (the pages' findings are not found again).
    private static func linkTargets(of relinked: [(index: Int, article: ChangedArticle)], listing: ContentLoader.Listing,
                                    pages: [Page]) -> Set<Int>? {
        let slugIndex = Dictionary(listing.articles.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { first, _ in first })
        var targets = Set<Int>()
        var reanchored = Set<String>()
        for (i, changed) in relinked {
            let file = listing.articles[i]
            var slugs = changed.article.frontMatter.related.map(\.value)
            for link in changed.outline.links where !link.isImage {
                if let target = LinkResolver.articleLink(link.destination, from: file.relativePath) { slugs.append(target.slug) }
            }
            for slug in slugs + changed.outline.pathwayArticles { if let j = slugIndex[slug], j != i { targets.insert(j) } }
            if changed.outline.anchors != changed.oldOutline.anchors { reanchored.insert(file.slug) }
        }
        for page in pages where !reanchored.isEmpty {
            for link in ArticleOutline(blocks: page.blocks).links {
                if let target = LinkResolver.articleLink(link.destination, from: page.file.relativePath), target.anchor != nil,
                   reanchored.contains(target.slug) { return nil }
            }
        }
        return targets
    }

    /// A changed article as it is and as the previous build had it, and the hash of its text.
    private struct ChangedArticle {
        var article: Article
        var outline: ArticleOutline
        var hash: UInt64
        var old: Article
        var oldOutline: ArticleOutline
    }

    /// What became of one article's file since the snapshot.
    private enum ArticleChange {
        case unchanged
        case unreadable
        case changed(text: String, hash: UInt64, signature: FileSignature?)
    }
}

extension Site {
    /// The articles whose fields article `index`'s page or findings read (indexes, ascending, without
    /// `index`): those it lists as related, links to or targets in a pathway, and those that list
    /// it, link to it or target it in a pathway (see ``RelationsResolver``).
    func neighbours(ofArticle index: Int) -> [Int] {
        let slug = articles[index].slug
        var found = Set<Int>()
        func add(_ slug: String) { if let i = articleIndex[slug] { found.insert(i) } }
        for related in articles[index].frontMatter.related { add(related.value) }
        for target in linkTargets(ofArticle: index) {
            if case .page(.article(let target), _) = target { add(target) }
        }
        for other in outlines[index].pathwayArticles { add(other) }
        for other in relations.linkedFrom[slug] ?? [] { add(other) }
        for other in relations.inPathwaysOf[slug] ?? [] { add(other) }
        for nodes in (relations.pathwayNodesTargeting[slug] ?? [:]).values {
            for node in nodes { add(node.article) }
        }
        found.remove(index)
        return found.sorted()
    }
}

extension SiteSnapshot.Entry {
    /// The entry of an article whose text has the hash `source` and whose page and findings read
    /// `neighbours`: what a whole build records, and what a rebuild alone records anew for the
    /// articles it changed.
    init(_ article: Article, _ outline: ArticleOutline, source: UInt64, neighbours: [Int]) {
        self.init(source: source, interface: ArticleInterface.hash(article, outline), links: ArticleInterface.linksHash(article, outline),
                  shown: ArticleInterface.shownHash(article), recency: SiteRenderer.recency(article),
                  lists: SiteRenderer.topicLists(article).map(StableHash.of), pathways: !outline.pathways.isEmpty,
                  neighbours: neighbours)
    }
}
