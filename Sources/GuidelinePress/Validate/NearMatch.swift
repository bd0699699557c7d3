/// Finds the near miss behind a mistyped name, for "did you mean …?" in diagnostics.
public enum NearMatch {
    /// The largest edit distance that still counts as a near miss.
    public static let maximumDistance = 2

    /// The candidate closest to `name` by Levenshtein distance, if it is at most two edits away
    /// (and fewer edits than `name` has characters); ties go to the alphabetically first candidate.
    ///
    /// Names and candidates that are both ASCII (nearly all keys, slugs and anchors) are compared
    /// by their bytes, with no copy of the candidate and one pair of rows for the whole search:
    /// copying each candidate into an array of characters first made 499 mistyped DOI keys
    /// against 4,343 ids take a second of CPU (a probe). Others are compared by characters.
    public static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(name)
        let targetBytes = Array(name.utf8)
        let targetIsASCII = targetBytes.count == target.count
        let maximum = min(maximumDistance, max(target.count, 1) - 1)
        var rows = Rows()
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let limit = min(maximum, best?.distance ?? .max)
            let d: Int?
            if targetIsASCII, let byBytes = asciiDistance(targetBytes, candidate, limit: limit, rows: &rows) {
                d = byBytes
            } else {
                let other = Array(candidate)
                guard abs(other.count - target.count) <= limit else { continue }
                d = distance(target, other, limit: limit)
            }
            guard let d else { continue }
            if let b = best, (b.distance, b.candidate) <= (d, candidate) { continue }
            best = (d, candidate)
        }
        return best?.candidate
    }

    /// Reused rows of the distance table.
    struct Rows {
        var previous: [Int] = []
        var current: [Int] = []
    }

    /// The distance between the ASCII `target` and `candidate` when `candidate` is ASCII too
    /// (`.some(nil)` past `limit`); `nil` when it is not, to be compared by characters.
    private static func asciiDistance(_ target: [UInt8], _ candidate: String, limit: Int, rows: inout Rows) -> Int?? {
        var candidate = candidate
        return candidate.withUTF8 { other -> Int?? in
            guard other.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard abs(other.count - target.count) <= limit else { return .some(nil) }
            return .some(target.withUnsafeBufferPointer { distance($0, other, limit: limit, rows: &rows) })
        }
    }

    /// The Levenshtein distance between `a` and `b`, or `nil` when it exceeds `limit`.
    static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int? {
        var rows = Rows()
        return a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in distance(a, b, limit: limit, rows: &rows) } }
    }

    /// The Levenshtein distance between `a` and `b`, or `nil` when it exceeds `limit`, in `rows`.
    private static func distance<T: Equatable>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>, limit: Int,
                                               rows: inout Rows) -> Int? {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        if rows.previous.count < b.count + 1 {
            rows.previous = [Int](repeating: 0, count: b.count + 1)
            rows.current = rows.previous
        }
        return rows.previous.withUnsafeMutableBufferPointer { previous in
            rows.current.withUnsafeMutableBufferPointer { current in
                var previous = previous, current = current
                for j in 0...b.count { previous[j] = j }
                for i in 1...a.count {
                    current[0] = i
                    var rowMinimum = i
                    for j in 1...b.count {
                        let cost = a[i - 1] == b[j - 1] ? 0 : 1
                        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                        rowMinimum = min(rowMinimum, current[j])
                    }
                    if rowMinimum > limit { return nil }
                    swap(&previous, &current)
                }
                return previous[b.count] <= limit ? previous[b.count] : nil
            }
        }
    }
}
