import Yams

/// Reads `site.yaml`.
public enum SiteSettingsParser {
    /// The keys `site.yaml` may have.
    public static let keys = ["title", "base_url", "language", "editorial_policy", "review_interval_days",
                              "ask_url", "disclaimer", "board"]

    /// Parses `site.yaml`, reporting faults against `file`.
    public static func parse(_ text: String, file: String) -> (SiteSettings, [Diagnostic]) {
        var settings = SiteSettings()
        var diagnostics: [Diagnostic] = []
        func fail(_ rule: Rule, _ message: String, _ position: SourcePosition) {
            diagnostics.append(Diagnostic(file: file, at: position, rule: rule, message: message))
        }
        let root: Node?
        switch YAMLDocument.parse(text, lineOffset: 0) {
        case .failure(let fault):
            fail(.frontMatterSyntax, fault.message, fault.position)
            return (settings, diagnostics)
        case .success(let node):
            root = node
        }
        guard let mapping = root?.mapping else {
            fail(.siteInvalid, "site.yaml must be a mapping of settings", SourcePosition(line: 1, column: 1))
            return (settings, diagnostics)
        }
        let columns = YAMLDocument.ByteColumns(text)
        func pos(_ n: Node) -> SourcePosition { YAMLDocument.position(of: n, lineOffset: 0, columns: columns) }
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let string = value.scalar?.string
            switch key {
            case "title": if let s = string { settings.title = s }
            case "base_url":
                if let s = string, s.hasPrefix("https://") || s.hasPrefix("http://") {
                    settings.baseURL = s.hasSuffix("/") ? s : s + "/"
                } else {
                    fail(.siteInvalid, "base_url must be an absolute http(s) URL", pos(value))
                }
            case "language": if let s = string { settings.language = s }
            case "editorial_policy": if let s = string { settings.editorialPolicy = Located(s, at: pos(value)) }
            case "review_interval_days":
                if let s = string, let n = Int(s), n > 0 {
                    settings.reviewIntervalDays = n
                } else {
                    fail(.siteInvalid, "review_interval_days must be a positive whole number", pos(value))
                }
            case "ask_url":
                if let s = string, URLSafety.isSafeExternal(s) {
                    settings.askURL = s
                } else {
                    fail(.urlUnsafe, "ask_url must be an http(s) or mailto: URL", pos(value))
                }
            case "disclaimer":
                // Empty or absent: the default disclaimer stays.
                if value.scalar == nil {
                    fail(.siteInvalid, "disclaimer must be text", pos(value))
                } else if let text = string?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
                    settings.disclaimer = text
                }
            case "board":
                guard let members = value.sequence else {
                    fail(.siteInvalid, "board must be a list of members with id, name and role", pos(value))
                    continue
                }
                var seen = Set<String>()
                for member in members {
                    guard let id = member["id"]?.string, let name = member["name"]?.string else {
                        fail(.siteInvalid, "a board member needs an id and a name", pos(member))
                        continue
                    }
                    if !seen.insert(id).inserted {
                        fail(.siteInvalid, "board id '\(id)' is used twice", pos(member))
                    }
                    settings.board.append(BoardMember(id: id, name: name, role: member["role"]?.string ?? ""))
                }
            default:
                let hint = NearMatch.suggestion(for: key, among: keys).map { "; did you mean '\($0)'?" } ?? ""
                diagnostics.append(Diagnostic(file: file, at: pos(keyNode), severity: .warning, rule: .fieldUnknown,
                                              message: "unknown setting '\(key)'\(hint)"))
            }
        }
        return (settings, diagnostics)
    }
}
