import Foundation
import Synchronization

/// The scenarios of a run in file order (rows in table order), delivered as their files are
/// read: the files load on every core while the first scenarios already run, a bounded way
/// ahead of them (`readAhead` scenarios waiting at most, so a run of 100,000 files does not hold
/// them all). A file that cannot be used comes as its file-error result, in its place.
struct ScenarioSource {
    /// How many scenarios may wait, read but not taken, before the readers pause.
    static let readAhead = 256

    enum Item: Sendable {
        case scenario(Scenario)
        case fileError(ScenarioResult)
    }

    let items: AsyncStream<Item>
    /// How many items there are (scenarios and broken files), known once every file is read.
    /// Not cancelled with the run, so an interrupted run can say how many did not run.
    let count: Task<Int, Never>
    /// Called by the consumer for each item it takes from `items`: the readers go on.
    let taken: @Sendable () -> Void
    /// Called by the consumer when it takes no more (the run is over or cut short).
    let done: @Sendable () -> Void

    /// Reads `files`, keeping the scenarios whose name contains `filter` (case-insensitive).
    static func reading(_ files: [String], filter: String?) -> ScenarioSource {
        let (items, continuation) = AsyncStream.makeStream(of: Item.self)
        let filter = filter?.lowercased()
        let order = FileOrder(continuation)
        let count = Task {
            let workers = max(1, min(files.count, ProcessInfo.processInfo.activeProcessorCount))
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<workers {
                    group.addTask {
                        for index in stride(from: worker, to: files.count, by: workers) {
                            await order.waitForRoom(toRead: index)
                            order.add(await load(files[index], filter: filter), of: index)
                        }
                    }
                }
            }
            continuation.finish()
            return order.count
        }
        return ScenarioSource(items: items, count: count, taken: order.take, done: order.release)
    }

    /// Every file read first, then the shard's part of the scenarios (`Shard.select`); broken
    /// files come with the first shard only.
    static func sharded(_ files: [String], filter: String?, shard: Shard, durations: [String: Double]?) async -> ScenarioSource {
        var scenarios: [Scenario] = []
        var broken: [Item] = []
        let source = reading(files, filter: filter)
        defer { source.done() }
        for await item in source.items {
            source.taken()
            switch item {
            case .scenario(let scenario): scenarios.append(scenario)
            case .fileError: if shard.index == 1 { broken.append(item) }
            }
        }
        let selected = broken + shard.select(scenarios, durations: durations).map(Item.scenario)
        let (items, continuation) = AsyncStream.makeStream(of: Item.self)
        for item in selected { continuation.yield(item) }
        continuation.finish()
        return ScenarioSource(items: items, count: Task { selected.count }, taken: {}, done: {})
    }

    /// Reads a file on a thread of its own: Swift concurrency runs on the network event loops,
    /// and a loop busy parsing files for seconds lets the first scenarios' connections time out.
    private static func load(_ file: String, filter: String?) async -> [Item] {
        await withCheckedContinuation { loaded in
            DispatchQueue.global().async { loaded.resume(returning: read(file, filter: filter)) }
        }
    }

    /// One file's items: its scenarios that pass the filter, or its file error.
    private static func read(_ file: String, filter: String?) -> [Item] {
        do throws(ScenarioError) {
            let scenarios = try ScenarioLoader.load(file: file)
            return scenarios.filter { filter == nil || $0.name.lowercased().contains(filter!) }.map(Item.scenario)
        } catch {
            return [.fileError(ScenarioResult(name: (file as NSString).lastPathComponent, file: file, location: error.location,
                                              status: .fileError, failures: [], error: error.description, duration: 0, webhooks: 0,
                                              virtualSeconds: 0, traffic: [], journal: nil))]
        }
    }
}

/// Files finish out of order on several workers: each file's items are held until the files
/// before it are out. A worker about to read a file beyond the next one out waits while
/// `readAhead` items are out and not taken; the next file is always read, so the run goes on.
private final class FileOrder: Sendable {
    private struct State {
        var next = 0
        var waiting: [Int: [ScenarioSource.Item]] = [:]
        /// Items yielded, and taken by the consumer.
        var count = 0
        var taken = 0
        var readers: [CheckedContinuation<Bool, Never>] = []
        /// The consumer is done: nothing waits any more.
        var released = false

        func hasRoom(toRead file: Int) -> Bool {
            released || file <= next || count - taken < ScenarioSource.readAhead
        }
    }

    private let continuation: AsyncStream<ScenarioSource.Item>.Continuation
    private let state = Mutex(State())

    init(_ continuation: AsyncStream<ScenarioSource.Item>.Continuation) {
        self.continuation = continuation
    }

    /// The items yielded so far.
    var count: Int {
        state.withLock { $0.count }
    }

    func add(_ items: [ScenarioSource.Item], of file: Int) {
        let waking = state.withLock { state in
            state.waiting[file] = items
            while let ready = state.waiting.removeValue(forKey: state.next) {
                for item in ready { continuation.yield(item) }
                state.count += ready.count
                state.next += 1
            }
            return wake(&state)
        }
        for reader in waking { reader.resume(returning: false) }
    }

    /// Waits until the file may be read.
    func waitForRoom(toRead file: Int) async {
        while await !hasRoomOrWaits(toRead: file) {}
    }

    /// True when the file may be read; otherwise waits until woken, then false (look again).
    private func hasRoomOrWaits(toRead file: Int) async -> Bool {
        await withCheckedContinuation { reader in
            let ready = state.withLock { state in
                guard state.hasRoom(toRead: file) else {
                    state.readers.append(reader)
                    return false
                }
                return true
            }
            if ready { reader.resume(returning: true) }
        }
    }

    /// The consumer took an item.
    @Sendable func take() {
        let waking = state.withLock { state in
            state.taken += 1
            return wake(&state)
        }
        for reader in waking { reader.resume(returning: false) }
    }

    /// The consumer takes no more: the readers finish without waiting (to count the rest).
    @Sendable func release() {
        let waking = state.withLock { state in
            state.released = true
            return wake(&state)
        }
        for reader in waking { reader.resume(returning: false) }
    }

    /// The waiting readers, to be resumed outside the lock: each looks again for room.
    private func wake(_ state: inout State) -> [CheckedContinuation<Bool, Never>] {
        defer { state.readers = [] }
        return state.readers
    }
}
