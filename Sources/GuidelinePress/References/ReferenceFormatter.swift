import Foundation

/// A reference in AMA (11th edition) / Vancouver form, as HTML and as plain text.
///
/// `Giordano SH, Franzoi MAB. Title. <i>J Clin Oncol</i>. 2022;40(23):2612-2635. doi:10.1200/…`
///
/// - Authors: family name (with its non-dropping particle) and initials without periods or
///   hyphens (`Kim SB`), then a dropping particle and suffix; all of up to 6, else the first 3
///   and `et al`; literal (organisation) names as written. A particle or suffix left at the end
///   of the given names counts as one (``splittingGiven(_:)``); Chinese, Japanese and Korean
///   names are printed whole (`毛泽东`).
/// - Journal articles: title, abbreviated journal in italics (without periods: `Lancet Oncol`),
///   `Year;Volume(Issue):Pages.`
/// - Books: italic title, edition, `Publisher; Year.`; an edited book's editors lead (`…, eds.`).
/// - Everything else (reports, web pages, labels): title, genre with the report's number,
///   version, `In:` the editors and the container, series, number, `Publisher; Year.` (or a
///   journal-like container's `Year;Volume(Issue):Pages.`), URL.
/// - A preprint (`genre: preprint`, a preprint server as container, or CSL's `article` without
///   a container) says `Preprint.` after its container or server.
/// - A date range prints both years (`2019–2021`); a book's volume `Vol 1.` after its edition.
/// - Then `doi:…` linked to https://doi.org and a PubMed link. A URL is printed only for an
///   item without a DOI.
///
/// Every value is HTML-escaped; only `http` and `https` URLs become links (`rel="noopener"`),
/// anything else is printed as text.
public enum ReferenceFormatter {
    /// The reference as an HTML fragment (no enclosing element).
    public static func html(_ r: Reference) -> String {
        pieces(r).map(\.html).joined(separator: " ")
    }

    /// The reference as plain text.
    public static func plainText(_ r: Reference) -> String {
        pieces(r).map(\.plain).joined(separator: " ")
    }

    // MARK: - Parts

    /// One sentence-like part of a reference in its two renderings.
    struct Piece {
        var plain: String
        var html: String

        static func text(_ s: String) -> Piece { Piece(plain: s, html: HTML.escape(s)) }
        /// Text with CSL's rich-text tags (``richText(_:)``) kept as HTML.
        static func rich(_ s: String) -> Piece {
            guard let rich = richText(s) else { return .text(s) }
            return Piece(plain: rich.plain, html: rich.html)
        }
        static func italic(_ s: String, after: String = "") -> Piece {
            Piece(plain: s + after, html: "<i>\(HTML.escape(s))</i>\(HTML.escape(after))")
        }
        /// Italics ending a sentence: a period after them unless `s` ends one (`<i>Proc. Am. Soc. Clin. Oncol.</i>`).
        static func italicSentence(_ s: String) -> Piece { .italic(s, after: endsSentence(s) ? "" : ".") }
        /// A link; one whose text is its address has the class `url`, so that print does not add
        /// the address after it a second time.
        static func link(_ label: String, to url: String, plain: String? = nil) -> Piece {
            let bare = label == url ? " class=\"url\"" : ""
            return Piece(plain: plain ?? label, html: "<a href=\"\(HTML.escape(url))\"\(bare) rel=\"noopener\">\(HTML.escape(label))</a>")
        }
    }

