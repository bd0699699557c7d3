/// Where an article stands in editorial review: Submitted → Under review → Approved.
public enum ReviewStatus: String, Sendable, Hashable, CaseIterable {
    case submitted
    case underReview = "under-review"
    case approved

    /// The label shown on the badge.
    public var label: String {
        switch self {
        case .submitted: "Submitted"
        case .underReview: "Under review"
        case .approved: "Approved"
        }
    }

    /// The step number, 1 to 3.
    public var step: Int {
        switch self {
        case .submitted: 1
        case .underReview: 2
        case .approved: 3
        }
    }
}

/// A value from content with the position it was written at.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value.
    public var value: Value
    /// Where it was written.
    public var position: SourcePosition

    /// Creates a located value.
    public init(_ value: Value, at position: SourcePosition) {
        self.value = value
        self.position = position
    }
}
