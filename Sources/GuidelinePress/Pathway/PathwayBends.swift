/// How much work a pathway's layout is, before Graphviz is asked: `dot` draws an edge that spans
/// several ranks through one virtual node ("bend") per rank crossed, and its layout time grows far
/// faster than those. A 200-step chain with 101 labelled edges back up the chain (300 edges, inside
/// the edge limit) took 69 s to lay out, a 150-step chain with 150 random ones 234 s (second
/// hostile-input probe, seventeenth session). Whole builds of the probe's sites by this estimate:
/// 2,670 bends 0.5 s, 5,337–5,558 1.6–1.7 s (200 steps and 300 random labelled edges among
/// them), 6,157 3.2 s, 10,731 16 s, 20,100–21,245 69–234 s.
extension Pathway {
    /// The most bends a pathway may need: a few seconds of layout at most. Real treatment
    /// pathways need tens (the sample's and the benchmark corpus's all pass).
    public static let maximumBends = 6_000

    /// An estimate of the bends `dot` makes: its own first steps, on the node graph. Edges that close
    /// a cycle (found by a depth-first search from each node in order, as `dot`'s `acyclic` does)
    /// are turned around; ranks are the longest path from a source; each edge then crosses its rank
    /// difference less one, twice that when any edge has a label (`dot` doubles every edge's length
    /// to make room for labels). Edges without a label between the same two nodes share their bends.
    public var layoutBends: Int {
        var index: [String: Int] = [:]
        for node in nodes where index[node.id] == nil { index[node.id] = index.count }
        var pairs = Set<[Int]>()
        var links: [(Int, Int)] = []
        for edge in edges {
            guard let from = index[edge.from], let to = index[edge.to], from != to else { continue }
            if edge.label != nil || pairs.insert([from, to]).inserted { links.append((from, to)) }
        }
        let count = index.count
        var out = Array(repeating: [Int](), count: count)
        for (from, to) in links { out[from].append(to) }
        // Depth-first, without recursion (a chain of 200 steps).
        var state = Array(repeating: 0, count: count)  // 0 new, 1 on the path, 2 done
        var reversed = Set<[Int]>()
        for start in 0..<count where state[start] == 0 {
            var stack = [(node: start, next: 0)]
            state[start] = 1
            while let top = stack.last {
                if top.next < out[top.node].count {
                    stack[stack.count - 1].next += 1
                    let to = out[top.node][top.next]
                    if state[to] == 1 { reversed.insert([top.node, to]) } else if state[to] == 0 {
                        state[to] = 1
                        stack.append((to, 0))
                    }
                } else {
                    state[top.node] = 2
                    stack.removeLast()
                }
            }
        }
        let acyclic = links.map { reversed.contains([$0.0, $0.1]) ? ($0.1, $0.0) : $0 }
        var successors = Array(repeating: [Int](), count: count)
        var incoming = Array(repeating: 0, count: count)
        for (from, to) in acyclic {
            successors[from].append(to)
            incoming[to] += 1
        }
        var rank = Array(repeating: 0, count: count)
        var ready = (0..<count).filter { incoming[$0] == 0 }
        while let node = ready.popLast() {
            for next in successors[node] {
                rank[next] = max(rank[next], rank[node] + 1)
                incoming[next] -= 1
                if incoming[next] == 0 { ready.append(next) }
            }
        }
        let scale = edges.contains { $0.label != nil } ? 2 : 1
        return acyclic.reduce(0) { $0 + max(0, (rank[$1.1] - rank[$1.0]) * scale - 1) }
    }
}
