/// Parses the literal of a `pathway` code block: the Mermaid flowchart subset of the content spec (§3).
///
/// Supported, one statement a line, each optionally ending with `;`:
/// - a header `flowchart` or `graph` followed by `TD`, `TB` or `LR` (the first line that is not
///   blank or a comment);
/// - nodes `id[label]`, `id(label)` (rounded) and `id{label}` (a decision), declared on a line of
///   their own or inside an edge; a label may be quoted (`id["a [b]"]`) to contain its closing
///   bracket; a node only ever named bare gets its id as label and a box;
/// - edges `a --> b`, `a -->|label| b`, `a -- label --> b`, and chains of them (`a --> b --> c`);
/// - `click id "target"` and `click id href "target"`;
/// - whole-line `%%` comments and blank lines.
///
/// Ids are ASCII letters, digits, `_` and `-` (a `-` only between id characters, so `a-->b` is an
/// edge). Everything else is a `pathway-syntax` error at its line and column in the Markdown file;
/// the rest of the offending line is skipped and parsing goes on. The parser never traps and runs
/// in time linear in the literal's length.
public enum PathwayParser {
    /// The start of the finding for a pathway cut off past ``Pathway/maximumNodeCount`` nodes or
    /// ``Pathway/maximumEdgeCount`` edges: the parse stops there, before any later `click` lines.
    static let cutOffMessage = "pathway has more than "

    /// Parses a pathway literal.
    ///
    /// - Parameters:
    ///   - literal: The code block's content.
    ///   - file: The Markdown file, for diagnostics.
    ///   - firstLine: The Markdown line of the literal's first line (the line after the opening fence).
    ///   - column: The Markdown column at which the literal's lines start (the fence's indentation plus one).
    /// Whether a fenced code block with this info string is a pathway: its first word, ended by a
    /// space or a tab as CommonMark's info strings are, is `pathway` (```` ```pathway<tab>x ```` had
    /// been shown as code, unchecked: second probe).
    public static func isPathway(info: String) -> Bool {
        info.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" }).first == "pathway"
    }

    public static func parse(_ literal: String, file: String, firstLine: Int, column: Int)
        -> (pathway: Pathway, diagnostics: [Diagnostic]) {
        var parser = LineParser(bytes: Array(literal.utf8), file: file, column: column)
        var lineIndex = 0
        var start = 0
        let count = parser.bytes.count
        while start <= count {
            var end = start
            while end < count && parser.bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let next = end + 1
            if end > start && parser.bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            if !parser.parseLine(start: start, end: end, line: firstLine + lineIndex) { break }
            lineIndex += 1
            start = next
        }
        return parser.finish(firstLine: firstLine)
    }
}

/// The state of one parse: the bytes, what has been built so far and the findings.
private struct LineParser {
    let bytes: [UInt8]
    let file: String
    let column: Int

    var direction = Pathway.Direction.topDown
    var sawHeader = false
    var headerPosition: SourcePosition?
    var nodes: [PathwayNode] = []
    var nodeIndex: [String: Int] = [:]
    var declared: Set<String> = []
    var edges: [PathwayEdge] = []
    var clicks: [(id: String, target: String, idPosition: SourcePosition, targetPosition: SourcePosition)] = []
    var diagnostics: [Diagnostic] = []

    // Per-line state.
    var lineStart = 0
    var lineEnd = 0
    var line = 0
    var tooMany = false
    /// The node pairs an edge joins, and the edges counted against ``Pathway/maximumEdgeCount``.
    var edgePairs: Set<String> = []
    var countedEdges = 0

    init(bytes: [UInt8], file: String, column: Int) {
        self.bytes = bytes
        self.file = file
        self.column = column
    }

    // MARK: Lines

