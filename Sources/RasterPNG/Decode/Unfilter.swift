/// Reverses the scanline filters (PNG spec §9.2-§9.4) in place.
///
/// `row` holds the filtered bytes of one scanline (without its filter byte); `prev` the
/// already-reconstructed previous scanline of the same pass, or zeros for the first.
/// Both have `count` bytes. `bpp` is the filter stride (bytes per pixel, at least 1).
enum Unfilter {
    static func apply(type: UInt8, row: UnsafeMutablePointer<UInt8>, prev: UnsafePointer<UInt8>,
                      count: Int, bpp: Int) throws(PNGError) {
        switch type {
        case 0:
            return
        case 1:
            if bpp == 1 { sub1(row, count) } else { sub(row, count, bpp) }
        case 2:
            up(row, prev, count)
        case 3:
            switch bpp {
            case 1: average(row, prev, count, 1)
            case 2: average(row, prev, count, 2)
            case 3: average(row, prev, count, 3)
            case 4: average(row, prev, count, 4)
            case 6: average(row, prev, count, 6)
            default: average(row, prev, count, 8)
            }
        case 4:
            // Specialised per stride: whole pixels go through SIMD lanes, so the three
            // comparisons of the predictor become selects instead of unpredictable branches.
            switch bpp {
            case 1: paeth1(row, prev, count)
            case 2: paeth(row, prev, count, 2)
            case 3: paethSIMD4(row, prev, count, 3)
            case 4: paethSIMD4(row, prev, count, 4)
            case 6: paethSIMD8(row, prev, count, 6)
            default: paethSIMD8(row, prev, count, 8)
            }
        default:
            throw .invalidFilterType(type)
        }
    }

    @inline(__always)
    static func sub(_ row: UnsafeMutablePointer<UInt8>, _ count: Int, _ bpp: Int) {
        var i = bpp
        while i < count {
            row[i] = row[i] &+ row[i &- bpp]
            i &+= 1
        }
    }

    /// Sub with one-byte pixels: the running value stays in a register instead of going
    /// through memory, which would serialise on store-to-load forwarding.
    @inline(__always)
    static func sub1(_ row: UnsafeMutablePointer<UInt8>, _ count: Int) {
        var left: UInt8 = 0
        for i in 0 ..< count {
            left = left &+ row[i]
            row[i] = left
        }
    }

    /// Paeth with one-byte pixels, the left and upper-left values carried in registers.
    @inline(__always)
    static func paeth1(_ row: UnsafeMutablePointer<UInt8>, _ prev: UnsafePointer<UInt8>, _ count: Int) {
        var a: Int32 = 0, c: Int32 = 0
        for i in 0 ..< count {
            let b = Int32(prev[i])
            // pa does not depend on a, so it is off the loop-carried chain.
            let pa = abs(b &- c)
            let pb = abs(a &- c)
            let pc = abs(a &+ b &- c &- c)
            let bc = pb <= pc ? b : c
            let least = min(pb, pc)
            let pred = pa <= least ? a : bc
            a = (Int32(row[i]) &+ pred) & 0xFF
            row[i] = UInt8(truncatingIfNeeded: a)
            c = b
        }
    }

    @inline(__always)
    static func up(_ row: UnsafeMutablePointer<UInt8>, _ prev: UnsafePointer<UInt8>, _ count: Int) {
        for i in 0 ..< count { row[i] = row[i] &+ prev[i] }
    }

    @inline(__always)
    static func average(_ row: UnsafeMutablePointer<UInt8>, _ prev: UnsafePointer<UInt8>, _ count: Int, _ bpp: Int) {
        let head = min(bpp, count)
        for i in 0 ..< head { row[i] = row[i] &+ (prev[i] &>> 1) }
        var i = head
        while i < count {
            let avg = (UInt16(row[i &- bpp]) &+ UInt16(prev[i])) &>> 1
            row[i] = row[i] &+ UInt8(truncatingIfNeeded: avg)
            i &+= 1
        }
    }

    @inline(__always)
    static func paeth(_ row: UnsafeMutablePointer<UInt8>, _ prev: UnsafePointer<UInt8>, _ count: Int, _ bpp: Int) {
        // With a = c = 0 the predictor is b: the first pixel is an Up filter.
        let head = min(bpp, count)
        for i in 0 ..< head { row[i] = row[i] &+ prev[i] }
        var i = head
        while i < count {
            let a = Int(row[i &- bpp]), b = Int(prev[i]), c = Int(prev[i &- bpp])
            row[i] = row[i] &+ UInt8(truncatingIfNeeded: predictPaeth(a, b, c))
            i &+= 1
        }
    }

