import Foundation

/// The output formats of diagnostics (spec §1).
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// `file:line:col: severity: message [rule]`, each of its notes as `file:line:col: note: …`
    /// (as compilers print theirs), then a summary line.
    case text
    /// One JSON array of `{file, line, column, severity, rule, message}`.
    case json
    /// GitHub Actions workflow commands (a finding's notes on lines of their own in its message).
    case github

    /// Formats `diagnostics` (already in report order) for a run over `articleCount` articles.
    public func format(_ diagnostics: [Diagnostic], articleCount: Int) -> String {
        switch self {
        case .text:
            var out = ""
            for d in diagnostics {
                let location = Self.oneLine(Self.location(d))
                out += location + ": \(d.severity.rawValue): \(Self.oneLine(d.message)) [\(d.rule.rawValue)]\n"
                // The notes say how to fix it or why it stands; no format printed them (second probe).
                for note in d.notes { out += location + ": note: \(Self.oneLine(note))\n" }
            }
            return out + Self.summary(diagnostics, articleCount: articleCount) + "\n"
        case .json:
            let items = diagnostics.map { d -> String in
                let line = d.line.map(String.init) ?? "null"
                let column = d.column.map(String.init) ?? "null"
                return "  {\"file\": \(Self.json(d.file)), \"line\": \(line), \"column\": \(column), "
                    + "\"severity\": \"\(d.severity.rawValue)\", \"rule\": \"\(d.rule.rawValue)\", \"message\": \(Self.json(d.message))}"
            }
            return items.isEmpty ? "[]\n" : "[\n" + items.joined(separator: ",\n") + "\n]\n"
        case .github:
            var out = ""
            for d in diagnostics {
                var properties = "file=\(Self.githubProperty(d.file))"
                if let line = d.line { properties += ",line=\(line)" }
                if let column = d.column { properties += ",col=\(column)" }
                properties += ",title=\(Self.githubProperty(d.rule.rawValue))"
                let message = ([d.message] + d.notes.map { "note: " + $0 }).joined(separator: "\n")
                out += "::\(d.severity.rawValue) \(properties)::\(Self.githubData(message))\n"
            }
            return out
        }
    }

    /// `2 errors, 1 warning in 7 articles`.
    public static func summary(_ diagnostics: [Diagnostic], articleCount: Int) -> String {
        "\(counts(diagnostics)) in \(count(articleCount, "article"))"
    }

    /// `2 errors, 1 warning`: the findings counted by severity (also the review build's words).
    public static func counts(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.count { $0.severity == .error }
        let warnings = diagnostics.count { $0.severity == .warning }
        return "\(count(errors, "error")), \(count(warnings, "warning"))"
    }

    /// `1 error`, `2 errors`.
    private static func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// Text from content on one line: a line break in a quoted value (a DOI, a YAML string) split a
    /// finding over two lines, and content could write lines that read as findings of their own.
    /// Control characters and the Unicode line and paragraph separators are shown escaped.
    static func oneLine(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        return escaping(s) { scalar in
            switch scalar {
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            default: nil
            }
        }
    }

    /// Control characters and the Unicode line and paragraph separators.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// `s` with each scalar that `special` replaces replaced, and the other control characters
    /// (``isControl(_:)``) shown escaped (`\u{1B}`).
    private static func escaping(_ s: String, _ special: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if let replacement = special(scalar) {
                out += replacement
            } else if isControl(scalar) {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func location(_ d: Diagnostic) -> String {
        guard let line = d.line else { return d.file }
        return "\(d.file):\(line):\(d.column ?? 1)"
    }

    private static func json(_ s: String) -> String {
        JSONText.string(s, forScript: false)
    }

    /// A workflow command's data: `%`, CR and LF percent-encoded as GitHub reads them, and the other
    /// control characters shown escaped as in the text format (an ESC or BEL from content reached
    /// the CI log raw: terminal escapes in a log viewer, nineteenth session's probe).
    private static func githubData(_ s: String) -> String {
        escaping(s) { scalar in
            switch scalar {
            case "%": "%25"
            case "\r": "%0D"
            case "\n": "%0A"
            case "\t": "\\t"
            default: nil
            }
        }
    }

    private static func githubProperty(_ s: String) -> String {
        githubData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
