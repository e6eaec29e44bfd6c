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
            sub(row, count, bpp)
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
            // Specialised per stride so the inner loop's look-back distance is a constant.
            switch bpp {
            case 1: paeth(row, prev, count, 1)
            case 2: paeth(row, prev, count, 2)
            case 3: paeth(row, prev, count, 3)
            case 4: paeth(row, prev, count, 4)
            case 6: paeth(row, prev, count, 6)
            default: paeth(row, prev, count, 8)
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

    /// The Paeth predictor (PNG spec §9.4), ties broken in the order a, b, c.
    @inline(__always)
    static func predictPaeth(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let pa = abs(b &- c)
        let pb = abs(a &- c)
        let pc = abs(a &+ b &- c &- c)
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }
}
