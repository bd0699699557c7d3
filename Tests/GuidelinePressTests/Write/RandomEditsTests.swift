import Foundation
import Testing
@testable import GuidelinePress

/// Random edits of a small interlinked site, each followed by a rebuild of the same output that
/// must equal a clean build (pages and findings), or, when the edit brings an error, must report
/// what `--check` reports and leave the site as it was. Seeded, so a failure can be replayed; the
/// failing step's edits are in the message.
@Suite struct RandomEditsTests {
    let helpers = IncrementalBuildTests()

    /// The site's articles, as the edits see them: each a front matter and sections.
    struct Article {
        var question: String
        var status = "submitted"
        var updated = "2026-01-10"
        var related: [String] = []
        var topics: [String] = []
        var extra = ""
        var summary: [String]
        var sections: [(heading: String, lines: [String])]
        var pathway = false

        func text(slugs: [String]) -> String {
            var out = "---\nquestion: \(question)\nstatus: \(status)\nupdated: \(updated)\n"
            if status == "approved" { out += "reviewed:\n  by: [xray]\n  on: 2026-02-01\n" }
            if !related.isEmpty { out += "related: [\(related.joined(separator: ", "))]\n" }
            if !topics.isEmpty { out += "topics: [\(topics.joined(separator: ", "))]\n" }
            out += extra + "---\n\n" + summary.joined(separator: "\n\n") + "\n"
            for section in sections {
                out += "\n## \(section.heading)\n\n" + section.lines.joined(separator: "\n") + "\n"
            }
            if pathway, let first = sections.first {
                let anchor = HeadingAnchors.slug(first.heading)
                out += "\n```pathway\nflowchart TD\n  a[Start here] --> b[Read on]\n  click a \"#\(anchor)\"\n  click b \"\(slugs[0])\"\n```\n"
            }
            return out
        }
    }

