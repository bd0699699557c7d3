import Foundation

/// The whole pipeline: load → parse → resolve → validate → render → write.
///
/// `--check` runs everything but render and write; a public build stops after validation when
/// there are errors and leaves the previous output untouched; a review build always renders.
public enum Publisher {
    /// Whether files mapped during a run (the article cache, the previous index pages a rebuild
    /// splices) stay mapped until the process exits instead of being unmapped when the run is done
    /// with them, and whether the values a run holds at its end (site, caches, the pages a rebuild
    /// wrote) are kept rather than freed one by one (``MappedFile/leaveToExit(_:)``): for a command
    /// whose process ends with its run (``MappedFile/leavesMappingsToExit``).
    public static var leavesMappingsToExit: Bool {
        get { MappedFile.leavesMappingsToExit }
        set { MappedFile.leavesMappingsToExit = newValue }
    }

    /// What to do.
    public enum Mode: Sendable {
        /// Validate and build the public site.
        case publish
        /// Validate only; write nothing.
        case check
        /// Build the editorial board's review site, whatever the findings.
        case review
    }

    /// The options of a run.
    public struct Options: Sendable {
        /// The content folder.
        public var content: String
        /// The templates folder.
        public var templates: String
        /// The output folder.
        public var output: String
        /// What to do.
        public var mode: Mode
        /// Today's date, for overdue reviews.
        public var today: ISODate
        /// Whether a warning stops a public build as an error does (`--warnings-as-errors`): the
        /// run fails, so the previous site must stay as it was.
        public var warningsAsErrors: Bool

        /// Creates options.
        public init(content: String = "Content", templates: String = "Templates", output: String = "Site",
                    mode: Mode = .publish, today: ISODate = Publisher.today(), warningsAsErrors: Bool = false) {
            self.content = content
            self.templates = templates
            self.output = output
            self.mode = mode
            self.today = today
            self.warningsAsErrors = warningsAsErrors
        }
    }

    /// What a run found and did.
    public struct Report: Sendable {
        /// Every finding, in report order.
        public var diagnostics: [Diagnostic]
        /// How many articles were read.
        public var articleCount: Int
        /// How many files the built site has (0 for `--check` or a stopped build).
        public var filesWritten: Int
        /// How many of them were kept from the previous build because their inputs did not change.
        public var filesReused = 0
        /// How many changed articles were validated and rendered alone, the rest of the site taken
        /// from the previous build (see ``rebuildChangedArticles(_:listing:tool:base:cache:articleCache:)``);
        /// `nil` for a whole build.
        public var articlesRebuiltAlone: Int?

        /// The number of errors.
        public var errorCount: Int { diagnostics.count { $0.severity == .error } }
        /// The number of warnings.
        public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

        /// Whether the run failed: an error, or a warning under `--warnings-as-errors`.
        public func failed(warningsAsErrors: Bool) -> Bool {
            errorCount > 0 || (warningsAsErrors && warningCount > 0)
        }
    }

