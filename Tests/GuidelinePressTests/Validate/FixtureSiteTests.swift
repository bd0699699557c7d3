import Foundation
import Testing
@testable import GuidelinePress

/// The fixture sites: the valid one passes clean; each invalid one has exactly one problem,
/// reported with its rule, severity, file, line and column.
@Suite struct FixtureSiteTests {
    /// What one invalid fixture site must report.
    struct Expected: Sendable, CustomTestStringConvertible {
        /// The folder under `Fixtures/sites/invalid/`.
        var site: String
        var rule: Rule
        var severity: Severity
        /// The file, relative to the content folder.
        var file: String
        var line: Int?
        var column: Int?
        /// Text the message must contain (for example the "did you mean" hint).
        var message: String

        var testDescription: String { site }
    }

    static let cases: [Expected] = [
        .init(site: "front-matter-missing", rule: .frontMatterMissing, severity: .error, file: "articles/beta.md",
              line: 1, column: 1, message: "no front matter"),
        .init(site: "front-matter-syntax", rule: .frontMatterSyntax, severity: .error, file: "articles/beta.md",
              line: 4, column: 20, message: "mapping values are not allowed"),
        .init(site: "field-missing", rule: .fieldMissing, severity: .error, file: "articles/beta.md",
              line: 1, column: 1, message: "'updated'"),
        .init(site: "field-invalid", rule: .fieldInvalid, severity: .error, file: "articles/beta.md",
              line: 3, column: 9, message: "status 'draft'"),
        .init(site: "field-unknown", rule: .fieldUnknown, severity: .warning, file: "articles/beta.md",
              line: 5, column: 1, message: "'topcs'; did you mean 'topics'?"),
        .init(site: "review-missing", rule: .reviewMissing, severity: .error, file: "articles/alpha.md",
              line: 3, column: 9, message: "reviewed.by or reviewed.on"),
        .init(site: "reviewer-unknown", rule: .reviewerUnknown, severity: .error, file: "articles/alpha.md",
              line: 6, column: 14, message: "'jokafr' is not on the editorial board; did you mean 'jokafor'?"),
        .init(site: "review-stale", rule: .reviewStale, severity: .warning, file: "articles/alpha.md",
              line: 4, column: 10, message: "updated on 2025-07-01 after its review on 2025-06-01"),
        .init(site: "review-overdue", rule: .reviewOverdue, severity: .warning, file: "articles/alpha.md",
              line: 7, column: 7, message: "579 days old"),
        .init(site: "citation-unknown", rule: .citationUnknown, severity: .error, file: "articles/alpha.md",
              line: 12, column: 55, message: "'smiht2020'; did you mean 'smith2020'?"),
        .init(site: "citation-malformed", rule: .citationMalformed, severity: .error, file: "articles/alpha.md",
              line: 12, column: 64, message: "'[@]'"),
        .init(site: "claim-uncited", rule: .claimUncited, severity: .error, file: "articles/alpha.md",
              line: 18, column: 1, message: "claim has no citation"),
        .init(site: "reference-invalid", rule: .referenceInvalid, severity: .error, file: "references/refs.json",
              line: 2, column: 1, message: "DOI '10.12/letters'"),
        .init(site: "reference-duplicate", rule: .referenceDuplicate, severity: .error, file: "references/refs.json",
              line: 44, column: 1, message: "'jones2021' is already defined"),
        .init(site: "reference-duplicate-warning", rule: .referenceDuplicate, severity: .warning,
              file: "references/refs.json", line: 44, column: 1, message: "is also the DOI of 'jones2021'"),
        .init(site: "reference-unused", rule: .referenceUnused, severity: .warning, file: "references/refs.json",
              line: 44, column: 1, message: "'lee2019' is never cited"),
        .init(site: "related-unknown", rule: .relatedUnknown, severity: .error, file: "articles/alpha.md",
              line: 9, column: 11, message: "'betta' does not exist; did you mean 'beta'?"),
        .init(site: "link-broken", rule: .linkBroken, severity: .error, file: "articles/alpha.md",
              line: 16, column: 27, message: "'bet.md'; did you mean 'beta.md'?"),
        .init(site: "pathway-syntax", rule: .pathwaySyntax, severity: .error, file: "articles/beta.md",
              line: 20, column: 5, message: "'==>'"),
        .init(site: "pathway-target", rule: .pathwayTarget, severity: .error, file: "articles/beta.md",
              line: 21, column: 12, message: "'#ordr'"),
        .init(site: "html-raw", rule: .htmlRaw, severity: .error, file: "articles/beta.md",
              line: 9, column: 19, message: "'<br>'"),
        .init(site: "url-unsafe", rule: .urlUnsafe, severity: .error, file: "articles/beta.md",
              line: 13, column: 18, message: "'javascript:'"),
        .init(site: "slug-invalid", rule: .slugInvalid, severity: .error, file: "articles/Gamma.md",
              line: nil, column: nil, message: "'Gamma' is not a valid slug"),
        .init(site: "encoding", rule: .encoding, severity: .error, file: "articles/gamma.md",
              line: 9, column: 1, message: "not valid UTF-8"),
        .init(site: "table-cells", rule: .tableCells, severity: .error, file: "articles/alpha.md",
              line: 24, column: 14, message: "'then 3' would not be shown"),
        .init(site: "site-invalid", rule: .siteInvalid, severity: .error, file: "site.yaml",
              line: 1, column: 1, message: "required setting 'disclaimer' is missing"),
        .init(site: "markdown-unsupported", rule: .markdownUnsupported, severity: .warning, file: "articles/gamma.md",
              line: 9, column: 19, message: "'[^1]' is a footnote"),
        .init(site: "summary-missing", rule: .summaryMissing, severity: .warning, file: "articles/gamma.md",
              line: 9, column: 1, message: "the article has no summary"),
        .init(site: "emphasis-in-number", rule: .emphasisInNumber, severity: .warning, file: "articles/gamma.md",
              line: 9, column: 27, message: "the asterisks in '1*2*3' make emphasis: the page shows '123'"),
    ]

