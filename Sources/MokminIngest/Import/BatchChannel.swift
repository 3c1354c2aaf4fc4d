import Foundation

/// A bounded first-in first-out hand-over between two threads: one thread `put`s, another `take`s. The putting side
/// ends with `finish(throwing:)`; the taking side can `cancel()` it, after which `put` refuses. When full, `put`
/// waits, so memory stays bounded whatever the input's size.
public final class BatchChannel<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Waits for room and adds `item`; false when the taker cancelled (the putter should stop).
    public func put(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// No more items will come; `error` (if any) is thrown to the taker after the items already put.
    public func finish(throwing error: (any Error)? = nil) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The taker gives up: pending and future `put`s return false.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next item, waiting for one; nil once the putter finished and every item was taken; rethrows the
    /// putter's error at that point.
    public func take() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        if !items.isEmpty {
            // At most `capacity` items wait, so moving the rest up is cheap, and a taken item is released at once.
            let item = items.removeFirst()
            condition.broadcast()
            return item
        }
        if let failure { throw failure }
        return nil
    }
}
