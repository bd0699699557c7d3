import Yams

/// Parses one YAML document with positions mapped into its file.
public enum YAMLDocument {
    /// The largest YAML document read (front matter or `site.yaml`); a bigger one is a syntax error.
    public static let maximumSize = 256 * 1024

    /// A YAML fault: its message and position in the file.
    public struct Fault: Error, Sendable, Hashable {
        /// What is wrong.
        public var message: String
        /// Where, in the file.
        public var position: SourcePosition
    }

    /// One constructor for every document: `Constructor.default` builds a new one, with its
    /// tables, on every call. Composing only stores it in the nodes' tags; it is never mutated.
    nonisolated(unsafe) private static let constructor = Constructor.default

    /// Parses `yaml`, whose first line is line `lineOffset + 1` of its file.
    public static func parse(_ yaml: String, lineOffset: Int) -> Result<Node?, Fault> {
        if let fault = limitFault(yaml, lineOffset: lineOffset) { return .failure(fault) }
        return compose(yaml, lineOffset: lineOffset)
    }

    /// Parses `yaml` as ``parse(_:lineOffset:)`` does, into a ``YAMLItem``; the usual front matter
    /// is read by ``SimpleYAML`` without libyaml, with the same result.
    public static func parseItem(_ yaml: String, lineOffset: Int) -> Result<YAMLItem?, Fault> {
        if let fault = limitFault(yaml, lineOffset: lineOffset) { return .failure(fault) }
        if let item = SimpleYAML.read(yaml, lineOffset: lineOffset) { return .success(item) }
        return compose(yaml, lineOffset: lineOffset).map { node in
            node.map { YAMLItem($0, lineOffset: lineOffset, columns: ByteColumns(yaml)) }
        }
    }

    /// The fault of a document too large or nested too deep for the YAML parser, if it is one.
    private static func limitFault(_ yaml: String, lineOffset: Int) -> Fault? {
        if yaml.utf8.count > maximumSize {
            return Fault(message: "YAML is larger than \(maximumSize / 1024) KB",
                         position: SourcePosition(line: lineOffset + 1, column: 1))
        }
        if let depth = excessiveNesting(yaml) {
            // Block nesting is read from indentation: 128 columns is 64 levels of two spaces, but
            // 32 of four, so the message names both (a probe's 34 levels of four spaces were
            // refused as "deeper than 64 levels").
            return Fault(message: "YAML nests deeper than 64 levels, or is indented more than 128 columns",
                         position: depth.shifted(by: lineOffset))
        }
        return nil
    }

    /// `yaml` composed by libyaml; call only when ``limitFault(_:lineOffset:)`` found nothing.
    private static func compose(_ yaml: String, lineOffset: Int) -> Result<Node?, Fault> {
        do {
            // The basic resolver tags every scalar as text: front matter and site.yaml are read as
            // text, so keys with the same text (`1` and `'1'`) are duplicates, and no scalar is run
            // through the default resolver's regular expressions (7 % of the parse stage).
            return .success(try Yams.compose(yaml: yaml, .basic, constructor, .utf8))
        } catch let error as YamlError {
            return .failure(fault(error, yaml: yaml, lineOffset: lineOffset, columns: ByteColumns(yaml)))
        } catch {
            return .failure(Fault(message: "\(error)", position: SourcePosition(line: lineOffset + 1, column: 1)))
        }
    }

    /// Turns libyaml's columns, which count characters, into the UTF-8 byte columns that
    /// diagnostics use (as cmark's do), so that a position after `é` is not a column short.
    public struct ByteColumns: Sendable {
        /// The lines of the document; empty when it is ASCII, where characters are bytes.
        private let lines: [Substring]

        /// Indexes the lines of `yaml`.
        public init(_ yaml: String) {
            lines = ByteScan.contains(yaml, atLeast: 0x80, or: 0x80)
                ? yaml.split(separator: "\n", omittingEmptySubsequences: false) : []
        }

