import Foundation
import Mustache
import Testing
@testable import GuidelinePress

/// Real CSL-JSON exports (`Fixtures/references/real/`, whose README says where each file comes
/// from) read by the project's loader and formatted as an article's reference list formats them,
/// compared with `Fixtures/golden/references-real.txt`: one line `id<TAB>html` per item, in file
/// order under a `# file` line, each followed by the findings the loader and the reference checks
/// (`reference-invalid`, `reference-duplicate`) report at its line as `! …` lines.
///
/// `Tests/Conformance/references_vs_pandoc.py` reads the same golden file to compare each entry
/// with pandoc's citeproc and the AMA style, so a change of a formatted entry shows here first.
@Suite struct RealReferenceGoldenTests {
    static func realFolder() throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("references/real", isDirectory: true)
    }

    /// A finding as a golden line (and one more line per note).
    static func line(_ d: Diagnostic) -> String {
        "! line \(d.line.map(String.init) ?? "-"): \(d.severity.rawValue) [\(d.rule.rawValue)] \(d.message)\n"
            + d.notes.map { "!   note: \($0)\n" }.joined()
    }

    @Test func realExportsMatchTheGoldenFile() throws {
        let folder = try Self.realFolder()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        try #require(!names.isEmpty, "no real CSL-JSON files in \(folder.path)")

        var files: [(name: String, references: [Reference], diagnostics: [Diagnostic])] = []
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let (references, diagnostics) = ReferenceLoader.load(contents: text, file: name)
            files.append((name, references, diagnostics))
        }
        // The references of every file are one bibliography, as in a site's `references/` folder,
        // and the validator checks them together (`ReferenceInvalidChecker`, `ReferenceDuplicateChecker`).
        let all = files.flatMap(\.references)
        let checks = ReferenceChecks.check(all)

        // The smallest site that holds the references: the renderer formats each once, for every
        // page that cites it (`SiteRenderer.formattedReferences`), with `ReferenceFormatter.html`.
        let site = Site(settings: SiteSettings(), settingsFile: "site.yaml", articles: [], outlines: [], pages: [],
                        references: all, bibliographyFiles: names)
        let renderer = SiteRenderer(site: site, templates: TemplateSet(library: MustacheLibrary(), compiled: [:], assetsDirectory: nil),
                                    review: nil, today: ISODate(year: 2026, month: 1, day: 1))

        var out = ""
        var items = 0
        for file in files {
            out += "# \(file.name)\n"
            var findings = (file.diagnostics + checks.filter { $0.file == file.name }).sorted(by: Diagnostic.reportOrder)
            for reference in file.references {
                let html = ReferenceFormatter.html(reference)
                #expect(!html.contains("\n") && !html.contains("\t"), "\(file.name): \(reference.id)")
                if !reference.id.isEmpty {
                    // What a page shows: the first reference with the id, which is this one (ids are unique here).
                    #expect(renderer.formattedReferences[reference.id]?.html == html, "\(file.name): \(reference.id)")
                }
                out += (reference.id.isEmpty ? "(no id, line \(reference.line.map(String.init) ?? "-"))" : reference.id)
                    + "\t" + html + "\n"
                items += 1
                let here = findings.filter { $0.line != nil && $0.line == reference.line }
                findings.removeAll { $0.line != nil && $0.line == reference.line }
                out += here.map(Self.line).joined()
            }
            out += findings.map(Self.line).joined()
        }
        #expect(items == all.count)
        try expectGolden(out, named: "references-real.txt")
    }

    /// Every file is a JSON list whose every item the loader reads as a reference, so that the
    /// golden file's lines follow the file's items one for one (the pandoc comparison pairs them so).
    @Test func everyItemOfARealFileIsAReference() throws {
        let folder = try Self.realFolder()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let list = try #require(try JSONSerialization.jsonObject(with: data) as? [Any], "\(name)")
            let text = String(decoding: data, as: UTF8.self)
            let (references, diagnostics) = ReferenceLoader.load(contents: text, file: name)
            #expect(references.count == list.count, "\(name)")
            #expect(!diagnostics.contains { $0.message.contains("not a reference") }, "\(name)")
        }
    }
}
