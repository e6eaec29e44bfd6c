import Testing
import RasterCore

/// Counts the bytes held by live reservations independently of the budget's own books,
/// and remembers the largest total ever seen, so over-commit shows whatever the budget says.
final class HeldTally: Sendable {
    private let state = Lock<(held: Int, peak: Int)>((0, 0))

    func add(_ bytes: Int) {
        state.withLock { s in
            s.held += bytes
            s.peak = max(s.peak, s.held)
        }
    }

    func remove(_ bytes: Int) { state.withLock { $0.held -= bytes } }

    var peak: Int { state.withLock { $0.peak } }
    var held: Int { state.withLock { $0.held } }
}

/// Outcome counters shared by many tasks.
final class Outcomes: Sendable {
    private let counts = Lock<(granted: Int, refused: Int)>((0, 0))
    func granted() { counts.withLock { $0.granted += 1 } }
    func refused() { counts.withLock { $0.refused += 1 } }
    var totals: (granted: Int, refused: Int) { counts.withLock { $0 } }
}

/// A decode that reserves its bytes and then fails, as a decoder meeting corrupt data does.
struct FailingDecode: Error {}

func decodeThatThrows(_ budget: MemoryBudget, bytes: Int) throws -> Int {
    let reservation = try budget.tryReserve(bytes)
    if reservation.bytes > 0 { throw FailingDecode() }
    return reservation.bytes
}

/// Waits until `condition` holds; fails the test after 600,000 checks (at least 10 minutes,
/// each check sleeps 1 ms) instead of hanging. The limit counts chances to run, not time: the
/// whole test bundle runs in parallel on a 2-core cooperative pool, and under AddressSanitizer
/// on a loaded machine CPU-heavy suites (conformance, stress) starved the task being waited
/// for past a 10-minute wall-clock deadline (five tests failed so). Each check runs only after
/// this task was scheduled again, by which time the jobs queued before it (the task being
/// waited for) have had their turn, so a starved pool stretches the limit with it.
func eventually(_ what: Comment, _ condition: () -> Bool) async {
    for _ in 0 ..< 600_000 {
        if condition() { return }
        try? await Task.sleep(for: .milliseconds(1))
    }
    Issue.record("never happened: \(what)")
}

@Suite struct MemoryBudgetTests {
    @Test func reserveAndReleaseAccount() throws {
        let budget = MemoryBudget(bytes: 1000)
        let a = try budget.tryReserve(300)
        let b = try budget.tryReserve(700)
        #expect(budget.inUse == 1000)
        #expect(a.bytes == 300 && b.bytes == 700)
        a.release()
        #expect(budget.inUse == 700)
        #expect(a.isReleased && !b.isReleased)
        a.release()  // idempotent
        #expect(budget.inUse == 700)
        b.release()
        #expect(budget.inUse == 0)
    }

    @Test func releasedBytesAreReusable() throws {
        let budget = MemoryBudget(bytes: 100)
        let first = try budget.tryReserve(100)
        #expect(throws: BudgetExceeded.self) { try budget.tryReserve(1) }
        first.release()
        let second = try budget.tryReserve(100)
        #expect(budget.inUse == 100)
        second.release()
    }

    @Test func requestOverCapacityFailsAtOnce() async throws {
        let budget = MemoryBudget(bytes: 100)
        let e1 = #expect(throws: BudgetExceeded.self) { try budget.tryReserve(101) }
        #expect(e1?.reason == .exceedsCapacity)
        #expect(e1?.kind == .budgetExceeded)
        // Waiting could never help, so the waiting call fails at once too (a long timeout
        // would hang this test if it did not).
        let e2 = await #expect(throws: BudgetExceeded.self) { try await budget.reserve(101, timeout: .seconds(3600)) }
        #expect(e2?.reason == .exceedsCapacity)
        #expect(e2?.requested == 101 && e2?.capacity == 100)
        #expect(budget.inUse == 0 && budget.waiting == 0)
    }

    @Test func unavailableCarriesTheNumbers() throws {
        let budget = MemoryBudget(bytes: 100)
        let held = try budget.tryReserve(60)
        let e = #expect(throws: BudgetExceeded.self) { try budget.tryReserve(50) }
        #expect(e == BudgetExceeded(reason: .unavailable, requested: 50, capacity: 100, inUse: 60))
        #expect(e?.description.contains("50 bytes") == true)
        held.release()
    }

