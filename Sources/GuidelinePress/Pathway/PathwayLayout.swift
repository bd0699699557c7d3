import CGraphviz
import Foundation

/// Lays out a pathway with Graphviz's `dot`; the only code that calls Graphviz.
///
/// Node and edge-label boxes are sized here from `PathwayText`'s own metrics and handed to Graphviz
/// as fixed sizes, so the layout does not depend on the fonts installed on the build machine: the
/// same pathway gives the same geometry everywhere. Graphviz never sees a label's text (nodes have
/// empty labels, edge labels empty tables): it would only measure it with Pango, which cost as
/// much as the layout, and no content reaches Graphviz's parser. Graphviz is not thread-safe, so
/// every call goes through one lock; one Graphviz context is created on first use and kept. No C
/// pointer leaves this file and every graph is freed before returning.
public enum PathwayLayout {
    /// Space around the drawing, so that strokes at the edge are not clipped.
    static let margin = 4.0

    /// Lays out a pathway; `nil` only if Graphviz fails.
    ///
    /// Each pathway is drawn twice in a build, in its article and on the pathways page: the
    /// geometry of recent layouts is kept (a few thousand at most) and reused.
    public static func layout(_ pathway: Pathway) -> PathwayGeometry? {
        if let known = recentLayouts.lookup(pathway) { return known }
        // A pathway too tangled to lay out in reasonable time (`pathway-syntax` says so) is shown
        // by its text form alone, in a review build too.
        guard pathway.edges.count < 2 || pathway.layoutBends <= Pathway.maximumBends else { return nil }
        let plan = Plan(pathway)
        let dot = plan.dot(direction: pathway.direction)
        let attributes: GraphAttributes? = graphvizLock.withLock { run(dot) }
        guard let attributes else { return nil }
        let geometry = plan.geometry(from: attributes)
        if let geometry { recentLayouts.keep(geometry, for: pathway) }
        return geometry
    }

    /// How many layouts are kept for reuse: memory stays bounded on any site.
    static let maximumKeptLayouts = 4_096
    private static let recentLayouts = RecentLayouts()

    /// The DOT source Graphviz is given for a pathway (for tests and debugging).
    public static func dot(for pathway: Pathway) -> String {
        Plan(pathway).dot(direction: pathway.direction)
    }

    // MARK: Sizing

    /// The sizes of everything, decided before Graphviz sees the graph.
    struct Plan {
        var nodes: [(id: String, shape: PathwayNode.Shape, lines: [String], size: PathwayGeometry.Size)] = []
        var nodeNumber: [String: Int] = [:]
        var edges: [(from: String, to: String, lines: [String], size: PathwayGeometry.Size?)] = []

        init(_ pathway: Pathway) {
            for node in pathway.nodes where nodeNumber[node.id] == nil {
                let lines = PathwayText.wrap(node.label, limit: PathwayText.nodeLineLength)
                let text = PathwayText.size(lines)
                let size: PathwayGeometry.Size = switch node.shape {
                case .box: .init(width: max(text.width + 24, 72), height: text.height + 14)
                case .rounded: .init(width: max(text.width + 32, 72), height: text.height + 14)
                case .decision: .init(width: max(text.width * 1.6 + 28, 96), height: text.height * 2 + 24)
                }
                nodeNumber[node.id] = nodes.count
                nodes.append((node.id, node.shape, lines, size))
            }
            for edge in pathway.edges where nodeNumber[edge.from] != nil && nodeNumber[edge.to] != nil {
                if let label = edge.label {
                    let lines = PathwayText.wrap(label, limit: PathwayText.edgeLineLength)
                    let text = PathwayText.size(lines)
                    edges.append((edge.from, edge.to, lines, .init(width: text.width + 4, height: text.height + 2)))
                } else {
                    edges.append((edge.from, edge.to, [], nil))
                }
            }
        }

