import Synchronization

/// Lets one task at a time run a world's code, as an actor would, with the webhook deliveries
/// as its only suspension points: the task running a scenario holds the gate from the start and
/// leaves it while a webhook is out (`World.call`), so that the app's REST requests made while
/// it answers (Messages.create inside an inbound-SMS handler) enter the world then, and the
/// scenario goes on when they are done. Waiters enter in the order they came.
public final class WorldGate: Sendable {
    private struct State {
        var held = true
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// A gate held by the task that creates it.
    public init() {}

    /// Waits until the gate is free, then holds it.
    public func enter() async {
        let free = state.withLock { state in
            guard !state.held else { return false }
            state.held = true
            return true
        }
        if free { return }
        await withCheckedContinuation { (entered: CheckedContinuation<Void, Never>) in
            let free = state.withLock { state in
                if state.held {
                    state.waiting.append(entered)
                    return false
                }
                state.held = true
                return true
            }
            if free { entered.resume() }
        }
    }

    /// Lets the next waiter in (the gate stays held, by it), or frees the gate.
    public func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.held = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