    @Test func droppedReservationIsReturned() throws {
        let budget = MemoryBudget(bytes: 100)
        do {
            let r = try budget.tryReserve(80)
            #expect(budget.inUse == 80)
            _ = r
        }
        #expect(budget.inUse == 0)
    }

    @Test func throwingDecodeLeaksNothing() throws {
        let budget = MemoryBudget(bytes: 100)
        for _ in 0 ..< 10 {
            #expect(throws: FailingDecode.self) { try decodeThatThrows(budget, bytes: 100) }
            #expect(budget.inUse == 0)
        }
        #expect(try decodeThatThrows(budget, bytes: 0) == 0)
    }

    @Test func waitingReserveIsGrantedOnRelease() async throws {
        let budget = MemoryBudget(bytes: 100)
        let held = try budget.tryReserve(100)
        let waiter = Task { try await budget.reserve(40, timeout: .seconds(3600)) }
        await eventually("the request waits") { budget.waiting == 1 }
        #expect(budget.inUse == 100)
        held.release()
        let granted = try await waiter.value
        #expect(granted.bytes == 40)
        #expect(budget.inUse == 40 && budget.waiting == 0)
        granted.release()
        #expect(budget.inUse == 0)
    }

    @Test func waitersAreServedInArrivalOrder() async throws {
        let budget = MemoryBudget(bytes: 100)
        let heldA = try budget.tryReserve(40)
        let heldB = try budget.tryReserve(60)
        let big = Task { try await budget.reserve(70, timeout: .seconds(3600)) }
        await eventually("big waits") { budget.waiting == 1 }
        let small = Task { try await budget.reserve(10, timeout: .seconds(3600)) }
        await eventually("small waits") { budget.waiting == 2 }
        heldA.release()
        // 10 would now fit beside the 60 held, but the 70 came first: the 10 may not pass it.
        for _ in 0 ..< 1000 { await Task.yield() }
        #expect(budget.waiting == 2 && budget.inUse == 60)
        heldB.release()
        let bigGranted = try await big.value
        let smallGranted = try await small.value
        #expect(budget.inUse == 80 && budget.waiting == 0)
        bigGranted.release()
        smallGranted.release()
        #expect(budget.inUse == 0)
    }

    @Test func tryReserveDoesNotJumpTheQueue() async throws {
        let budget = MemoryBudget(bytes: 100)
        let held = try budget.tryReserve(50)
        let waiter = Task { try await budget.reserve(60, timeout: .seconds(3600)) }
        await eventually("the 60 waits") { budget.waiting == 1 }
        let e = #expect(throws: BudgetExceeded.self) { try budget.tryReserve(10) }
        #expect(e?.reason == .unavailable)
        held.release()
        let granted = try await waiter.value
        #expect(budget.inUse == 60)
        granted.release()
    }

    @Test func timeoutFires() async throws {
        let budget = MemoryBudget(bytes: 100)
        let held = try budget.tryReserve(100)
        let e = await #expect(throws: BudgetExceeded.self) { try await budget.reserve(1, timeout: .milliseconds(20)) }
        #expect(e?.reason == .timedOut)
        #expect(e?.inUse == 100)
        #expect(budget.waiting == 0 && budget.inUse == 100)
        let zero = await #expect(throws: BudgetExceeded.self) { try await budget.reserve(1, timeout: .zero) }
        #expect(zero?.reason == .timedOut)
        held.release()
    }

    @Test func timedOutHeadUnblocksThoseBehindIt() async throws {
        // The 40 fits beside the 50 held, but must wait behind the 90 until that one times
        // out. The scenario needs the 40 to queue before the 90's timeout fires; on a starved
        // machine it may not, and then it is retried with a longer timeout (never skipped).
        for timeout in [Duration.seconds(2), .seconds(20), .seconds(120)] {
            let budget = MemoryBudget(bytes: 100)
            let held = try budget.tryReserve(50)
            let big = Task { try await budget.reserve(90, timeout: timeout) }
            await eventually("big waits") { budget.waiting == 1 }
            let small = Task { try await budget.reserve(40, timeout: .seconds(3600)) }
            await eventually("small waits, or big timed out first") { budget.waiting == 2 || budget.waiting == 0 }
            let queuedBehind = budget.waiting == 2
            let bigResult = await big.result
            #expect(throws: BudgetExceeded.self) { try bigResult.get() }
            let granted = try await small.value
            #expect(budget.inUse == 90)
            granted.release()
            held.release()
            #expect(budget.inUse == 0)
            if queuedBehind { return }
        }
        Issue.record("the second request never queued behind the first, even with a 120 s timeout")
    }

