import Foundation
import Testing
@testable import GuidelinePress

/// An output that is a symbolic link (`Site -> /var/www/site`) is written where it leads, and the
/// link is kept (``SiteWriter/target(of:)``). A probe (twenty-first session) had found the link
/// replaced by a plain folder at the first whole build, the folder it led to left with the
/// previous site.
@Suite struct OutputLinkTests {
    let helpers = IncrementalBuildTests()

    /// How the link is written, and whether the folder it leads to exists before the first build.
    struct Link: Sendable, CustomStringConvertible {
        var description: String
        var relative: Bool
        var targetExists: Bool
    }

    static let links = [
        Link(description: "relative link to a folder", relative: true, targetExists: true),
        Link(description: "absolute link to a folder not made yet", relative: false, targetExists: false),
    ]

    @Test(arguments: links)
    func everyKindOfBuildWritesThroughTheLinkAndKeepsIt(_ kind: Link) throws {
        let (root, content, templates) = try helpers.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        let project = root.appendingPathComponent("project"), deploy = root.appendingPathComponent("deploy")
        let target = deploy.appendingPathComponent("site"), link = project.appendingPathComponent("Site")
        try fm.createDirectory(at: project, withIntermediateDirectories: true)
        try fm.createDirectory(at: kind.targetExists ? target : deploy, withIntermediateDirectories: true)
        let destination = kind.relative ? "../deploy/site" : target.path
        try fm.createSymbolicLink(atPath: link.path, withDestinationPath: destination)
        let alpha = content.appendingPathComponent("articles/alpha.md")

        // A first build (into a fresh folder), one article rebuilt alone in place, a template
        // change (every page again, in place), and a whole build into a fresh folder again.
        let steps: [(String, () throws -> Void)] = [
            ("first build", {}),
            ("one article", { try IncrementalBuildTests.edit(alpha, "Alpha summary.", "Alpha summary, revised.") }),
            ("template", {
                try IncrementalBuildTests.edit(templates.appendingPathComponent("article.mustache"), "<h1 id=\"{{ids.question}}\">",
                                               "<h1 class=\"q\" id=\"{{ids.question}}\">")
            }),
            ("no manifest", {
                try fm.removeItem(at: project.appendingPathComponent(".publish-cache/Site.manifest"))
                try IncrementalBuildTests.edit(alpha, "Alpha summary, revised.", "Alpha summary, revised twice.")
            }),
        ]
        for (n, (step, change)) in steps.enumerated() {
            try change()
            try helpers.build(content, templates, link)
            #expect(try fm.destinationOfSymbolicLink(atPath: link.path) == destination, "after the \(step)")
            let clean = root.appendingPathComponent("clean-\(n)/Site")
            try helpers.build(content, templates, clean)
            #expect(try helpers.files(in: target) == helpers.files(in: clean), "after the \(step)")
            #expect(try fm.contentsOfDirectory(atPath: deploy.path) == ["site"], "after the \(step)")
            #expect(try fm.contentsOfDirectory(atPath: project.path).sorted() == [".publish-cache", "Site"], "after the \(step)")
        }
    }

    /// The guard judges the folder the link leads to: a link into the content folder is refused,
    /// whether or not what it leads to exists.
    @Test func aLinkIntoTheContentIsRefused() throws {
        let (root, content, templates) = try helpers.makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let link = root.appendingPathComponent("Site")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "Content/articles/site")
        let refusal = #expect(throws: Publisher.Failure.self) { _ = try Publisher.run(IncrementalBuildTests.options(content, templates, link)) }
        #expect(refusal?.description.contains("refusing to write the site to '\(link.path)': it is inside the content's 'articles' folder") == true,
                "\(refusal.map(String.init(describing:)) ?? "")")
        #expect(!FileManager.default.fileExists(atPath: content.appendingPathComponent("articles/site").path))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "Content/articles/site")
    }
}