        /// The 1-based byte column of the 1-based character `column` on the document's 1-based `line`.
        public func byteColumn(line: Int, column: Int) -> Int {
            guard column > 1, lines.indices.contains(line - 1) else { return max(1, column) }
            var bytes = 0
            var characters = 0
            for scalar in lines[line - 1].unicodeScalars {
                if characters == column - 1 { break }
                bytes += UTF8.width(scalar)
                characters += 1
            }
            return bytes + (column - 1 - characters) + 1
        }
    }

    /// The file position of a node; with `columns`, its column counts UTF-8 bytes.
    public static func position(of node: Node, lineOffset: Int, columns: ByteColumns? = nil) -> SourcePosition {
        guard let mark = node.mark else { return SourcePosition(line: lineOffset + 1, column: 1) }
        let column = columns?.byteColumn(line: mark.line, column: mark.column) ?? mark.column
        return SourcePosition(line: mark.line + lineOffset, column: column)
    }

    private static func fault(_ error: YamlError, yaml: String, lineOffset: Int, columns: ByteColumns) -> Fault {
        func at(_ mark: Mark) -> SourcePosition {
            SourcePosition(line: mark.line + lineOffset, column: columns.byteColumn(line: mark.line, column: max(1, mark.column)))
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let text = context.map { "\(problem) \($0.text)" } ?? problem
            return Fault(message: text, position: at(mark))
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams marks the key's first occurrence; the fault is the repeat.
            let first = at(context.mark)
            guard duplicates.count == 1, let line = repeatedKey(duplicates[0], after: context.mark, in: yaml) else {
                return Fault(message: "duplicate key '\(duplicates.joined(separator: "', '"))'", position: first)
            }
            return Fault(message: "duplicate key '\(duplicates[0])' (first given on line \(first.line))",
                         position: SourcePosition(line: line + lineOffset, column: first.column))
        case let .reader(problem, _, _, _):
            return Fault(message: problem, position: SourcePosition(line: lineOffset + 1, column: 1))
        default:
            return Fault(message: "\(error)", position: SourcePosition(line: lineOffset + 1, column: 1))
        }
    }

    /// The line where the block-mapping key `key`, first written at `first`, is written again: the
    /// next line that has it at the same column, before the mapping ends (a line indented less).
    /// Nil for a flow mapping or a key spelled differently (quoted, `? key`): the first stands.
    static func repeatedKey(_ key: String, after first: Mark, in yaml: String) -> Int? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.column >= 1, first.line <= lines.count else { return nil }
        let indent = first.column - 1
        for (index, line) in lines.enumerated().dropFirst(first.line) {
            let content = line.drop { $0 == " " }
            if content.isEmpty || content.hasPrefix("#") { continue }
            let column = line.count - content.count
            if column < indent { return nil }
            if column == indent, content.hasPrefix(key),
               content.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") {
                return index + 1
            }
        }
        return nil
    }

    /// Collections nested so deep that the YAML parser would recurse without bound: flow
    /// brackets, or block entries (`- - - x`, deep indentation) on one line.
    private static func excessiveNesting(_ yaml: String) -> SourcePosition? {
        let limit = 64
        var flowDepth = 0
        var line = 1
        var column = 0
        var blockDepth = 0
        var atLineStart = true
        var previous: UInt8 = UInt8(ascii: "\n")
        var yaml = yaml
        // Over the contiguous bytes: iterating `utf8` cost about ten instructions a byte.
        return yaml.withUTF8 { bytes -> SourcePosition? in
            for byte in bytes {
                column += 1
                switch byte {
                case UInt8(ascii: "\n"):
                    line += 1; column = 0; blockDepth = 0; atLineStart = true
                case UInt8(ascii: " "):
                    if atLineStart { blockDepth += 1 }
                    if previous == UInt8(ascii: "-") || previous == UInt8(ascii: "?") { blockDepth += 2 }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flowDepth += 1
                    atLineStart = false
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flowDepth = max(0, flowDepth - 1)
                    atLineStart = false
                case UInt8(ascii: "-"), UInt8(ascii: "?"):
                    break
                default:
                    atLineStart = false
                }
                if flowDepth > limit || blockDepth > 2 * limit {
                    return SourcePosition(line: line, column: column)
                }
                previous = byte
            }
            return nil
        }
    }
}
