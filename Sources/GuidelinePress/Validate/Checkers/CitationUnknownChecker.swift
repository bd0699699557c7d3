/// `citation-unknown`: a cited key that no reference has.
public struct CitationUnknownChecker: ArticleChecker {
    public var rule: Rule { .citationUnknown }

    public func check(_ article: Article, outline: ArticleOutline, site: Site, context: ValidationContext) -> [Diagnostic] {
        // Each key once first: when the bibliography has them all (nearly always), no item is unknown.
        guard outline.citedKeys.contains(where: { !site.referenceKeys.contains($0) }) else { return [] }
        let unreadable = context.unreadableBibliographies(of: site)
        if !unreadable.isEmpty { return [Self.pending(article, outline: outline, site: site, unreadable: unreadable)] }
        let braced = context.bracedIDs ?? BracedKeys.needingBraces(site.referencesByID.keys)
        // Run alone (no suggestions found by the validator), the aliases are tabled once here.
        let aliases = context.citationSuggestions == nil ? KeyAliases(site) : nil
        return outline.citationItems.indices.filter { !site.referenceKeys.contains(outline.citationItems[$0].key) }.map { index in
            let item = outline.citationItems[index]
            let suggestion = Self.bracedID(outline, index, among: braced).map(BracedKeys.hint)
                ?? Self.cutKey(item.key, following: outline.inTextFollowing[index] ?? item.suffix, isKey: { site.referenceKeys.contains($0) })
                ?? context.citationSuggestions.map { $0[item.key]?.hint ?? "" }
                ?? aliases?.hint(for: item.key)
                ?? didYouMean(item.key, among: site.referencesByID.keys)
            return article.diagnostic(rule, at: item.position, "no reference has the key '\(item.key)'\(suggestion)")
        }
    }

    /// The id needing braces that the unknown key of `outline`'s citation item `index` and the text
    /// after it spell: `[@url:…?b=c]` is the key `url:…?b` and the suffix `=c` (in the text,
    /// `@url:…?b=c` is the key and the text after it).
    static func bracedID(_ outline: ArticleOutline, _ index: Int, among braced: [String]) -> String? {
        let item = outline.citationItems[index]
        return BracedKeys.id(spelledBy: item.key + (outline.inTextFollowing[index] ?? item.suffix), among: braced)
    }

    /// One finding for all of an article's unknown keys while some bibliography cannot be read:
    /// they may be that file's (a missing comma in a Zotero export made every key of every article
    /// unknown, hundreds of findings listed before the one that says why). It stands at the first
    /// such citation, names the keys and the file, and the build fails on it as on each of them.
    static func pending(_ article: Article, outline: ArticleOutline, site: Site, unreadable: [String]) -> Diagnostic {
        let unknown = outline.citationItems.filter { !site.referenceKeys.contains($0.key) }
        var keys: [String] = []
        var seen = Set<String>()
        for item in unknown where seen.insert(item.key).inserted { keys.append(item.key) }
        let shown = keys.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
        let more = keys.count > 3 ? " and \(keys.count - 3) more" : ""
        let citations = unknown.count == 1 ? "1 citation" : "\(unknown.count) citations"
        let files = unreadable.map { "'\($0)'" }.joined(separator: ", ")
        return article.diagnostic(.citationUnknown, at: unknown[0].position,
            "no readable bibliography has the key\(keys.count == 1 ? "" : "s") \(shown)\(more) (\(citations) in this article)",
            notes: ["the bibliography \(files) could not be read (see its error); these keys are checked one by one once it reads"])
    }

    /// The most unknown keys looked up for a "did you mean": each is compared with every reference
    /// id, and thousands of unknown keys are not typos but a changed key format (a Better BibTeX
    /// setting, a bibliography left out), where a suggestion would not help.
    static let maximumSuggestedKeys = 500