        func dot(direction: Pathway.Direction) -> String {
            var out = "digraph pathway {\n"
            out += "  graph [rankdir=\(direction == .leftRight ? "LR" : "TB"), nodesep=0.3, ranksep=0.45, "
            out += "margin=0, pad=0, splines=spline, fontname=\"Helvetica\", fontsize=14];\n"
            out += "  node [fixedsize=true, fontname=\"Helvetica\", fontsize=14, margin=0];\n"
            out += "  edge [fontname=\"Helvetica\", fontsize=14, arrowsize=0.8];\n"
            for (i, node) in nodes.enumerated() {
                let shape = switch node.shape {
                case .box: "box"
                case .rounded: "box, style=rounded"
                case .decision: "diamond"
                }
                // The box is fixed; the text is drawn by PathwaySVG.
                out += "  n\(i) [label=\"\", shape=\(shape), "
                out += "width=\(PathwayLayout.number(node.size.width / 72)), height=\(PathwayLayout.number(node.size.height / 72))];\n"
            }
            for (i, edge) in edges.enumerated() {
                out += "  n\(nodeNumber[edge.from]!) -> n\(nodeNumber[edge.to]!) [id=\"e\(i)\""
                if let size = edge.size {
                    // An empty table of fixed size reserves the label's box without measuring text.
                    // It is wider than the drawn label so that the edge does not run under the label.
                    let w = Int(size.width.rounded(.up)) + 12, h = Int(size.height.rounded(.up))
                    out += ", label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
                    out += "<TR><TD FIXEDSIZE=\"TRUE\" WIDTH=\"\(w)\" HEIGHT=\"\(h)\"></TD></TR></TABLE>>"
                }
                out += "];\n"
            }
            out += "}\n"
            return out
        }

        func geometry(from a: GraphAttributes) -> PathwayGeometry? {
            let box = PathwayLayout.numbers(a.boundingBox)
            guard box.count == 4 else { return nil }
            let (left, top) = (box[0], box[3])
            func point(_ x: Double, _ y: Double) -> PathwayGeometry.Point {
                .init(x: x - left + PathwayLayout.margin, y: top - y + PathwayLayout.margin)
            }
            func point(_ text: String) -> PathwayGeometry.Point? {
                let v = PathwayLayout.numbers(text)
                return v.count == 2 ? point(v[0], v[1]) : nil
            }
            var geometryNodes: [String: PathwayGeometry.Node] = [:]
            for (i, node) in nodes.enumerated() {
                guard let pos = a.nodePositions[i], let center = point(pos) else { return nil }
                geometryNodes[node.id] = .init(center: center, size: node.size, lines: node.lines)
            }
            var geometryEdges: [PathwayGeometry.Edge] = []
            for (i, edge) in edges.enumerated() {
                guard let pos = a.edgePositions[i] else { return nil }
                let spline = PathwayLayout.spline(pos)
                let points = spline.points.map { point($0.x, $0.y) }
                guard points.count >= 4, (points.count - 1) % 3 == 0 else { return nil }
                let label = a.edgeLabelPositions[i].flatMap { point($0) }
                geometryEdges.append(.init(from: edge.from, to: edge.to, points: points,
                                           arrowTip: spline.tip.map { point($0.x, $0.y) },
                                           labelPosition: edge.size == nil ? nil : label,
                                           labelSize: edge.size, labelLines: edge.lines))
            }
            return PathwayGeometry(width: box[2] - box[0] + 2 * PathwayLayout.margin,
                                   height: box[3] - box[1] + 2 * PathwayLayout.margin,
                                   nodes: geometryNodes, edges: geometryEdges)
        }
    }

    // MARK: DOT text

