import Foundation
import Synchronization

/// The scenarios of a run in file order (rows in table order), delivered as their files are
/// read: the files load on every core while the first scenarios already run. A file that cannot
/// be used comes as its file-error result, in its place.
struct ScenarioSource {
    enum Item: Sendable {
        case scenario(Scenario)
        case fileError(ScenarioResult)
    }

    let items: AsyncStream<Item>
    /// How many items there are (scenarios and broken files), known once every file is read.
    /// Not cancelled with the run, so an interrupted run can say how many did not run.
    let count: Task<Int, Never>

    /// Reads `files`, keeping the scenarios whose name contains `filter` (case-insensitive).
    static func reading(_ files: [String], filter: String?) -> ScenarioSource {
        let (items, continuation) = AsyncStream.makeStream(of: Item.self)
        let filter = filter?.lowercased()
        let count = Task {
            let workers = max(1, min(files.count, ProcessInfo.processInfo.activeProcessorCount))
            let order = FileOrder(continuation)
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<workers {
                    group.addTask {
                        for index in stride(from: worker, to: files.count, by: workers) {
                            order.add(read(files[index], filter: filter), of: index)
                        }
                    }
                }
            }
            continuation.finish()
            return order.count
        }
        return ScenarioSource(items: items, count: count)
    }

    /// Every file read first, then the shard's part of the scenarios (balanced by `durations`);
    /// broken files come with the first shard only.
    static func sharded(_ files: [String], filter: String?, shard: Shard, durations: [String: Double]) async -> ScenarioSource {
        var scenarios: [Scenario] = []
        var broken: [Item] = []
        for await item in reading(files, filter: filter).items {
            switch item {
            case .scenario(let scenario): scenarios.append(scenario)
            case .fileError: if shard.index == 1 { broken.append(item) }
            }
        }
        let selected = broken + shard.select(scenarios, durations: durations).map(Item.scenario)
        let (items, continuation) = AsyncStream.makeStream(of: Item.self)
        for item in selected { continuation.yield(item) }
        continuation.finish()
        return ScenarioSource(items: items, count: Task { selected.count })
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
/// before it are out.
private final class FileOrder: Sendable {
    private let continuation: AsyncStream<ScenarioSource.Item>.Continuation
    private let state = Mutex((next: 0, waiting: [Int: [ScenarioSource.Item]](), count: 0))

    init(_ continuation: AsyncStream<ScenarioSource.Item>.Continuation) {
        self.continuation = continuation
    }

    /// The items yielded so far.
    var count: Int {
        state.withLock { $0.count }
    }

    func add(_ items: [ScenarioSource.Item], of file: Int) {
        state.withLock { state in
            state.waiting[file] = items
            while let ready = state.waiting.removeValue(forKey: state.next) {
                for item in ready { continuation.yield(item) }
                state.count += ready.count
                state.next += 1
            }
        }
    }
}
