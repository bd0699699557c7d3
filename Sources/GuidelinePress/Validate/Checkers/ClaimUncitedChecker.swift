/// `claim-uncited`: a claim block without a citation (spec §3, "Claims").
///
/// Claims are paragraphs (the summary included), list-item text, table body rows (a citation in
/// the header row covers the table) and block-quote paragraphs. Exempt: a paragraph or item text
/// ending in `:` directly followed by a list whose every item is cited, and a block directly
/// after `<!-- uncited: REASON -->` with a non-empty reason.
public struct ClaimUncitedChecker: BodyChecker {
    public var rule: Rule { .claimUncited }

    public func checkBody(_ article: Article) -> [Diagnostic] {
        // With an unclosed front matter block the body's extent is unknown: the one
        // front-matter-syntax error says what to fix, without a claim error for the would-be YAML.
        guard article.frontMatterProblem != .unterminated else { return [] }
        // A claim whose citation was written in brackets inside a link's text or an image's
        // description (`![Figure 1 [@a]](f.png)`) is cited as its author meant, in the wrong place:
        // citation-malformed reports it and says to move it, which cites the claim too; a second
        // error for the one cause would only be noise. The same holds for a group that starts
        // `[@` but does not parse (`[@smith2020;]`, an id that needs braces): the claim was cited,
        // and the build stops on citation-malformed until the group is fixed.
        let misplaced = article.citationsInLinks.filter(\.bracketed).map(\.position.line)
            + article.malformedCitations.map(\.position.line)
        return Claims.uncited(in: article.blocks).filter { claim in
            !misplaced.contains { (claim.position.line...claim.endLine).contains($0) }
        }.map { claim in
            article.diagnostic(rule, at: claim.position, "\(claim.kind) has no citation",
                               notes: claim.note.map { [$0] } ?? [])
        }
    }
}

/// Finds claim blocks and their citations; shared by the checker and the review build.
public enum Claims {
    /// A claim without a citation.
    public struct Uncited: Sendable, Hashable {
        /// "claim", "list item", "table row".
        public var kind: String
        /// Where the claim starts.
        public var position: SourcePosition
        /// The claim's last line.
        public var endLine: Int
        /// A hint, for example about an empty exemption reason.
        public var note: String?
    }

    /// An `<!-- uncited: REASON -->` exemption and the block it covers.
    public struct Exemption: Sendable, Hashable {
        /// The reason given.
        public var reason: String
        /// Where the comment is.
        public var position: SourcePosition

        /// The reason as the review build shows it: an empty one says that it exempts nothing.
        public var shownReason: String {
            reason.isEmpty ? "no reason given, so the block after it is not exempt (claim-uncited)" : reason
        }
    }

    /// The reason of an `<!-- uncited: REASON -->` comment (possibly empty), or `nil` for other HTML.
    public static func exemptionReason(_ html: String) -> String? {
        let trimmed = html.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->") else { return nil }
        let inner = trimmed.dropFirst(4).dropLast(3).trimmingCharacters(in: .whitespacesAndNewlines)
        guard inner.lowercased().hasPrefix("uncited:") || inner.lowercased() == "uncited" else { return nil }
        guard !inner.contains("-->") else { return nil }
        return String(inner.dropFirst("uncited".count)).drop { $0 == ":" }
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every exemption comment in the blocks, in order.
    public static func exemptions(in blocks: [Block]) -> [Exemption] {
        var out: [Exemption] = []
        Block.forEach(in: blocks) { block in
            if case .htmlBlock(let html) = block.kind, let reason = exemptionReason(html) {
                out.append(Exemption(reason: reason, position: block.position))
            }
        }
        return out
    }

    /// Whether inlines contain a citation (not in code spans, which hold no citations).
    public static func isCited(_ inlines: [Inline]) -> Bool {
        inlines.contains { inline in
            switch inline.kind {
            case .citation: true
            case .emphasis(let c), .strong(let c), .strikethrough(let c): isCited(c)
            default: false
            }
        }
    }

    /// Whether a list item's text (its first paragraph) is cited, or the item introduces a cited sublist.
    static func itemIsCited(_ item: ListItem) -> Bool {
        guard let first = item.blocks.first, case .paragraph(let inlines) = first.kind else { return false }
        if isCited(inlines) { return true }
        return introducesCitedList(inlines, next: item.blocks.dropFirst().first)
    }

    /// Whether text ending in `:` is directly followed by a list whose every item is cited.
    static func introducesCitedList(_ inlines: [Inline], next: Block?) -> Bool {
        guard ArticleOutline.readableText(inlines).hasSuffix(":"), let next, case .list(let list) = next.kind,
              !list.items.isEmpty else { return false }
        return list.items.allSatisfy(itemIsCited)
    }

    /// The uncited claims in `blocks`.
    public static func uncited(in blocks: [Block]) -> [Uncited] {
        var out: [Uncited] = []
        var pending = Pending()
        walk(blocks, into: &out, pending: &pending)
        return out
    }

    /// What an `<!-- uncited: … -->` comment just before hands to the next claim block.
    ///
    /// The comment covers one claim block: the paragraph after it, or the first claim inside the
    /// block after it (a list's first item text, a block quote's first paragraph). Each later item
    /// or paragraph needs a comment of its own, written inside the item or quote, so one comment
    /// cannot exempt a whole dosing list. A table's rows cannot carry comments, so a comment before
    /// a table covers the table, as a citation in its header row does.
    private struct Pending {
        var exempt = false
        /// Where a comment with an empty reason is: the next claim gets a note saying so.
        var emptyReason: SourcePosition?

        /// Takes what was pending for the claim block being looked at.
        mutating func take() -> (exempt: Bool, note: String?) {
            defer { self = Pending() }
            return (exempt, emptyReason.map { "the uncited comment on line \($0.line) needs a reason" })
        }
    }

    private static func walk(_ blocks: [Block], into out: inout [Uncited], pending: inout Pending,
                             firstIsItemText: Bool = false) {
        for (index, block) in blocks.enumerated() {
            let next = index + 1 < blocks.count ? blocks[index + 1] : nil
            if case .htmlBlock(let html) = block.kind, let reason = exemptionReason(html) {
                pending = Pending()
                if reason.isEmpty { pending.emptyReason = block.position } else { pending.exempt = true }
                continue
            }
            switch block.kind {
            case .paragraph(let inlines):
                let (exempt, note) = pending.take()
                if !exempt && !isCited(inlines) && !introducesCitedList(inlines, next: next) {
                    let kind = firstIsItemText && index == 0 ? "list item" : "claim"
                    out.append(Uncited(kind: kind, position: block.position, endLine: block.endLine, note: note))
                }
            case .list(let list):
                // Nothing pending reaches past the item it was meant for (an empty item, a comment
                // that ends an item).
                for item in list.items {
                    walk(item.blocks, into: &out, pending: &pending, firstIsItemText: true)
                    pending = Pending()
                }
            case .blockQuote(let children):
                walk(children, into: &out, pending: &pending)
                pending = Pending()
            case .table(let table):
                let (exempt, note) = pending.take()
                if exempt || table.header.cells.contains(where: isCited) { continue }
                for row in table.rows where !row.cells.contains(where: isCited) {
                    out.append(Uncited(kind: "table row", position: row.position, endLine: row.position.line, note: note))
                }
            case .heading, .codeBlock, .htmlBlock, .thematicBreak:
                // Not a claim: a comment directly before it exempts nothing.
                pending = Pending()
            }
        }
    }
}
