/// "Did you mean …?": the closest candidate to a misspelt name.
public enum NearMatch {
    /// The candidate nearest to `name` by edit distance, when it is close enough to be a typo
    /// (at most 2 edits, and fewer than half the name's length); ties go to the first in sorted order.
    public static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        guard !target.isEmpty else { return nil }
        let limit = min(2, max(1, target.count / 2))
        var best: (distance: Int, candidate: String)?
        for candidate in candidates where candidate != name {
            let other = Array(candidate.lowercased().unicodeScalars)
            guard abs(other.count - target.count) <= limit else { continue }
            let d = distance(target, other, limit: limit)
            guard d <= limit else { continue }
            if best == nil || d < best!.distance || (d == best!.distance && candidate < best!.candidate) {
                best = (d, candidate)
            }
        }
        return best?.candidate
    }

    /// Levenshtein distance with adjacent transpositions, giving up past `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(prev[j] + 1, current[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, prev2[j - 2] + 1)
                }
                current[j] = value
                rowMin = min(rowMin, value)
            }
            if rowMin > limit { return rowMin }
            (prev2, prev, current) = (prev, current, prev2)
        }
        return prev[b.count]
    }
}
