/// A treatment pathway: a directed graph of steps drawn from a `pathway` code block.
public struct Pathway: Sendable, Hashable {
    /// The direction in which the pathway flows.
    public enum Direction: String, Sendable, Hashable {
        /// Top to bottom (`TD` or `TB`).
        case topDown
        /// Left to right (`LR`).
        case leftRight
    }

    /// The most nodes a pathway may have; a diagram larger than this is unreadable and slow to lay out.
    public static let maximumNodeCount = 200
    /// The most edges a pathway may have, counting labelled edges and the first edge between two
    /// nodes: Graphviz's layout time grows much faster than they do (a 30-node pathway with every
    /// pair linked, 870 labelled edges, ran for minutes; 300 such edges take about a second).
    public static let maximumEdgeCount = 300
    /// The most characters a node or edge label may have. A step of a clinical pathway is a few
    /// words (the longest label of the sample content has 75 characters); a label of hundreds of
    /// thousands, one word wrapped into tens of thousands of lines, is a pasted mistake that made
    /// the build take 31 s. A longer label is a `pathway-syntax` error and is cut to this length.
    public static let maximumLabelLength = 300

    /// The direction of flow.
    public var direction: Direction
    /// The nodes in the order they are first named.
    public var nodes: [PathwayNode]
    /// The edges in source order.
    public var edges: [PathwayEdge]

    /// Creates a pathway.
    public init(direction: Direction = .topDown, nodes: [PathwayNode] = [], edges: [PathwayEdge] = []) {
        self.direction = direction
        self.nodes = nodes
        self.edges = edges
    }

    /// The node with this id, if any.
    public func node(_ id: String) -> PathwayNode? {
        nodes.first { $0.id == id }
    }
}

/// One step or decision of a pathway.
public struct PathwayNode: Sendable, Hashable {
    /// The shape a node is drawn with.
    public enum Shape: String, Sendable, Hashable {
        /// A rectangle, written `id[label]`.
        case box
        /// A rectangle with rounded corners, written `id(label)`.
        case rounded
        /// A diamond, written `id{label}`; a decision needs no target.
        case decision
    }

    /// The author's id (letters, digits, `_` and `-`).
    public var id: String
    /// The text shown in the node; the id when the node is never given a label.
    public var label: String
    /// The node's shape.
    public var shape: Shape
    /// The `click` target as written (`#anchor`, `slug` or `slug#anchor`), if any.
    public var target: String?
    /// Where the node is declared with its label, or first named, in the Markdown file.
    public var position: SourcePosition
    /// Where the target string of its `click` line starts in the Markdown file.
    public var targetPosition: SourcePosition?

    /// Creates a node.
    public init(id: String, label: String, shape: Shape = .box, target: String? = nil,
                position: SourcePosition, targetPosition: SourcePosition? = nil) {
        self.id = id
        self.label = label
        self.shape = shape
        self.target = target
        self.position = position
        self.targetPosition = targetPosition
    }
}

/// A directed connection between two nodes of a pathway, optionally labelled with a condition.
public struct PathwayEdge: Sendable, Hashable {
    /// The id of the node the edge leaves.
    public var from: String
    /// The id of the node the edge enters.
    public var to: String
    /// The condition written on the edge (`-->|label|` or `-- label -->`), if any.
    public var label: String?
    /// Where the edge's arrow starts in the Markdown file.
    public var position: SourcePosition

    /// Creates an edge.
    public init(from: String, to: String, label: String? = nil, position: SourcePosition) {
        self.from = from
        self.to = to
        self.label = label
        self.position = position
    }
}
