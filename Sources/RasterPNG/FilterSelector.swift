/// Applies the scanline filters for the encoder (PNG spec §9.2) and picks one per row.
enum FilterSelector {
    /// Writes `count` bytes of `cur` filtered with `type` to `out`. `prev` is the previous
    /// unfiltered row of the same pass, or zeros for the first.
    @inline(__always)
    static func apply(_ type: UInt8, _ cur: UnsafePointer<UInt8>, _ prev: UnsafePointer<UInt8>, _ count: Int,
                      _ bpp: Int, _ out: UnsafeMutablePointer<UInt8>) {
        let head = min(bpp, count)
        switch type {
        case 1:
            for i in 0 ..< head { out[i] = cur[i] }
            var i = head
            while i < count { out[i] = cur[i] &- cur[i &- bpp]; i &+= 1 }
        case 2:
            for i in 0 ..< count { out[i] = cur[i] &- prev[i] }
        case 3:
            for i in 0 ..< head { out[i] = cur[i] &- (prev[i] &>> 1) }
            var i = head
            while i < count {
                out[i] = cur[i] &- UInt8(truncatingIfNeeded: (UInt16(cur[i &- bpp]) &+ UInt16(prev[i])) &>> 1)
                i &+= 1
            }
        case 4:
            for i in 0 ..< head { out[i] = cur[i] &- prev[i] }
            var i = head
            while i < count {
                let p = Unfilter.predictPaeth(Int(cur[i &- bpp]), Int(prev[i]), Int(prev[i &- bpp]))
                out[i] = cur[i] &- UInt8(truncatingIfNeeded: p)
                i &+= 1
            }
        default:
            out.update(from: cur, count: count)
        }
    }

    /// The filter type whose output has the least sum of |signed byte| (libpng's
    /// minimum-sum-of-absolute-differences heuristic); ties go to the lower type.
    static func choose(_ cur: UnsafePointer<UInt8>, _ prev: UnsafePointer<UInt8>, _ count: Int, _ bpp: Int) -> UInt8 {
        switch bpp {
        case 1: return sums(cur, prev, count, 1)
        case 2: return sums(cur, prev, count, 2)
        case 3: return sums(cur, prev, count, 3)
        case 4: return sums(cur, prev, count, 4)
        case 6: return sums(cur, prev, count, 6)
        default: return sums(cur, prev, count, 8)
        }
    }

    @inline(__always)
    private static func sums(_ cur: UnsafePointer<UInt8>, _ prev: UnsafePointer<UInt8>, _ count: Int,
                             _ bpp: Int) -> UInt8 {
        // |v| of a byte read as signed: v for v < 128, else 256 - v.
        @inline(__always) func mag(_ v: UInt8) -> Int { Int(Int8(bitPattern: v).magnitude) }
        var sNone = 0, sSub = 0, sUp = 0, sAvg = 0, sPaeth = 0
        let head = min(bpp, count)
        for i in 0 ..< head {
            let x = cur[i], b = prev[i]
            sNone &+= mag(x)
            sSub &+= mag(x)
            sUp &+= mag(x &- b)
            sAvg &+= mag(x &- (b &>> 1))
            sPaeth &+= mag(x &- b)
        }
        var i = head
        while i < count {
            let x = cur[i], a = cur[i &- bpp], b = prev[i], c = prev[i &- bpp]
            sNone &+= mag(x)
            sSub &+= mag(x &- a)
            sUp &+= mag(x &- b)
            sAvg &+= mag(x &- UInt8(truncatingIfNeeded: (UInt16(a) &+ UInt16(b)) &>> 1))
            sPaeth &+= mag(x &- UInt8(truncatingIfNeeded: Unfilter.predictPaeth(Int(a), Int(b), Int(c))))
            i &+= 1
        }
        var best: UInt8 = 0
        var least = sNone
        if sSub < least { best = 1; least = sSub }
        if sUp < least { best = 2; least = sUp }
        if sAvg < least { best = 3; least = sAvg }
        if sPaeth < least { best = 4 }
        return best
    }
}
