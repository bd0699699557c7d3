import Foundation
import Testing
@testable import GuidelinePress

@Suite struct PathwaySVGTests {
    let small = """
    flowchart TD
      assess[Assess HER2 status] -->|positive| treat(Treat: trastuzumab & chemotherapy)
      assess --> equivocal{Equivocal IHC 2+?}
      equivocal -->|ISH positive| treat
      click assess "#testing"
      click treat "her2-treatment#first-line"
    """

    func pathway(_ literal: String) -> Pathway {
        let (p, d) = PathwayParser.parse(literal, file: "a.md", firstLine: 1, column: 1)
        #expect(d.isEmpty)
        return p
    }

    func href(_ target: String) -> String {
        target.hasPrefix("#") ? target : "../" + target.replacingOccurrences(of: "#", with: "/index.html#")
    }

    @Test func goldenSmallPathway() throws {
        let r = PathwayRenderer.render(pathway(small), idPrefix: "pathway-1", title: "HER2 testing", href: href)
        try expectGolden(r.svg, named: "pathway-small.svg")
    }

    @Test func structureAndClasses() {
        let svg = PathwayRenderer.render(pathway(small), idPrefix: "p", title: "HER2 testing", href: href).svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pathway\" viewBox=\"0 0 "))
        #expect(svg.contains("role=\"group\" aria-labelledby=\"p--title p--desc\""))
        #expect(svg.contains("<title id=\"p--title\">HER2 testing</title>"))
        #expect(svg.contains("<desc id=\"p--desc\">3 steps and 3 connections"))
        #expect(svg.contains("<a href=\"#testing\" id=\"p-assess\" class=\"pathway-node pathway-box\"><rect "))
        #expect(svg.contains("<a href=\"../her2-treatment/index.html#first-line\" id=\"p-treat\" class=\"pathway-node pathway-rounded\"><rect "))
        #expect(svg.contains("<g id=\"p-equivocal\" class=\"pathway-node pathway-decision\"><polygon "))
        #expect(svg.components(separatedBy: "<g class=\"pathway-edge\"><path d=\"M").count == 4)
        #expect(svg.components(separatedBy: "class=\"pathway-arrow\"").count == 4)
        #expect(svg.components(separatedBy: "<g class=\"pathway-edge-label\"><rect ").count == 3)
        #expect(!svg.contains("<?xml") && !svg.contains("<script") && !svg.contains("#fff"))
        #expect(svg.hasSuffix("</svg>"))
    }

    @Test func renderingIsDeterministic() {
        let p = pathway(small)
        let a = PathwayRenderer.render(p, idPrefix: "p", title: "T", href: href)
        let b = PathwayRenderer.render(p, idPrefix: "p", title: "T", href: href)
        #expect(a.svg == b.svg && a.text == b.text)
        #expect(PathwayLayout.layout(p) == PathwayLayout.layout(p))
    }

    /// Graphviz starts with its `dot` layout and `dot` output plugins only: the full context loads
    /// Pango, Cairo, GLib and X11 (about 8 ms of a one-article rebuild) for labels it never sees.
    /// The goldens above hold the geometry it computes.
    @Test func graphvizLoadsOnlyTheLayoutPlugins() {
        #expect(PathwayLayout.layout(pathway(small)) != nil)
        // `RTLD_NOLOAD` finds a library only if the process has already loaded it.
        let loaded = { (name: String) in dlopen(name, RTLD_NOLOAD | RTLD_LAZY) != nil }
        #expect(loaded("libgvc.so.6"))
        #expect(!loaded("libpango-1.0.so.0") && !loaded("libcairo.so.2") && !loaded("libglib-2.0.so.0"))
    }

    /// Nodes named `title` and `desc` keep ids of their own: the diagram's take `--`.
    @Test func nodeIDsNeverMeetTheDiagramsOwn() {
        let p = pathway("flowchart TD\n  title[Title node] --> desc[Desc node]\n  click title \"#a\"\n  click desc \"#b\"\n")
        let svg = PathwayRenderer.render(p, idPrefix: "p", title: "T", href: href).svg
        let ids = svg.matches(of: /\sid="([^"]*)"/).map { String($0.1) }
        #expect(Set(ids).count == ids.count, "\(ids)")
        #expect(ids.contains("p-title") && ids.contains("p--title") && ids.contains("p-desc") && ids.contains("p--desc"))
    }

    @Test func concurrentLayoutsAgree() async {
        let p = pathway(small)
        let expected = PathwayLayout.layout(p)
        let results = await withTaskGroup(of: PathwayGeometry?.self) { group in
            for _ in 0..<8 { group.addTask { PathwayLayout.layout(p) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected && $0 != nil })
    }

    @Test func labelsAreEscaped() {
        let p = pathway(#"""
        flowchart LR
          a[<b>Dose & "escape" \n</b>] -->|"< 50 & > 20"| b('quote')
          click a "#x"
          click b "#y"
        """#)
        let r = PathwayRenderer.render(p, idPrefix: "p<&", title: "A & <B>", href: { "\($0)&q=\"1\"" })
        #expect(!r.svg.contains("<b>") && r.svg.contains("&lt;b&gt;Dose &amp;"))
        #expect(r.svg.contains("&lt; 50 &amp; &gt; 20"))
        #expect(r.svg.contains("&#39;quote&#39;"))
        #expect(r.svg.contains("id=\"p&lt;&amp;-a\""))
        #expect(r.svg.contains("<title id=\"p&lt;&amp;--title\">A &amp; &lt;B&gt;</title>"))
        #expect(r.svg.contains("href=\"#x&amp;q=&quot;1&quot;\""))
        #expect(r.text.contains(##"<a href="#x&amp;q=&quot;1&quot;">&lt;b&gt;Dose &amp; &quot;escape&quot; \n&lt;/b&gt;</a>"##))
        // No label text reaches Graphviz: its boxes have fixed sizes and the text is drawn here.
        let dot = PathwayLayout.dot(for: p)
        #expect(dot.contains(#"n0 [label="", shape=box"#))
        #expect(!dot.contains("Dose") && !dot.contains("escape") && !dot.contains("quote"))
    }

    @Test func textFormListsStepsInOrder() {
        let text = PathwaySVG.textForm(pathway(small), href: href)
        #expect(text == """
        <ol class="pathway-steps">
        <li><a href="#testing">Assess HER2 status</a>
        <ul>
        <li>If positive: go to step 3 (Treat: trastuzumab &amp; chemotherapy)</li>
        <li>Next: go to step 2 (Equivocal IHC 2+?)</li>
        </ul>
        </li>
        <li>Equivocal IHC 2+?
        <ul>
        <li>If ISH positive: go to step 3 (Treat: trastuzumab &amp; chemotherapy)</li>
        </ul>
        </li>
        <li><a href="../her2-treatment/index.html#first-line">Treat: trastuzumab &amp; chemotherapy</a></li>
        </ol>
        """)
    }

    /// A node whose target leads nowhere (`href` gives `nil`: a missing heading or article) is no
    /// link in the diagram or the list, and says so; it had linked to the missing anchor or page.
    @Test func aNodeWhoseTargetLeadsNowhereIsNoLink() {
        let p = pathway(small + "\n  click equivocal \"#gone<&>\"")
        let r = PathwayRenderer.render(p, idPrefix: "p", title: "T") { $0 == "#testing" ? "#testing" : nil }
        #expect(r.svg.contains("<a href=\"#testing\" id=\"p-assess\""))
        #expect(r.svg.contains("<g id=\"p-treat\" class=\"pathway-node pathway-rounded pathway-broken\">"
                               + "<title>Broken link: target “her2-treatment#first-line” not found</title><rect "), "\(r.svg)")
        #expect(r.svg.contains("<g id=\"p-equivocal\" class=\"pathway-node pathway-decision pathway-broken\">"
                               + "<title>Broken link: target “#gone&lt;&amp;&gt;” not found</title><polygon "))
        #expect(r.svg.components(separatedBy: "stroke-dasharray=\"6 3\"/>").count == 3)
        #expect(r.svg.components(separatedBy: "<a ").count == 2 && r.svg.components(separatedBy: "</a>").count == 2)
        #expect(!r.svg.contains("href=\"her2") && !r.svg.contains("href=\"#gone"))
        #expect(r.text.contains("<li>Treat: trastuzumab &amp; chemotherapy <span class=\"pathway-broken\">"
                                + "(broken link: target “her2-treatment#first-line” not found)</span></li>"), "\(r.text)")
        #expect(r.text.contains("<li>Equivocal IHC 2+? <span class=\"pathway-broken\">(broken link: target “#gone&lt;&amp;&gt;” not found)</span>"))
        #expect(r.text.components(separatedBy: "<a ").count == 2)
    }

    @Test func cyclesAndSelfLoopsRender() {
        let p = pathway("flowchart TD\n  a --> b --> a\n  b --> b\n  c")
        #expect(PathwaySVG.stepOrder(p).map(\.id) == ["c", "a", "b"])
        let r = PathwayRenderer.render(p, idPrefix: "p", title: "T", href: { $0 })
        #expect(r.svg.components(separatedBy: "class=\"pathway-edge\"").count == 4)
    }

    @Test func wrapsLongLabels() {
        #expect(PathwayText.wrap("First line: trastuzumab + pertuzumab + taxane", limit: 22)
                == ["First line:", "trastuzumab +", "pertuzumab + taxane"])
        #expect(PathwayText.wrap("ado-trastuzumab-emtansine-deruxtecan", limit: 22) == ["ado-trastuzumab-", "emtansine-deruxtecan"])
        #expect(PathwayText.wrap("", limit: 22) == [""])
        // A long word is broken every `limit` characters, and what is left of it joins the next word.
        let lines = PathwayText.wrap(String(repeating: "W", count: 1_000) + " ab", limit: 22)
        #expect(lines.count == 46 && lines.dropLast().allSatisfy { $0 == String(repeating: "W", count: 22) })
        #expect(lines.last == String(repeating: "W", count: 10) + " ab")
    }
}
