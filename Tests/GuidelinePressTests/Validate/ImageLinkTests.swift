import Testing
@testable import GuidelinePress

/// An image that is not an `http(s)` address is not published, and `link-broken` says so in words
/// that fit every such address: a file of the content folder, a `#fragment`, a template's
/// `{{placeholder}}` left in a manuscript (a probe of real manuscripts).
@Suite struct ImageLinkTests {
    func messages(_ body: String) throws -> [String] {
        let folder = try TestContent.Folder(TestContent.minimalSite(article: SiteFixture.article("Is this shown?", body: body)))
        defer { folder.remove() }
        return try TestContent.check(folder.path).diagnostics.filter { $0.rule == .linkBroken }.map(\.message)
    }

    @Test func imagesThatAreNotWebAddressesAreReported() throws {
        for destination in ["figure.png", "#nb_regression_table", "%7B%7Bebm_map_figure%7D%7D"] {
            #expect(try messages("Yes. [@smith2020]\n\n![A chart](\(destination)) [@smith2020]\n")
                    == ["image '\(destination)' is not published: only https:// and http:// images are shown "
                        + "(images from the content folder are not supported yet)"])
        }
        #expect(try messages("Yes. [@smith2020]\n\n![A chart](https://example.org/chart.png) [@smith2020]\n").isEmpty)
    }
}