    @Test func cancellationWakesTheWaiter() async throws {
        let budget = MemoryBudget(bytes: 100)
        let held = try budget.tryReserve(100)
        let waiter = Task { try await budget.reserve(10, timeout: .seconds(3600)) }
        await eventually("the request waits") { budget.waiting == 1 }
        waiter.cancel()
        let result = await waiter.result
        #expect(throws: BudgetExceeded.self) { try result.get() }
        if case let .failure(e as BudgetExceeded) = result { #expect(e.reason == .cancelled) }
        #expect(budget.waiting == 0 && budget.inUse == 100)
        held.release()
        #expect(budget.inUse == 0)
    }

    @Test func alreadyCancelledTaskDoesNotWait() async throws {
        let budget = MemoryBudget(bytes: 100)
        let held = try budget.tryReserve(100)
        let waiter = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await budget.reserve(10, timeout: .seconds(3600))
        }
        let result = await waiter.result
        if case let .failure(e as BudgetExceeded) = result {
            #expect(e.reason == .cancelled)
        } else {
            Issue.record("expected .cancelled, got \(result)")
        }
        #expect(budget.waiting == 0)
        held.release()
    }

    /// Many tasks whose requests together exceed the budget several times over: waiting
    /// ones all finish, and the bytes held at once never pass the capacity.
    @Test func concurrentWaitersNeverOverCommit() async throws {
        let capacity = 10_000
        let budget = MemoryBudget(bytes: capacity)
        let tally = HeldTally()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0 ..< 300 {
                group.addTask {
                    let bytes = 500 + (i * 7919) % 3500
                    let r = try await budget.reserve(bytes, timeout: .seconds(3600))
                    tally.add(bytes)
                    #expect(budget.inUse <= capacity)
                    for _ in 0 ..< (i % 4) { await Task.yield() }
                    tally.remove(bytes)
                    r.release()
                }
            }
            try await group.waitForAll()
        }
        #expect(tally.peak <= capacity)
        #expect(tally.peak > capacity / 2)  // the tasks really did overlap
        #expect(budget.inUse == 0 && budget.waiting == 0)
    }

    /// The same load with `tryReserve`: some fail, none over-commit, all bytes come back.
    @Test func concurrentTryReserveNeverOverCommits() async {
        let capacity = 10_000
        let budget = MemoryBudget(bytes: capacity)
        let tally = HeldTally()
        let outcomes = Outcomes()
        await withTaskGroup(of: Void.self) { group in
            for i in 0 ..< 300 {
                group.addTask {
                    let bytes = 500 + (i * 7919) % 3500
                    do throws(BudgetExceeded) {
                        let r = try budget.tryReserve(bytes)
                        tally.add(bytes)
                        #expect(budget.inUse <= capacity)
                        for _ in 0 ..< 3 { await Task.yield() }
                        tally.remove(bytes)
                        r.release()
                    } catch {
                        #expect(error.reason == .unavailable)
                        outcomes.refused()
                    }
                }
            }
        }
        #expect(tally.peak <= capacity)
        #expect(budget.inUse == 0)
        #expect(outcomes.totals.refused < 300)
    }

    /// Waiters with short timeouts under contention: each either gets its bytes or times
    /// out, and the books balance at the end.
    @Test func contendedTimeoutsKeepTheBooks() async {
        let capacity = 4_000
        let budget = MemoryBudget(bytes: capacity)
        let tally = HeldTally()
        let outcomes = Outcomes()
        await withTaskGroup(of: Void.self) { group in
            for i in 0 ..< 200 {
                group.addTask {
                    let bytes = 1000 + (i * 31) % 2000
                    do throws(BudgetExceeded) {
                        let r = try await budget.reserve(bytes, timeout: .milliseconds(1 + i % 5))
                        tally.add(bytes)
                        try? await Task.sleep(for: .milliseconds(1))
                        tally.remove(bytes)
                        r.release()
                        outcomes.granted()
                    } catch {
                        #expect(error.reason == .timedOut)
                        outcomes.refused()
                    }
                }
            }
        }
        let (granted, timedOut) = outcomes.totals
        #expect(granted + timedOut == 200)
        #expect(granted > 0)
        #expect(tally.peak <= capacity)
        #expect(budget.inUse == 0 && budget.waiting == 0)
    }
}