    /// Parses one line; returns `false` when parsing must stop (too many nodes).
    mutating func parseLine(start: Int, end: Int, line: Int) -> Bool {
        lineStart = start
        lineEnd = end
        self.line = line
        var p = skipSpace(start)
        if p == end { return true }
        if startsWith("%%", at: p) { return true }

        let wordEnd = scanWord(p)
        let word = text(p, wordEnd)
        let wordStands = wordEnd == end || isSpace(bytes[wordEnd]) || bytes[wordEnd] == UInt8(ascii: ";")

        if !sawHeader {
            sawHeader = true
            headerPosition = position(p)
            if (word == "flowchart" || word == "graph") && wordStands {
                parseHeader(keyword: word, after: wordEnd)
                return true
            }
            error(at: p, "expected 'flowchart TD', 'flowchart TB' or 'flowchart LR' as the first line, found \(found(p))")
            // Go on and read the line as a statement: the header is most likely just missing.
        } else if (word == "flowchart" || word == "graph") && wordStands {
            error(at: p, "unexpected second '\(word)' header")
            return true
        }

        if wordStands && Self.unsupportedKeywords.contains(word) {
            error(at: p, "unsupported statement '\(word)'; a pathway has nodes, edges, 'click' lines and '%%' comments")
            return true
        }
        if word == "click" && wordStands && wordEnd < end && isSpace(bytes[wordEnd]) {
            parseClick(after: wordEnd)
            return !tooMany
        }
        p = parseChain(at: p)
        return !tooMany
    }

    static let unsupportedKeywords: Set<String> = [
        "subgraph", "end", "style", "classDef", "class", "linkStyle", "direction", "accTitle",
        "accDescr", "callback", "call",
    ]

    mutating func parseHeader(keyword: String, after wordEnd: Int) {
        let p = skipSpace(wordEnd)
        let dirEnd = scanWord(p)
        let dir = text(p, dirEnd)
        switch dir {
        case "TD", "TB": direction = .topDown
        case "LR": direction = .leftRight
        case "":
            error(at: p, "expected direction 'TD', 'TB' or 'LR' after '\(keyword)'")
            return
        case "RL", "BT":
            error(at: p, "unsupported direction '\(dir)'; expected 'TD', 'TB' or 'LR'")
            return
        default:
            error(at: p, "unknown direction '\(dir)'; expected 'TD', 'TB' or 'LR'")
            return
        }
        expectEnd(dirEnd, after: "'\(keyword) \(dir)'")
    }

    mutating func parseClick(after wordEnd: Int) {
        var p = skipSpace(wordEnd)
        let idEnd = scanID(p)
        guard idEnd > p else {
            error(at: p, "expected node id after 'click', found \(found(p))")
            return
        }
        let id = text(p, idEnd)
        let idPosition = position(p)
        p = skipSpace(idEnd)
        let hrefEnd = scanWord(p)
        if text(p, hrefEnd) == "href" && hrefEnd < lineEnd && isSpace(bytes[hrefEnd]) {
            p = skipSpace(hrefEnd)
        }
        guard p < lineEnd && bytes[p] == UInt8(ascii: "\"") else {
            error(at: p, "expected quoted target after 'click \(id)', such as \"#anchor\", found \(found(p))")
            return
        }
        let open = p
        p += 1
        while p < lineEnd && bytes[p] != UInt8(ascii: "\"") { p += 1 }
        guard p < lineEnd else {
            error(at: open, "expected '\"' to end the target of 'click \(id)'")
            return
        }
        let target = text(open + 1, p)
        guard expectEnd(p + 1, after: "the target of 'click \(id)'") else { return }
        clicks.append((id, target, idPosition, position(open + 1)))
    }