    static func pieces(_ r: Reference) -> [Piece] {
        // Crossref's titles keep the line breaks and indents of its XML: one space a run. An
        // abbreviated title loses its periods. A title left empty is none.
        var r = r
        func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
        r.title = r.title.flatMap { nonEmpty(collapsingWhitespace($0)) }
        r.containerTitle = r.containerTitle.flatMap { nonEmpty(collapsingWhitespace($0)) }
        r.containerTitleShort = r.containerTitleShort.flatMap { nonEmpty(collapsingWhitespace(withoutPeriods($0))) }
        r.page = r.page.map(expandedPageRange)
        var out: [Piece] = []
        let authors = authorList(r.authors)
        let kind = Kind(r)
        // A report or web page whose publisher is its container (arXiv's reports, a society's
        // site) names it once: `arXiv. Preprint. … arXiv; 2020.` named it twice.
        if kind == .other, let publisher = r.publisher, [r.containerTitle, r.containerTitleShort].contains(where: {
            $0?.lowercased() == publisher.lowercased()
        }) {
            r.publisher = nil
        }
        let container = kind == .other ? r.containerTitle ?? r.containerTitleShort : nil
        if !authors.isEmpty {
            out.append(.text(sentence(authors)))
        } else if !r.editors.isEmpty, container == nil {
            // An edited book: its editors lead (`DeVita VT, Lawrence TS, eds.`). A chapter's editors
            // are its book's, after `In:`.
            out.append(.text(editorList(r.editors)))
        }
        if let title = r.title {
            if kind == .book {
                let after = endsSentence(title) ? "" : "."
                if let rich = richText(title) {
                    // Italic already: the title's own tags inside it (`<i>` within italics stays as written).
                    out.append(Piece(plain: rich.plain + after, html: "<i>\(rich.html)</i>\(after)"))
                } else {
                    out.append(.italicSentence(title))
                }
            } else {
                out.append(.rich(sentence(title)))
            }
        }
        let year = r.issued?.yearText
        // A preprint says so after its server or container (AMA's `medRxiv. Preprint posted online…`),
        // so that it is not read as peer reviewed: `genre: preprint` in any type, and CSL's
        // `article` without a container (Zotero's preprints), whose server is its `publisher`.
        // (The server as publisher when there is no container: PeerJ Preprints' own export.)
        let preprint = r.genre?.lowercased() == "preprint"
            || isPreprintServer(r.containerTitle ?? r.containerTitleShort ?? (kind == .article ? r.publisher : nil))
        switch kind {
        case .article:
            let journal = r.containerTitleShort ?? r.containerTitle
            // CSL's `article` without a container is Zotero's preprint, and also older Zotero's
            // "Document" and Mendeley's "Generic" (a WHO guideline had been labelled a preprint):
            // a preprint when its publisher is a server (above) or its DOI a server's.
            let isPreprint = preprint || (journal == nil && r.doi.map(isPreprintDOI) == true)
            // An article without volume or issue (ahead of print) or a preprint is dated in full
            // (AMA 11th: `Published online May 18, 2020.`, `medRxiv. Preprint posted online April
            // 10, 2020.`): the date tells which version a reader has. A newspaper or magazine
            // article is dated in full too. Both had printed the year alone (a probe against
            // pandoc's citeproc with the AMA style).
            let periodical = ["article-newspaper", "article-magazine"].contains(r.type ?? "")
            // Only a date with its month says when it went online; a year alone is printed as before.
            // (Made only where it is printed: nearly every reference has its volume.)
            // (A CSL `article` without a journal, Zotero's "Document", keeps its year: a report
            // more than an online paper; a journal article without its journal is dated in full.)
            let undated = !periodical && (r.volume != nil || r.issue != nil || (journal == nil && !isPreprint && r.type != "article-journal"))
            let dated = undated || r.issued?.month == nil ? nil : r.issued.flatMap(fullDate)
            let online = periodical ? nil : dated
            if let journal {
                out.append(.italicSentence(journal))
                if preprint && online == nil { out.append(.text("Preprint.")) }
            } else if isPreprint {
                if let server = r.publisher { out.append(.italicSentence(server)) }
                if online == nil { out.append(.text("Preprint.")) }
            } else if r.type == "article", let publisher = r.publisher {
                out.append(.text(sentence(publisher)))
            }
            if let online {
                // A page goes with the date (`Published online May 18, 2020:e201234.`, as in the
                // AMA style's CSL); a preprint's is its server's number, which AMA leaves out (it
                // had stood as a sentence of its own: `… 2021. 2021.07.06.451385.`).
                let page = isPreprint ? nil : r.page
                out.append(.text((isPreprint ? "Preprint posted online " : "Published online ") + online + (page.map { ":\($0)" } ?? "") + "."))
            } else if let source = Self.source(year: periodical ? dated ?? year : year, r) {
                out.append(.text(source))
            }
        case .book, .other:
            // A report's, guideline's or patent's number (`NICE guideline NG101.`, `Patent US 5821337.`),
            // with its genre when it has one, else in its series (`WHO Technical Report Series; No. 1043.`).
            var number = kind == .other ? r.number : nil
            if kind == .book, r.type == "thesis", let genre = r.genre, !preprint {
                // `Doctoral dissertation.`, `PhD thesis.`: what kind of thesis, before its university.
                out.append(.text(sentence(genre)))
            }
            if kind == .other, let genre = r.genre, !preprint {
                if r.collectionTitle == nil, let n = number {
                    out.append(.text(sentence("\(genre) \(n)")))
                    number = nil
                } else {
                    out.append(.text(sentence(genre)))
                }
            }
            // A talk or poster: `Presented at: ASCO Annual Meeting; June 5, 2022; Chicago, IL.` (AMA),
            // the meeting, date and place had all been dropped (a probe of Zotero's Presentation).
            if r.type == "speech" || (r.type == "paper-conference" && container == nil), let event = r.eventTitle {
                let when = r.issued.flatMap(fullDate)
                out.append(.text("Presented at: " + ([event, when, r.eventPlace].compactMap { $0 }.joined(separator: "; ")) + "."))
                break
            }
            let edition = r.edition.map { sentence($0.allSatisfy(\.isNumber) ? "\(ordinal($0)) ed" : $0) }
            if let edition, container == nil { out.append(.text(edition)) }
            // A book in volumes: `Vol 1.` after the edition (AMA: `11th ed. Vol 1. Wolters Kluwer; 2019.`).
            if kind == .book, container == nil, let volume = r.volume { out.append(.text(sentence(volumeLabel(volume)))) }
            // A book with authors and editors keeps its editors after the edition (they lead only
            // when there are no authors): `Jameson JL. Harrison's …. 21st ed. Kasper DL, ed.`
            if kind == .book, container == nil, !r.authors.isEmpty, !r.editors.isEmpty { out.append(.text(editorList(r.editors))) }
            if let version = r.version {
                out.append(.text(sentence(version.first?.isNumber == true ? "Version \(version)" : version)))
            }
            if let container {
                // A chapter's or a paper's book: its editors first (`In: DeVita VT, Lawrence TS, eds.`),
                // the book's edition after its title (`In: Dabbs DJ, ed. Breast Pathology. 2nd ed.`).
                // A chapter's or paper's book without editors is `In:` it all the same (the part and
                // the whole had read as two titles).
                if !r.editors.isEmpty {
                    out.append(.text("In: " + editorList(r.editors)))
                } else if Self.partTypes.contains(r.type ?? ""), r.volume == nil, r.issue == nil {
                    // (Not in a journal-like container: an abstract in a supplement, a chapter in
                    // a numbered series, `Adv Exp Med Biol. 2017;1026:1-20.`)
                    out.append(.text("In:"))
                }
                out.append(.italicSentence(container))
                if let edition { out.append(.text(edition)) }
                // A chapter's book in volumes (`Vol 1.`; AMA) with its publisher; without one, the
                // series' volume goes with the year (`2017;1026:1-20.`), and elsewhere it is a journal's.
                if ["chapter", "entry-encyclopedia", "entry-dictionary"].contains(r.type ?? ""), r.publisher != nil, let volume = r.volume {
                    out.append(.text(sentence(volumeLabel(volume))))
                }
            }
            if preprint { out.append(.text("Preprint.")) }
            if let series = r.collectionTitle {
                let inSeries = r.collectionNumber ?? number
                if r.collectionNumber == nil { number = nil }
                out.append(.text(sentence(series + (inSeries.map { "; \(numberLabel($0))" } ?? ""))))
            }
            if let n = number { out.append(.text(sentence(r.type == "patent" ? "Patent \(n)" : numberLabel(n)))) }
            // An item in a journal-like container (a volume or an issue: a conference abstract in
            // a supplement, Crossref's `journal-article`) prints the journal's `2022;40(16 suppl):1000.`
            // even with a publisher, which a journal reference does not show. Not a chapter: a
            // volume there is the book's (`Publisher; 2019:200-215.` keeps its publisher).
            if kind == .other, !["chapter", "entry-encyclopedia", "entry-dictionary"].contains(r.type ?? ""),
               r.containerTitle != nil || r.containerTitleShort != nil, r.volume != nil || r.issue != nil,
               let source = Self.source(year: year, r) {
                out.append(.text(source))
                break
            }
            // Pages of a chapter or a paper in proceedings (kind `.other`; a book's are its own
            // length) after the year (`Publisher; 2019:200-215.`);
            // in a journal-like container without a publisher (an abstract in a supplement), the
            // journal's `2022;40(16 suppl):1000.`.
            // A web page's date in full (AMA 11th: `Published June 30, 2020.`): interim guidance
            // changes from one month to the next, and the year alone did not say which version.
            if ["webpage", "website", "post", "post-weblog"].contains(r.type ?? ""), r.issued?.month != nil, let dated = r.issued.flatMap(fullDate) {
                if let publisher = r.publisher { out.append(.text(sentence(publisher))) }
                out.append(.text("Published \(dated)."))
                break
            }
            let pages = kind == .other ? r.page : nil
            switch (r.publisher, year) {
            case let (p?, y?): out.append(.text("\(p); \(y)" + (pages.map { ":\($0)" } ?? "") + "."))
            case let (p?, nil): out.append(.text(sentence(p) + (pages.map { " \($0)." } ?? "")))
            case (nil, _):
                if kind == .other, r.containerTitle != nil || r.containerTitleShort != nil, let source = Self.source(year: year, r) {
                    out.append(.text(source))
                } else if let y = year {
                    out.append(.text("\(y)" + (pages.map { ":\($0)" } ?? "") + "."))
                } else if let pages {
                    out.append(.text(sentence(pages)))
                }
            }
        }
        // A URL only without a DOI, which is the stable link (AMA 11th, and its CSL style): a
        // book's `https://doi.org/ggqfqx` short link had printed beside its `doi:` link.
        if let url = r.url, r.doi == nil {
            // AMA dates the look at an online source: `Accessed May 1, 2024.` before its URL.
            if let accessed = r.accessed.flatMap(accessedDate) { out.append(.text("Accessed \(accessed).")) }
            out.append(isWebURL(url) ? .link(url, to: url) : .text(url))
        }
        if let doi = r.doi {
            let path = percentEncodedPath(doi)
            out.append(.link("doi:\(doi)", to: "https://doi.org/\(path)"))
        }
        if let pmid = r.pmid {
            if !pmid.isEmpty, pmid.allSatisfy({ $0.isASCII && $0.isNumber }) {
                out.append(.link("PubMed", to: "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/", plain: "PMID: \(pmid)"))
            } else {
                out.append(.text("PMID: \(pmid)"))
            }
        }
        // Nothing to show (no author, title, year or identifier: a `reference-invalid` error, so
        // only a review build renders it): the key, so that the reviewer sees which entry it is.
        if out.isEmpty { out.append(.text("[\(r.id)]")) }
        return out
    }