    /// The suggestion for each distinct unknown key cited in `site` (in the articles of `files`
    /// when given), each looked for once; none when there are more than ``maximumSuggestedKeys``.
    /// Without this, every unknown citation was compared with every reference: 5,000 citations of
    /// unknown keys against 20,000 references took 73 s.
    /// The end of an unknown key's finding, and the id of the reference it names.
    struct Suggestion: Sendable, Hashable {
        var hint: String
        var id: String?
    }

    static func suggestions(for site: Site, onlyArticles files: Set<String>?) -> [String: Suggestion] {
        var unknown = KeyTable<Bool>()
        // By index: zipping the arrays copied every article (its fields retained and released),
        // which the validator's own loop avoids for the same reason.
        for i in site.outlines.indices {
            if let files, !files.contains(site.articles[i].file.displayPath) { continue }
            for key in site.outlines[i].citedKeys where !site.referenceKeys.contains(key) { unknown[key] = true }
        }
        let keys = unknown.keys
        guard !keys.isEmpty else { return [:] }
        // A key that names a reference another way (its `citation-key`, its id in other letters'
        // case, its DOI): named whatever the number of unknown keys (a whole article cited by
        // Better BibTeX keys against ids of another export).
        let aliases = KeyAliases(site)
        @Sendable func alias(_ key: String) -> Suggestion? { aliases.lookup(key).map { Suggestion(hint: $0.hint, id: $0.id) } }
        guard keys.count <= maximumSuggestedKeys else {
            return Dictionary(keys.compactMap { key in alias(key).map { (key, $0) } }, uniquingKeysWith: { first, _ in first })
        }
        let candidates = Array(site.referencesByID.keys)
        let found = ConcurrentMap.map(keys) { key in
            alias(key) ?? NearMatch.suggestion(for: key, among: candidates).map { Suggestion(hint: "; did you mean '\($0)'?", id: $0) }
                ?? Suggestion(hint: "", id: nil)
        }
        return Dictionary(zip(keys, found), uniquingKeysWith: { first, _ in first })
    }

    /// The end of the finding for a key that is the `citation-key` of reference `id`.
    static func hint(_ id: String, _ key: String) -> String {
        "; it is the citation-key of reference '\(id)', and citations name a reference's id "
            + "(as pandoc reads them): cite [@\(id)], or export the library with ids that are the citation keys "
            + "(Better BibTeX's Better CSL JSON)"
    }
}

extension CitationUnknownChecker {
    /// The end of the finding for an unknown key that an invisible character or a space cut
    /// short: a soft hyphen, a zero-width space or a direction mark pasted from a PDF or a web page
    /// ends the key where the author sees one word (`[@Smith<U+200B>2020]` cites `Smith`, in
    /// pandoc too), and `[@Smith 2020]` is an author-year habit. Names an invisible character, and
    /// the reference the key meant when the text joined again is one (a space or comma only then).
    static func cutKey(_ key: String, following: String, isKey: (String) -> Bool) -> String? {
        guard let first = following.unicodeScalars.first else { return nil }
        let invisible = first.properties.generalCategory == .format
        // A suffix that starts with a key's character was cut from the key by a space or a comma.
        guard invisible || CitationParser.isKeyCharacter(first) else { return nil }
        // The key joined with what follows, invisible characters dropped, to the next character
        // that cannot be in a key; the longest reference id it starts with.
        var joined = String.UnicodeScalarView(key.unicodeScalars)
        var ends: [String] = []
        for scalar in following.unicodeScalars {
            if scalar.properties.generalCategory == .format { continue }
            if scalar.properties.isWhitespace || "];,".unicodeScalars.contains(scalar) { break }
            joined.append(scalar)
            ends.append(String(joined))
        }
        let meant = ends.last(where: isKey)
        guard invisible else { return meant.map { "; did you mean '\($0)'?" } }
        let what = "an invisible character (\(MalformedGroupHint.describe(first))) after '\(key)' ends the key"
        return meant.map { "; \(what): delete it to cite '\($0)'" } ?? "; \(what): delete it"
    }
}
