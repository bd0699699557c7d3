/// Reference ids that a bare key cannot spell.
///
/// Pandoc ends a bare key at the first character a key cannot hold (`=`, `(`, `;`, a `.` or `/`
/// not followed by a key character), so `[@url:https://example.org/a?b=c]` cites
/// `url:https://example.org/a?b`, and a Wiley DOI of the 1990s as a Manubot key
/// (`doi:10.1002/(SICI)…;2-#`) does not parse at all. Such ids are cited in braces, `[@{…}]`;
/// `citation-unknown` and `citation-malformed` say so when the text after `@` spells one.
enum BracedKeys {
    /// The ids of `ids` that `[@id]` does not cite whole, longest first (so that the longest id
    /// a text spells is found first).
    static func needingBraces(_ ids: some Sequence<String>) -> [String] {
        ids.filter { !cites("[@\($0)]", $0) }
        .sorted { $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0 < $1 }
    }

    /// The id of `braced` that `text`, the source after a citation's `@`, starts with, when
    /// `[@{id}]` cites it (an id with an unbalanced `}` cannot be cited at all).
    static func id(spelledBy text: some StringProtocol, among braced: [String]) -> String? {
        guard let id = braced.first(where: { text.hasPrefix($0) }), cites("[@{\(id)}]", id) else { return nil }
        return id
    }

    /// Whether `written` is one citation of `id` alone.
    private static func cites(_ written: String, _ id: String) -> Bool {
        let pieces = CitationParser.scan(written) { _ in SourcePosition(line: 1, column: 1) }
        guard pieces.count == 1, case .citation(let citation) = pieces[0] else { return false }
        return citation.items.map(\.key) == [id]
    }

    /// How to cite `id` alone: `[@id]`, or `[@{id}]` when a bare key cannot spell it.
    static func citation(of id: String) -> String {
        cites("[@\(id)]", id) ? "[@\(id)]" : "[@{\(id)}]"
    }

    /// The end of a finding's message for an id that must be cited in braces.
    static func hint(_ id: String) -> String {
        "; did you mean [@{\(id)}]? (an id with characters such as '=', '(' or ';' is cited in braces)"
    }
}