    /// A number with at most four decimals, without locale or exponent.
    static func number(_ v: Double) -> String {
        let scaled = Int((v * 10_000).rounded())
        let sign = scaled < 0 ? "-" : ""
        let whole = abs(scaled) / 10_000, fraction = abs(scaled) % 10_000
        if fraction == 0 { return "\(sign)\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 4 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(sign)\(whole).\(digits)"
    }

    /// The comma-separated numbers of a Graphviz attribute (pieces that are not numbers are skipped).
    static func numbers(_ s: String) -> [Double] {
        var s = s
        return s.withUTF8 { numbers(in: $0[...]) }
    }

    /// The first spline of an edge's `pos` ("e,x,y s,x,y x,y x,y …", splines separated by `;`):
    /// its points and the arrow's tip (`e,`); the start (`s,`) is not drawn.
    static func spline(_ pos: String) -> (points: [(x: Double, y: Double)], tip: (x: Double, y: Double)?) {
        var pos = pos
        return pos.withUTF8 { bytes in
            var points: [(x: Double, y: Double)] = []
            var tip: (x: Double, y: Double)?
            let first = bytes.split(separator: UInt8(ascii: ";")).first ?? bytes[0..<0]
            for field in first.split(separator: UInt8(ascii: " ")) {
                let isTip = field.starts(with: "e,".utf8)
                if field.starts(with: "s,".utf8) { continue }
                let v = numbers(in: isTip ? field.dropFirst(2) : field)
                guard v.count == 2 else {
                    if isTip { tip = nil }
                    continue
                }
                if isTip { tip = (v[0], v[1]) } else { points.append((v[0], v[1])) }
            }
            return (points, tip)
        }
    }

    /// The numbers of comma-separated pieces, each with any spaces or tabs around it. Graphviz
    /// writes plain decimals, read here as `Double(_:)` reads them (one correctly rounded
    /// division when the digits fit in 53 bits); anything else goes through `Double(_:)` itself.
    static func numbers(in bytes: Slice<UnsafeBufferPointer<UInt8>>) -> [Double] {
        var out: [Double] = []
        for piece in bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
            let isBlank = { (b: UInt8) in b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
            guard let first = piece.firstIndex(where: { !isBlank($0) }),
                  let last = piece.lastIndex(where: { !isBlank($0) }) else { continue }
            let text = piece[first...last]
            if let value = plainDecimal(text) {
                out.append(value)
            } else if let value = Double(String(decoding: text, as: UTF8.self)) {
                out.append(value)
            }
        }
        return out
    }

    /// `[-]digits[.digits]` with at most 15 digits in all, exactly as `Double(_:)` reads it.
    private static func plainDecimal(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Double? {
        var index = text.startIndex
        let negative = text[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: Int64 = 0, digits = 0, decimals = 0, sawPoint = false
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                mantissa = mantissa * 10 + Int64(byte - UInt8(ascii: "0"))
                digits += 1
                if sawPoint { decimals += 1 }
            } else {
                return nil
            }
            index += 1
        }
        // Both operands are exact below 2^53 and 10^22, so the division rounds once, as parsing does.
        guard digits > 0, digits <= 15 else { return nil }
        let value = Double(mantissa) / powersOfTen[decimals]
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...15).reduce(into: []) { powers, k in
        powers.append(k == 0 ? 1 : powers[k - 1] * 10)
    }

    // MARK: Graphviz

    /// The attributes Graphviz computed, copied out of C memory.
    struct GraphAttributes {
        var boundingBox = ""
        var nodePositions: [Int: String] = [:]
        var edgePositions: [Int: String] = [:]
        var edgeLabelPositions: [Int: String] = [:]
    }

    /// Runs `dot` on a DOT source; call only with `graphvizLock` held.
    private static func run(_ dot: String) -> GraphAttributes? {
        guard let gvc = graphvizContext.pointer else { return nil }
        guard let graph = agmemread(dot) else { return nil }
        defer { agclose(graph) }
        guard gvLayout(gvc, graph, "dot") == 0 else { return nil }
        defer { gvFreeLayout(gvc, graph) }
        // Rendering to the `dot` format without an output file writes the layout into the attributes.
        guard gvRender(gvc, graph, "dot", nil) == 0 else { return nil }

        var result = GraphAttributes()
        result.boundingBox = attribute(UnsafeMutableRawPointer(graph), "bb") ?? ""
        var node = agfstnode(graph)
        while let n = node {
            if let name = agnameof(UnsafeMutableRawPointer(n)).map({ String(cString: $0) }),
               name.hasPrefix("n"), let i = Int(name.dropFirst()) {
                result.nodePositions[i] = attribute(UnsafeMutableRawPointer(n), "pos")
            }
            var edge = agfstout(graph, n)
            while let e = edge {
                if let id = attribute(UnsafeMutableRawPointer(e), "id"), id.hasPrefix("e"), let i = Int(id.dropFirst()) {
                    result.edgePositions[i] = attribute(UnsafeMutableRawPointer(e), "pos")
                    result.edgeLabelPositions[i] = attribute(UnsafeMutableRawPointer(e), "lp")
                }
                edge = agnxtout(graph, e)
            }
            node = agnxtnode(graph, n)
        }
        return result
    }

    /// A copy of an attribute's value; `nil` when unset or empty.
    private static func attribute(_ object: UnsafeMutableRawPointer, _ name: String) -> String? {
        var cName = Array(name.utf8CString)
        let value = cName.withUnsafeMutableBufferPointer { agget(object, $0.baseAddress) }
        guard let value, value.pointee != 0 else { return nil }
        return String(cString: value)
    }
}

/// Serialises every use of Graphviz, which keeps global state.
private let graphvizLock = NSLock()

/// The one Graphviz context; its messages are silenced (the input is ours).
private let graphvizContext: GraphvizContext = {
    _ = agseterrf { _ in 0 }
    return GraphvizContext(pointer: GraphvizPlugins.context())
}()

/// A Graphviz context with only the two plugins a layout uses: `dot` layout and the `dot` output
/// that writes positions into the graph's attributes.
///
/// `gvContext()` reads the plugin configuration and picks a text-layout plugin at once, which
/// loads Pango, Cairo, GLib, X11 and some forty other libraries (about 8 ms, most of Graphviz's
/// share of a one-article rebuild) for labels Graphviz never sees: every box has a fixed size.
/// The two plugins are loaded from the folder Graphviz keeps them in (`gvconfig_libdir`); where
/// they are not found, the full context is used (same geometry, slower start).
enum GraphvizPlugins {
    static func context() -> OpaquePointer? {
        if let builtins = builtins(), let context = gvContextPlugins(builtins, 0) { return context }
        return gvContext()
    }

