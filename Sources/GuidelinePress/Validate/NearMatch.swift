/// Finds the near miss behind a mistyped name, for "did you mean …?" in diagnostics.
public enum NearMatch {
    /// The largest edit distance that still counts as a near miss.
    public static let maximumDistance = 2

    /// The candidate closest to `name` by Levenshtein distance, if it is at most two edits away
    /// (and fewer edits than `name` has characters); ties go to the alphabetically first candidate.
    public static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(name)
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let other = Array(candidate)
            let limit = min(maximumDistance, max(target.count, 1) - 1, best?.distance ?? .max)
            guard abs(other.count - target.count) <= limit,
                  let d = distance(target, other, limit: limit) else { continue }
            if let b = best, (b.distance, b.candidate) <= (d, candidate) { continue }
            best = (d, candidate)
        }
        return best?.candidate
    }

    /// The Levenshtein distance between `a` and `b`, or `nil` when it exceeds `limit`.
    static func distance(_ a: [Character], _ b: [Character], limit: Int) -> Int? {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
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