    /// Parses `node (arrow node)*`; returns where it stopped.
    mutating func parseChain(at start: Int) -> Int {
        guard let first = parseNodeRef(at: start) else { return lineEnd }
        var previous = first.id
        var p = first.end
        while true {
            p = skipSpace(p)
            if p == lineEnd || bytes[p] == UInt8(ascii: ";") {
                expectEnd(p, after: "node '\(previous)'")
                return lineEnd
            }
            let arrowPosition = position(p)
            /// The edge label from `start` to the first `closing` on the line, and where that closing
            /// starts; a missing closing or an empty label is reported at `opener`.
            func edgeLabel(from start: Int, openedAt opener: Int, closedBy closing: StaticString,
                           after arrow: String) -> (String, Int)? {
                var r = skipSpace(start)
                // A quoted label may hold the closing text (`-->|"yes | no"|`, as in Mermaid).
                if r < lineEnd && bytes[r] == UInt8(ascii: "\"") {
                    var q = r + 1
                    while q < lineEnd && bytes[q] != UInt8(ascii: "\"") { q += 1 }
                    if q < lineEnd { r = q + 1 }
                }
                while r < lineEnd && !startsWith(closing, at: r) { r += 1 }
                guard r < lineEnd else {
                    error(at: opener, "expected '\(closing)' to end the edge label after '\(arrow)'")
                    return nil
                }
                guard let l = labelText(start, r) else {
                    error(at: opener, "empty edge label")
                    return nil
                }
                return (limited(l, at: skipSpace(start), of: "edge label"), r)
            }
            var label: String?
            if startsWith("-->", at: p) && !(p + 3 < lineEnd && Self.linkSymbols.contains(bytes[p + 3])) {
                p += 3
                let q = skipSpace(p)
                if q < lineEnd && bytes[q] == UInt8(ascii: "|") {
                    guard let (l, r) = edgeLabel(from: q + 1, openedAt: q, closedBy: "|", after: "-->") else {
                        return lineEnd
                    }
                    label = l
                    p = r + 1
                }
            } else if startsWith("--", at: p) && p + 2 < lineEnd && isSpace(bytes[p + 2]) {
                // `a -- label --> b`
                guard let (l, r) = edgeLabel(from: p + 2, openedAt: p, closedBy: "-->", after: "--") else {
                    return lineEnd
                }
                label = l
                p = r + 3
            } else {
                var r = p
                while r < lineEnd && Self.linkSymbols.contains(bytes[r]) { r += 1 }
                if startsWith("%%", at: p) {
                    error(at: p, "'%%' comments must be on a line of their own")
                } else if r > p {
                    if r < lineEnd && (bytes[r] == UInt8(ascii: "o") || bytes[r] == UInt8(ascii: "x"))
                        && (r + 1 == lineEnd || !isIDByte(bytes[r + 1])) { r += 1 }
                    error(at: p, "unsupported link '\(text(p, r))'; expected '-->'")
                } else {
                    error(at: p, "expected '-->' after node '\(previous)', found \(found(p))")
                }
                return lineEnd
            }
            p = skipSpace(p)
            guard let next = parseNodeRef(at: p, after: "'-->'") else { return lineEnd }
            // Counted: labelled edges and the first edge between two nodes (Graphviz lays out a
            // repeated unlabelled edge at no cost worth counting).
            if label != nil || edgePairs.insert(previous + "\u{0}" + next.id).inserted {
                guard countedEdges < Pathway.maximumEdgeCount else {
                    error(at: p, "\(PathwayParser.cutOffMessage)\(Pathway.maximumEdgeCount) edges")
                    tooMany = true
                    return lineEnd
                }
                countedEdges += 1
            }
            edges.append(PathwayEdge(from: previous, to: next.id, label: label, position: arrowPosition))
            previous = next.id
            p = next.end
        }
    }

    static let linkSymbols: Set<UInt8> = Set("-=.<>~".utf8)

    /// Parses `id`, `id[label]`, `id(label)` or `id{label}` and records the node.
    mutating func parseNodeRef(at start: Int, after context: String? = nil) -> (id: String, end: Int)? {
        let idEnd = scanID(start)
        guard idEnd > start else {
            if let context {
                error(at: start, "expected node id after \(context), found \(found(start))")
            } else {
                error(at: start, "expected node id, found \(found(start))")
            }
            return nil
        }
        let id = text(start, idEnd)
        var p = idEnd
        var declaration: (shape: PathwayNode.Shape, label: String)?
        if p < lineEnd, let (shape, close) = Self.shapes[bytes[p]] {
            let open = p
            if p + 1 < lineEnd, Self.doubledShapes.contains([bytes[p], bytes[p + 1]]) {
                error(at: open, "unsupported node shape '\(text(p, p + 2))'; use 'id[label]', 'id(label)' or 'id{label}'")
                return nil
            }
            var q = skipSpace(p + 1)
            var labelStart = p + 1
            var labelEnd: Int
            if q < lineEnd && bytes[q] == UInt8(ascii: "\"") {
                labelStart = q + 1
                q += 1
                while q < lineEnd && bytes[q] != UInt8(ascii: "\"") { q += 1 }
                guard q < lineEnd else {
                    error(at: open, "expected '\"' to end the quoted label of node '\(id)'")
                    return nil
                }
                labelEnd = q
                q = skipSpace(q + 1)
                guard q < lineEnd && bytes[q] == close else {
                    error(at: q, "expected '\(Character(Unicode.Scalar(close)))' after the quoted label of node '\(id)'")
                    return nil
                }
            } else {
                while q < lineEnd && bytes[q] != close { q += 1 }
                guard q < lineEnd else {
                    error(at: open, "expected '\(Character(Unicode.Scalar(close)))' to end the label of node '\(id)'")
                    return nil
                }
                labelEnd = q
            }
            guard let label = labelText(labelStart, labelEnd, unquote: false) else {
                error(at: open, "empty label for node '\(id)'")
                return nil
            }
            declaration = (shape, limited(label, at: skipSpace(labelStart), of: "label of node '\(id)'"))
            p = q + 1
        }
        guard record(id: id, at: start, declaration: declaration) else { return nil }
        return (id, p)
    }