    /// Paeth for 3- and 4-byte pixels, one pixel per SIMD4 step. `a` (the pixel to the
    /// left) and `c` (above-left) start as zero, which makes the first pixel an Up filter.
    /// 3-byte pixels are read as 4-byte words (except the last, which must not read past
    /// the row) but stored as 2 + 1 bytes: a 4-byte store would overlap the next load and
    /// defeat store-to-load forwarding.
    @inline(__always)
    static func paethSIMD4(_ row: UnsafeMutablePointer<UInt8>, _ prev: UnsafePointer<UInt8>, _ count: Int, _ bpp: Int) {
        var a = SIMD4<Int16>(repeating: 0)
        var c = a
        var i = 0
        while i &+ 4 <= count {
            let b = SIMD4<Int16>(truncatingIfNeeded: UnsafeRawPointer(prev + i).loadUnaligned(as: SIMD4<UInt8>.self))
            let x = SIMD4<Int16>(truncatingIfNeeded: UnsafeRawPointer(row + i).loadUnaligned(as: SIMD4<UInt8>.self))
            let out = (x &+ predictPaeth(a, b, c)) & 0xFF
            let bytes = SIMD4<UInt8>(truncatingIfNeeded: out)
            if bpp == 4 {
                UnsafeMutableRawPointer(row + i).storeBytes(of: bytes, as: SIMD4<UInt8>.self)
            } else {
                UnsafeMutableRawPointer(row + i).storeBytes(of: SIMD2<UInt8>(bytes[0], bytes[1]), as: SIMD2<UInt8>.self)
                row[i &+ 2] = bytes[2]
            }
            a = out
            c = b
            i &+= bpp
        }
        if i &+ bpp <= count {
            // The last 3-byte pixel.
            let b = SIMD4<Int16>(Int16(prev[i]), Int16(prev[i &+ 1]), Int16(prev[i &+ 2]), 0)
            let x = SIMD4<Int16>(Int16(row[i]), Int16(row[i &+ 1]), Int16(row[i &+ 2]), 0)
            let out = (x &+ predictPaeth(a, b, c)) & 0xFF
            row[i] = UInt8(truncatingIfNeeded: out[0])
            row[i &+ 1] = UInt8(truncatingIfNeeded: out[1])
            row[i &+ 2] = UInt8(truncatingIfNeeded: out[2])
        }
    }

    /// Paeth for 6- and 8-byte pixels (16-bit RGB and RGBA), one pixel per SIMD8 step.
    @inline(__always)
    static func paethSIMD8(_ row: UnsafeMutablePointer<UInt8>, _ prev: UnsafePointer<UInt8>, _ count: Int, _ bpp: Int) {
        var a = SIMD8<Int16>(repeating: 0)
        var c = a
        var i = 0
        while i &+ bpp <= count {
            var b = SIMD8<Int16>(repeating: 0), x = b
            for k in 0 ..< bpp {
                b[k] = Int16(prev[i &+ k])
                x[k] = Int16(row[i &+ k])
            }
            let out = (x &+ predictPaeth(a, b, c)) & 0xFF
            for k in 0 ..< bpp { row[i &+ k] = UInt8(truncatingIfNeeded: out[k]) }
            a = out
            c = b
            i &+= bpp
        }
    }

    /// The Paeth predictor lane by lane, with masks instead of branches.
    @inline(__always)
    static func predictPaeth<V: SIMD>(_ a: V, _ b: V, _ c: V) -> V where V.Scalar == Int16 {
        let pa = absolute(b &- c)
        let pb = absolute(a &- c)
        let pc = absolute(a &+ b &- c &- c)
        // (y - x) >> 15 is all ones exactly when y < x: a lane mask without a branch.
        let cWins = (pc &- pb) &>> 15
        let bOrC = b ^ ((b ^ c) & cWins)
        let least = pb ^ ((pb ^ pc) & cWins)
        let aLoses = (least &- pa) &>> 15
        return a ^ ((a ^ bOrC) & aLoses)
    }

    @inline(__always)
    static func absolute<V: SIMD>(_ v: V) -> V where V.Scalar == Int16 {
        let sign = v &>> 15
        return (v ^ sign) &- sign
    }

    /// The Paeth predictor (PNG spec §9.4), ties broken in the order a, b, c.
    @inline(__always)
    static func predictPaeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
        @inline(__always) func absolute(_ v: Int) -> Int {
            let sign = v &>> 63
            return (v ^ sign) &- sign
        }
        let pa = absolute(b &- c)
        let pb = absolute(a &- c)
        let pc = absolute(a &+ b &- c &- c)
        let bOverC = (pb &- pc &- 1) &>> 63
        let smaller = c ^ ((b ^ c) & bOverC)
        let least = pc ^ ((pb ^ pc) & bOverC)
        let aWins = (pa &- least &- 1) &>> 63
        return smaller ^ ((a ^ smaller) & aWins)
    }
}