    /// `{name, address}` of each plugin library, ended by `{nil, nil}`; kept for the process.
    private static func builtins() -> UnsafeMutablePointer<lt_symlist_t>? {
        // Graphviz's own answer to "where are the plugins", from a context that loads nothing.
        guard let probe = gvNEWcontext(nil, 0) else { return nil }
        defer { gvFreeContext(probe) }
        guard let libdir = gvconfig_libdir(probe) else { return nil }
        let folder = String(cString: libdir) + "/"
        var symbols: [lt_symlist_t] = []
        for plugin in ["dot_layout", "core"] {
            let name = "gvplugin_\(plugin)_LTX_library"
            let library = ["libgvplugin_\(plugin).so.6", "libgvplugin_\(plugin).so"].lazy
                .compactMap { dlopen(folder + $0, RTLD_NOW | RTLD_LOCAL) }.first
            guard let library, let address = dlsym(library, name) else { return nil }
            symbols.append(lt_symlist_t(name: strdup(name), address: address))
        }
        symbols.append(lt_symlist_t(name: nil, address: nil))
        let list = UnsafeMutablePointer<lt_symlist_t>.allocate(capacity: symbols.count)
        list.initialize(from: symbols, count: symbols.count)
        return list
    }
}

/// Holds the Graphviz context; used only under `graphvizLock`.
private final class GraphvizContext: @unchecked Sendable {
    let pointer: OpaquePointer?
    init(pointer: OpaquePointer?) { self.pointer = pointer }
}

/// The geometry of recent layouts, shared by every thread.
private final class RecentLayouts: @unchecked Sendable {
    private let lock = NSLock()
    private var layouts: [Pathway: PathwayGeometry] = [:]

    func lookup(_ pathway: Pathway) -> PathwayGeometry? {
        lock.withLock { layouts[pathway] }
    }

    func keep(_ geometry: PathwayGeometry, for pathway: Pathway) {
        lock.withLock {
            if layouts.count >= PathwayLayout.maximumKeptLayouts { layouts.removeAll(keepingCapacity: true) }
            layouts[pathway] = geometry
        }
    }
}