    /// The tags CSL-JSON allows in a title (citeproc's rich text), as they are written there, and the
    /// HTML each becomes: italics, bold, super- and subscripts (`HER2<sup>+</sup>`, `<i>ERBB2</i>`,
    /// `H<sub>2</sub>O`); the `nocase` and small-caps spans keep only their text, and so does
    /// `<scp>`, the small capitals of Crossref's JATS titles (Zotero keeps them).
    static let richTags: [(open: String, close: String, html: (open: String, close: String))] = [
        ("<i>", "</i>", ("<i>", "</i>")), ("<b>", "</b>", ("<b>", "</b>")),
        ("<sup>", "</sup>", ("<sup>", "</sup>")), ("<sub>", "</sub>", ("<sub>", "</sub>")),
        ("<span class=\"nocase\">", "</span>", ("", "")),
        ("<span style=\"font-variant:small-caps;\">", "</span>", ("", "")),
        ("<scp>", "</scp>", ("", "")),
    ]

    /// `s` with CSL's rich-text tags as HTML (everything else escaped) and as plain text (tags
    /// removed); `nil` when `s` has none, or when they do not nest properly (then `s` is shown as
    /// written, escaped). Readers saw `Effect of &lt;i&gt;ERBB2&lt;/i&gt; on HER2&lt;sup&gt;+…`.
    static func richText(_ s: String) -> (html: String, plain: String)? {
        // A byte search: Foundation's `contains` over a string took 23,000 instructions a title.
        guard ByteScan.contains(s, UInt8(ascii: "<")) else { return nil }
        var html = "", plain = ""
        var open: [Int] = []
        var rest = Substring(s)
        var found = false
        while let lt = rest.firstIndex(of: "<") {
            let text = rest[..<lt]
            html += HTML.escape(String(text))
            plain += text
            rest = rest[lt...]
            if let i = richTags.firstIndex(where: { rest.hasPrefix($0.open) }) {
                open.append(i)
                html += richTags[i].html.open
                rest = rest.dropFirst(richTags[i].open.count)
                found = true
            } else if let last = open.last, rest.hasPrefix(richTags[last].close) {
                open.removeLast()
                html += richTags[last].html.close
                rest = rest.dropFirst(richTags[last].close.count)
            } else {
                html += "&lt;"
                plain += "<"
                rest = rest.dropFirst()
            }
        }
        guard found, open.isEmpty else { return nil }
        return (html + HTML.escape(String(rest)), plain + rest)
    }

