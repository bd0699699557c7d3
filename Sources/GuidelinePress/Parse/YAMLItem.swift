import Yams

/// A composed YAML node as the front matter reader needs it: its value and its position in the
/// file (UTF-8 byte columns). ``SimpleYAML`` builds it for the usual front matter; any other
/// document is composed by libyaml (through ``YAMLDocument``) and converted.
public struct YAMLItem: Sendable, Hashable {
    /// What a node holds.
    public indirect enum Value: Sendable, Hashable {
        /// A scalar's text; `plain` when it was written unquoted (only a plain `~` or `null` is null).
        case scalar(String, plain: Bool)
        /// A sequence's items, in order.
        case sequence([YAMLItem])
        /// A mapping's pairs, in order.
        case mapping([Pair])
        /// A collection below the depth read, or an alias libyaml left unresolved.
        case other
    }

    /// One key and its value.
    public struct Pair: Sendable, Hashable {
        /// The key.
        public var key: YAMLItem
        /// The value.
        public var value: YAMLItem
    }

    /// The node's value.
    public var value: Value
    /// Where the node starts in the file.
    public var position: SourcePosition

    /// The text of a scalar.
    public var string: String? {
        if case .scalar(let text, _) = value { return text }
        return nil
    }

    /// Whether the node is YAML's null, as Yams reads it: a plain empty, `~` or `null` scalar.
    public var isNull: Bool {
        guard case .scalar(let text, plain: true) = value else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// The items of a sequence.
    public var sequence: [YAMLItem]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    /// The pairs of a mapping.
    public var mapping: [Pair]? {
        if case .mapping(let pairs) = value { return pairs }
        return nil
    }
}

extension YAMLItem {
    /// How deep front matter is read: the root mapping, its values, the values of `reviewed`, and
    /// their list items.
    static let frontMatterDepth = 3

    /// The item for a node that libyaml composed from a document whose first line is line
    /// `lineOffset + 1` of its file, converted `depth` levels down: a collection deeper than that
    /// is ``Value/other``. The bound matters: libyaml shares an aliased node wherever it is used,
    /// and nine aliases of nine aliases… would expand into billions of items.
    init(_ node: Node, lineOffset: Int, columns: YAMLDocument.ByteColumns, depth: Int = YAMLItem.frontMatterDepth) {
        position = YAMLDocument.position(of: node, lineOffset: lineOffset, columns: columns)
        switch node {
        case .scalar(let scalar):
            value = .scalar(scalar.string, plain: scalar.style == .plain)
        case .sequence(let sequence) where depth > 0:
            value = .sequence(sequence.map { YAMLItem($0, lineOffset: lineOffset, columns: columns, depth: depth - 1) })
        case .mapping(let mapping) where depth > 0:
            value = .mapping(mapping.map {
                Pair(key: YAMLItem($0.key, lineOffset: lineOffset, columns: columns, depth: depth - 1),
                     value: YAMLItem($0.value, lineOffset: lineOffset, columns: columns, depth: depth - 1))
            })
        case .sequence, .mapping, .alias:
            value = .other
        }
    }
}