    static let keys = ["ref-a", "ref-b", "ref-c", "ref-d"]

    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomEditsRebuildLikeCleanBuilds(_ seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let (root, content, templates) = try helpers.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = content.appendingPathComponent("articles")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        var references = """
            [
              {"id": "ref-a", "type": "article-journal", "title": "Trial of alpha", "issued": {"date-parts": [[2020]]}},
              {"id": "ref-b", "type": "article-journal", "title": "Trial of beta", "issued": {"date-parts": [[2021]]}},
              {"id": "ref-c", "type": "article-journal", "title": "Trial of gamma", "issued": {"date-parts": [[2022]]}},
              {"id": "ref-d", "type": "article-journal", "title": "Trial of delta", "issued": {"date-parts": [[2023]]}}
            ]

            """
        let slugs = ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"]
        var articles: [String: Article] = [:]
        for (i, slug) in slugs.enumerated() {
            articles[slug] = Article(
                question: "What is \(slug)?", related: i > 0 ? [slugs[i - 1]] : [],
                summary: ["Summary of \(slug). [@\(Self.keys[i % 4])]"],
                sections: [("Dosing \(slug)", ["- Dose of \(slug) is weekly. [@\(Self.keys[(i + 1) % 4])]",
                                               "- See [the next](\(slugs[(i + 1) % slugs.count]).md). [@ref-a]"]),
                           ("Pitfalls", ["- Watch \(slug). [@ref-b]"])])
        }
        // Two articles with a pathway, so that one can lose it or another gain one alone.
        articles["a3"]!.pathway = true
        articles["a6"]!.pathway = true
        // Some articles under no topic ("Other topics"), some under one or two.
        for (i, slug) in slugs.enumerated() { articles[slug]!.topics = [[], ["greek"], ["greek", "latin"]][i % 3] }
        func writeAll() throws {
            for (slug, article) in articles {
                try article.text(slugs: slugs).write(to: folder.appendingPathComponent("\(slug).md"), atomically: false, encoding: .utf8)
            }
            try references.write(to: content.appendingPathComponent("references/refs.json"), atomically: false, encoding: .utf8)
        }
        try writeAll()
        let site = root.appendingPathComponent("incremental/Site")
        try helpers.build(content, templates, site)

        var counter = 0
        var aloneCount = 0
        for step in 0..<40 {
            var done: [String] = []
            for slug in slugs where articles[slug]!.sections.contains(where: { $0.lines.contains("- An uncited claim.") }) {
                for i in articles[slug]!.sections.indices { articles[slug]!.sections[i].lines.removeAll { $0 == "- An uncited claim." } }
                done.append("\(slug): error taken out")
            }
            // A link to a heading renamed since (a link-broken error) is mended, so that one error
            // does not stop every later step from being rebuilt.
            for slug in slugs {
                for i in articles[slug]!.sections.indices {
                    for (n, line) in articles[slug]!.sections[i].lines.enumerated() where line.hasPrefix("- Also [") {
                        let other = String(line.dropFirst("- Also [".count).prefix { $0.isLetter || $0.isNumber })
                        guard let target = articles[other] else { continue }
                        let link = "(\(other).md#\(HeadingAnchors.slug(target.sections[0].heading)))"
                        if !line.contains(link) {
                            articles[slug]!.sections[i].lines[n] = "- Also [\(other)]\(link). [@ref-c]"
                            done.append("\(slug): link to \(other) mended")
                        }
                    }
                }
            }
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                counter += 1
                let slug = slugs.randomElement(using: &random)!
                var a = articles[slug]!
                let other = slugs.filter { $0 != slug }.randomElement(using: &random)!
                let section = Int.random(in: 0..<a.sections.count, using: &random)
                switch Int.random(in: 0..<24, using: &random) {
                case 0, 1, 16, 17, 18:
                    // The same key: only the text changes.
                    let key = a.summary[0].components(separatedBy: "[@").last ?? "ref-a]"
                    a.summary[0] = "Summary of \(slug), edit \(counter). [@" + key
                    done.append("\(slug): summary")
                case 2, 3, 19, 20:
                    let key = a.sections[section].lines.first?.components(separatedBy: "[@").last ?? "ref-b]"
                    a.sections[section].lines.insert("- Added line \(counter). [@" + key, at: 0)
                    done.append("\(slug): line added")
                case 4:
                    a.summary.append("More on \(slug) \(counter). [@ref-a]")
                    done.append("\(slug): paragraph")
                case 5, 21:
                    // Questions that move the article within the lists by question, or keep its place;
                    // some that Foundation's localised comparison ordered in a cycle, some folded.
                    let opening = ["What is", "Which is", "About", "Zeta", "Any", "What is", "ss 1.5 /", "ss_", "ß ~ _",
                                   "Érythème", "ｗｉｄｅ", "Dose 10", "Dose 9"].randomElement(using: &random)!
                    a.question = "\(opening) \(slug), take \(counter)?"
                    done.append("\(slug): question")
                case 6:
                    a.sections[section].heading = "Heading \(counter)"
                    done.append("\(slug): heading")
                case 7:
                    a.sections[section].lines.append("- Also [\(other)](\(other).md#\(HeadingAnchors.slug(articles[other]!.sections[0].heading))). [@ref-c]")
                    done.append("\(slug): link to \(other)")
                case 8:
                    a.related = a.related.contains(other) ? a.related.filter { $0 != other } : a.related + [other]
                    done.append("\(slug): related \(other)")
                case 9:
                    a.status = ["submitted", "under-review", "approved"].randomElement(using: &random)!
                    done.append("\(slug): status")
                    if Bool.random(using: &random) {
                        a.updated = "2026-0\(Int.random(in: 1...5, using: &random))-1\(Int.random(in: 0...9, using: &random))"
                        done.append("\(slug): date")
                    }
                case 10:
                    a.extra = a.extra.isEmpty ? "colour: blue\n" : ""
                    done.append("\(slug): unknown key")
                case 11:
                    // An uncited claim: an error, taken out again at the next step.
                    a.sections[section].lines.append("- An uncited claim.")
                    done.append("\(slug): error")
                case 12:
                    if let line = a.sections[section].lines.indices.randomElement(using: &random) {
                        a.sections[section].lines[line] = a.sections[section].lines[line].replacingOccurrences(of: "]", with: "; @ref-d]")
                            .replacingOccurrences(of: "@ref-d; @ref-d", with: "@ref-d")
                    }
                    done.append("\(slug): citation added")
                case 13:
                    references = references.replacingOccurrences(of: "Trial of", with: "Trial \(counter) of")
                    done.append("bibliography")
                case 14:
                    a.pathway.toggle()
                    done.append("\(slug): pathway")
                case 23:
                    // Other topics, or none (a new section of the questions page: the whole way).
                    a.topics = [[], ["greek"], ["latin"], ["greek", "latin"], ["latin", "greek"], ["roman"]].randomElement(using: &random)!
                    done.append("\(slug): topics")
                case 22:
                    // Another key for the summary: the old one may be left uncited (reference-unused).
                    a.summary[0] = "Summary of \(slug), edit \(counter). [@\(Self.keys.randomElement(using: &random)!)]"
                    done.append("\(slug): summary's key")
                case 15:
                    a.sections[section].lines = a.sections[section].lines.reversed()
                    done.append("\(slug): lines reordered")
                default:
                    a.sections[section].lines[0] += " Also given with food."
                    done.append("\(slug): sentence")
                }
                articles[slug] = a
            }
            try writeAll()
            let expected = try Publisher.run(IncrementalBuildTests.options(content, templates, site, mode: .check))
            let before = try helpers.files(in: site)
            let rebuild = try Publisher.run(IncrementalBuildTests.options(content, templates, site))
            let label: Comment = "seed \(seed), step \(step): \(done)"
            #expect(rebuild.diagnostics == expected.diagnostics, label)
            if expected.errorCount > 0 {
                #expect(try helpers.files(in: site) == before, label)
                continue
            }
            if rebuild.articlesRebuiltAlone != nil { aloneCount += 1 }
            let clean = root.appendingPathComponent("clean-\(step)/Site")
            try helpers.build(content, templates, clean)
            #expect(try helpers.files(in: site) == helpers.files(in: clean), label)
            try FileManager.default.removeItem(at: clean.deletingLastPathComponent())
        }
        // Some steps must have taken each way, or the test proves little.
        #expect(aloneCount >= 12, "only \(aloneCount) rebuilds alone")
    }
}