    /// `May 1, 2024`, `May 2024` or `2024` (AMA), or the date as written when it is not a calendar date.
    static func accessedDate(_ d: Reference.DateParts) -> String? {
        guard d.year != nil, d.literal == nil else { return d.literal }
        // ``fullDate(_:)`` without seasons or ranges, which a date of looking at a page has not.
        var day = d
        day.season = nil
        day.endYear = nil
        return fullDate(day)
    }

    /// The types that are a part of the book or proceedings their container names.
    static let partTypes: Set<String> = ["chapter", "paper-conference", "entry", "entry-encyclopedia", "entry-dictionary"]

    /// A date in full as AMA prints it: `May 18, 2020`, `May 2020`, `Spring 2017`, `2020`, or a
    /// range of years `2019–2021`; `nil` without a year.
    static func fullDate(_ d: Reference.DateParts) -> String? {
        guard let year = d.year else { return nil }
        if d.endYear != nil { return d.yearText }
        let months = ISODate.monthNames
        if let month = d.month, (1...12).contains(month) {
            if let day = d.day, (1...31).contains(day) { return "\(months[month - 1]) \(day), \(year)" }
            return "\(months[month - 1]) \(year)"
        }
        if let season = d.season, (1...4).contains(season) {
            return ["Spring", "Summer", "Autumn", "Winter"][season - 1] + " \(year)"
        }
        return String(year)
    }

