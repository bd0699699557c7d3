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
        /// Anything else (an alias libyaml left unresolved): neither a scalar nor a collection.
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
    /// The item for a node that libyaml composed from a document whose first line is line
    /// `lineOffset + 1` of its file.
    init(_ node: Node, lineOffset: Int, columns: YAMLDocument.ByteColumns) {
        position = YAMLDocument.position(of: node, lineOffset: lineOffset, columns: columns)
        switch node {
        case .scalar(let scalar):
            value = .scalar(scalar.string, plain: scalar.style == .plain)
        case .sequence(let sequence):
            value = .sequence(sequence.map { YAMLItem($0, lineOffset: lineOffset, columns: columns) })
        case .mapping(let mapping):
            value = .mapping(mapping.map {
                Pair(key: YAMLItem($0.key, lineOffset: lineOffset, columns: columns),
                     value: YAMLItem($0.value, lineOffset: lineOffset, columns: columns))
            })
        case .alias:
            value = .other
        }
    }
}