    /// A problem with the environment, not the content (exit status 2).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        /// What went wrong.
        public var description: String
        /// Creates a failure.
        public init(_ description: String) { self.description = description }
    }

    /// Today, from `SOURCE_DATE_EPOCH` when it is set (reproducible builds and tests), else the clock.
    public static func today() -> ISODate {
        if let value = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int(value) {
            return ISODate(daysSince1970: seconds / 86_400)
        }
        return ISODate(daysSince1970: Int(Date().timeIntervalSince1970) / 86_400)
    }

    /// Runs the pipeline.
    public static func run(_ options: Options) throws -> Report {
        var timer = StageTimer()
        // Listed once, for the rebuild of changed articles alone and, when it cannot be, the whole
        // way: on other threads (it is mostly system calls) while this one reads the caches.
        let content = options.content
        let listed = StartedValue { Result { try list(content) } }
        let tool = toolIdentity()
        let output = options.output, readOnly = options.mode == .check
        // One build at a time writes an output folder (and its caches), from before they are read
        // until the run returns; `--check` writes nothing and takes no lock.
        let lock = readOnly ? nil : try BuildLock(output: output)
        defer { withExtendedLifetime(lock) {} }
        // Articles unchanged since an earlier run are read from the article cache, not parsed. Its
        // index (10,000 paths) is read on another thread too, while this one reads the manifest.
        let startedArticleCache = StartedValue { ArticleCache(output: output, tool: tool, readOnly: readOnly) }
        // Article pages whose inputs are unchanged since the last build are taken from its output.
        let cache = BuildCache(output: options.output)
        // Nothing is written before the output is known to be a site (or nothing yet).
        if options.mode != .check {
            try OutputGuard.check(output: options.output, content: options.content, templates: options.templates,
                                  hasManifest: cache.hasPrevious)
            // A build killed before it finished may have left its staging folder, or the previous site renamed aside.
            try SiteWriter.clearLeftovers(of: options.output)
        }
        // Without an earlier build to take pages from, a public build renders each body while the
        // parse stage has its tree, into a temporary file, instead of parsing it again to render.
        // The same when the tool, the templates or site.yaml changed since the last build: then every
        // page is rendered again anyway.
        let templatesBase = cacheBase(options, tool: tool)
        cache.recordBase(templatesBase)
        let rendersEverything = !cache.hasPrevious || cache.previousBase != templatesBase
        let spill = options.mode == .publish && rendersEverything
            ? try SpillFile(in: BuildCache.folder(for: options.output)) : nil
        let articleCache = startedArticleCache.value
        timer.lap("caches")
        let listing = try listed.value.get()
        timer.lap("list")
        // When only a few articles changed, and nothing other pages read of them, only they are built.
        if !rendersEverything, let report = try rebuildChangedArticles(options, listing: listing, tool: tool, base: templatesBase,
                                                                        cache: cache, articleCache: articleCache) {
            MappedFile.leaveToExit(listing, cache, articleCache)
            return report
        }
        let (site, loadDiagnostics, sourceHashes, prerendered, inputs) = try load(options.content, listing: listing, hashSources: true,
                                                                                  dropBodies: true, spill: spill, articleCache: articleCache)
        // Whichever way the run ends, what it holds goes with the process (when the command says so).
        defer { MappedFile.leaveToExit(site, listing, cache, articleCache, prerendered, sourceHashes) }
        let context = ValidationContext(today: options.today, loadDiagnostics: loadDiagnostics)
        timer.lap("load+parse")
        // A stop asked for (Ctrl-C) is seen between stages and before each file is written (``StopRequest``).
        try StopRequest.check()
        let diagnostics = Validator.validate(site, context: context)
        timer.lap("validate")
        try StopRequest.check()
        // The article cache is written beside the rest of the build (`--check` writes nothing, not
        // even the cache); the run waits for it before it returns.
        let saving = DispatchGroup()
        defer { saving.wait() }
        if options.mode != .check {
            DispatchQueue.global().async(group: saving) { try? articleCache.save() }
        }
        var report = Report(diagnostics: diagnostics, articleCount: site.articles.count, filesWritten: 0)
        switch options.mode {
        case .check:
            return report
        case .publish:
            if report.failed(warningsAsErrors: options.warningsAsErrors) { return report }
        case .review:
            break
        }
        let templates = try TemplateSet.load(options.templates)
        let orderKey = SiteRenderer.questionOrderKey(site.articles)
        cache.keepQuestionOrder(key: orderKey, nil)
        let renderer = SiteRenderer(site: site, templates: templates, review: options.mode == .review ? diagnostics : nil,
                                    today: options.today) { index in
            try reloadBody(site.articles[index], expectedHash: sourceHashes[index])
        } prerendered: { index in
            guard let spill, let stored = prerendered[index] else { return nil }
            return try stored.read(from: spill)
        } questionOrder: {
            // Sorting 10,000 questions with a localised comparison takes a quarter of a second: an
            // order the previous build kept for the same questions is used instead.
            if let order = cache.questionOrder(key: orderKey, count: site.articles.count) { return order }
            // When a few questions changed, the previous order is mended rather than sorted anew.
            let order = cache.previousQuestionOrder(count: site.articles.count)
                .flatMap { SiteRenderer.questionOrder(site.articles, mending: $0) } ?? SiteRenderer.questionOrder(site.articles)
            cache.keepQuestionOrder(key: orderKey, order)
            return order
        }
        timer.lap("renderer setup")
        // Before the caches are forgotten: a build stopped here costs the next one nothing.
        try StopRequest.check()
        // A rebuild replaces only what changed, in place; the cache is forgotten before the first write
        // (before the staging folder is made), so that a build killed from here on leaves no manifest
        // and the next build is a whole one into a fresh folder (``SiteWriter/clearLeftovers(of:)``).
        cache.invalidate()
        SiteSnapshot.invalidate(output: options.output)
        let writer = try SiteWriter(output: options.output, updatingInPlace: cache.hasPrevious)
        // Every page also depends on which pages exist (the editorial-policy link appears only when its page does).
        var pagesBase = StableHash()
        pagesBase.combine(templatesBase)
        pagesBase.combine(site.pages.map(\.slug).sorted().joined(separator: "\n"))
        let base = pagesBase.value
        let indexKeys = renderer.indexCacheKeys(base: base, sources: sourceHashes)
        let keys = ConcurrentMap.map(Array(site.articles.indices)) {
            renderer.cacheKey($0, base: base, source: sourceHashes[$0])
        }
        timer.lap("cache keys")
        // What the next build needs to rebuild a few articles alone (public builds only) depends on
        // the site, not on its pages: it is made while they render, and saved once they are written.
        let nextSnapshot = options.mode == .publish ? inputs.key(base: templatesBase, options: options).map { key in
            StartedValue { snapshot(of: site, diagnostics: diagnostics, inputs: key, questionOrder: orderKey, sources: sourceHashes) }
        } : nil
        try renderer.render(reuse: { index, path in
            cache.record(path, key: keys[index])
            return cache.isUnchanged(path, key: keys[index]) && writer.reuse(path, stamp: cache.previousStamp(path))
        }, reuseIndex: { path in
            guard let key = indexKeys[path] else { return false }
            cache.record(path, key: key)
            return cache.isUnchanged(path, key: key) && writer.reuse(path, stamp: cache.previousStamp(path))
        }) { path, contents in
            cache.record(path)
            try writer.write(path, bytes: contents)
        }
        for asset in try writer.copyAssets(from: templates.assetsDirectory) { cache.record(asset) }
        try writeContentFiles(site.files, content: options.content, cache: cache, writer: writer)
        timer.lap("render+write")
        report.filesWritten = try writer.commit(removing: cache.stale)
        report.filesReused = writer.filesReused
        timer.lap("commit")
        // The manifest last, once the old files kept during the renames are gone: a manifest on disk
        // always describes an output holding nothing but the site. The snapshot meanwhile.
        try ConcurrentMap.forEach(2) { i in
            if i == 0 {
                writer.removeKeptFiles()
                try cache.save(stamps: writer.writtenStamps)
            } else {
                try nextSnapshot?.value.save(output: options.output, tool: tool)
            }
        }
        timer.lap("manifest and snapshot save")
        MappedFile.leaveToExit(renderer, keys, indexKeys, nextSnapshot as Any, writer)
        return report
    }

    /// Copies the published files of the content folder (its images) into the site, each kept from
    /// the previous build when its stamp is the one that build copied.
    static func writeContentFiles(_ files: [String: ContentFile], content: String, cache: BuildCache, writer: SiteWriter) throws {
        for file in files.values.sorted(by: { $0.path < $1.path }) {
            guard file.problem == nil, let stamp = file.stamp else { continue }
            let path = file.sitePath
            cache.record(path, key: stamp)
            if cache.isUnchanged(path, key: stamp), writer.reuse(path, stamp: cache.previousStamp(path)) { continue }
            guard let bytes = ContentFiles.contents(of: file, content: content) else {
                throw Failure("'\(file.path)' of the content folder changed during the build; run it again")
            }
            try bytes.withUnsafeBufferPointer { try writer.write(path, bytes: $0) }
        }
    }

    /// The hash of what every page depends on besides its content: this program (`tool`, its
    /// ``toolIdentity()``), the mode, the templates and `site.yaml` (read once per build).
    static func cacheBase(_ options: Options, tool: UInt64) -> UInt64 {
        let fm = FileManager.default
        var h = StableHash()
        h.combine("guideline-press build cache 1")
        h.combine(tool)
        h.combine(options.mode == .review ? "review" : "publish")
        TemplateSet.combineFiles(under: options.templates, into: &h) { $0.hasSuffix(".mustache") }
        h.combine(bytes: fm.contents(atPath: (options.content as NSString).appendingPathComponent("site.yaml")) ?? Data())
        return h.value
    }

    /// This program: a hash of its path, size and modification time (a new build of the tool may
    /// parse or render differently, so nothing cached by another build is used).
    static func toolIdentity() -> UInt64 {
        var h = StableHash()
        h.combine("guideline-press tool 1")
        if let executable = Bundle.main.executablePath,
           let attributes = try? FileManager.default.attributesOfItem(atPath: executable) {
            h.combine("\(executable) \((attributes[.size] as? NSNumber)?.int64Value ?? 0) "
                      + "\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)")
        }
        return h.value
    }

    /// The load, parse and resolve stages: reads the content folder into a ``Site``.
    public static func load(_ content: String) throws -> (Site, [Diagnostic]) {
        let (site, diagnostics, _, _, _) = try load(content, hashSources: false)
        return (site, diagnostics)
    }

    /// ``load(_:)`` (of `listing` when the content folder was listed already), and with `hashSources`
    /// the ``StableHash`` of each article's source, in article order.
    /// With `dropBodies`, articles keep their outline and body findings but not their blocks; with
    /// `spill`, each article's body is also rendered (``SiteRenderer/prerender(_:outline:)``)
    /// into that file, and the fourth result says where, by article index; the last says what the
    /// content folder held besides the articles' texts (``ContentInputs``).
    static func load(_ content: String, listing: ContentLoader.Listing? = nil, hashSources: Bool, dropBodies: Bool = false,
                     spill: SpillFile? = nil, articleCache: ArticleCache? = nil) throws
        -> (Site, [Diagnostic], [UInt64], [StoredArticleBody?], ContentInputs) {
        var timer = StageTimer()
        let listing = try listing ?? list(content)
        var diagnostics = listing.diagnostics
        timer.lap("  list")

        let (settings, settingsFile, settingsDiagnostics) = loadSettings(listing, content: content)
        diagnostics += settingsDiagnostics
        let bibliographies = listing.bibliographies
        let bibliography = LazyValue { loadBibliographies(bibliographies, articleCache: articleCache) }
        // The bibliography is read while the articles are.
        DispatchQueue.global().async { _ = bibliography.value }
        let (pages, pageDiagnostics, pageSources) = loadPages(listing)

        var prerender: (@Sendable (Article, ArticleOutline) throws -> StoredArticleBody)?
        if let spill {
            prerender = { article, outline in
                try StoredArticleBody(SiteRenderer.prerender(article, outline: outline), in: spill)
            }
        }
        var articleDiagnostics: [Diagnostic] = []
        let (articles, outlines, sourceHashes, prerendered) = try parseArticles(
            listing.articles, signatures: listing.articleSignatures, hashSources: hashSources, dropBodies: dropBodies, prerender: prerender,
            articleCache: dropBodies ? articleCache : nil, diagnostics: &articleDiagnostics)
        timer.lap("  articles")
        let (references, referenceDiagnostics, bibliographySources) = bibliography.value
        diagnostics += referenceDiagnostics + pageDiagnostics + articleDiagnostics
        timer.lap("  bibliography")
        var site = Site(settings: settings, settingsFile: settingsFile, articles: articles, outlines: outlines,
                        pages: pages, references: references, bibliographyFiles: listing.bibliographies.map(\.displayPath))
            .examiningFiles(in: content)
            .resolvingLinks()
        site.relations = RelationsResolver.resolve(site)
        timer.lap("  links+relations")
        if let policy = settings.editorialPolicy, site.pageIndex[policy.value] == nil {
            diagnostics.append(Diagnostic(file: settingsFile, at: policy.position, rule: .linkBroken,
                message: "editorial_policy '\(policy.value)' is not a page\(didYouMean(policy.value, among: site.pageIndex.keys))"))
        }
        timer.lap("  site")
        let inputs = ContentInputs(listing: listing, articles: articles.count, pageSources: pageSources,
                                   bibliographySources: bibliographySources, files: ContentFiles.hash(site.files.values))
        return (site, diagnostics, sourceHashes, prerendered, inputs)
    }

    /// The content folder listed, its files shown in diagnostics under `content` as given.
    static func list(_ content: String) throws -> ContentLoader.Listing {
        do {
            return try ContentLoader.list(content, displayRoot: content)
        } catch let failure as ContentLoader.Failure {
            throw Failure(failure.description)
        }
    }

    /// The bibliography files read (from the article cache when their texts are unchanged), their
    /// references and findings, and the ``StableHash`` of each file's text (0 for one that cannot be read).
    static func loadBibliographies(_ files: [SourceFile], articleCache: ArticleCache?) -> ([Reference], [Diagnostic], [UInt64]) {
        var references: [Reference] = []
        var found: [Diagnostic] = []
        var hashes: [UInt64] = []
        /// Takes the references of the file with `hash` as an earlier run read them, if it kept them.
        func cached(_ file: SourceFile, hash: UInt64, signature: FileSignature?) -> Bool {
            guard let (cached, findings) = articleCache?.lookupBibliography(file, hash: hash, signature: signature) else { return false }
            hashes.append(hash)
            references += cached
            found += findings
            return true
        }
        for file in files {
            // A file whose signature is the one recorded with its hash is not read again (a rebuild
            // read and hashed 1.5 MB of CSL-JSON to find it unchanged), as for articles.
            if let hash = articleCache?.trustedHash(file.relativePath, signature: FileSignature(path: file.absolutePath)),
               cached(file, hash: hash, signature: nil) {
                continue
            }
            var signature: FileSignature?
            switch ContentLoader.read(file, signature: &signature) {
            case .text(let text):
                let hash = StableHash.of(text)
                if cached(file, hash: hash, signature: signature) { continue }
                hashes.append(hash)
                let loaded = ReferenceLoader.load(contents: text, file: file.displayPath)
                articleCache?.storeBibliography(file, hash: hash, signature: signature, references: loaded.references,
                                                diagnostics: loaded.diagnostics)
                references += loaded.references
                found += loaded.diagnostics
            case .unreadable(let d):
                hashes.append(0)
                found.append(d)
            }
        }
        return (references, found, hashes)
    }

    /// `site.yaml` read and parsed (defaults when it is missing or unreadable), the path its
    /// findings are shown at, and its findings.
    static func loadSettings(_ listing: ContentLoader.Listing, content: String) -> (SiteSettings, String, [Diagnostic]) {
        let settingsFile = listing.site?.displayPath ?? (content.hasSuffix("/") ? content : content + "/") + "site.yaml"
        guard let file = listing.site else {
            return (SiteSettings(), settingsFile, [Diagnostic(file: settingsFile, rule: .siteInvalid, message: "site.yaml is missing")])
        }
        switch ContentLoader.read(file) {
        case .text(let text):
            let (parsed, found) = SiteSettingsParser.parse(text, file: file.displayPath)
            return (parsed, settingsFile, found)
        case .unreadable(let d):
            return (SiteSettings(), settingsFile, [d])
        }
    }

    /// The plain pages read and parsed, their findings, and the ``StableHash`` of each page's text
    /// (0 for a page that cannot be read).
    static func loadPages(_ listing: ContentLoader.Listing) -> ([Page], [Diagnostic], [UInt64]) {
        var pages: [Page] = []
        var found: [Diagnostic] = []
        var hashes: [UInt64] = []
        for file in listing.pages {
            switch ContentLoader.read(file) {
            case .text(let text):
                let (page, pageFindings) = ArticleParser.parsePage(text, file: file)
                pages.append(page)
                found += pageFindings
                hashes.append(StableHash.of(text))
            case .unreadable(let d):
                found.append(d)
                hashes.append(0)
            }
        }
        return (pages, found, hashes)
    }

    /// Reads and parses articles on every core, keeping their order; with `hashSources`, also hashes
    /// each article's text for the build cache.
    private static func parseArticles(
        _ files: [SourceFile], signatures: [FileSignature?], hashSources: Bool, dropBodies: Bool,
        prerender: (@Sendable (Article, ArticleOutline) throws -> StoredArticleBody)?,
        articleCache: ArticleCache?, diagnostics: inout [Diagnostic]
    ) throws -> ([Article], [ArticleOutline], [UInt64], [StoredArticleBody?]) {
        let results = try ConcurrentMap.map(Array(files.indices)) { index -> Result<(Article?, ArticleOutline?, UInt64, Diagnostic?, StoredArticleBody?), Error> in
            let file = files[index]
            // A file whose signature (as listed) is the one the cache recorded with its hash is not even read.
            if let articleCache,
               let hash = articleCache.trustedHash(file.relativePath, signature: signatures[index] ?? FileSignature(path: file.absolutePath)),
               let (article, outline) = articleCache.lookup(file, hash: hash) {
                return .success((article, outline, hash, nil, nil))
            }
            var signature: FileSignature?
            switch ContentLoader.read(file, signature: &signature) {
            case .text(let text):
                let hash = hashSources || articleCache != nil ? StableHash.of(text) : 0
                if let articleCache, let (article, outline) = articleCache.lookup(file, hash: hash, signature: signature) {
                    return .success((article, outline, hash, nil, nil))
                }
                var (article, outline) = parseArticle(text, file: file)
                var stored: StoredArticleBody?
                if let prerender {
                    do { stored = try prerender(article, outline) } catch { return .failure(error) }
                }
                if dropBodies {
                    // The whole site's trees are never held at once.
                    article = droppingBody(article)
                    articleCache?.store(article, outline, hash: hash, signature: signature)
                }
                return .success((article, outline, hash, nil, stored))
            case .unreadable(let d):
                return .success((nil, nil, 0, d, nil))
            }
        }.map { try $0.get() }
        var articles: [Article] = []
        var outlines: [ArticleOutline] = []
        var hashes: [UInt64] = []
        var bodies: [StoredArticleBody?] = []
        for (article, outline, hash, problem, stored) in results {
            if let article, let outline {
                articles.append(article); outlines.append(outline); hashes.append(hash); bodies.append(stored)
            }
            if let problem { diagnostics.append(problem) }
        }
        return (articles, outlines, hashes, bodies)
    }

    /// An article parsed from its text, with its outline and exemptions.
    static func parseArticle(_ text: String, file: SourceFile) -> (Article, ArticleOutline) {
        var article = ArticleParser.parseArticle(text, file: file)
        let outline = ArticleOutline(blocks: article.blocks, file: file.displayPath)
        article.exemptions = Claims.exemptions(in: article.blocks)
        return (article, outline)
    }

    /// `article` with what the rest of the pipeline needs from its body (the body checkers'
    /// findings) and without the body's tree.
    static func droppingBody(_ article: Article) -> Article {
        var article = article
        article.bodyFindings = Validator.bodyCheckers.flatMap { $0.checkBody(article) }
        article.blocks = []
        article.bodyDropped = true
        return article
    }

    /// An article's body parsed again from its file, for the render stage when the parse stage
    /// dropped it; the file must not have changed since it was validated.
    static func reloadBody(_ article: Article, expectedHash: UInt64) throws -> [Block] {
        guard article.bodyDropped else { return article.blocks }
        guard case .text(let text) = ContentLoader.read(article.file), StableHash.of(text) == expectedHash else {
            throw Failure("'\(article.file.displayPath)' changed during the build; run it again")
        }
        return ArticleParser.parseBody(text)
    }
}
