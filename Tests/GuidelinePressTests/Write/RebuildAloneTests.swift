import Foundation
import Testing
@testable import GuidelinePress

/// Rebuilding only the changed articles (``Publisher/rebuildChangedArticles(_:listing:tool:base:cache:articleCache:)``)
/// must give the site and the findings of a clean build, and must be taken exactly when the changed
/// articles keep what other pages read of them.
@Suite struct RebuildAloneTests {
    let helpers = IncrementalBuildTests()

    /// An edit of the test site, and whether its rebuild may leave the other articles alone.
    struct Edit: Sendable, CustomStringConvertible {
        var description: String
        var alone: Bool
        /// A change made before the first build, when the edit needs one.
        var setup: @Sendable (_ content: URL) throws -> Void = { _ in }
        var apply: @Sendable (_ content: URL) throws -> Void

        init(_ description: String, alone: Bool, setup: @escaping @Sendable (URL) throws -> Void = { _ in },
             _ apply: @escaping @Sendable (URL) throws -> Void) {
            self.description = description
            self.alone = alone
            self.setup = setup
            self.apply = apply
        }
    }

    static func article(_ content: URL, _ slug: String) -> URL {
        content.appendingPathComponent("articles/\(slug).md")
    }

    /// Adds to gamma a pathway whose nodes lead to alpha and to beta's details.
    @Sendable static func givePathwayToGamma(_ content: URL) throws {
        try IncrementalBuildTests.edit(article(content, "gamma"), "Gamma stands alone. [@ref-c]\n", """
            Gamma stands alone. [@ref-c]

            ```pathway
            flowchart TD
              start[Alpha first] --> next[Then beta]
              click start "alpha"
              click next "beta#details"
            ```

            """)
    }

    /// Adds to alpha a pathway whose nodes lead to its use and to beta.
    @Sendable static func givePathwayToAlpha(_ content: URL) throws {
        try IncrementalBuildTests.edit(article(content, "alpha"), "Alpha summary. [@ref-a]\n", """
            Alpha summary. [@ref-a]

            ```pathway
            flowchart TD
              a[Use alpha] --> b[Then beta]
              click a "#use"
              click b "beta"
            ```

            """)
    }

