/// Markdown to HTML through the project's own stages (cmark-gfm parse, citation extraction,
/// ``BodyRenderer``), for conformance tests and tools: links are kept as written unless unsafe.
public enum MarkdownHTML {
    /// Renders a Markdown fragment with no front matter.
    public static func render(_ markdown: String) -> String {
        let parsed = MarkdownParser.parse(markdown)
        var extraction = CitationExtraction()
        let blocks = extraction.blocks(parsed.blocks)
        var renderer = BodyRenderer()
        renderer.minimumHeadingLevel = 1
        renderer.anchoredHeadings = false
        renderer.linkURL = { URLSafety.isUnsafe($0) ? nil : $0 }
        return renderer.render(blocks)
    }
}
