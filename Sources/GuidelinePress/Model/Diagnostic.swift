/// How serious a finding is.
public enum Severity: String, Sendable, Codable, Hashable, Comparable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }

    /// `Error` or `Warning`, as the review build labels a finding.
    public var label: String { self == .error ? "Error" : "Warning" }
}

/// A finding about the content: where it is, how serious, which rule, and what is wrong.
///
/// Content problems are collected as values, never thrown, so that one run reports them all.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// The file as shown to the author, relative to the working directory (for example `Content/articles/x.md`).
    public var file: String
    /// The 1-based line in the source file, front matter included; `nil` for a finding about the whole file.
    public var line: Int?
    /// The 1-based column (in UTF-8 bytes, as compilers count); `nil` when the line is `nil`.
    public var column: Int?
    /// Error or warning.
    public var severity: Severity
    /// The rule id from the content contract, such as `claim-uncited`.
    public var rule: Rule
    /// A terse message: the specific thing first, no final period.
    public var message: String
    /// Extra lines that help fix the problem.
    public var notes: [String]

    /// `text` as a message quotes it: on one line (each run of white space one space) and, past
    /// `limit` characters, cut with an ellipsis.
    public static func excerpt(_ text: some StringProtocol, limit: Int = .max) -> String {
        let line = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }

    /// Creates a diagnostic; the severity defaults to the rule's own.
    public init(file: String, line: Int? = nil, column: Int? = nil, severity: Severity? = nil,
                rule: Rule, message: String, notes: [String] = []) {
        self.file = file
        self.line = line
        self.column = line == nil ? nil : (column ?? 1)
        self.severity = severity ?? rule.defaultSeverity
        self.rule = rule
        self.message = message
        self.notes = notes
    }

    /// Creates a diagnostic at a source position.
    public init(file: String, at position: SourcePosition, severity: Severity? = nil,
                rule: Rule, message: String, notes: [String] = []) {
        self.init(file: file, line: position.line, column: position.column, severity: severity,
                  rule: rule, message: message, notes: notes)
    }

    /// The order of the report: by file, then line, then column, then rule.
    public static func reportOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
        if (a.column ?? 0) != (b.column ?? 0) { return (a.column ?? 0) < (b.column ?? 0) }
        if a.rule != b.rule { return a.rule.rawValue < b.rule.rawValue }
        return a.message < b.message
    }
}

/// A 1-based line and column in a source file.
public struct SourcePosition: Sendable, Hashable, Codable, Comparable {
    /// 1-based line.
    public var line: Int
    /// 1-based column in UTF-8 bytes.
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The position with `lines` added to its line.
    public func shifted(by lines: Int) -> SourcePosition {
        SourcePosition(line: line + lines, column: column)
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}
