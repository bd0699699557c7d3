import Testing
@testable import GuidelinePress

/// An image that is neither an `http(s)` address nor an image file of the content folder is not
/// published, and `link-broken` says why in words that fit the address: a missing file, a
/// `#fragment`, a template's `{{placeholder}}` left in a manuscript (a probe of real manuscripts).
@Suite struct ImageLinkTests {
    func messages(_ body: String) throws -> [String] {
        let folder = try TestContent.Folder(TestContent.minimalSite(article: SiteFixture.article("Is this shown?", body: body)))
        defer { folder.remove() }
        return try TestContent.check(folder.path).diagnostics.filter { $0.rule == .linkBroken }.map(\.message)
    }

    @Test func imagesThatAreNotWebAddressesAreReported() throws {
        let expected = [
            "figure.png": "image 'figure.png' is not in the content folder (no file 'articles/figure.png')",
            "#nb_regression_table": "image '#nb_regression_table' names a page or a heading, not an image: an image is a PNG, "
                + "JPEG, GIF, WebP or AVIF file of the content folder, or an https:// address",
            "%7B%7Bebm_map_figure%7D%7D": "image '%7B%7Bebm_map_figure%7D%7D' is not a PNG, JPEG, GIF, WebP or AVIF image",
        ]
        for (destination, message) in expected {
            #expect(try messages("Yes. [@smith2020]\n\n![A chart](\(destination)) [@smith2020]\n") == [message])
        }
        #expect(try messages("Yes. [@smith2020]\n\n![A chart](https://example.org/chart.png) [@smith2020]\n").isEmpty)
    }
}
