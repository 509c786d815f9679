/// Events waiting on the virtual clock, taken in time order (ties in the order they were
/// scheduled, so a run is deterministic). A binary heap: 10,000 events cost microseconds.
struct EventQueue<Action> {
    private struct Entry {
        let time: Double
        let sequence: Int
        let action: Action

        func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && sequence < other.sequence)
        }
    }

    private var heap: [Entry] = []
    private var nextSequence = 0

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }

    /// When the earliest event is due.
    var nextTime: Double? { heap.first?.time }

    mutating func schedule(_ action: Action, at time: Double) {
        heap.append(Entry(time: time, sequence: nextSequence, action: action))
        nextSequence += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest event.
    mutating func next() -> (time: Double, action: Action)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let entry = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var first = parent
            if left < heap.count, heap[left].precedes(heap[first]) { first = left }
            if right < heap.count, heap[right].precedes(heap[first]) { first = right }
            if first == parent { break }
            heap.swapAt(parent, first)
            parent = first
        }
        return (entry.time, entry.action)
    }
}