    /// A page range with its last page in full (`783-92` is `783-792`), as AMA and pandoc's
    /// citeproc print it: PubMed-derived exports carry the short form. Anything but two runs of
    /// digits joined by one hyphen or en dash, the second shorter, is printed as written.
    static func expandedPageRange(_ page: String) -> String {
        guard page.utf8.count <= 24 else { return page }
        let parts = page.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "–" }
        guard parts.count == 2, let first = parts.first, let last = parts.last,
              !first.isEmpty, !last.isEmpty, first.count > last.count,
              first.allSatisfy({ $0.isASCII && $0.isNumber }), last.allSatisfy({ $0.isASCII && $0.isNumber }) else { return page }
        let separator = page.contains("–") ? "–" : "-"
        return first + separator + first.prefix(first.count - last.count) + last
    }

    /// `No. 1043` for a number, and a number that names itself as written: an identifier that
    /// starts with a letter (`NCT01234567`, `NG101`, `Version 3.2024`, `Pub L 111-148`) or a
    /// number with its label (`No. 12`) took a second label (`No. NCT01234567`).
    static func numberLabel(_ n: String) -> String {
        n.first?.isNumber == true ? "No. \(n)" : n
    }

    /// `Vol 2` for a volume number, and a volume written with its label (`Vol. 2`, `Part A`) as written.
    static func volumeLabel(_ volume: String) -> String {
        volume.first?.isNumber == true ? "Vol \(volume)" : volume
    }

    /// The servers whose items are preprints, as their names start (PubMed calls bioRxiv's records'
    /// journal "bioRxiv : the preprint server for biology"): a preprint from them is labelled so even
    /// without `genre: preprint` (Zotero and Manubot exports of bioRxiv and medRxiv items).
    static let preprintServers = ["biorxiv", "medrxiv", "arxiv", "chemrxiv", "psyarxiv", "socarxiv", "research square",
                                  "ssrn", "preprints.org", "osf preprints", "authorea",
                                  // Crossref's container of bioRxiv and medRxiv items (Manubot exports), and PeerJ's.
                                  "cold spring harbor laboratory", "peerj preprints"]

    /// Whether a DOI is a preprint server's: bioRxiv and medRxiv (`10.1101/` and a digit; Cold
    /// Spring Harbor's journals have letters there), Research Square, SSRN, Preprints.org, arXiv,
    /// ChemRxiv, Authorea and the OSF servers.
    static func isPreprintDOI(_ doi: String) -> Bool {
        let lower = doi.lowercased()
        if lower.hasPrefix("10.1101/") { return lower.dropFirst(8).first?.isNumber == true }
        return ["10.21203/", "10.2139/", "10.20944/", "10.48550/", "10.26434/", "10.22541/", "10.31219/", "10.31234/",
                "10.31235/"].contains { lower.hasPrefix($0) }
    }

    /// Whether `container` names a preprint server (``preprintServers``), in any case.
    static func isPreprintServer(_ container: String?) -> Bool {
        guard let container, container.utf8.count < 80 else { return false }
        let name = container.lowercased().trimmingWhitespace()
        return preprintServers.contains { server in
            guard name.hasPrefix(server) else { return false }
            // The whole name, or the name and more after a space or punctuation (`arXiv preprint`), not `arxiviana`.
            guard let next = name.dropFirst(server.count).first else { return true }
            return !next.isLetter && !next.isNumber
        }
    }

    /// `Year;Volume(Issue):Pages.`, from what the reference has; `nil` when it has none of them.
    static func source(year: String?, _ r: Reference) -> String? {
        var source = year ?? ""
        if let volume = r.volume { source += (source.isEmpty ? "" : ";") + volume }
        if let issue = r.issue { source += "(\(issue))" }
        if let page = r.page { source += (source.isEmpty ? "" : ":") + page }
        return source.isEmpty ? nil : source + "."
    }

    /// How a reference is laid out.
    enum Kind {
        case article, book, other

        init(_ r: Reference) {
            switch r.type ?? "" {
            // `journal-article` is Crossref's name for CSL's `article-journal` (what doi.org's
            // content negotiation gives).
            case "article-journal", "journal-article", "article", "article-magazine", "article-newspaper", "review", "review-book":
                self = .article
            case "book", "thesis":
                self = .book
            case "":
                self = r.containerTitle != nil || r.containerTitleShort != nil ? .article : .other
            default:
                self = .other
            }
        }
    }

    // MARK: - Names

    /// `Giordano SH, Franzoi MAB`; the first 3 and `et al` when there are more than 6.
    static func authorList(_ names: [Reference.Name]) -> String {
        let formatted = names.map(name).filter { !$0.isEmpty }
        if formatted.count > 6 { return formatted.prefix(3).joined(separator: ", ") + ", et al" }
        return formatted.joined(separator: ", ")
    }

    /// `DeVita VT, Lawrence TS, eds.` (`ed.` for one editor).
    static func editorList(_ names: [Reference.Name]) -> String {
        let list = authorList(names)
        return list.isEmpty ? "" : list + (names.count == 1 ? ", ed." : ", eds.")
    }

    /// One name in AMA form: `de Azambuja E`, `Beethoven L van`, `Smith JA Jr`, or a literal as is.
    /// A name with a given part alone (`Sukarno`) is a whole name, not a source of initials, and so
    /// is a Chinese, Japanese or Korean name (`毛泽东`, ``isCJK(_:)``): family name first, no space.
    static func name(_ n: Reference.Name) -> String {
        if let literal = n.literal { return literal }
        if let family = n.family, let given = n.given, isCJK(family), isCJK(given) {
            return [n.nonDroppingParticle, family + given, n.droppingParticle, n.suffix].compactMap { $0 }.joined(separator: " ")
        }
        let n = splittingGiven(n)
        var parts: [String] = []
        let family = [n.nonDroppingParticle, n.family].compactMap { $0 }.joined(separator: " ")
        if !family.isEmpty { parts.append(family) }
        if let given = n.given {
            // Names exported in capitals (`SMITH`, `ANN MARIE`): every given word is a name, so
            // `ANN` is not taken for three initials (`SMITH ANNM`).
            let capitals = (n.family.map(isInCapitals) ?? false) || given.split(separator: " ").count > 1 && isInCapitals(given)
            let i = family.isEmpty ? given : initials(given, wordsAreNames: capitals)
            if !i.isEmpty { parts.append(i) }
        }
        if let d = n.droppingParticle { parts.append(d) }
        if let s = n.suffix { parts.append(s.replacingOccurrences(of: ".", with: "")) }
        return parts.joined(separator: " ")
    }

    /// `n` with a suffix or a particle that an exporter left at the end of the given names in its
    /// own field, as citeproc-js reads them, so that neither becomes an initial: a suffix as the
    /// last word or after a comma (`J Jr`, `John, Jr.`, `Michael, III`: ``givenSuffixes``), then
    /// particles as the last words (`Jean de`, `Anna van der`: ``givenParticles``) before given
    /// names with a capital. Such a particle is a `dropping-particle`, as citeproc-js and pandoc
    /// read it, printed after the initials (`La Fontaine J de`).
    /// A name with that field already, or with given names alone, is left as it is.
    static func splittingGiven(_ n: Reference.Name) -> Reference.Name {
        guard n.family != nil, var given = n.given else { return n }
        // Without a comma, only a last word after whitespace may be either, and it starts with a
        // lower-case letter (a particle) or `J`, `S`, `I` (a suffix): most given names end with
        // another capital (`Sandra M.`), and are let through on their bytes, unsplit.
        let bytes = given.utf8
        if !bytes.contains(UInt8(ascii: ",")) {
            guard let space = bytes.lastIndex(where: { $0 == 0x20 || (0x09...0x0D).contains($0) }) else { return n }
            let last = bytes.index(after: space)
            guard last < bytes.endIndex else { return n }
            let first = bytes[last]
            if first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z"), !"IJS".utf8.contains(first) { return n }
        }
        var name = n
        if name.suffix == nil {
            if let comma = given.firstIndex(of: ",") {
                let suffix = given[given.index(after: comma)...].trimmingCharacters(in: .whitespaces)
                let rest = given[..<comma].trimmingCharacters(in: .whitespaces)
                if isGivenSuffix(suffix), !rest.isEmpty {
                    name.suffix = suffix
                    given = rest
                }
            } else {
                var words = given.split(whereSeparator: \.isWhitespace)
                if words.count > 1, let last = words.last, isGivenSuffix(last) {
                    name.suffix = String(last)
                    words.removeLast()
                    given = words.joined(separator: " ")
                }
            }
        }
        if name.nonDroppingParticle == nil, name.droppingParticle == nil {
            var words = given.split(whereSeparator: \.isWhitespace)
            var particles: [Substring] = []
            while words.count > 1, let last = words.last, givenParticles.contains(String(last)) {
                particles.insert(last, at: 0)
                words.removeLast()
            }
            // `anne de`: in lower case throughout, nothing tells a particle from a name.
            if !particles.isEmpty, words.contains(where: { $0.contains(where: \.isUppercase) }) {
                name.droppingParticle = particles.joined(separator: " ")
                given = words.joined(separator: " ")
            }
        }
        name.given = given
        return name
    }

    /// The suffixes read at the end of given names, without their periods: `Jr`, `Sr` (in any
    /// case), and `II` to `IV` in capitals (a lone `V` or `I` is an initial).
    static func isGivenSuffix<S: StringProtocol>(_ word: S) -> Bool {
        let bare = String(word.filter { $0 != "." })
        return ["jr", "sr", "jnr", "snr"].contains(bare.lowercased()) || ["II", "III", "IV"].contains(bare)
    }

    /// The particles read at the end of given names: the common lower-case ones of European
    /// names (citeproc-js's list is longer; a word outside this one stays a given name, so that
    /// `Mary ann` is not `ann Smith M`).
    static let givenParticles: Set<String> = [
        "da", "dal", "dalla", "das", "de", "degli", "dei", "del", "della", "delle", "den", "der", "des", "di",
        "do", "dos", "du", "la", "le", "les", "lo", "ten", "ter", "van", "vom", "von", "zu", "zum", "zur",
    ]

    /// Whether every letter of `s` is in the Han, Hiragana, Katakana or Hangul script, and it has
    /// one: names in them have no initials. An ASCII name is not, by its bytes.
    static func isCJK(_ s: String) -> Bool {
        guard s.utf8.contains(where: { $0 >= 0x80 }) else { return false }
        var letters = 0
        for scalar in s.unicodeScalars where scalar.properties.isAlphabetic {
            guard cjkLetters.contains(where: { $0.contains(scalar.value) }) else { return false }
            letters += 1
        }
        return letters > 0
    }

    /// The blocks of the Han, Hiragana, Katakana and Hangul scripts' letters (with the iteration
    /// marks `々` and `ゝ` and the prolonged sound mark `ー`, which are letters of those names).
    static let cjkLetters: [ClosedRange<UInt32>] = [
        0x1100...0x11FF,    // Hangul Jamo
        0x2E80...0x2FDF,    // CJK and Kangxi radicals
        0x3005...0x3007,    // 々 〆 〇
        0x3021...0x3029, 0x3031...0x3035, 0x3038...0x303C,  // Hangzhou numerals, kana repeat marks
        0x3040...0x30FF,    // Hiragana, Katakana
        0x3130...0x318F,    // Hangul Compatibility Jamo
        0x31F0...0x31FF,    // Katakana Phonetic Extensions
        0x3400...0x4DBF,    // CJK Extension A
        0x4E00...0x9FFF,    // CJK Unified Ideographs
        0xA960...0xA97F,    // Hangul Jamo Extended-A
        0xAC00...0xD7FF,    // Hangul Syllables, Jamo Extended-B
        0xF900...0xFAFF,    // CJK Compatibility Ideographs
        0xFF66...0xFFDC,    // halfwidth Katakana and Hangul
        0x1B000...0x1B16F,  // Kana Supplement and Extended
        0x20000...0x323AF,  // CJK Extensions B–H, Compatibility Supplement
    ]

    /// Whether `s` has two letters or more and no lower-case letter (`SMITH`, `ANN MARIE`).
    /// ASCII names by their bytes: by `Character` this was 1,600 instructions a name, a twentieth
    /// of a status rebuild at 10,000 articles (every reference is formatted again; callgrind).
    static func isInCapitals(_ s: String) -> Bool {
        var letters = 0
        for byte in s.utf8 {
            if byte >= 0x80 { return s.filter(\.isLetter).count >= 2 && !s.contains(where: \.isLowercase) }
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { return false }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { letters += 1 }
        }
        return letters >= 2
    }

    /// `S. H.` → `SH`, `Jean-Marc` → `JM`; a word already in initials (`MAB`) is kept, unless
    /// `wordsAreNames` (a name written in capitals, where `ANN` is a name).
    static func initials(_ given: String, wordsAreNames: Bool = false) -> String {
        asciiInitials(given, wordsAreNames: wordsAreNames) ?? initialsByCharacter(given, wordsAreNames: wordsAreNames)
    }

    /// ``initials(_:wordsAreNames:)`` by `Character`, for any text.
    static func initialsByCharacter(_ given: String, wordsAreNames: Bool = false) -> String {
        var out = ""
        for word in given.split(whereSeparator: { $0.isWhitespace || $0 == "." || $0 == "-" || $0 == "‐" }) {
            if !wordsAreNames, (2...3).contains(word.count), word.allSatisfy({ $0.isUppercase }) {
                out += word
            } else if let first = word.first(where: \.isLetter) {
                out += first.uppercased()
            }
        }
        return out
    }

    /// ``initials(_:)`` on the bytes of an ASCII name, where each byte is a character (`\r\n`
    /// aside, and both of its bytes separate words), whitespace is tab to carriage return and the
    /// space, letters and capitals are A–Z and a–z; `nil` for any other name. By `Character`,
    /// initials cost 30,000 instructions a name, a sixth of formatting a reference.
    static func asciiInitials(_ given: String, wordsAreNames: Bool = false) -> String? {
        let result: String?? = given.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            func separates(_ byte: UInt8) -> Bool {
                byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            }
            func isCapital(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
            func isLetter(_ byte: UInt8) -> Bool { isCapital(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) }
            var out: [UInt8] = []
            var i = 0
            while i < bytes.count {
                guard bytes[i] < 0x80 else { return nil }
                if separates(bytes[i]) {
                    i += 1
                    continue
                }
                var end = i
                while end < bytes.count, !separates(bytes[end]) {
                    guard bytes[end] < 0x80 else { return nil }
                    end += 1
                }
                let word = bytes[i..<end]
                if !wordsAreNames, (2...3).contains(word.count), word.allSatisfy(isCapital) {
                    out += word
                } else if let first = word.first(where: isLetter) {
                    out.append(isCapital(first) ? first : first - 0x20)
                }
                i = end
            }
            return String(decoding: out, as: UTF8.self)
        }
        return result ?? nil
    }

    /// `s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)`: `s` itself when every
    /// byte is allowed, as in nearly every DOI (Foundation took 18,000 instructions a call).
    static func percentEncodedPath(_ s: String) -> String {
        if s.utf8.allSatisfy({ pathAllowed[Int($0)] }) { return s }
        return s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? s
    }

    /// The bytes `CharacterSet.urlPathAllowed` holds (all ASCII; a test compares them with it).
    static let pathAllowed: [Bool] = (0..<256).map { byte in
        guard byte < 0x80 else { return false }
        let scalar = Character(Unicode.Scalar(UInt8(byte)))
        return scalar.isASCII && (scalar.isLetter || scalar.isNumber || "!$&'()*+,-./=@_~".contains(scalar))
    }

    // MARK: - Text

    /// The text with a closing period, unless it already ends a sentence (`.`, `?`, `!`).
    static func sentence(_ s: String) -> String {
        endsSentence(s) ? s : s + "."
    }

    /// An abbreviated title without periods, as NLM prints abbreviations: `Lancet Oncol.` →
    /// `Lancet Oncol`, `J. Clin. Oncol.` → `J Clin Oncol`; a period with no space after it inside
    /// the title is one (`Proc.Natl.Acad.Sci.U.S.A.` → `Proc Natl Acad Sci U S A`).
    static func withoutPeriods(_ s: String) -> String {
        guard ByteScan.contains(s, UInt8(ascii: ".")) else { return s }
        var out = ""
        var afterPeriod = false
        for c in s {
            if c == "." {
                afterPeriod = true
                continue
            }
            if afterPeriod, !c.isWhitespace { out.append(" ") }
            afterPeriod = false
            out.append(c)
        }
        return out
    }

    /// `s` with each run of whitespace (newlines and tabs too) one space, and none at either end;
    /// a lone no-break space (`5 mg`) is kept as written. `s` itself when there is nothing to do,
    /// found on its scalars (ASCII ones without a property lookup).
    static func collapsingWhitespace(_ s: String) -> String {
        func isSpace(_ c: Unicode.Scalar) -> Bool {
            c.value < 0x80 ? c == " " || (0x09...0x0D).contains(c.value) : c.properties.isWhitespace
        }
        func isNoBreak(_ c: Unicode.Scalar) -> Bool { c == "\u{A0}" || c == "\u{2007}" || c == "\u{202F}" }
        var previous: Unicode.Scalar?
        var untouched = true
        for c in s.unicodeScalars {
            let space = isSpace(c)
            // A space at the start, a whitespace character other than a space or a lone
            // no-break space, or a second one in a row.
            if space, previous == nil || (c != " " && !isNoBreak(c)) || previous.map(isSpace) == true {
                untouched = false
                break
            }
            previous = c
        }
        if untouched, previous.map(isSpace) != true { return s }
        var out = String.UnicodeScalarView()
        var run: [Unicode.Scalar] = []
        for c in s.unicodeScalars {
            if isSpace(c) {
                run.append(c)
                continue
            }
            if !run.isEmpty, !out.isEmpty {
                if run.count == 1, isNoBreak(run[0]) { out.append(run[0]) } else { out.append(" ") }
            }
            run.removeAll(keepingCapacity: true)
            out.append(c)
        }
        return String(out)
    }

    /// Whether `s` ends a sentence: `.`, `?` or `!`, also inside closing CSL tags and quotes
    /// (`Why <i>HER2?</i>`, `“Is it safe?”` took a second period, `HER2?.`).
    private static func endsSentence(_ s: String) -> Bool {
        // By bytes, with no generic sequence calls: looking at the last `Character` through a
        // string of quote marks was 0.1 % of a build's instructions (every title of every page).
        let u = s.utf8
        var end = u.endIndex
        func back(_ k: Int) -> UInt8? { u.index(end, offsetBy: -k, limitedBy: u.startIndex).map { u[$0] } }
        while let last = back(1) {
            if last == UInt8(ascii: ">"), let open = u[..<end].lastIndex(of: UInt8(ascii: "<")),
               u.index(after: open) < end, u[u.index(after: open)] == UInt8(ascii: "/") {
                end = open                              // a closing tag
            } else if last == UInt8(ascii: "\"") || last == UInt8(ascii: "'") {
                end = u.index(before: end)
            } else if last == 0x9D || last == 0x99, back(2) == 0x80, back(3) == 0xE2 {
                end = u.index(end, offsetBy: -3)        // ” ’
            } else if last == 0xBB, back(2) == 0xC2 {
                end = u.index(end, offsetBy: -2)        // »
            } else {
                break
            }
        }
        guard let last = back(1) else { return true }
        return last == UInt8(ascii: ".") || last == UInt8(ascii: "?") || last == UInt8(ascii: "!")
    }

    private static func ordinal(_ n: String) -> String {
        guard let i = Int(n) else { return n }
        let suffix = (11...13).contains(i % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][i % 10] ?? "th"
        return "\(i)\(suffix)"
    }

    /// Whether a URL may become a link: `http` or `https` only.
    static func isWebURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://"))
            && !url.contains { $0.isWhitespace || $0.isNewline }
    }
}
