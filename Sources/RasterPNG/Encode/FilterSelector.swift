/// Applies the scanline filters for the encoder (PNG spec §9.2) and picks one per row.
///
/// Unlike unfiltering, every input here is a raw byte known in advance, so all five
/// filters run 16 bytes at a time in SIMD lanes.
enum FilterSelector {
    typealias Bytes = SIMD16<UInt8>
    typealias Wide = SIMD16<Int16>

    @inline(__always)
    static func load(_ p: UnsafePointer<UInt8>) -> Bytes { UnsafeRawPointer(p).loadUnaligned(as: Bytes.self) }

    /// Rounded-down mean of two byte vectors without widening: (a & b) + ((a ^ b) >> 1).
    @inline(__always)
    static func mean(_ a: Bytes, _ b: Bytes) -> Bytes { (a & b) &+ ((a ^ b) &>> 1) }

    @inline(__always)
    static func paeth(_ a: Bytes, _ b: Bytes, _ c: Bytes) -> Bytes {
        Bytes(truncatingIfNeeded: Unfilter.predictPaeth(Wide(truncatingIfNeeded: a), Wide(truncatingIfNeeded: b),
                                                        Wide(truncatingIfNeeded: c)))
    }

    /// Writes `count` bytes of `cur` filtered with `type` to `out`. `prev` is the previous
    /// unfiltered row of the same pass, or zeros for the first.
    static func apply(_ type: UInt8, _ cur: UnsafePointer<UInt8>, _ prev: UnsafePointer<UInt8>, _ count: Int,
                      _ bpp: Int, _ out: UnsafeMutablePointer<UInt8>) {
        if type == 0 {
            out.update(from: cur, count: count)
            return
        }
        // The first pixel has no left neighbour: a = c = 0.
        let head = min(bpp, count)
        for i in 0 ..< head {
            let x = cur[i], b = prev[i]
            switch type {
            case 1: out[i] = x
            case 3: out[i] = x &- (b &>> 1)
            default: out[i] = x &- b  // Up, and Paeth, whose predictor is b when a = c = 0
            }
        }
        var i = head
        let raw = UnsafeMutableRawPointer(out)
        while i &+ 16 <= count {
            let x = load(cur + i), a = load(cur + (i &- bpp)), b = load(prev + i), c = load(prev + (i &- bpp))
            let v: Bytes
            switch type {
            case 1: v = x &- a
            case 2: v = x &- b
            case 3: v = x &- mean(a, b)
            default: v = x &- paeth(a, b, c)
            }
            raw.storeBytes(of: v, toByteOffset: i, as: Bytes.self)
            i &+= 16
        }
        while i < count {
            let x = cur[i], a = cur[i &- bpp], b = prev[i], c = prev[i &- bpp]
            switch type {
            case 1: out[i] = x &- a
            case 2: out[i] = x &- b
            case 3: out[i] = x &- UInt8(truncatingIfNeeded: (UInt16(a) &+ UInt16(b)) &>> 1)
            default: out[i] = x &- UInt8(truncatingIfNeeded: Unfilter.predictPaeth(Int(a), Int(b), Int(c)))
            }
            i &+= 1
        }
    }

    /// The filter type whose output has the least sum of |signed byte| (libpng's
    /// minimum-sum-of-absolute-differences heuristic); ties go to the lower type.
    static func choose(_ cur: UnsafePointer<UInt8>, _ prev: UnsafePointer<UInt8>, _ count: Int, _ bpp: Int) -> UInt8 {
        // |v| of a byte read as signed: v for v < 128, else 256 - v.
        @inline(__always) func mag(_ v: UInt8) -> Int { Int(Int8(bitPattern: v).magnitude) }
        @inline(__always) func mag(_ v: Bytes) -> SIMD16<UInt16> {
            let s = SIMD16<Int8>(truncatingIfNeeded: v)
            let sign = s &>> 7
            return SIMD16<UInt16>(truncatingIfNeeded: Bytes(truncatingIfNeeded: (s ^ sign) &- sign))
        }
        var sums = (0, 0, 0, 0, 0)
        let head = min(bpp, count)
        for i in 0 ..< head {
            let x = cur[i], b = prev[i]
            sums.0 &+= mag(x)
            sums.1 &+= mag(x)
            sums.2 &+= mag(x &- b)
            sums.3 &+= mag(x &- (b &>> 1))
            sums.4 &+= mag(x &- b)
        }
        var i = head
        var accNone = SIMD16<UInt16>(), accSub = accNone, accUp = accNone, accAvg = accNone, accPaeth = accNone
        var pending = 0
        // Lanes are widened before the horizontal sum, which would wrap at 16 bits.
        @inline(__always) func total(_ v: SIMD16<UInt16>) -> Int { Int(SIMD16<UInt32>(truncatingIfNeeded: v).wrappedSum()) }
        @inline(__always) func flush() {
            sums.0 &+= total(accNone); sums.1 &+= total(accSub); sums.2 &+= total(accUp)
            sums.3 &+= total(accAvg); sums.4 &+= total(accPaeth)
            accNone = SIMD16(); accSub = accNone; accUp = accNone; accAvg = accNone; accPaeth = accNone
            pending = 0
        }
        while i &+ 16 <= count {
            let x = load(cur + i), a = load(cur + (i &- bpp)), b = load(prev + i), c = load(prev + (i &- bpp))
            accNone &+= mag(x)
            accSub &+= mag(x &- a)
            accUp &+= mag(x &- b)
            accAvg &+= mag(x &- mean(a, b))
            accPaeth &+= mag(x &- paeth(a, b, c))
            i &+= 16
            pending &+= 1
            // Each lane gains at most 128 per step; 16-bit lanes hold 500 steps. Flush well before.
            if pending == 256 { flush() }
        }
        flush()
        while i < count {
            let x = cur[i], a = cur[i &- bpp], b = prev[i], c = prev[i &- bpp]
            sums.0 &+= mag(x)
            sums.1 &+= mag(x &- a)
            sums.2 &+= mag(x &- b)
            sums.3 &+= mag(x &- UInt8(truncatingIfNeeded: (UInt16(a) &+ UInt16(b)) &>> 1))
            sums.4 &+= mag(x &- UInt8(truncatingIfNeeded: Unfilter.predictPaeth(Int(a), Int(b), Int(c))))
            i &+= 1
        }
        var best: UInt8 = 0
        var least = sums.0
        if sums.1 < least { best = 1; least = sums.1 }
        if sums.2 < least { best = 2; least = sums.2 }
        if sums.3 < least { best = 3; least = sums.3 }
        if sums.4 < least { best = 4 }
        return best
    }
}
