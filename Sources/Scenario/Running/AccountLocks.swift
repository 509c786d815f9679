/// Scenarios that declare the same account SID run one at a time. The REST API finds the world
/// of an app's request by its credentials alone (an app sends no more), so two running worlds
/// of one account could not be told apart; scenarios with seeded accounts never share one.
actor AccountLocks {
    private var held: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Waits until no other scenario of this account runs, then holds the account.
    func acquire(_ account: String) async {
        guard held.contains(account) else {
            held.insert(account)
            return
        }
        await withCheckedContinuation { waiting[account, default: []].append($0) }
    }

    /// Hands the account to the next scenario waiting for it, or frees it.
    func release(_ account: String) {
        guard var queue = waiting[account], !queue.isEmpty else {
            held.remove(account)
            return
        }
        let next = queue.removeFirst()
        waiting[account] = queue.isEmpty ? nil : queue
        next.resume()
    }
}