    static let shapes: [UInt8: (PathwayNode.Shape, UInt8)] = [
        UInt8(ascii: "["): (.box, UInt8(ascii: "]")),
        UInt8(ascii: "("): (.rounded, UInt8(ascii: ")")),
        UInt8(ascii: "{"): (.decision, UInt8(ascii: "}")),
    ]
    static let doubledShapes: Set<[UInt8]> = ["[[", "[(", "[/", "[\\", "((", "([", "{{"].map { Array($0.utf8) }
        .reduce(into: []) { $0.insert($1) }

    /// Records a mention of a node; returns `false` when the node cannot be added.
    mutating func record(id: String, at start: Int, declaration: (shape: PathwayNode.Shape, label: String)?) -> Bool {
        if let i = nodeIndex[id] {
            guard let declaration else { return true }
            if declared.contains(id) {
                if nodes[i].label != declaration.label || nodes[i].shape != declaration.shape {
                    error(at: start, "node '\(id)' redeclared with a different label or shape; first declared on line \(nodes[i].position.line)")
                }
            } else {
                nodes[i].label = declaration.label
                nodes[i].shape = declaration.shape
                nodes[i].position = position(start)
                declared.insert(id)
            }
            return true
        }
        guard nodes.count < Pathway.maximumNodeCount else {
            error(at: start, "\(PathwayParser.cutOffMessage)\(Pathway.maximumNodeCount) nodes")
            tooMany = true
            return false
        }
        nodeIndex[id] = nodes.count
        nodes.append(PathwayNode(id: id, label: declaration?.label ?? id, shape: declaration?.shape ?? .box,
                                 position: position(start)))
        if declaration != nil { declared.insert(id) }
        return true
    }

    /// `label`, reported at `p` and cut to ``Pathway/maximumLabelLength`` characters (ending in
    /// "…") when it is longer: the pathway is still drawn in a review build, with the label cut.
    mutating func limited(_ label: String, at p: Int, of what: String) -> String {
        // Counting bytes first: nearly every label is far shorter, and counting characters is not free.
        guard label.utf8.count > Pathway.maximumLabelLength else { return label }
        let length = label.count
        guard length > Pathway.maximumLabelLength else { return label }
        error(at: p, "\(what) has \(length) characters (at most \(Pathway.maximumLabelLength)); "
                + "keep a step to a few words and put the detail in the article")
        return String(label.prefix(Pathway.maximumLabelLength)) + "…"
    }

    /// Accepts an optional `;` and trailing blanks; reports anything else.
    @discardableResult
    mutating func expectEnd(_ start: Int, after context: String) -> Bool {
        var p = skipSpace(start)
        if p < lineEnd && bytes[p] == UInt8(ascii: ";") { p = skipSpace(p + 1) }
        guard p == lineEnd else {
            error(at: p, "unexpected '\(token(p))' after \(context)")
            return false
        }
        return true
    }

    // MARK: End

