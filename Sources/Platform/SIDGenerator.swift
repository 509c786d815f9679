/// Deterministic SIDs: the same seed yields the same sequence of SIDs, run after run.
///
/// Uses SplitMix64, which is small, fast and has no bad seeds. Not thread-safe on purpose:
/// each simulated world owns one generator.
public struct SIDGenerator: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for one named stream (a scenario, a table row) derived from a run's seed,
    /// so that scenarios run in parallel still get SIDs independent of scheduling.
    public init(seed: UInt64, stream: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a over the stream name
        for byte in stream.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        state = seed ^ hash
    }

    public mutating func next(_ prefix: SIDPrefix) -> SID {
        let high = nextWord()
        return SID(prefix: prefix, high: high, low: nextWord())
    }

    /// The next 64 random bits (also used for idempotency tokens and other seeded values).
    public mutating func nextWord() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
