/// One shard of a run: `--shard 2/4` runs the second of four parts.
public struct Shard: Sendable, Equatable {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            return nil
        }
        self.index = index
        self.count = count
    }

    /// The scenarios of this shard: longest first onto the least loaded shard, using the last
    /// run's durations by name where known (the median of the known ones otherwise, or equal
    /// weights when none is known). Deterministic for the same inputs.
    func select(_ scenarios: [Scenario], durations: [String: Double]) -> [Scenario] {
        let known = durations.values.sorted()
        let typical = known.isEmpty ? 1 : known[known.count / 2]
        let order = scenarios.indices.sorted { lhs, rhs in
            let left = durations[scenarios[lhs].name] ?? typical
            let right = durations[scenarios[rhs].name] ?? typical
            return left == right ? lhs < rhs : left > right
        }
        var loads = Array(repeating: 0.0, count: count)
        var mine: Set<Int> = []
        for position in order {
            let lightest = loads.indices.min { loads[$0] == loads[$1] ? $0 < $1 : loads[$0] < loads[$1] }!
            loads[lightest] += durations[scenarios[position].name] ?? typical
            if lightest == index - 1 { mine.insert(position) }
        }
        return scenarios.indices.filter(mine.contains).map { scenarios[$0] }
    }
}