    /// Takes gamma's pathway (the end of its text) out.
    @Sendable static func takePathwayOutOfGamma(_ content: URL) throws {
        let gamma = article(content, "gamma")
        var text = try String(contentsOf: gamma, encoding: .utf8)
        text.removeSubrange(try #require(text.range(of: "```pathway")).lowerBound..<text.endIndex)
        try text.write(to: gamma, atomically: false, encoding: .utf8)
    }

    static let edits: [Edit] = [
        Edit("summary (home page, search.json and feed)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "Alpha summary.", "Alpha summary, revised at length.")
        },
        Edit("lines added above a link and a heading", alone: true) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "## Use\n",
                                           "More on alpha. [@ref-a]\n\nAnd more. [@ref-b]\n\n## Use\n")
        },
        Edit("citations swapped (numbering changes, the set of keys does not)", alone: true) {
            // (The order inside a group does not number: a group prints in the order of its numbers.)
            try IncrementalBuildTests.edit(article($0, "beta"), "Beta summary. [@ref-b]", "Beta summary. [@ref-a]")
        },
        Edit("a warning appears (unknown front-matter key)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "status: under-review", "status: under-review\ncolour: blue")
            try IncrementalBuildTests.edit(article($0, "gamma"), "stands alone", "stands apart")
        },
        Edit("two articles, one of them linked to by the other", alone: true) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "Alpha works with beta", "Alpha goes with beta")
            try IncrementalBuildTests.edit(article($0, "beta"), "Beta is given weekly.", "Beta is given every week.")
        },
        Edit("status (alpha's page lists beta; the home and questions pages, search.json and the feed show it)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "beta"), "status: approved", "status: under-review")
        },
        Edit("approved by the board (status, reviewers and review date)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "status: under-review",
                                           "status: approved\nreviewed:\n  by: [xray]\n  on: 2026-02-01")
        },
        Edit("status of an article under two topics (its item twice on the questions page)", alone: true, setup: {
            try IncrementalBuildTests.edit(article($0, "beta"), "topics: [greek]", "topics: [greek, latin]")
        }) {
            try IncrementalBuildTests.edit(article($0, "beta"), "status: approved", "status: submitted")
        },
        Edit("review date (the article's own page alone shows it)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "beta"), "on: 2026-02-01", "on: 2026-02-03")
        },
        Edit("status of two articles, one listing the other", alone: true) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "status: submitted", "status: under-review")
            try IncrementalBuildTests.edit(article($0, "beta"), "status: approved", "status: submitted")
        },
        Edit("status and updated date (the recent lists, the feed and the sitemap order by date)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "status: under-review\nupdated: 2026-01-12",
                                           "status: submitted\nupdated: 2026-01-14")
        },
        Edit("updated date, the newest becoming the oldest", alone: true) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "updated: 2026-01-12", "updated: 2025-12-01")
        },
        Edit("updated dates of two articles, changing places", alone: true) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "updated: 2026-01-10", "updated: 2026-01-13")
            try IncrementalBuildTests.edit(article($0, "beta"), "updated: 2026-01-10", "updated: 2026-01-11")
        },
        Edit("updated date equal to another's (then the slugs order them)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "beta"), "updated: 2026-01-10", "updated: 2026-01-12")
        },
        Edit("text of an article whose pathway leads to others (they link back to it)", alone: true, setup: givePathwayToGamma) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "Gamma stands alone.", "Gamma stands apart.")
        },
        Edit("status of an article whose pathway leads to others", alone: true, setup: givePathwayToGamma) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "status: under-review", "status: submitted")
        },
        Edit("status of an article a pathway leads to", alone: true, setup: givePathwayToGamma) {
            try IncrementalBuildTests.edit(article($0, "beta"), "status: approved", "status: under-review")
        },
        Edit("a pathway's label (the pathways page and the pages it leads to show it)", alone: true, setup: givePathwayToGamma) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "[Then beta]", "[Then beta, weekly]")
        },
        Edit("question that keeps its place", alone: true) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "What is gamma?", "What is gamma, really?")
        },
        Edit("question that moves the last article to the front (every list, search.json, its topic)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "What is gamma?", "Any gamma?")
        },
        Edit("question that moves the first article to the end", alone: true) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "What is alpha?", "Why alpha?")
        },
        Edit("question of an article another relates to (shown under the other's item and on its page)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "beta"), "What is beta?", "Which is beta?")
        },
        Edit("question that moves an article in one of its topics and not in the other", alone: true, setup: {
            try IncrementalBuildTests.edit(article($0, "beta"), "topics: [greek]", "topics: [greek, latin]")
            try IncrementalBuildTests.edit(article($0, "gamma"), "updated: 2026-01-12", "updated: 2026-01-12\ntopics: [latin]")
        }) {
            try IncrementalBuildTests.edit(article($0, "beta"), "What is beta?", "Zeta beta?")
        },
        Edit("question equal to another's (then the slugs order them)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "What is gamma?", "What is alpha?")
        },
        Edit("question, status and date at once", alone: true) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "question: What is gamma?\nstatus: under-review\nupdated: 2026-01-12",
                                           "question: About gamma?\nstatus: submitted\nupdated: 2026-01-09")
        },
        Edit("question with markup, moving to the end (escaped in every list)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "question: What is alpha?", "question: 'Zeta <alpha> & \"co\"?'")
        },
        Edit("a topic another article has (alpha leaves Other topics for greek; the home page counts)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "related: [beta]", "related: [beta]\ntopics: [greek]")
        },
        Edit("a topic taken out (alpha leaves greek for Other topics)", alone: true, setup: {
            try IncrementalBuildTests.edit(article($0, "alpha"), "related: [beta]", "related: [beta]\ntopics: [greek]")
        }) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "related: [beta]\ntopics: [greek]", "related: [beta]")
        },
        Edit("a second topic, with a new question that moves the article", alone: true, setup: {
            try IncrementalBuildTests.edit(article($0, "gamma"), "updated: 2026-01-12", "updated: 2026-01-12\ntopics: [latin]")
            try IncrementalBuildTests.edit(article($0, "alpha"), "related: [beta]", "related: [beta]\ntopics: [latin]")
        }) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "topics: [latin]", "topics: [latin, greek]")
            try IncrementalBuildTests.edit(article($0, "gamma"), "What is gamma?", "About gamma?")
        },
        Edit("topics written in another order (search.json shows them as written)", alone: true, setup: {
            try IncrementalBuildTests.edit(article($0, "beta"), "topics: [greek]", "topics: [greek, latin]")
            try IncrementalBuildTests.edit(article($0, "gamma"), "updated: 2026-01-12", "updated: 2026-01-12\ntopics: [latin, greek]")
        }) {
            try IncrementalBuildTests.edit(article($0, "beta"), "topics: [greek, latin]", "topics: [latin, greek]")
        },
        Edit("a topic no other article has (the questions page gains a section)", alone: false) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "related: [beta]", "related: [beta]\ntopics: [latin]")
        },
        Edit("the only article under a topic leaving it (the questions page loses a section)", alone: false) {
            try IncrementalBuildTests.edit(article($0, "beta"), "topics: [greek]", "topics: []")
        },
        Edit("questions of two articles, the first to the end and the last to the front", alone: true, setup: {
            try IncrementalBuildTests.edit(article($0, "alpha"), "related: [beta]", "related: [beta]\ntopics: [greek]")
            try IncrementalBuildTests.edit(article($0, "gamma"), "updated: 2026-01-12", "updated: 2026-01-12\ntopics: [greek]")
        }) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "What is alpha?", "Why alpha?")
            try IncrementalBuildTests.edit(article($0, "gamma"), "What is gamma?", "Any gamma?")
        },
        Edit("questions of two articles that go next to the same one (inserted together, in order)", alone: true, setup: {
            try IncrementalBuildTests.edit(article($0, "alpha"), "related: [beta]", "related: [beta]\ntopics: [greek]")
            try IncrementalBuildTests.edit(article($0, "gamma"), "updated: 2026-01-12", "updated: 2026-01-12\ntopics: [greek]")
        }) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "What is alpha?", "Zeta alpha?")
            try IncrementalBuildTests.edit(article($0, "gamma"), "What is gamma?", "Zulu gamma?")
        },
        Edit("two articles' topics: one joins greek, the other leaves it", alone: true, setup: {
            try IncrementalBuildTests.edit(article($0, "gamma"), "updated: 2026-01-12", "updated: 2026-01-12\ntopics: [greek, latin]")
            try IncrementalBuildTests.edit(article($0, "beta"), "topics: [greek]", "topics: [greek, latin]")
            try IncrementalBuildTests.edit(article($0, "alpha"), "related: [beta]", "related: [beta]\ntopics: [latin]")
        }) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "topics: [latin]", "topics: [latin, greek]")
            try IncrementalBuildTests.edit(article($0, "gamma"), "topics: [greek, latin]", "topics: [latin]")
        },
        Edit("two articles next to the same one, one keeping its place and the other moving before it", alone: true, setup: {
            try "---\nquestion: What is delta?\nstatus: submitted\nupdated: 2026-01-11\n---\n\nDelta summary. [@ref-c]\n"
                .write(to: article($0, "delta"), atomically: false, encoding: .utf8)
        }) {
            try IncrementalBuildTests.edit(article($0, "beta"), "What is beta?", "What is beta, again?")
            try IncrementalBuildTests.edit(article($0, "gamma"), "What is gamma?", "What is b?")
        },
        Edit("two articles in a topic no other article is in, both moved (their order there is unknown)", alone: false) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "What is alpha?", "Why alpha?")
            try IncrementalBuildTests.edit(article($0, "gamma"), "What is gamma?", "Any gamma?")
        },
        Edit("question of the only article with a pathway (the pathways page shows it)", alone: true, setup: givePathwayToGamma) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "What is gamma?", "Any gamma?")
        },
        Edit("question of an article with a pathway, moving it before another with one (the pathways page's order)", alone: true,
             setup: { try givePathwayToGamma($0); try givePathwayToAlpha($0) }) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "What is gamma?", "Any gamma?")
        },
        Edit("a first pathway of an article, another having one (the pathways page lists one more)", alone: true,
             setup: givePathwayToAlpha, givePathwayToGamma),
        Edit("a last pathway of an article taken out, another keeping one (the pathways page lists one fewer)", alone: true,
             setup: { try givePathwayToGamma($0); try givePathwayToAlpha($0) }) {
            try takePathwayOutOfGamma($0)
        },
        Edit("heading (an anchor others link to)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "beta"), "## Details", "## Dosing details")
            try IncrementalBuildTests.edit(article($0, "alpha"), "beta.md#details", "beta.md#dosing-details")
        },
        Edit("a new link (alpha's page shows gamma as linking to it)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "Gamma stands alone.", "Gamma stands beside [alpha](alpha.md).")
        },
        Edit("a link that leads to another of its neighbours (alpha stops listing gamma)", alone: true, setup: {
            try IncrementalBuildTests.edit(article($0, "gamma"), "Gamma stands alone.", "Gamma is unlike [alpha](alpha.md) and [beta](beta.md).")
        }) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "[alpha](alpha.md)", "[beta](beta.md#details)")
        },
        Edit("a newly cited key", alone: true) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "[@ref-c]", "[@ref-c; @ref-a]")
        },
        Edit("a key that no other article cites, no longer cited (the bibliography's reference-unused)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "[@ref-c]", "[@ref-a]")
        },
        Edit("a key that no article cited, cited (its reference-unused goes)", alone: true, setup: {
            try IncrementalBuildTests.edit(article($0, "gamma"), "[@ref-c]", "[@ref-a]")
        }) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "[@ref-a]", "[@ref-a; @ref-c]")
        },
        Edit("a key that another article cites too, no longer cited", alone: true) {
            try IncrementalBuildTests.edit(article($0, "beta"), "[@ref-b; @ref-a]", "[@ref-b]")
        },

        Edit("related list", alone: true) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "updated: 2026-01-12", "updated: 2026-01-12\nrelated: [alpha]")
        },
        Edit("the first pathway of the site (the pathways page rendered whole)", alone: true, givePathwayToGamma),
        Edit("a pathway node leading to an article it did not lead to (its page shows the pathway)", alone: true, setup: {
            try givePathwayToGamma($0)
            try IncrementalBuildTests.edit(article($0, "gamma"), "click next \"beta#details\"", "click next \"alpha#use\"")
        }) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "click start \"alpha\"", "click start \"gamma\"")
            try IncrementalBuildTests.edit(article($0, "gamma"), "click next \"alpha#use\"", "click next \"beta#details\"")
        },
        Edit("a pathway node added, and a heading it leads to", alone: true, setup: givePathwayToGamma) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "  click start", "  next --> last[Then gamma]\n  click last \"#more\"\n  click start")
            try IncrementalBuildTests.edit(article($0, "gamma"), "Gamma stands alone. [@ref-c]\n", "Gamma stands alone. [@ref-c]\n\n## More\n\n- More gamma. [@ref-c]\n")
        },
        Edit("the last pathway of the site taken out (the pathways page rendered whole)", alone: true, setup: givePathwayToGamma) {
            try takePathwayOutOfGamma($0)
        },
        Edit("a heading no other article links to", alone: true) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "## Use", "## Uses and doses")
        },
        Edit("a link taken out (alpha's page no longer shows gamma)", alone: true, setup: {
            try IncrementalBuildTests.edit(article($0, "gamma"), "Gamma stands alone.", "Gamma stands beside [alpha](alpha.md#use).")
        }) {
            try IncrementalBuildTests.edit(article($0, "gamma"), "Gamma stands beside [alpha](alpha.md#use).", "Gamma stands alone.")
        },
        Edit("a related article taken out, and a link to it (beta's page no longer shows alpha)", alone: true) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "related: [beta]\n", "")
            try IncrementalBuildTests.edit(article($0, "alpha"), "see [beta's details](beta.md#details)", "see its details")
        },
        Edit("a heading another article links to, renamed with the link (through a relative path)", alone: true, setup: {
            try IncrementalBuildTests.edit(article($0, "alpha"), "beta.md#details", "../articles/beta.md#details")
        }) {
            try IncrementalBuildTests.edit(article($0, "beta"), "## Details", "## Dosing details")
            try IncrementalBuildTests.edit(article($0, "alpha"), "beta.md#details", "beta.md#dosing-details")
        },
        Edit("a heading of an article a page links to, not to a heading", alone: true, setup: {
            try IncrementalBuildTests.edit($0.appendingPathComponent("pages/about.md"), "About these answers.",
                                           "About these answers; see [alpha](../articles/alpha.md).")
        }) {
            try IncrementalBuildTests.edit(article($0, "alpha"), "## Use", "## Uses")
        },
    ]

    @Test(arguments: edits)
    func rebuildEqualsCleanBuild(_ edit: Edit) throws {
        let (root, content, templates, site) = try builtSite(setup: edit.setup)
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try helpers.files(in: site)

        try edit.apply(content)
        let rebuild = try helpers.build(content, templates, site)
        #expect((rebuild.articlesRebuiltAlone != nil) == edit.alone, "rebuilt alone: \(String(describing: rebuild.articlesRebuiltAlone))")
        #expect(try helpers.files(in: site) != before, "the edit should show in the output")
        try expectCleanBuild(root.appendingPathComponent("clean/Site"), of: content, templates, toEqual: site, rebuild: rebuild)
    }

    /// Each article of the repository's sample site edited in turn (a sentence added to its summary
    /// and a cited paragraph to its first section), rebuilt, and compared with a clean build: the
    /// sample has related lists, links between articles, a pathway whose nodes lead to other
    /// articles and headings that show links back to it. Each is rebuilt alone, the article with
    /// the pathway too (its pathway is as it was). Then each article's status is changed in turn,
    /// which the pages that list it show (the pathway's article among them).
    @Test func everySampleArticleEditedEqualsACleanBuild() throws {
        let root = try helpers.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let repository = IncrementalBuildTests.repositoryTemplates.deletingLastPathComponent()
        let content = root.appendingPathComponent("Content")
        try FileManager.default.copyItem(at: repository.appendingPathComponent("Content"), to: content)
        let templates = IncrementalBuildTests.repositoryTemplates
        let site = root.appendingPathComponent("incremental/Site")
        try helpers.build(content, templates, site)
        let articles = try FileManager.default.contentsOfDirectory(atPath: content.appendingPathComponent("articles").path).sorted()
        #expect(articles.count >= 7)
        for name in articles {
            let file = content.appendingPathComponent("articles/\(name)")
            var text = try String(contentsOf: file, encoding: .utf8)
            let body = try #require(text.range(of: "\n---\n\n"))
            let firstBreak = try #require(text.range(of: ". ", range: body.upperBound..<text.endIndex))
            text.replaceSubrange(firstBreak, with: ", as edited. ")
            let section = try #require(text.range(of: "\n## "))
            let headingEnd = try #require(text.range(of: "\n\n", range: section.upperBound..<text.endIndex))
            text.insert(contentsOf: "An added paragraph. [@\(try #require(firstKey(in: text)))]\n\n", at: headingEnd.upperBound)
            try text.write(to: file, atomically: false, encoding: .utf8)

            let rebuild = try helpers.build(content, templates, site)
            #expect(rebuild.articlesRebuiltAlone == 1, "\(name)")
            try expectCleanBuild(root.appendingPathComponent("clean-\(name)/Site"), of: content, templates, toEqual: site,
                                 rebuild: rebuild, "\(name)")
        }
        for name in articles {
            let file = content.appendingPathComponent("articles/\(name)")
            let text = try String(contentsOf: file, encoding: .utf8)
            let status = try #require(text.range(of: "\nstatus: [a-z-]+\n", options: .regularExpression))
            let next = text[status].contains("under-review") ? "\nstatus: submitted\n" : "\nstatus: under-review\n"
            try text.replacingCharacters(in: status, with: next).write(to: file, atomically: false, encoding: .utf8)

            let rebuild = try helpers.build(content, templates, site)
            #expect(rebuild.articlesRebuiltAlone == 1, "\(name)")
            try expectCleanBuild(root.appendingPathComponent("clean-status-\(name)/Site"), of: content, templates, toEqual: site,
                                 rebuild: rebuild, "status of \(name)")
        }
    }

    /// The test site (``IncrementalBuildTests/makeSite()``) built into `incremental/Site`.
    func builtSite(setup: (URL) throws -> Void = { _ in }) throws -> (root: URL, content: URL, templates: URL, site: URL) {
        let (root, content, templates) = try helpers.makeSite()
        let site = root.appendingPathComponent("incremental/Site")
        try setup(content)
        try helpers.build(content, templates, site)
        return (root, content, templates, site)
    }

    /// Builds `content` cleanly into `clean` and expects `site` to be the same, byte for byte, and
    /// `rebuild` (when given) to have found what the clean build found.
    func expectCleanBuild(_ clean: URL, of content: URL, _ templates: URL, toEqual site: URL, rebuild: Publisher.Report? = nil,
                          _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let cleanBuild = try helpers.build(content, templates, clean)
        if let rebuild {
            #expect(rebuild.diagnostics == cleanBuild.diagnostics, comment, sourceLocation: sourceLocation)
            #expect(rebuild.filesWritten == cleanBuild.filesWritten, comment, sourceLocation: sourceLocation)
        }
        let (rebuilt, expected) = (try helpers.files(in: site), try helpers.files(in: clean))
        #expect(rebuilt == expected, comment, sourceLocation: sourceLocation)
    }

    /// The first citation key of an article's text.
    func firstKey(in text: String) -> String? {
        guard let at = text.range(of: "[@") else { return nil }
        return String(text[at.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    /// The summary edit reaches every page that shows the summary, and leaves the others in place.
    @Test func aSummaryIsSplicedIntoTheSiteWidePages() throws {
        let (root, content, templates, site) = try builtSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try helpers.files(in: site)
        try IncrementalBuildTests.edit(Self.article(content, "alpha"), "Alpha summary.", "Alpha summary, revised.")
        let rebuild = try helpers.build(content, templates, site)
        #expect(rebuild.articlesRebuiltAlone == 1)
        let after = try helpers.files(in: site)
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(changed == ["articles/alpha/index.html", "index.html", "search.json", "feed.xml"])
        #expect(rebuild.filesReused == rebuild.filesWritten - changed.count)
    }

    /// A status change reaches the article's page, the pages that list it, and the site-wide
    /// pages that show it, and no other.
    @Test func aStatusReachesThePagesThatListIt() throws {
        let (root, content, templates, site) = try builtSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try helpers.files(in: site)
        try IncrementalBuildTests.edit(Self.article(content, "beta"), "status: approved", "status: under-review")
        let rebuild = try helpers.build(content, templates, site)
        #expect(rebuild.articlesRebuiltAlone == 1)
        let after = try helpers.files(in: site)
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        #expect(changed == ["articles/beta/index.html", "articles/alpha/index.html", "index.html", "questions/index.html",
                            "search.json", "feed.xml"])
        #expect(rebuild.filesReused == rebuild.filesWritten - changed.count)
        let alpha = String(decoding: try #require(after["articles/alpha/index.html"]), as: UTF8.self)
        #expect(alpha.contains("status-tag-under-review") && !alpha.contains("status-tag-approved"))
    }

    /// A new date moves articles into the lists by date (the feed's latest, the home page's
    /// recently updated), out of them and within them: with more articles than the feed shows, each
    /// such rebuild is taken alone and equals a clean build.
    @Test func datesMoveArticlesIntoAndOutOfTheListsByDate() throws {
        let (root, content, templates) = try helpers.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let count = SiteRenderer.feedLength + 10
        func file(_ n: Int) -> URL { Self.article(content, "dated-\(n)") }
        func date(_ n: Int) -> String { "2025-\(String(format: "%02d", 1 + n / 28))-\(String(format: "%02d", 1 + n % 28))" }
        for n in 0..<count {
            try "---\nquestion: What is dated \(n)?\nstatus: submitted\nupdated: \(date(n))\n---\n\nDated \(n) summary. [@ref-a]\n"
                .write(to: file(n), atomically: false, encoding: .utf8)
        }
        let site = root.appendingPathComponent("incremental/Site")
        try helpers.build(content, templates, site)
        let steps: [(String, () throws -> Void)] = [
            ("the oldest becomes the newest", { try IncrementalBuildTests.edit(file(0), "updated: \(date(0))", "updated: 2026-06-01") }),
            ("the newest becomes the oldest", { try IncrementalBuildTests.edit(file(0), "updated: 2026-06-01", "updated: 2024-01-01") }),
            ("one out of the feed, one in", {
                try IncrementalBuildTests.edit(file(count - 1), "updated: \(date(count - 1))", "updated: 2024-01-02")
                try IncrementalBuildTests.edit(file(5), "updated: \(date(5))", "updated: 2025-06-15")
            }),
            ("a date within the feed, and a status", {
                try IncrementalBuildTests.edit(file(30), "updated: \(date(30))\n", "updated: 2025-03-20\n")
                try IncrementalBuildTests.edit(file(30), "status: submitted", "status: under-review")
            }),
            ("a date outside the feed", { try IncrementalBuildTests.edit(file(1), "updated: \(date(1))", "updated: 2024-02-01") }),
            ("a status in the recently updated list", { try IncrementalBuildTests.edit(file(count - 2), "status: submitted", "status: under-review") }),
            ("a status in the feed only", { try IncrementalBuildTests.edit(file(count - 20), "status: submitted", "status: under-review") }),
            ("a status outside the feed", { try IncrementalBuildTests.edit(file(2), "status: submitted", "status: under-review") }),
        ]
        for (number, (name, step)) in steps.enumerated() {
            let before = try helpers.files(in: site)
            try step()
            let rebuild = try helpers.build(content, templates, site)
            #expect(rebuild.articlesRebuiltAlone != nil, "\(name)")
            try expectCleanBuild(root.appendingPathComponent("clean-\(number)/Site"), of: content, templates, toEqual: site,
                                 rebuild: rebuild, "\(name)")
            if name == "a date outside the feed" {
                let after = try helpers.files(in: site)
                #expect(after["feed.xml"] == before["feed.xml"] && after["index.html"] == before["index.html"])
                #expect(after["sitemap.xml"] != before["sitemap.xml"])
            }
        }
    }

    /// A list item that a page shows otherwise than its template section renders it alone (here
    /// the recently updated list is an indented partial, so the page indents each item's second
    /// line) is not found where it must be, and the rebuild takes the whole way.
    @Test func anItemThePageShowsOtherwiseTakesTheWholeWay() throws {
        let (root, content, templates) = try helpers.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let home = templates.appendingPathComponent("home.mustache")
        let recent = """
            <ul class="question-list">
            {{#recent}}<li><a href="{{url}}">{{question}}</a> <span class="status-tag status-tag-{{statusKey}}">{{statusLabel}}</span> <span class="date">{{updatedText}}</span></li>
            {{/recent}}
            </ul>

            """
        try IncrementalBuildTests.edit(home, recent, "  {{>recent}}\n")
        try recent.replacingOccurrences(of: "</a> <span class=\"status", with: "</a>\n<span class=\"status")
            .write(to: templates.appendingPathComponent("recent.mustache"), atomically: false, encoding: .utf8)
        let site = root.appendingPathComponent("incremental/Site")
        try helpers.build(content, templates, site)
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8).contains("\n  <span class=\"status-tag"))

        try IncrementalBuildTests.edit(Self.article(content, "gamma"), "status: under-review", "status: submitted")
        #expect(try helpers.build(content, templates, site).articlesRebuiltAlone == nil)
        try expectCleanBuild(root.appendingPathComponent("clean/Site"), of: content, templates, toEqual: site)
    }

    /// A home page that the compiled renderer leaves to swift-mustache (it sets its own
    /// delimiters) has no list item to render alone: a status change takes the whole way.
    @Test func aPageOutsideTheCompiledSubsetTakesTheWholeWay() throws {
        let (root, content, templates) = try helpers.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let home = templates.appendingPathComponent("home.mustache")
        try (try String(contentsOf: home, encoding: .utf8) + "{{=<% %>=}}<%! delimiters set %>\n").write(to: home, atomically: false, encoding: .utf8)
        let site = root.appendingPathComponent("incremental/Site")
        try helpers.build(content, templates, site)
        try IncrementalBuildTests.edit(Self.article(content, "beta"), "status: approved", "status: under-review")
        #expect(try helpers.build(content, templates, site).articlesRebuiltAlone == nil)
        try expectCleanBuild(root.appendingPathComponent("clean/Site"), of: content, templates, toEqual: site)
        // A summary edit is spliced into the home page's items too: the same.
        try IncrementalBuildTests.edit(Self.article(content, "alpha"), "Alpha summary.", "Alpha summary, revised.")
        #expect(try helpers.build(content, templates, site).articlesRebuiltAlone == nil)
    }

    /// A page that lists a changed article is rendered again only when the small site renders it
    /// as the previous build did: one changed since (here by hand) takes the whole way.
    @Test func aNeighbourPageThatIsNotAsBuiltTakesTheWholeWay() throws {
        let (root, content, templates, site) = try builtSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let alphaPage = site.appendingPathComponent("articles/alpha/index.html")
        try (try String(contentsOf: alphaPage, encoding: .utf8) + "<!-- edited -->").write(to: alphaPage, atomically: false, encoding: .utf8)
        try IncrementalBuildTests.edit(Self.article(content, "beta"), "status: approved", "status: under-review")
        #expect(try helpers.build(content, templates, site).articlesRebuiltAlone == nil)
        try expectCleanBuild(root.appendingPathComponent("clean/Site"), of: content, templates, toEqual: site)
    }

    /// An edit that brings an error takes the whole way, which reports exactly what `--check` does,
    /// and leaves the site as it was.
    @Test(arguments: [("Alpha summary. [@ref-a]", "Alpha summary. [@ref-a]\n\nAlpha is safe."),
                      ("Alpha summary. [@ref-a]", "Alpha summary. [@ref-a; @ref-z]")])
    func anErrorTakesTheWholeWayAndLeavesTheSite(_ old: String, _ new: String) throws {
        let (root, content, templates, site) = try builtSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try helpers.files(in: site)
        try IncrementalBuildTests.edit(Self.article(content, "alpha"), old, new)
        let rebuild = try Publisher.run(IncrementalBuildTests.options(content, templates, site))
        #expect(rebuild.articlesRebuiltAlone == nil)
        let check = try Publisher.run(IncrementalBuildTests.options(content, templates, site, mode: .check))
        #expect(rebuild.errorCount == 1 && rebuild.diagnostics == check.diagnostics)
        #expect(try helpers.files(in: site) == before)
    }

    /// A heading that a page or another article links to, renamed and the link not mended: the
    /// rebuild finds the broken link (an error), reports what `--check` reports and leaves the
    /// site as it was.
    @Test(arguments: ["pages/about.md", "articles/alpha.md"])
    func aHeadingLinkedToFromAnotherFileIsCheckedThere(_ linking: String) throws {
        let (root, content, templates, site) = try builtSite {
            try IncrementalBuildTests.edit($0.appendingPathComponent("pages/about.md"), "About these answers.",
                                           "About these answers; see [beta](../articles/beta.md#details).")
        }
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try helpers.files(in: site)
        try IncrementalBuildTests.edit(Self.article(content, "beta"), "## Details", "## Dosing details")
        // The other file's link is mended.
        if linking == "articles/alpha.md" {
            try IncrementalBuildTests.edit(content.appendingPathComponent("pages/about.md"), "beta.md#details", "beta.md")
        } else {
            try IncrementalBuildTests.edit(Self.article(content, "alpha"), "beta.md#details", "beta.md#dosing-details")
        }
        let rebuild = try Publisher.run(IncrementalBuildTests.options(content, templates, site))
        #expect(rebuild.articlesRebuiltAlone == nil)
        let check = try Publisher.run(IncrementalBuildTests.options(content, templates, site, mode: .check))
        #expect(rebuild.errorCount == 1 && rebuild.diagnostics == check.diagnostics)
        #expect(rebuild.diagnostics.first?.file.hasSuffix(linking) == true)
        #expect(try helpers.files(in: site) == before)
    }

    /// A page rebuilt alone loses its key in the manifest: when the article is put back as it was
    /// and a whole build follows (here an article is added too), the page is rendered again, not
    /// taken as the page of the old key.
    @Test func aPageRebuiltAloneIsNotReusedByItsOldKey() throws {
        let (root, content, templates, site) = try builtSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let alpha = Self.article(content, "alpha")
        let original = try Data(contentsOf: alpha)
        try IncrementalBuildTests.edit(alpha, "Alpha works with beta", "Alpha goes with beta")
        #expect(try helpers.build(content, templates, site).articlesRebuiltAlone == 1)

        try original.write(to: alpha)
        try "---\nquestion: What is delta?\nstatus: submitted\nupdated: 2026-01-13\n---\n\nDelta too. [@ref-c]\n"
            .write(to: Self.article(content, "delta"), atomically: false, encoding: .utf8)
        #expect(try helpers.build(content, templates, site).articlesRebuiltAlone == nil)
        try expectCleanBuild(root.appendingPathComponent("clean/Site"), of: content, templates, toEqual: site)
    }

    /// Edits one after another, each rebuilt (alone or not) and compared with a clean build: the
    /// snapshot and the caches a rebuild leaves must serve the next one.
    @Test func aSequenceOfEditsEqualsCleanBuildsAtEveryStep() throws {
        let (root, content, templates, site) = try builtSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let alpha = Self.article(content, "alpha")
        let steps: [(String, Bool, () throws -> Void)] = [
            ("summary once", true, { try IncrementalBuildTests.edit(alpha, "Alpha summary.", "Alpha summary, one.") }),
            ("summary twice", true, { try IncrementalBuildTests.edit(alpha, "Alpha summary, one.", "Alpha summary, two.") }),
            ("question", true, { try IncrementalBuildTests.edit(alpha, "What is alpha?", "What is alpha now?") }),
            // Placed in the order the rebuild before kept.
            ("question again, moving it to the end", true, { try IncrementalBuildTests.edit(alpha, "What is alpha now?", "Why alpha?") }),
            ("another article's question, moving it before alpha", true, {
                try IncrementalBuildTests.edit(Self.article(content, "beta"), "What is beta?", "Where is beta?")
            }),
            ("summary after the questions", true, { try IncrementalBuildTests.edit(alpha, "Alpha summary, two.", "Alpha summary.") }),
            // The whole way takes the order by question that the rebuilds alone kept.
            ("a template", false, {
                let page = templates.appendingPathComponent("page.mustache")
                try (try String(contentsOf: page, encoding: .utf8) + "\n").write(to: page, atomically: false, encoding: .utf8)
            }),
            ("nothing", true, {}),
            // The second counts on the first's citation counts: no article cites ref-a after it.
            ("beta stops citing ref-a", true, { try IncrementalBuildTests.edit(Self.article(content, "beta"), "[@ref-b; @ref-a]", "[@ref-b]") }),
            ("alpha stops citing ref-a", true, { try IncrementalBuildTests.edit(alpha, "Alpha summary. [@ref-a]", "Alpha summary. [@ref-b]") }),
            ("gamma's text", true, { try IncrementalBuildTests.edit(Self.article(content, "gamma"), "stands alone", "stands apart") }),
            // The second counts on the first's neighbours: alpha's page shows gamma's status.
            ("gamma links to alpha", true, {
                try IncrementalBuildTests.edit(Self.article(content, "gamma"), "Gamma stands apart.", "Gamma stands by [alpha](alpha.md).")
            }),
            ("gamma's status", true, { try IncrementalBuildTests.edit(Self.article(content, "gamma"), "status: under-review", "status: submitted") }),
        ]
        for (number, (name, alone, step)) in steps.enumerated() {
            try step()
            let rebuild = try helpers.build(content, templates, site)
            #expect((rebuild.articlesRebuiltAlone != nil) == alone, "\(name)")
            try expectCleanBuild(root.appendingPathComponent("clean-\(number)/Site"), of: content, templates, toEqual: site,
                                 rebuild: rebuild, "\(name)")
        }
    }

    /// A damaged snapshot, or a missing page of the previous build, makes a whole build.
    @Test(arguments: ["damaged snapshot", "page deleted from the site"])
    func whatCannotBeTrustedMakesAWholeBuild(_ damage: String) throws {
        let (root, content, templates, site) = try builtSite()
        defer { try? FileManager.default.removeItem(at: root) }
        if damage == "damaged snapshot" {
            let path = SiteSnapshot.path(for: site.path)
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            bytes[bytes.count / 2] ^= 0x40
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } else {
            try FileManager.default.removeItem(at: site.appendingPathComponent("articles/gamma/index.html"))
        }
        try IncrementalBuildTests.edit(Self.article(content, "alpha"), "Alpha summary.", "Alpha summary, revised.")
        #expect(try helpers.build(content, templates, site).articlesRebuiltAlone == nil)
        try expectCleanBuild(root.appendingPathComponent("clean/Site"), of: content, templates, toEqual: site)
    }

    /// A rebuild alone that cannot write its page leaves the site as it was. Its snapshot and
    /// manifest went before its first write (as a whole build's do: a rebuild killed while writing
    /// must not leave them, `KilledBuildTests`), so the next build is a whole one.
    @Test func aRebuildAloneThatCannotWriteLeavesTheSiteAsItWas() throws {
        let (root, content, templates, site) = try builtSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try helpers.files(in: site)
        try IncrementalBuildTests.edit(Self.article(content, "alpha"), "Alpha summary.", "Alpha summary, revised.")
        try helpers.expectWriteFailure(content, templates, site, blocking: "search.json")
        #expect(try helpers.files(in: site) == before)
        #expect(try helpers.build(content, templates, site).articlesRebuiltAlone == nil)
        try expectCleanBuild(root.appendingPathComponent("clean/Site"), of: content, templates, toEqual: site)
    }
}
