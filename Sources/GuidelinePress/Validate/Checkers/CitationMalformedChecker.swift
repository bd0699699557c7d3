import Foundation

/// `citation-malformed`: a bracket group that starts `[@` but does not parse.
public struct CitationMalformedChecker: ArticleChecker {
    public var rule: Rule { .citationMalformed }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        let braced = article.malformedCitations.isEmpty ? [] : context.bracedIDs ?? BracedKeys.needingBraces(site.referencesByID.keys)
        return article.malformedCitations.map { group in
            let shown = Diagnostic.excerpt(group.value, limit: 58)
            if group.value.hasPrefix("^[") {
                // pandoc's inline footnote: its citation is read, but the page shows `^[` and the
                // note's words around the number, where pandoc makes a footnote.
                return article.diagnostic(rule, at: group.position,
                    "'\(shown)' is a pandoc inline footnote, which the content format does not have: the page would show "
                    + "its '^', brackets and words around the citation's number",
                    notes: ["write the note as a sentence of its own, or in parentheses, citing with [@key]"])
            }
            let hint = Self.bracedID(group, among: braced).map(BracedKeys.hint) ?? MalformedGroupHint.hint(for: group.value)
            return article.diagnostic(rule, at: group.position, "citation '\(shown)' does not parse\(hint)",
                                      notes: ["write [@key], [@a; @b] or [see @key, p. 33]"])
        }
        // A reference's key inside a link's text: pandoc would cite it, this page would only link,
        // and the reference would be missing from the list. Other in-text `@names` there (a
        // handle) are left alone; a bracketed group with an unknown key (`[see [@smiht2020]](url)`)
        // is a citation meant, its key mistyped: it had been published as text without a finding.
        + article.citationsInLinks.compactMap { citation -> Diagnostic? in
            if citation.holder == .definition { return Self.definition(citation, article, site: site) }
            if citation.holder == .codeBlock {
                // Only a reference's key: code may hold brackets and `@` of its own.
                guard site.referenceKeys.contains(citation.key) else { return nil }
                return article.diagnostic(rule, at: citation.position,
                    "citation '[@\(citation.key)]' is in an indented code block (text indented four spaces or more past "
                    + "where Markdown expects it), where it is not read as a citation: the text shows as code, and "
                    + "reference '\(citation.key)' would be missing from the list",
                    notes: ["indent the text less (no more than its list item's text), or fence it with ``` if it is code"])
            }
            let key = citation.key, image = citation.holder == .image
            let place = image ? "an image's description" : "a link's text"
            func moveIt(_ cited: String) -> String {
                image ? "move it after the image: ![description](image.png) [@\(cited)]" : "move it after the link: [text](url) [@\(cited)]"
            }
            if site.referenceKeys.contains(key) {
                // Cited elsewhere in the article, the reference is listed all the same: what is
                // lost is this text's citation (a probe's message said the reference was missing).
                let lost = outline.citedKeys.contains(key)
                    ? "this text does not cite reference '\(key)', which is listed only for its citations elsewhere"
                    : "reference '\(key)' would be missing from the list"
                return article.diagnostic(rule, at: citation.position,
                                          "citation '@\(key)' is inside \(place), where it is not read as a citation: \(lost)",
                                          notes: [moveIt(key)] + (citation.holder == .wholeLink
                                              ? [Self.definingLine(of: key, in: article).map {
                                                    "line \($0), which Markdown reads as this link's definition, holds the citation: see its finding"
                                                } ?? "when a line '[@\(key)]: url' makes [@\(key)] a link, remove that line"] : []))
            }
            guard citation.bracketed else { return nil }
            return article.diagnostic(rule, at: citation.position,
                                      "citation '[@\(key)]' is inside \(place), where it is not read as a citation, "
                                      + "and no reference has the key '\(key)'\(didYouMean(key, among: site.referencesByID.keys))",
                                      notes: [moveIt("key")])
        }
        // `[doi:10.1016/j.x]`, `[smith2020; jones2019]`: reference ids in brackets without `@`, which
        // pandoc prints as text (a real manuscript had two); other bracketed text is left alone.
        + article.bareBrackets.compactMap { group -> Diagnostic? in
            guard let keys = Self.ids(inBareBracket: group, isKey: { site.referenceKeys.contains($0) }) else { return nil }
            let meant = "[" + keys.map { "@" + $0 }.joined(separator: "; ") + "]"
            return article.diagnostic(rule, at: group.position,
                                      "'[\(group.value)]' is not a citation: the '@' before each key is missing; did you mean '\(meant)'?",
                                      notes: ["pandoc prints a bracket without '@' as text: write [@key] or [@a; @b]"])
        }
    }

    /// The id that a malformed group spells after its `@` and that must be cited in braces.
    static func bracedID(_ group: Located<String>, among braced: [String]) -> String? {
        BracedKeys.id(spelledBy: group.value.drop { $0 == "[" || $0 == "-" || $0 == "@" }, among: braced)
    }

    /// The ids of a bracket group without `@` when each of its `;` parts is one (`isKey`: a
    /// citation whose `@` was forgotten), else `nil`.
    static func ids(inBareBracket group: Located<String>, isKey: (String) -> Bool) -> [String]? {
        let keys = group.value.split(separator: ";", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        return keys.allSatisfy({ !$0.isEmpty && isKey($0) }) ? keys : nil
    }

    /// The references this checker's findings for `article`'s misplaced citations could name: keys
    /// (`isKey`) cited in a link, an image, a line read as a link definition or an indented code
    /// block, and ids in brackets without `@`. Whether these are findings depends on the whole
    /// bibliography, as ``ReferenceUnusedChecker`` and a rebuild of a few articles need to know.
    static func namedReferences(_ article: Article, isKey: (String) -> Bool) -> [String] {
        article.citationsInLinks.map(\.key).filter(isKey)
            + article.bareBrackets.flatMap { ids(inBareBracket: $0, isKey: isKey) ?? [] }
    }

    /// The line of a link definition `[@key]: text` whose text is content, not an address.
    static func definingLine(of key: String, in article: Article) -> Int? {
        article.citationsInLinks.first { $0.holder == .definition && $0.key == key && $0.bracketed }?.position.line
    }

    /// A line `[@key]: text` that Markdown read as a link definition (``DefinitionCitations``):
    /// reported when the key is a reference's or the line's rest is not an address (a handle's
    /// link, `[@team]: https://…`, is left alone).
    static func definition(_ citation: LinkedCitation, _ article: Article, site: Site) -> Diagnostic? {
        let known = site.referenceKeys.contains(citation.key)
        guard known || citation.bracketed else { return nil }
        // A definition with an address whose `[@key]` is used as a link: that finding says to remove the line.
        guard citation.bracketed || !article.citationsInLinks.contains(where: { $0.holder == .wholeLink && $0.key == citation.key })
        else { return nil }
        return article.diagnostic(.citationMalformed, at: citation.position,
            "this line is read as a link definition ('[label]: destination'), "
            + "so it is not on the page, its citation of '\(citation.key)' with it"
            + (known ? "" : "; no reference has the key '\(citation.key)'\(didYouMean(citation.key, among: site.referencesByID.keys))"),
            notes: ["put the citation after the text it supports ('Masks are advised. [@\(citation.key)]'), "
                    + "or start the line with a word ('See [@\(citation.key)]: …')"])
    }
}
