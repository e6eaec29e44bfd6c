import Raster
import RasterTestSupport
import Testing

/// Decoding through `Codecs` with a `MemoryBudget`: the header's size is reserved before the
/// decode allocates, held by the result, and returned when the result goes or the decode fails.
@Suite struct BudgetedDecodeTests {
    static func photo() throws -> [UInt8] { try TestPaths.fixture("png/pillow_meta.png") }  // 48x32 RGB

    @Test func aDecodeHoldsItsReservationUntilTheResultIsDropped() throws {
        let budget = MemoryBudget(bytes: 1 << 20)
        do {
            let result = try Codecs.decode(try Self.photo(), options: DecodeOptions(budget: budget))
            let held = try #require(result.reservation)
            #expect(held.bytes >= 48 * 32 * 4)
            #expect(budget.inUse == held.bytes)
        }
        #expect(budget.inUse == 0)
    }

    @Test func overBudgetFailsAtOnceWithTheBudgetKind() throws {
        let budget = MemoryBudget(bytes: 1000)  // less than one 48x32 raster
        let bytes = try Self.photo()
        do {
            _ = try Codecs.decode(bytes, options: DecodeOptions(budget: budget))
            Issue.record("decoded beyond the budget")
        } catch {
            #expect(error.kind == .budgetExceeded)
            #expect(error.budgetExceeded?.capacity == 1000)
        }
        #expect(budget.inUse == 0)
    }

    @Test func limitsAreCheckedBeforeTheBudget() throws {
        let budget = MemoryBudget(bytes: 10)
        let options = DecodeOptions(limits: DecodeLimits(maxWidth: 16), budget: budget)
        let bytes = try Self.photo()
        do {
            _ = try Codecs.decode(bytes, options: options)
            Issue.record("decoded beyond the limits")
        } catch {
            #expect(error.kind == .limitExceeded)
        }
    }

    @Test func aFailingDecodeReturnsItsReservation() throws {
        let budget = MemoryBudget(bytes: 1 << 20)
        var damaged = try Self.photo()
        damaged.removeLast(30)  // the header probes fine; the image data is cut short
        #expect(throws: RasterError.self) { try Codecs.decode(damaged, options: DecodeOptions(budget: budget)) }
        #expect(budget.inUse == 0)
    }

    @Test func aWaitingDecodeProceedsWhenTheFirstResultIsReleased() async throws {
        let bytes = try Self.photo()
        let options = DecodeOptions(budget: MemoryBudget(bytes: 30_000))  // room for one decode (18,464 bytes), not two
        let first = try Codecs.decode(bytes, options: options)
        // The second cannot fit now: without waiting it fails, with a short wait it times out.
        await #expect(throws: RasterError.self) { try await Codecs.decode(bytes, options: options, budgetTimeout: .milliseconds(20)) }
        let waiter = Task { try await Codecs.decode(bytes, options: options, budgetTimeout: .seconds(600)) }  // generous: TSan on a loaded machine
        try await Task.sleep(for: .milliseconds(50))
        first.reservation?.release()
        let second = try await waiter.value
        #expect(second.image == first.image)
        #expect(options.budget?.inUse == second.reservation?.bytes)
    }
}
