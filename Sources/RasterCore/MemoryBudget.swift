import Synchronization

/// A shared allowance of bytes that decodes reserve from before they allocate, so that a
/// process running many decodes at once stays within a memory ceiling instead of running
/// out of memory under load.
///
/// One budget is shared by every request of a service (it is `Sendable`). A decode asks for
/// the bytes its header implies and holds the returned `MemoryReservation` while the image
/// lives; dropping the reservation (or calling `release()`) returns the bytes. Over budget,
/// the caller chooses: `tryReserve` fails at once, `reserve(_:timeout:)` waits in line.
///
/// Invariant: `inUse <= capacity` at every moment. Every place that adds to `inUse` first
/// checks `request <= capacity - inUse` under the lock (that subtraction cannot overflow,
/// as `0 <= inUse <= capacity` holds before it), so the sum cannot pass `capacity`.
///
/// Fairness: waiters are granted strictly in arrival order, and `tryReserve` fails while
/// anyone waits, so a large request is never starved by a stream of small ones.
public final class MemoryBudget: Sendable {
    /// The bytes this budget can hand out in total.
    public let capacity: Int

    private let state: Lock<State>
    private let nextTicket = Atomic<UInt64>(0)

    /// A budget of `bytes` (negative counts as zero).
    public init(bytes: Int) {
        capacity = max(bytes, 0)
        state = Lock(State())
    }

    /// Bytes currently reserved.
    public var inUse: Int { state.withLock { $0.inUse } }

    /// Requests currently waiting in `reserve(_:timeout:)`.
    public var waiting: Int { state.withLock { $0.queue.count } }

    /// Reserves `bytes` now or throws: never waits.
    ///
    /// Fails with `.exceedsCapacity` when the request is larger than the whole budget and
    /// with `.unavailable` when it does not fit beside what is held, or others are waiting.
    public func tryReserve(_ bytes: Int) throws(BudgetExceeded) -> MemoryReservation {
        let request = max(bytes, 0)
        let granted: Result<Void, BudgetExceeded> = state.withLock { s in
            if request > capacity { return .failure(failure(.exceedsCapacity, request, s)) }
            if s.queue.isEmpty, request <= capacity - s.inUse {
                s.inUse += request  // <= capacity by the check above
                return .success(())
            }
            return .failure(failure(.unavailable, request, s))
        }
        try granted.get()
        return MemoryReservation(budget: self, bytes: request)
    }

    /// Reserves `bytes`, waiting in line up to `timeout` for others to release.
    ///
    /// Fails at once with `.exceedsCapacity` when the request is larger than the whole
    /// budget; after `timeout` with `.timedOut`; and with `.cancelled` as soon as the calling
    /// task is cancelled. A timeout of zero or less never waits.
    public func reserve(_ bytes: Int, timeout: Duration) async throws(BudgetExceeded) -> MemoryReservation {
        let request = max(bytes, 0)
        let ticket = nextTicket.wrappingAdd(1, ordering: .relaxed).newValue
        let outcome: Result<Void, BudgetExceeded> = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Void, BudgetExceeded>, Never>) in
                enqueue(ticket, request, timeout: timeout, continuation)
            }
        } onCancel: {
            // Runs at once if the task was already cancelled, before `enqueue`; `enqueue`
            // then sees `Task.isCancelled` under the same lock, so one of the two fails it.
            finish(ticket, .cancelled)
        }
        try outcome.get()
        return MemoryReservation(budget: self, bytes: request)
    }

    // MARK: - Internals

    private typealias Continuation = CheckedContinuation<Result<Void, BudgetExceeded>, Never>

    private struct Waiter {
        var ticket: UInt64
        var bytes: Int
        var continuation: Continuation
        var timer: Task<Void, Never>?
    }

    private struct State {
        var inUse = 0
        /// Arrival order. Removal from the front is O(n), but n is bounded by the requests
        /// in flight, which a service keeps in the hundreds.
        var queue: [Waiter] = []
    }

    private func failure(_ reason: BudgetExceeded.Reason, _ request: Int, _ s: State) -> BudgetExceeded {
        BudgetExceeded(reason: reason, requested: request, capacity: capacity, inUse: s.inUse)
    }

    private func enqueue(_ ticket: UInt64, _ request: Int, timeout: Duration, _ continuation: Continuation) {
        let immediate: Result<Void, BudgetExceeded>? = state.withLock { s in
            if request > capacity { return .failure(failure(.exceedsCapacity, request, s)) }
            if s.queue.isEmpty, request <= capacity - s.inUse {
                s.inUse += request  // <= capacity by the check above
                return .success(())
            }
            if Task.isCancelled { return .failure(failure(.cancelled, request, s)) }
            if timeout <= .zero { return .failure(failure(.timedOut, request, s)) }
            s.queue.append(Waiter(ticket: ticket, bytes: request, continuation: continuation, timer: nil))
            return nil
        }
        if let immediate {
            continuation.resume(returning: immediate)
            return
        }
        let timer = Task { [self] in
            do { try await Task.sleep(for: timeout) } catch { return }  // cancelled: granted or gone
            finish(ticket, .timedOut)
        }
        // The waiter may have been granted or cancelled before the timer existed.
        let attached = state.withLock { s in
            guard let i = s.queue.firstIndex(where: { $0.ticket == ticket }) else { return false }
            s.queue[i].timer = timer
            return true
        }
        if !attached { timer.cancel() }
    }

    /// Fails waiter `ticket` (if it still waits) and grants whoever that unblocks.
    private func finish(_ ticket: UInt64, _ reason: BudgetExceeded.Reason) {
        let (removed, error, granted): (Waiter?, BudgetExceeded?, [Waiter]) = state.withLock { s in
            guard let i = s.queue.firstIndex(where: { $0.ticket == ticket }) else { return (nil, nil, []) }
            let w = s.queue.remove(at: i)
            return (w, failure(reason, w.bytes, s), grantWaiters(&s))
        }
        guard let removed, let error else { return }
        removed.timer?.cancel()
        removed.continuation.resume(returning: .failure(error))
        resume(granted)
    }

    /// Called by `MemoryReservation` exactly once per reservation.
    fileprivate func giveBack(_ bytes: Int) {
        let granted = state.withLock { s in
            s.inUse -= bytes  // every reservation added exactly its bytes, so inUse >= bytes
            return grantWaiters(&s)
        }
        resume(granted)
    }

    /// Grants waiters from the front while the first one fits; stops at the first that does
    /// not (strict FIFO). Must run under the lock.
    private func grantWaiters(_ s: inout State) -> [Waiter] {
        var count = 0
        var free = capacity - s.inUse
        while count < s.queue.count, s.queue[count].bytes <= free {
            free -= s.queue[count].bytes
            count += 1
        }
        guard count > 0 else { return [] }
        s.inUse = capacity - free  // each grant was <= free, so inUse stays <= capacity
        let granted = Array(s.queue[..<count])
        s.queue.removeFirst(count)
        return granted
    }

    /// Continuations are resumed outside the lock, so a woken task never contends with it.
    private func resume(_ granted: [Waiter]) {
        for w in granted {
            w.timer?.cancel()
            w.continuation.resume(returning: .success(()))
        }
    }
}

