/// Draws a laid-out pathway as an inline SVG, and writes its text form.
///
/// The SVG has no prolog, script or style attribute. Colours come from the site's stylesheet
/// through these classes: `pathway` (the `<svg>`), `pathway-node` (each node's `<a>` or `<g>`,
/// with `pathway-box`, `pathway-rounded` or `pathway-decision`), `pathway-edge` (each edge's `<g>`
/// with its `<path>` and its arrow head, `pathway-arrow`) and `pathway-edge-label` (each edge
/// label's `<g>` with a background `<rect>` and its `<text>`). A node whose target leads nowhere
/// is a `<g>` with `pathway-broken` too, a `<title>` that says so and a dashed outline (an
/// attribute, so it shows with any stylesheet). Without a stylesheet it still reads: shapes are
/// outlined and text is filled in `currentColor`.
public enum PathwaySVG {
    /// The SVG of a laid-out pathway.
    ///
    /// - Parameters:
    ///   - idPrefix: Prefix of every `id` in the SVG; node `x` gets `{idPrefix}-x`.
    ///   - title: The accessible name of the diagram.
    ///   - href: The URL of a node's target as written in its `click` line, or `nil` when the
    ///     target leads nowhere (a missing heading or article): the node is then drawn without a
    ///     link, marked as broken.
    public static func render(_ pathway: Pathway, geometry: PathwayGeometry, idPrefix: String,
                              title: String = "Treatment pathway", href: (String) -> String?) -> String {
        let prefix = HTML.escape(idPrefix)
        let width = format(geometry.width), height = format(geometry.height)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pathway\" viewBox=\"0 0 \(width) \(height)\""
        // Scales down with its container, but never below three quarters of its natural size
        // (text ≥ 10.5 px): a wide diagram then overflows, and the page should let it scroll.
        out += " width=\"100%\" style=\"max-width:\(width)px;min-width:\(format(geometry.width * 0.75))px\" font-size=\"\(format(PathwayText.fontSize))\""
        // A group, not an img: an img's children are presentational, and its nodes are links.
        // The diagram's own ids take `--`, which no node id has (`-` only between id characters):
        // nodes named `title` and `desc` had doubled `pathway-1-title` and `pathway-1-desc`.
        out += " role=\"group\" aria-labelledby=\"\(prefix)--title \(prefix)--desc\">\n"
        out += "<title id=\"\(prefix)--title\">\(HTML.escape(title))</title>\n"
        let steps = pathway.nodes.count, links = pathway.edges.count
        out += "<desc id=\"\(prefix)--desc\">\(steps) \(steps == 1 ? "step" : "steps") and \(links) "
        out += "\(links == 1 ? "connection" : "connections"); the steps are also given as a numbered list</desc>\n"

        for edge in geometry.edges {
            out += "<g class=\"pathway-edge\"><path d=\"\(path(edge.points))\" fill=\"none\" stroke=\"currentColor\"/>"
            if let tip = edge.arrowTip, let base = edge.points.last, let head = arrowHead(from: base, to: tip) {
                out += "<polygon class=\"pathway-arrow\" points=\"\(head)\" fill=\"currentColor\"/>"
            }
            out += "</g>\n"
        }
        for edge in geometry.edges {
            guard let center = edge.labelPosition, let size = edge.labelSize else { continue }
            out += "<g class=\"pathway-edge-label\"><rect x=\"\(format(center.x - size.width / 2))\""
            out += " y=\"\(format(center.y - size.height / 2))\" width=\"\(format(size.width))\""
            out += " height=\"\(format(size.height))\" fill=\"none\"/>"
            out += text(edge.labelLines, center: center) + "</g>\n"
        }
        for node in pathway.nodes {
            guard let placed = geometry.nodes[node.id] else { continue }
            let shapeClass = switch node.shape {
            case .box: "pathway-box"
            case .rounded: "pathway-rounded"
            case .decision: "pathway-decision"
            }
            let id = "\(prefix)-\(HTML.escape(node.id))"
            let url = node.target.flatMap(href)
            // A target that leads nowhere (a `pathway-target` error, drawn only by a review build)
            // had still been a link, to a missing heading or page.
            let broken = node.target != nil && url == nil
            if let url {
                out += "<a href=\"\(HTML.escape(url))\" id=\"\(id)\" class=\"pathway-node \(shapeClass)\">"
            } else if broken, let target = node.target {
                out += "<g id=\"\(id)\" class=\"pathway-node \(shapeClass) pathway-broken\"><title>Broken link: \(brokenNote(target))</title>"
            } else {
                out += "<g id=\"\(id)\" class=\"pathway-node \(shapeClass)\">"
            }
            let c = placed.center, s = placed.size
            switch node.shape {
            case .box, .rounded:
                out += "<rect x=\"\(format(c.x - s.width / 2))\" y=\"\(format(c.y - s.height / 2))\""
                out += " width=\"\(format(s.width))\" height=\"\(format(s.height))\""
                if node.shape == .rounded { out += " rx=\"\(format(min(12, s.height / 2)))\"" }
            case .decision:
                let points = [(c.x, c.y - s.height / 2), (c.x + s.width / 2, c.y), (c.x, c.y + s.height / 2),
                              (c.x - s.width / 2, c.y)]
                out += "<polygon points=\"\(points.map { "\(format($0.0)),\(format($0.1))" }.joined(separator: " "))\""
            }
            out += " fill=\"transparent\" stroke=\"currentColor\"\(broken ? " stroke-dasharray=\"6 3\"" : "")/>"
            out += text(placed.lines, center: c)
            out += url == nil ? "</g>\n" : "</a>\n"
        }
        return out + "</svg>"
    }

    /// The text form of a pathway: an ordered list of its steps, each with the conditions that
    /// lead on from it, in topological order (see `stepOrder`). A step whose target leads nowhere
    /// (`href` gives `nil`) is its label without a link, followed by a note that says so.
    public static func textForm(_ pathway: Pathway, href: (String) -> String?) -> String {
        let order = stepOrder(pathway)
        var number: [String: Int] = [:]
        for (i, node) in order.enumerated() { number[node.id] = i + 1 }
        let byID = Dictionary(pathway.nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var outgoing: [String: [PathwayEdge]] = [:]
        for edge in pathway.edges { outgoing[edge.from, default: []].append(edge) }

        var out = "<ol class=\"pathway-steps\">\n"
        for node in order {
            out += "<li>"
            if let target = node.target, let url = href(target) {
                out += "<a href=\"\(HTML.escape(url))\">\(HTML.escape(node.label))</a>"
            } else if let target = node.target {
                out += "\(HTML.escape(node.label)) <span class=\"pathway-broken\">(broken link: \(brokenNote(target)))</span>"
            } else {
                out += HTML.escape(node.label)
            }
            let edges = outgoing[node.id] ?? []
            if !edges.isEmpty {
                out += "\n<ul>\n"
                for edge in edges {
                    guard let step = number[edge.to], let next = byID[edge.to] else { continue }
                    let condition = edge.label.map { "If \(HTML.escape($0))" } ?? "Next"
                    out += "<li>\(condition): go to step \(step) (\(HTML.escape(next.label)))</li>\n"
                }
                out += "</ul>\n"
            }
            out += "</li>\n"
        }
        return out + "</ol>"
    }

    /// The nodes in topological order, ties going to the node named first; when only cycles are
    /// left, the first of the remaining nodes goes next.
    static func stepOrder(_ pathway: Pathway) -> [PathwayNode] {
        var index: [String: Int] = [:]
        for (i, node) in pathway.nodes.enumerated() where index[node.id] == nil { index[node.id] = i }
        let count = pathway.nodes.count
        var successors = [[Int]](repeating: [], count: count)
        var incoming = [Int](repeating: 0, count: count)
        for edge in pathway.edges {
            guard let a = index[edge.from], let b = index[edge.to], a != b else { continue }
            successors[a].append(b)
            incoming[b] += 1
        }
        var placed = [Bool](repeating: false, count: count)
        var ready = Set(pathway.nodes.indices.filter { incoming[$0] == 0 })
        var order: [Int] = []
        var nextUnplaced = 0
        while order.count < count {
            let n: Int
            if let first = ready.min() {
                n = first
                ready.remove(first)
            } else {
                while placed[nextUnplaced] { nextUnplaced += 1 }
                n = nextUnplaced  // a cycle: break it at its first node
            }
            if placed[n] { continue }
            placed[n] = true
            order.append(n)
            for s in successors[n] where !placed[s] {
                incoming[s] -= 1
                if incoming[s] == 0 { ready.insert(s) }
            }
        }
        return order.map { pathway.nodes[$0] }
    }

    /// What a node whose target leads nowhere says of it after "broken link: ", escaped (`target`
    /// is the author's).
    static func brokenNote(_ target: String) -> String {
        "target “\(HTML.escape(target))” not found"
    }

    // MARK: Drawing

    static func text(_ lines: [String], center: PathwayGeometry.Point) -> String {
        let first = center.y - Double(lines.count - 1) * PathwayText.lineHeight / 2 + PathwayText.fontSize * 0.35
        var out = "<text text-anchor=\"middle\" fill=\"currentColor\">"
        for (i, line) in lines.enumerated() {
            out += "<tspan x=\"\(format(center.x))\" y=\"\(format(first + Double(i) * PathwayText.lineHeight))\">"
            out += HTML.escape(line) + "</tspan>"
        }
        return out + "</text>"
    }

    static func path(_ points: [PathwayGeometry.Point]) -> String {
        guard let start = points.first else { return "" }
        var d = "M\(format(start.x)),\(format(start.y))"
        var i = 1
        while i + 2 < points.count {
            d += " C\(format(points[i].x)),\(format(points[i].y)) \(format(points[i + 1].x)),\(format(points[i + 1].y))"
            d += " \(format(points[i + 2].x)),\(format(points[i + 2].y))"
            i += 3
        }
        return d
    }

    static func arrowHead(from base: PathwayGeometry.Point, to tip: PathwayGeometry.Point) -> String? {
        let dx = tip.x - base.x, dy = tip.y - base.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0.01 else { return nil }
        let halfWidth = 3.5
        let nx = -dy / length * halfWidth, ny = dx / length * halfWidth
        return "\(format(tip.x)),\(format(tip.y)) \(format(base.x + nx)),\(format(base.y + ny)) \(format(base.x - nx)),\(format(base.y - ny))"
    }

    // MARK: Text

    /// A number rounded to one decimal, without a trailing `.0`, locale or exponent.
    static func format(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let tenths = Int((v * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let whole = abs(tenths) / 10, fraction = abs(tenths) % 10
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }
}

/// Lays out and draws a pathway in one step.
public enum PathwayRenderer {
    /// The inline SVG and the text form of a pathway; the SVG is empty if Graphviz fails.
    public static func render(_ p: Pathway, idPrefix: String, title: String,
                              href: (String) -> String?) -> (svg: String, text: String) {
        let text = PathwaySVG.textForm(p, href: href)
        guard let geometry = PathwayLayout.layout(p) else { return ("", text) }
        return (PathwaySVG.render(p, geometry: geometry, idPrefix: idPrefix, title: title, href: href), text)
    }
}
