import Foundation
import Testing
@testable import GuidelinePress

/// Images of the content folder: published under `assets/media/` when they are images of a
/// format the site shows, and reported as `link-broken` with the reason otherwise.
@Suite struct ContentFilesTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data("rest of a PNG".utf8)

    static func article(_ body: String) -> String {
        "---\nquestion: Is this shown?\nstatus: submitted\nupdated: 2025-06-01\n---\n\nYes. [@smith2020]\n\n\(body)\n"
    }

    /// The minimal site with `files` added (raw bytes by path).
    static func folder(article body: String, files: [String: Data]) throws -> TestContent.Folder {
        var all = TestContent.minimalSite(article: article(body)).mapValues { Data($0.utf8) }
        all.merge(files) { _, new in new }
        return try TestContent.Folder(bytes: all)
    }

    @Test(arguments: [
        ("x.png", png, nil),
        ("x.PNG", png, nil),
        ("x.jpg", Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), nil),
        ("x.jpeg", Data([0xFF, 0xD8, 0xFF, 0xDB]), nil),
        ("x.gif", Data("GIF89a....".utf8), nil),
        ("x.webp", Data("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), nil),
        ("x.avif", Data([0, 0, 0, 0x1C]) + Data("ftypavif".utf8), nil),
        ("x.svg", Data("<svg onload='alert(1)'/>".utf8), "is an SVG file, which can hold scripts: export it as PNG or WebP"),
        ("x.bmp", Data("BM....".utf8), "is not a PNG, JPEG, GIF, WebP or AVIF image"),
        ("x.png", Data("<html><script>alert(1)</script>".utf8), "is not a PNG image (its first bytes are not those of a PNG file)"),
        ("x.png", Data(), "is not a PNG image (its first bytes are not those of a PNG file)"),
        ("x.jpg", png, "is not a JPEG image (its first bytes are not those of a JPEG file)"),
    ] as [(String, Data, String?)])
    func formats(_ name: String, _ bytes: Data, _ problem: String?) throws {
        let folder = try TemporaryFolder()
        try bytes.write(to: URL(fileURLWithPath: folder.url(name)))
        let file = ContentFiles.examine(name, root: URL(fileURLWithPath: folder.path).resolvingSymlinksInPath().path)
        #expect(file.problem == problem)
        #expect((file.stamp != nil) == (problem == nil))
    }

    @Test func linksWithAnImagesExtension() {
        for destination in ["a.png", "../images/A.JPEG", "x.svg#top", "f/chart.webp", "b.avif", "c.gif", "d.jpg"] {
            #expect(ContentFiles.hasImageExtension(destination), "\(destination)")
        }
        for destination in ["beta.md", "beta.md#x.png", "png", ".png", "a.pngx", "images.png/readme", "x.pdf", "a.p"] {
            #expect(!ContentFiles.hasImageExtension(destination), "\(destination)")
        }
    }

    @Test func missingHiddenLargeFoldersAndLinksOutside() throws {
        let folder = try TemporaryFolder()
        let root = URL(fileURLWithPath: folder.path).resolvingSymlinksInPath().path
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/content/.hidden", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/content/folder.png", withIntermediateDirectories: true)
        try Self.png.write(to: URL(fileURLWithPath: root + "/content/.hidden/x.png"))
        try Self.png.write(to: URL(fileURLWithPath: root + "/outside.png"))
        try fm.createSymbolicLink(atPath: root + "/content/link.png", withDestinationPath: root + "/outside.png")
        try (Self.png + Data(count: 100)).write(to: URL(fileURLWithPath: root + "/content/big.png"))
        let content = root + "/content"
        #expect(ContentFiles.examine("none.png", root: content).problem == "is not in the content folder (no file 'none.png')")
        #expect(ContentFiles.examine(".hidden/x.png", root: content).problem == "is a hidden file (a name in its path starts with '.')")
        #expect(ContentFiles.examine("link.png", root: content).problem == "is a link to a file outside the content folder")
        #expect(ContentFiles.examine("folder.png", root: content).problem == "is not a file")
        #expect(ContentFiles.examine("big.png", root: content, maximumSize: 50).problem == "is larger than 0 MB")
        #expect(ContentFiles.examine("big.png", root: content).problem == nil)
    }

    @Test func imagesOfTheContentFolderArePublished() throws {
        let folder = try Self.folder(article: """
            ![Treatment pathway](../images/pathway.png) [@smith2020]

            ![Dose chart](<figures/dose chart.png> "Doses by weight") [@smith2020]

            See [the full-size pathway](../images/pathway.png). [@smith2020]
            """, files: ["images/pathway.png": Self.png, "articles/figures/dose chart.png": Self.png + Data("2".utf8),
                         "images/unused.png": Self.png, "images/board.jpg": Data([0xFF, 0xD8, 0xFF, 0xE0]),
                         "pages/editorial-policy.md": Data("# Editorial policy\n\n![The board](../images/board.jpg)\n".utf8)])
        defer { folder.remove() }
        let output = folder.url("Site").path
        let report = try Publisher.run(.init(content: folder.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                             output: output, mode: .publish, today: TestContent.today))
        #expect(report.errorCount == 0, "\(report.diagnostics)")
        let html = try String(contentsOfFile: output + "/articles/test/index.html", encoding: .utf8)
        #expect(html.contains("<img src=\"../../assets/media/images/pathway.png\" alt=\"Treatment pathway\" loading=\"lazy\">"))
        #expect(html.contains("<img src=\"../../assets/media/articles/figures/dose%20chart.png\" alt=\"Dose chart\" title=\"Doses by weight\" loading=\"lazy\">"))
        #expect(html.contains("<a href=\"../../assets/media/images/pathway.png\">the full-size pathway</a>"))
        #expect(FileManager.default.contents(atPath: output + "/assets/media/images/pathway.png") == Self.png)
        #expect(FileManager.default.contents(atPath: output + "/assets/media/articles/figures/dose chart.png") == Self.png + Data("2".utf8))
        // A plain page shows one too, from its own folder.
        #expect(try String(contentsOfFile: output + "/editorial-policy/index.html", encoding: .utf8)
            .contains("<img src=\"../assets/media/images/board.jpg\" alt=\"The board\" loading=\"lazy\">"))
        #expect(FileManager.default.contents(atPath: output + "/assets/media/images/board.jpg") == Data([0xFF, 0xD8, 0xFF, 0xE0]))
        // Only the images pages show are published.
        #expect(!FileManager.default.fileExists(atPath: output + "/assets/media/images/unused.png"))
    }

    @Test func imagesThatCannotBePublishedAreReportedWhereTheyAreShown() throws {
        let folder = try Self.folder(article: """
            ![Flow](flow.svg) [@smith2020]

            ![Scan](scan.png) [@smith2020]

            ![Secret](../../outside.png) [@smith2020]

            ![Policy](../pages/editorial-policy.md) [@smith2020]
            """, files: ["articles/flow.svg": Data("<svg/>".utf8), "articles/scan.png": Data("GIF89a".utf8)])
        defer { folder.remove() }
        let report = try TestContent.check(folder.path)
        let found = report.diagnostics.filter { $0.rule == .linkBroken }.map { "\($0.line ?? 0): \($0.message)" }
        #expect(found == [
            "9: image 'flow.svg' is an SVG file, which can hold scripts: export it as PNG or WebP",
            "11: image 'scan.png' is not a PNG image (its first bytes are not those of a PNG file)",
            "13: image '../../outside.png' is outside the content folder",
            "15: image '../pages/editorial-policy.md' names a page or a heading, not an image: an image is a PNG, JPEG, GIF, "
                + "WebP or AVIF file of the content folder, or an https:// address",
        ])
    }

    /// A figure exported at 2,000 pixels must not make a phone scroll sideways, nor break across printed pages.
    @Test func theStylesheetKeepsImagesWithinTheColumn() throws {
        let css = try String(contentsOfFile: packageRoot.appendingPathComponent("Templates/assets/style.css").path, encoding: .utf8)
        #expect(css.contains("\nimg { max-width: 100%; height: auto; }"))
        #expect(css.contains(".reference-list li, img { break-inside: avoid; }"))
    }

    /// A review build shows a published image too, and leaves one that cannot be published as its alt text.
    @Test func reviewBuildsShowPublishedImagesAndTheAltTextOfOthers() throws {
        let folder = try Self.folder(article: "![Pathway](pathway.png) [@smith2020]\n\n![Flow](flow.svg) [@smith2020]",
                                     files: ["articles/pathway.png": Self.png, "articles/flow.svg": Data("<svg/>".utf8)])
        defer { folder.remove() }
        let output = folder.url("Review").path
        _ = try Publisher.run(.init(content: folder.path, templates: packageRoot.appendingPathComponent("Templates").path,
                                    output: output, mode: .review, today: TestContent.today))
        let html = try String(contentsOfFile: output + "/articles/test/index.html", encoding: .utf8)
        #expect(html.contains("<img src=\"../../assets/media/articles/pathway.png\" alt=\"Pathway\" loading=\"lazy\">"))
        #expect(!html.contains("flow.svg\""))
        #expect(!FileManager.default.fileExists(atPath: output + "/assets/media/articles/flow.svg"))
    }
}
