/// Reads an article's YAML front matter into ``FrontMatter``.
public enum FrontMatterParser {
    /// Parses the YAML of a front matter block that starts on line 2 of its file.
    public static func parse(_ yaml: String) -> Result<FrontMatter, YAMLDocument.Fault> {
        let lineOffset = 1
        switch YAMLDocument.parseItem(yaml, lineOffset: lineOffset) {
        case .failure(let fault):
            return .failure(fault)
        case .success(let root):
            var fm = FrontMatter()
            guard let root else { return .success(fm) }
            guard let mapping = root.mapping else {
                return .failure(.init(message: "front matter must be a mapping of keys to values",
                                      position: root.position))
            }
            var reader = Reader()
            for pair in mapping {
                let key = pair.key.string ?? ""
                fm.keys.append(Located(key, at: pair.key.position))
                reader.read(key: key, value: pair.value, into: &fm)
            }
            fm.invalid += reader.invalid
            return .success(fm)
        }
    }

    private struct Reader {
        var invalid: [FrontMatter.Field] = []

        func position(_ node: YAMLItem) -> SourcePosition { node.position }

        /// The first bidirectional embedding, override or isolate control in `text` (U+202A–202E,
        /// U+2066–2069), as `U+202E`: shown on every list of questions, such a control can make a
        /// question read as other text (right-to-left scripts need none of them).
        static func bidiControl(in text: String) -> String? {
            guard ByteScan.contains(text, atLeast: 0xE2, or: 0xE2) else { return nil }
            return text.unicodeScalars.first { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }
                .map { "U+" + String($0.value, radix: 16, uppercase: true) }
        }

        mutating func fail(_ key: String, _ message: String, _ node: YAMLItem) {
            invalid.append(.init(key: key, message: message, position: position(node)))
        }

        mutating func scalarString(_ key: String, _ node: YAMLItem) -> String? {
            guard let string = node.string else {
                fail(key, "'\(key)' must be a single value, not a list or mapping", node)
                return nil
            }
            return string
        }

        mutating func date(_ key: String, _ node: YAMLItem) -> Located<ISODate>? {
            guard let text = scalarString(key, node) else { return nil }
            guard let date = ISODate(text.trimmingWhitespace(newlines: false)) else {
                fail(key, "'\(key)' must be an ISO date such as 2025-10-30, not '\(text)'", node)
                return nil
            }
            return Located(date, at: position(node))
        }

        mutating func list(_ key: String, _ node: YAMLItem) -> [Located<String>] {
            if let string = node.string {
                if string.isEmpty || node.isNull { return [] }
                // A single value where the contract shows a list: `topics: breast cancer, her2`
                // (the brackets forgotten) would be one topic named "breast cancer, her2".
                fail(key, "'\(key)' must be a list: write [\(string)]", node)
                return []
            }
            guard let sequence = node.sequence else {
                fail(key, "'\(key)' must be a list", node)
                return []
            }
            var out: [Located<String>] = []
            var seen: [String: SourcePosition] = [:]
            for item in sequence {
                guard let string = item.string else {
                    fail(key, "each item of '\(key)' must be a single value", item)
                    continue
                }
                // A repeat is reported and dropped: the page listed the related question, the
                // topic or the reviewer twice.
                if let first = seen[string] {
                    fail(key, "'\(string)' is listed twice in '\(key)' (first at line \(first.line), column \(first.column))", item)
                    continue
                }
                let at = position(item)
                seen[string] = at
                out.append(Located(string, at: at))
            }
            return out
        }

        mutating func read(key: String, value: YAMLItem, into fm: inout FrontMatter) {
            switch key {
            case "question":
                guard let text = scalarString(key, value) else { return }
                let trimmed = text.trimmingWhitespace()
                if trimmed.isEmpty {
                    fail(key, "'question' is empty", value)
                } else if !trimmed.hasSuffix("?") {
                    fail(key, "question does not end with '?'", value)
                }
                if let control = Self.bidiControl(in: trimmed) {
                    fail(key, "question holds the invisible direction control \(control), which can make it read as other text", value)
                }
                fm.question = Located(trimmed, at: position(value))
            case "status":
                guard let text = scalarString(key, value) else { return }
                if let status = ReviewStatus(rawValue: text) {
                    fm.status = Located(status, at: position(value))
                } else if text.trimmingWhitespace().isEmpty {
                    fail(key, "'status' is empty: write submitted, under-review or approved", value)
                } else {
                    let hint = NearMatch.suggestion(for: text, among: ReviewStatus.allCases.map(\.rawValue))
                        .map { "; did you mean '\($0)'?" } ?? ""
                    fail(key, "status '\(text)' is not one of submitted, under-review, approved\(hint)", value)
                }
            case "updated":
                fm.updated = date(key, value)
            case "reviewed":
                fm.reviewed = position(value)
                guard let mapping = value.mapping else {
                    fail(key, "'reviewed' must be a mapping with 'by' and 'on'", value)
                    return
                }
                for pair in mapping {
                    let name = pair.key.string ?? ""
                    fm.keys.append(Located("reviewed.\(name)", at: pair.key.position))
                    switch name {
                    case "by": fm.reviewedBy = list("reviewed.by", pair.value)
                    case "on": fm.reviewedOn = date("reviewed.on", pair.value)
                    default: break
                    }
                }
            case "topics":
                // A topic is a heading and an anchor (`topic-…`) of the questions page: it needs a
                // letter or digit (`""` or `"!"` gave an empty heading and a bare `topic-` anchor).
                fm.topics = list(key, value).filter { topic in
                    if HeadingAnchors.slug(topic.value).isEmpty {
                        invalid.append(.init(key: key, message: "topic '\(topic.value)' has no letter or digit", position: topic.position))
                        return false
                    }
                    if let control = Self.bidiControl(in: topic.value) {
                        invalid.append(.init(key: key, message: "topic holds the invisible direction control \(control), which can make it read as other text",
                                             position: topic.position))
                    }
                    return true
                }
            case "related":
                fm.related = list(key, value)
            default:
                break
            }
        }
    }
}