    mutating func finish(firstLine: Int) -> (pathway: Pathway, diagnostics: [Diagnostic]) {
        if !sawHeader {
            diagnostics.append(Diagnostic(file: file, at: SourcePosition(line: firstLine, column: column),
                                          rule: .pathwaySyntax, message: "empty pathway; expected 'flowchart TD' and at least one node"))
        } else if nodes.isEmpty && diagnostics.isEmpty, let headerPosition {
            diagnostics.append(Diagnostic(file: file, at: headerPosition, rule: .pathwaySyntax,
                                          message: "pathway has no nodes"))
        }
        for click in clicks {
            guard let i = nodeIndex[click.id] else {
                var message = "click names unknown node '\(click.id)'"
                if let near = NearMatch.suggestion(for: click.id, among: nodes.map(\.id)) {
                    message += "; did you mean '\(near)'?"
                }
                diagnostics.append(Diagnostic(file: file, at: click.idPosition, rule: .pathwaySyntax, message: message))
                continue
            }
            if let earlier = nodes[i].targetPosition {
                diagnostics.append(Diagnostic(file: file, at: click.idPosition, rule: .pathwaySyntax,
                                              message: "node '\(click.id)' already has a click target on line \(earlier.line)"))
                continue
            }
            nodes[i].target = click.target
            nodes[i].targetPosition = click.targetPosition
        }
        let pathway = Pathway(direction: direction, nodes: nodes, edges: edges)
        if let headerPosition, pathway.edges.count > 1 {
            let bends = pathway.layoutBends
            if bends > Pathway.maximumBends {
                diagnostics.append(Diagnostic(file: file, at: headerPosition, rule: .pathwaySyntax,
                    message: "pathway is too tangled to draw: its edges would bend through \(bends) steps of the chart "
                        + "(at most \(Pathway.maximumBends)), which takes Graphviz from seconds to minutes; "
                        + "split it into smaller pathways or remove long edges back up the chart"))
            }
        }
        return (pathway, diagnostics)
    }

    // MARK: Bytes

    mutating func error(at p: Int, _ message: String) {
        diagnostics.append(Diagnostic(file: file, at: position(p), rule: .pathwaySyntax, message: message))
    }

    func position(_ p: Int) -> SourcePosition {
        SourcePosition(line: line, column: column + (p - lineStart))
    }

    func isSpace(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }

    func isIDByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_")
    }

    func skipSpace(_ start: Int) -> Int {
        var p = start
        while p < lineEnd && isSpace(bytes[p]) { p += 1 }
        return p
    }

    /// The end of an id starting at `start`: id bytes, with `-` only between id bytes.
    func scanID(_ start: Int) -> Int {
        var p = start
        while p < lineEnd {
            if isIDByte(bytes[p]) {
                p += 1
            } else if bytes[p] == UInt8(ascii: "-") && p > start && p + 1 < lineEnd && isIDByte(bytes[p + 1]) {
                p += 1
            } else {
                break
            }
        }
        return p
    }

    /// The end of a keyword (letters only) starting at `start`.
    func scanWord(_ start: Int) -> Int {
        var p = start
        while p < lineEnd && ((bytes[p] >= UInt8(ascii: "a") && bytes[p] <= UInt8(ascii: "z"))
                              || (bytes[p] >= UInt8(ascii: "A") && bytes[p] <= UInt8(ascii: "Z"))) { p += 1 }
        return p
    }

    func startsWith(_ s: StaticString, at p: Int) -> Bool {
        let n = s.utf8CodeUnitCount
        guard p + n <= lineEnd else { return false }
        let u = s.utf8Start
        for k in 0..<n where bytes[p + k] != u[k] { return false }
        return true
    }

    func text(_ a: Int, _ b: Int) -> String {
        String(decoding: bytes[a..<b], as: UTF8.self)
    }

    /// The trimmed text between `a` and `b`, without surrounding double quotes; `nil` when empty.
    func labelText(_ a: Int, _ b: Int, unquote: Bool = true) -> String? {
        var s = a, e = b
        while s < e && isSpace(bytes[s]) { s += 1 }
        while e > s && isSpace(bytes[e - 1]) { e -= 1 }
        if unquote && e - s >= 2 && bytes[s] == UInt8(ascii: "\"") && bytes[e - 1] == UInt8(ascii: "\"") {
            s += 1
            e -= 1
            while s < e && isSpace(bytes[s]) { s += 1 }
            while e > s && isSpace(bytes[e - 1]) { e -= 1 }
        }
        return s < e ? text(s, e) : nil
    }

    /// `'token'` for the text at `p`, or `end of line`, for messages.
    func found(_ p: Int) -> String {
        p >= lineEnd ? "end of line" : "'\(token(p))'"
    }

    /// The non-blank text at `p` (at most 20 bytes, whole characters), for messages.
    func token(_ p: Int) -> String {
        var e = p
        while e < lineEnd && !isSpace(bytes[e]) && e - p < 20 { e += 1 }
        while e < lineEnd && bytes[e] & 0xC0 == 0x80 { e += 1 }
        return text(p, e)
    }
}