/// Bytes held from a `MemoryBudget`. They return to the budget exactly once: at the first
/// `release()`, or when the reservation is dropped, so a decode that throws, or a request
/// that is abandoned, leaks nothing.
public final class MemoryReservation: Sendable {
    /// The bytes held.
    public let bytes: Int
    private let budget: MemoryBudget
    private let released = Atomic<Bool>(false)

    fileprivate init(budget: MemoryBudget, bytes: Int) {
        self.budget = budget
        self.bytes = bytes
    }

    /// Whether the bytes were already returned.
    public var isReleased: Bool { released.load(ordering: .acquiring) }

    /// Returns the bytes to the budget. Further calls do nothing.
    public func release() {
        // The exchange lets exactly one caller (or deinit) see `false`.
        if !released.exchange(true, ordering: .acquiringAndReleasing) {
            budget.giveBack(bytes)
        }
    }

    deinit { release() }
}

/// A reservation refused by a `MemoryBudget`. A service answers it with 503 and
/// `Retry-After`: the same request can succeed once others finish.
public struct BudgetExceeded: RasterFailure, Hashable {
    /// Why the bytes were not granted.
    public enum Reason: String, Hashable, Sendable {
        /// The request is larger than the whole budget: it can never succeed.
        case exceedsCapacity
        /// `tryReserve`: the bytes are not free now (or others wait first).
        case unavailable
        /// `reserve`: the bytes did not become free within the timeout.
        case timedOut
        /// `reserve`: the waiting task was cancelled.
        case cancelled
    }

    /// Why the bytes were not granted; `.exceedsCapacity` will never succeed, the others may.
    public var reason: Reason
    /// Bytes asked for.
    public var requested: Int
    /// The budget's capacity.
    public var capacity: Int
    /// Bytes reserved by others when the request failed.
    public var inUse: Int

    /// A refusal from its parts (the budget builds these; tests may too).
    public init(reason: Reason, requested: Int, capacity: Int, inUse: Int) {
        self.reason = reason
        self.requested = requested
        self.capacity = capacity
        self.inUse = inUse
    }

    public var kind: ErrorKind { .budgetExceeded }

    public var description: String {
        let what: String
        switch reason {
        case .exceedsCapacity: what = "is larger than the whole memory budget"
        case .unavailable: what = "is not available now"
        case .timedOut: what = "did not become available before the timeout"
        case .cancelled: what = "was abandoned: the waiting task was cancelled"
        }
        return "memory budget: \(requested) bytes \(what) (capacity \(capacity), in use \(inUse))"
    }
}
