import Foundation
@testable import GuidelinePress

/// A small site written into a temporary folder, for resolve and render tests.
enum SiteFixture {
    static let siteYAML = """
        title: Test Answers
        base_url: https://example.org/answers/
        language: en
        editorial_policy: editorial-policy
        review_interval_days: 365
        disclaimer: For healthcare professionals.
        board:
          - id: mlee
            name: Maria Lee, MD
            role: Medical Oncology

        """

    static let references = """
        [
          {"id": "a2020", "type": "article-journal", "title": "First study", "author": [{"family": "Smith", "given": "Jane"}],
           "container-title-short": "J Test", "issued": {"date-parts": [[2020]]}, "volume": "1", "page": "1-2", "DOI": "10.1000/a"},
          {"id": "b2021", "type": "article-journal", "title": "Second study", "author": [{"family": "Jones", "given": "Bo"}],
           "container-title-short": "J Test", "issued": {"date-parts": [[2021]]}, "PMID": "123456"},
          {"id": "c2022", "type": "article-journal", "title": "Third study", "author": [{"literal": "Study Group"}],
           "issued": {"date-parts": [[2022]]}}
        ]

        """

    /// Writes a site with the given articles (slug: Markdown) plus settings, references and the policy page.
    static func make(_ articles: [String: String]) throws -> TemporaryFolder {
        var files = ["site.yaml": siteYAML, "references/refs.json": references,
                     "pages/editorial-policy.md": "---\ntitle: Editorial policy\n---\n\nHow we review.\n"]
        for (slug, text) in articles { files["articles/\(slug).md"] = text }
        return try TemporaryFolder(files)
    }

    /// Front matter for a submitted article.
    static func article(_ question: String, related: [String] = [], body: String) -> String {
        let rel = related.isEmpty ? "" : "related: [\(related.joined(separator: ", "))]\n"
        return "---\nquestion: \(question)\nstatus: submitted\nupdated: 2025-01-01\n\(rel)---\n\n\(body)"
    }
}
