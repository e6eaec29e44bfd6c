import Synchronization

/// A `Mutex` whose hand-offs ThreadSanitizer can see (issue 14).
///
/// Why not `Synchronization.Mutex` alone: on Linux its lock is a futex. `withLock`, `_lock`
/// and `_unlock` are inlined into the caller (so they are instrumented), but when the lock is
/// contended the hand-off goes through `_lockSlow`/`_unlockSlow` in the toolchain's
/// libswiftSynchronization.so, which is not built with ThreadSanitizer: the releasing and
/// acquiring sides of a contended hand-off are invisible, and TSan reports every contended
/// `withLock` body as a "Swift access race". A 12-line program (eight tasks each doing
/// `withLock { $0 += 1 }` 200,000 times on one `Mutex`) is reported at once, yet its count
/// is exactly 1,600,000. Since the frames are all inlined into the caller's closure, no
/// suppression can name the Mutex without naming (and hiding) the caller's own code.
///
/// So every critical section here also touches `handOff`, an atomic TSan does see: an
/// acquiring read-modify-write right after the lock is taken, a releasing one right before it
/// is given up. Those edges are exactly the ones the real lock provides (critical sections of
/// one lock, in the order the lock ran them), no more, so a real race (an access to the
/// protected value outside the lock, or to anything else) is still reported. The cost is one
/// uncontended atomic add per acquire and per release, on a lock that is taken once per
/// budget operation, never in a pixel loop.
package struct Lock<Value: ~Copyable>: ~Copyable, Sendable {
    private let mutex: Mutex<Value>
    private let handOff = Atomic<UInt>(0)

    /// A lock protecting `initialValue`.
    package init(_ initialValue: consuming sending Value) {
        mutex = Mutex(initialValue)
    }

    /// Runs `body` with exclusive access to the value, like `Mutex.withLock`.
    package borrowing func withLock<Result: ~Copyable, E: Error>(
        _ body: (inout sending Value) throws(E) -> sending Result
    ) throws(E) -> sending Result {
        try mutex.withLock { (value: inout sending Value) throws(E) -> sending Result in
            // Acquire: everything the previous holders did before their release is visible.
            handOff.wrappingAdd(1, ordering: .acquiring)
            // Release: publish this holder's accesses to the next one (runs after `body`).
            defer { handOff.wrappingAdd(1, ordering: .releasing) }
            return try body(&value)
        }
    }
}
