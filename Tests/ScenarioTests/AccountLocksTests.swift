@testable import Scenario
import Synchronization
import Testing

/// Scenarios of one declared account run one at a time, in the order they asked; other
/// accounts are not held up.
@Suite struct AccountLocksTests {
    @Test func anAccountIsHeldByOneScenarioAtATime() async {
        let locks = AccountLocks()
        let order = Mutex<[String]>([])
        await locks.acquire("AC1")
        let second = Task {
            await locks.acquire("AC1")
            order.withLock { $0.append("second") }
            await locks.release("AC1")
        }
        // Another account goes at once while AC1 is held.
        await locks.acquire("AC2")
        order.withLock { $0.append("other account") }
        await locks.release("AC2")
        try? await Task.sleep(for: .milliseconds(50))
        order.withLock { $0.append("first done") }
        await locks.release("AC1")
        await second.value
        #expect(order.withLock { $0 } == ["other account", "first done", "second"])
        // Free again: taken at once.
        await locks.acquire("AC1")
        await locks.release("AC1")
    }
}
