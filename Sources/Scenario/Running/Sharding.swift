/// One shard of a run: `--shard 2/4` runs the second of four parts.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
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

    /// The text of the shard, `2/4`.
    public var description: String { "\(index)/\(count)" }

    /// The scenarios of this shard. Every shard of a run must get the same inputs, so each
    /// scenario lands in exactly one: without `durations`, a scenario goes to the shard its
    /// identity's stable hash names; with them (a results.json every shard is given), longest
    /// first onto the least loaded shard, by name (the median of the known durations for the
    /// others). Deterministic for the same inputs.
    func select(_ scenarios: [Scenario], durations: [String: Double]?) -> [Scenario] {
        guard let durations else {
            return scenarios.filter { Int(ScenarioIdentity($0).stableHash % UInt64(count)) == index - 1 }
        }
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
