import Foundation

/// What a successful public build knew about the site it wrote, so that the next build, when only
/// a few articles changed and none changed what other pages see of it, validates and renders
/// those articles alone (``Publisher``).
///
/// Kept in `.publish-cache/<output name>.snapshot` beside the output folder. It holds the key of
/// every input besides the articles (``inputs``), the key of the order by question, the build's
/// findings, how many articles cite each key, and for each article (in listing order) the hash of
/// its text, the three hashes of its ``ArticleInterface`` (its shape; its links; its question,
/// topics, status and date), its date, the topics it is listed under, whether it has a pathway,
/// and the articles its page and findings read (``Entry/neighbours``). It is removed before a
/// build changes the output and written after the output is complete, so it always describes the
/// output beside it; a damaged or foreign file is ignored (a full rebuild, never a wrong page).
struct SiteSnapshot: Sendable {
    /// One article as the build saw it.
    struct Entry: Sendable, Equatable {
        /// The ``StableHash`` of its text.
        var source: UInt64
        /// The hash of its ``ArticleInterface``.
        var interface: UInt64
        /// The hash of its headings, links, related list and pathways (``ArticleInterface/linksHash(_:_:)``).
        var links: UInt64
        /// The hash of what other pages' lists show of it (``ArticleInterface/shownHash(_:)``).
        var shown: UInt64
        /// Its place in the lists by date (``SiteRenderer/recency(_:)``).
        var recency: Int
        /// The ``StableHash`` of each topic the questions page lists it under
        /// (``SiteRenderer/topicLists(_:)``), as written: to find its neighbours in those lists.
        var lists: [UInt64]
        /// Whether it has a pathway (the pathways page lists it).
        var pathways: Bool
        /// The articles its page or findings read (listing indexes, ascending): the ones it
        /// relates to or links to, and the ones that list it, link to it or target it in a pathway.
        var neighbours: [Int]
    }

    /// The hash of everything but the articles' texts: the tool, templates and `site.yaml`
    /// (``Publisher``'s base), the content folder's path and listing, the pages' and bibliography
    /// files' texts, and today (review-overdue counts from it).
    var inputs: UInt64
    /// The key of the order by question of the build's articles (``SiteRenderer/questionOrderKey(_:)``):
    /// the build cache keeps the order under it.
    var questionOrder: UInt64
    /// Every finding of the build, in report order.
    var diagnostics: [Diagnostic]
    /// How many articles cite each key (the keys cited at all): `reference-unused` reports the
    /// references that none cites, so a rebuild that changes an article's keys reports them anew
    /// from these counts.
    var citations: [String: Int]
    /// The articles, in listing order.
    var entries: [Entry]

    private static let magic = Array("guideline-press snapshot 6\n".utf8)

    /// The snapshot's path for the build of `output`.
    static func path(for output: String) -> String {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        return (BuildCache.folder(for: output) as NSString).appendingPathComponent(url.lastPathComponent + ".snapshot")
    }

    /// The snapshot of the build of `output` made by the program `tool`, when there is a whole one.
    static func read(output: String, tool: UInt64) -> SiteSnapshot? {
        guard let data = FileManager.default.contents(atPath: path(for: output)) else { return nil }
        return data.withUnsafeBytes { raw -> SiteSnapshot? in
            let all = raw.bindMemory(to: UInt8.self)
            // The last eight bytes are the checksum of the rest.
            guard all.count > 8 else { return nil }
            let body = UnsafeBufferPointer(rebasing: all[..<(all.count - 8)])
            var checksum = StableHash()
            checksum.combine(bytes: body)
            var tail = BinaryReader(UnsafeBufferPointer(rebasing: all[(all.count - 8)...]))
            guard (try? tail.uint64()) == checksum.value else { return nil }
            var r = BinaryReader(body)
            do {
                guard Array(try r.raw(magic.count)) == magic, try r.uint64() == tool else { return nil }
                let inputs = try r.uint64(), questionOrder = try r.uint64()
                let diagnostics = try r.array { r -> Diagnostic in
                    let file = try r.string()
                    return try r.diagnostic(file: file)
                }
                var citations: [String: Int] = [:]
                let keys = try r.int()
                guard keys <= body.count else { return nil }
                for _ in 0..<keys {
                    let key = try r.string(), count = try r.int()
                    guard count > 0, citations.updateValue(count, forKey: key) == nil else { return nil }
                }
                let count = try r.int()
                guard count <= body.count else { return nil }
                var entries: [Entry] = []
                entries.reserveCapacity(count)
                for _ in 0..<count {
                    let source = try r.uint64(), interface = try r.uint64(), links = try r.uint64(), shown = try r.uint64()
                    let recency = try r.int()
                    let lists = try r.array { try $0.uint64() }
                    let pathways = try r.int()
                    guard pathways <= 1 else { return nil }
                    let neighbours = try r.array { try $0.int() }
                    guard neighbours.allSatisfy({ $0 < count }) else { return nil }
                    entries.append(Entry(source: source, interface: interface, links: links, shown: shown, recency: recency,
                                         lists: lists, pathways: pathways == 1, neighbours: neighbours))
                }
                guard r.isAtEnd else { return nil }
                return SiteSnapshot(inputs: inputs, questionOrder: questionOrder, diagnostics: diagnostics, citations: citations,
                                    entries: entries)
            } catch {
                return nil
            }
        }
    }

    /// Writes the snapshot of the build of `output` (through a temporary file renamed over the old one).
    func save(output: String, tool: UInt64) throws {
        var w = BinaryWriter()
        w.raw(Self.magic)
        w.uint64(tool)
        w.uint64(inputs)
        w.uint64(questionOrder)
        w.array(diagnostics) { w, d in
            w.string(d.file)
            w.diagnostic(d)
        }
        w.int(citations.count)
        for (key, count) in citations.sorted(by: { $0.key < $1.key }) {
            w.string(key)
            w.int(count)
        }
        w.int(entries.count)
        for entry in entries {
            w.uint64(entry.source)
            w.uint64(entry.interface)
            w.uint64(entry.links)
            w.uint64(entry.shown)
            w.int(entry.recency)
            w.array(entry.lists) { $0.uint64($1) }
            w.int(entry.pathways ? 1 : 0)
            w.array(entry.neighbours) { $0.int($1) }
        }
        var checksum = StableHash()
        checksum.combine(bytes: w.bytes)
        w.uint64(checksum.value)
        try BuildCache.writeWhole(w.bytes, to: Self.path(for: output), naming: "the build snapshot")
    }

    /// Removes the snapshot of the build of `output`: call before the output changes.
    static func invalidate(output: String) {
        unlink(path(for: output))
    }
}