    @Test func theValidSiteHasNoFindings() throws {
        for site in ["valid", "minimal"] {
            let report = try TestContent.check(try TestContent.fixtureSite(site))
            #expect(report.diagnostics.isEmpty, "\(site): \(report.diagnostics)")
            #expect(report.articleCount == (site == "valid" ? 3 : 2))
        }
    }

    @Test(arguments: cases)
    func eachInvalidSiteHasExactlyItsOneProblem(_ expected: Expected) throws {
        let content = try TestContent.fixtureSite("invalid/\(expected.site)")
        let report = try TestContent.check(content)
        try #require(report.diagnostics.count == 1, "\(report.diagnostics)")
        let d = report.diagnostics[0]
        #expect(d.rule == expected.rule)
        #expect(d.severity == expected.severity)
        #expect(d.file == content + "/" + expected.file)
        #expect(d.line == expected.line)
        #expect(d.column == expected.column)
        #expect(d.message.contains(expected.message), "\(d.message)")
    }

    @Test func everyRuleOfTheContractHasAnInvalidSite() {
        let extensions: Set<Rule> = [.siteInvalid, .fileUnreadable, .nestingTooDeep]
        let covered = Set(Self.cases.map(\.rule))
        for rule in Rule.allCases where !extensions.contains(rule) {
            #expect(covered.contains(rule), "no invalid fixture site for \(rule.rawValue)")
        }
        #expect(Set(Self.cases.filter { $0.rule == .referenceDuplicate }.map(\.severity)) == [.error, .warning])
    }

    @Test func everyInvalidSiteIsUnderTest() throws {
        let folder = try TestContent.fixtureSite("invalid")
        let sites = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(sites == Self.cases.map(\.site).sorted())
    }
}
