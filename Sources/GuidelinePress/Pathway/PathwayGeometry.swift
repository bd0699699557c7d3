/// Where everything of a laid-out pathway goes, in SVG user units (y grows downwards, origin top left).
public struct PathwayGeometry: Sendable, Hashable {
    /// A point.
    public struct Point: Sendable, Hashable {
        /// Horizontal coordinate.
        public var x: Double
        /// Vertical coordinate, growing downwards.
        public var y: Double
        /// Creates a point.
        public init(x: Double, y: Double) { self.x = x; self.y = y }
    }

    /// A width and a height.
    public struct Size: Sendable, Hashable {
        /// Width.
        public var width: Double
        /// Height.
        public var height: Double
        /// Creates a size.
        public init(width: Double, height: Double) { self.width = width; self.height = height }
    }

    /// A placed node.
    public struct Node: Sendable, Hashable {
        /// The centre of the node's shape.
        public var center: Point
        /// The bounding box of the node's shape.
        public var size: Size
        /// The label, wrapped into lines.
        public var lines: [String]
    }

    /// A routed edge.
    public struct Edge: Sendable, Hashable {
        /// The id of the node the edge leaves.
        public var from: String
        /// The id of the node the edge enters.
        public var to: String
        /// Cubic Bézier control points: a start point, then three points per segment.
        public var points: [Point]
        /// The tip of the arrow head; the arrow runs from the last point to here.
        public var arrowTip: Point?
        /// The centre of the edge's label, if it has one.
        public var labelPosition: Point?
        /// The box reserved for the label, if it has one.
        public var labelSize: Size?
        /// The label, wrapped into lines.
        public var labelLines: [String]
    }

    /// The natural width of the drawing.
    public var width: Double
    /// The natural height of the drawing.
    public var height: Double
    /// The nodes by id.
    public var nodes: [String: Node]
    /// The edges, in the pathway's order.
    public var edges: [Edge]
}

/// How pathway text is measured and wrapped, so that layout and drawing agree without asking
/// any font library (which would make the layout depend on the fonts installed).
enum PathwayText {
    /// The font size of all pathway text, in user units.
    static let fontSize = 14.0
    /// The distance between two baselines.
    static let lineHeight = 18.0
    /// The longest line of a node label, in characters.
    static let nodeLineLength = 22
    /// The longest line of an edge label, in characters.
    static let edgeLineLength = 18

    /// Splits text into lines of at most `limit` characters, at spaces where possible.
    static func wrap(_ text: String, limit: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: { $0.isWhitespace }) {
            var word = Substring(word)
            // Counted once and kept up to date: counting the rest of a long word again for each
            // line it is broken into made wrapping quadratic in the word's length.
            var length = word.count
            while length > limit {
                if !current.isEmpty { lines.append(current); current = "" }
                // Break long words after a hyphen or slash when one is near the limit.
                let head = word.prefix(limit)
                let cut = head.lastIndex(where: { $0 == "-" || $0 == "/" }).map { word.index(after: $0) }
                let end = cut.flatMap { word.distance(from: word.startIndex, to: $0) >= limit / 2 ? $0 : nil }
                    ?? head.endIndex
                lines.append(String(word[..<end]))
                length -= word.distance(from: word.startIndex, to: end)
                word = word[end...]
            }
            if word.isEmpty { continue }
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + length <= limit {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// An estimate of the width of one line, generous enough for common sans-serif fonts.
    static func width(_ line: String) -> Double {
        var units = 0.0
        for scalar in line.unicodeScalars {
            let v = scalar.value
            if v >= 32 && v < 127 {
                units += Double(helveticaWidths[Int(v - 32)])
            } else if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                        || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || v >= 0x1F300 {
                units += 1000
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else {
                units += 600
            }
        }
        // Helvetica's metrics, widened by 15% for wider faces such as DejaVu Sans or Verdana-like UI fonts.
        return units / 1000 * fontSize * 1.15
    }

    /// Helvetica's advance widths (per 1000 em) for ASCII 32–126.
    static let helveticaWidths: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    ]

    /// The size of a block of lines.
    static func size(_ lines: [String]) -> PathwayGeometry.Size {
        PathwayGeometry.Size(width: lines.map(width).max() ?? 0, height: Double(lines.count) * lineHeight)
    }
}
