import Foundation
import Testing
@testable import GuidelinePress

/// ``OutputGuard``: a build never replaces what is not a site (the content, the folder holding it,
/// the templates, a file, a folder of other files); it still replaces its own earlier site.
@Suite struct OutputGuardTests {
    let templates = packageRoot.appendingPathComponent("Templates").path

    /// Builds `folder`'s `Content` into `output`; the error's text when it is refused.
    func build(_ folder: TestContent.Folder, output: String, templates: String? = nil) -> String? {
        do {
            _ = try Publisher.run(.init(content: folder.url("Content").path, templates: templates ?? self.templates,
                                        output: output, mode: .publish, today: TestContent.today))
            return nil
        } catch {
            return "\(error)"
        }
    }

    func project() throws -> TestContent.Folder {
        var files: [String: String] = ["README.md": "Our guideline project.\n"]
        for (path, text) in TestContent.minimalSite() { files["Content/" + path] = text }
        return try TestContent.Folder(files)
    }

    @Test func refusesTheContentFolderAndTheFoldersAroundAndInsideIt() throws {
        let folder = try project()
        defer { folder.remove() }
        for output in [folder.url("Content").path, folder.path, folder.url("Content/articles").path,
                       folder.url("Content/references/site").path, folder.path + "/Content/../Content"] {
            let refusal = try #require(build(folder, output: output), "\(output) was accepted")
            #expect(refusal.contains("refusing to write the site"))
        }
        // Everything is still there.
        #expect(try String(contentsOf: folder.url("README.md"), encoding: .utf8) == "Our guideline project.\n")
        #expect(FileManager.default.fileExists(atPath: folder.url("Content/articles/test.md").path))
        #expect(FileManager.default.fileExists(atPath: folder.url("Content/references/refs.json").path))
    }

    @Test func refusesTheTemplatesFolderAFileAndAFolderOfOtherFiles() throws {
        let folder = try project()
        defer { folder.remove() }
        // A copy of the templates, which the build must not replace.
        try FileManager.default.copyItem(atPath: templates, toPath: folder.url("Templates").path)
        #expect(build(folder, output: folder.url("Templates").path, templates: folder.url("Templates").path) != nil)
        #expect(build(folder, output: folder.url("Templates/site").path, templates: folder.url("Templates").path) != nil)
        #expect(FileManager.default.fileExists(atPath: folder.url("Templates/article.mustache").path))
        try "notes\n".write(to: folder.url("notes.txt"), atomically: true, encoding: .utf8)
        #expect(build(folder, output: folder.url("notes.txt").path) != nil)
        #expect(try String(contentsOf: folder.url("notes.txt"), encoding: .utf8) == "notes\n")
        try FileManager.default.createDirectory(at: folder.url("Documents"), withIntermediateDirectories: true)
        try "draft\n".write(to: folder.url("Documents/draft.txt"), atomically: true, encoding: .utf8)
        let refusal = try #require(build(folder, output: folder.url("Documents").path))
        #expect(refusal.contains("draft.txt"))
        #expect(FileManager.default.fileExists(atPath: folder.url("Documents/draft.txt").path))
    }

    /// A new folder, an empty one, the site it built (with or without its build manifest) and a
    /// folder beside the inputs inside the content folder are all fine.
    @Test func replacesItsOwnSite() throws {
        let folder = try project()
        defer { folder.remove() }
        #expect(build(folder, output: folder.url("Site").path) == nil)
        #expect(build(folder, output: folder.url("Site").path) == nil)
        try FileManager.default.removeItem(at: folder.url(".publish-cache"))
        #expect(build(folder, output: folder.url("Site").path) == nil)
        try FileManager.default.createDirectory(at: folder.url("Empty"), withIntermediateDirectories: true)
        #expect(build(folder, output: folder.url("Empty").path) == nil)
        #expect(build(folder, output: folder.url("Content/Site").path) == nil)
        #expect(FileManager.default.fileExists(atPath: folder.url("Site/articles/test/index.html").path))
    }
}
