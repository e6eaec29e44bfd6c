/// Chroma upsampling exactly as libjpeg-turbo's jdsample.c does it with its default
/// "fancy" upsampling: triangle filters for 2:1 horizontal (`h2v1_fancy_upsample`), 2:1
/// vertical (`h1v2_fancy_upsample`) and both (`h2v2_fancy_upsample`), with their ordered
/// rounding biases; box replication for every other integral ratio (`int_upsample`), and
/// for 2:1 ratios when the component is at most 2 samples wide or the scale is 1/8 (where
/// libjpeg turns fancy upsampling off). Ratios libjpeg rejects as fractional (3:2, say)
/// take the nearest sample.
enum UpsampleMode: Equatable {
    case full
    case fancyH2V1
    case fancyH1V2
    case fancyH2V2
    /// Output sample (x, y) repeats source sample (x * hIn / hOut, y * vIn / vOut).
    case replicate(hIn: Int, hOut: Int, vIn: Int, vOut: Int)

    init(component c: FrameComponent, frame: FrameLayout) {
        let hIn = c.h * c.blockSize / frame.minBlockSize
        let vIn = c.v * c.blockSize / frame.minBlockSize
        let hOut = frame.maxH, vOut = frame.maxV
        let fancy = frame.minBlockSize > 1
        if hIn == hOut && vIn == vOut {
            self = .full
        } else if hIn * 2 == hOut && vIn == vOut && fancy && c.scaledWidth > 2 {
            self = .fancyH2V1
        } else if hIn == hOut && vIn * 2 == vOut && fancy {
            self = .fancyH1V2
        } else if hIn * 2 == hOut && vIn * 2 == vOut && fancy && c.scaledWidth > 2 {
            self = .fancyH2V2
        } else {
            self = .replicate(hIn: hIn, hOut: hOut, vIn: vIn, vOut: vOut)
        }
    }

    /// True when an output row needs a component row above or below its own.
    var needsContext: Bool { self == .fancyH1V2 || self == .fancyH2V2 }
}

enum Upsample {
    typealias Lanes = ColorConverter.Lanes

    // 16-bit lane forms of the three fancy filters for the fused row converters, 16
    // output samples per call. They read the component row from one sample before
    // `p` to nine after it, so the caller replicates the row's edge samples one place
    // outside it (row[-1] = row[0], row[width] = row[width - 1]): with that, libjpeg's
    // special first and last columns are the general formula (last = this at the left
    // edge gives (4 this + 8) >> 4, next = this at the right gives (4 this + 7) >> 4, and
    // likewise for h2v1), so one expression covers the whole row.

    /// h2v2_fancy_upsample: output samples 2i ..< 2i + 16 for `near`, `far` at sample i.
    @inline(__always)
    static func h2v2Lanes(_ near: UnsafePointer<UInt8>, _ far: UnsafePointer<UInt8>) -> (Lanes, Lanes) {
        // Column sums 3 * near + far (at most 1020) at i - 1, i and i + 1.
        let last = ColorConverter.load8(near - 1) &* 3 &+ ColorConverter.load8(far - 1)
        let this = ColorConverter.load8(near) &* 3 &+ ColorConverter.load8(far)
        let next = ColorConverter.load8(near + 1) &* 3 &+ ColorConverter.load8(far + 1)
        let this3 = this &* 3
        let even = (this3 &+ last &+ 8) &>> 4
        let odd = (this3 &+ next &+ 7) &>> 4
        return (ColorConverter.interleave(even, odd, high: false), ColorConverter.interleave(even, odd, high: true))
    }

    /// h2v1_fancy_upsample: output samples 2i ..< 2i + 16 for `p` at sample i.
    @inline(__always)
    static func h2v1Lanes(_ p: UnsafePointer<UInt8>) -> (Lanes, Lanes) {
        let last = ColorConverter.load8(p - 1), next = ColorConverter.load8(p + 1)
        let this3 = ColorConverter.load8(p) &* 3
        let even = (this3 &+ last &+ 1) &>> 2
        let odd = (this3 &+ next &+ 2) &>> 2
        return (ColorConverter.interleave(even, odd, high: false), ColorConverter.interleave(even, odd, high: true))
    }

    /// h1v2_fancy_upsample: 16 output samples from `near` and `far` at the same column.
    @inline(__always)
    static func h1v2Lanes(_ near: UnsafePointer<UInt8>, _ far: UnsafePointer<UInt8>, bias: Int16) -> (Lanes, Lanes) {
        let (n0, n1) = ColorConverter.load16(near)
        let (f0, f1) = ColorConverter.load16(far)
        let b = Lanes(repeating: bias)
        return ((n0 &* 3 &+ f0 &+ b) &>> 2, (n1 &* 3 &+ f1 &+ b) &>> 2)
    }

    /// h2v1_fancy_upsample on one row of `width` (> 2) samples to 2 * width samples.
    @inline(__always)
    static func fancyH2V1(_ input: UnsafePointer<UInt8>, _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
        var v = Int32(input[0])
        out[0] = UInt8(truncatingIfNeeded: v)
        out[1] = UInt8(truncatingIfNeeded: (v &* 3 &+ Int32(input[1]) &+ 2) >> 2)
        var i = 1
        while i < width &- 1 {
            v = Int32(input[i]) &* 3
            out[2 &* i] = UInt8(truncatingIfNeeded: (v &+ Int32(input[i &- 1]) &+ 1) >> 2)
            out[2 &* i &+ 1] = UInt8(truncatingIfNeeded: (v &+ Int32(input[i &+ 1]) &+ 2) >> 2)
            i &+= 1
        }
        v = Int32(input[width &- 1])
        out[2 &* width &- 2] = UInt8(truncatingIfNeeded: (v &* 3 &+ Int32(input[width &- 2]) &+ 1) >> 2)
        out[2 &* width &- 1] = UInt8(truncatingIfNeeded: v)
    }

    /// h1v2_fancy_upsample for one output row: `near` is the component row the output row
    /// falls in, `far` the row above (bias 1) or below (bias 2).
    @inline(__always)
    static func fancyH1V2(_ near: UnsafePointer<UInt8>, _ far: UnsafePointer<UInt8>, bias: Int32,
                          _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
        for i in 0..<width {
            out[i] = UInt8(truncatingIfNeeded: (Int32(near[i]) &* 3 &+ Int32(far[i]) &+ bias) >> 2)
        }
    }

    /// h2v2_fancy_upsample for one output row from its nearer and further component rows;
    /// `width` (> 2) component samples give 2 * width output samples.
    @inline(__always)
    static func fancyH2V2(_ near: UnsafePointer<UInt8>, _ far: UnsafePointer<UInt8>,
                          _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
        @inline(__always) func colSum(_ i: Int) -> Int32 { Int32(near[i]) &* 3 &+ Int32(far[i]) }
        var this = colSum(0)
        var next = colSum(1)
        out[0] = UInt8(truncatingIfNeeded: (this &* 4 &+ 8) >> 4)
        out[1] = UInt8(truncatingIfNeeded: (this &* 3 &+ next &+ 7) >> 4)
        var last = this
        this = next
        var i = 1
        while i < width &- 1 {
            next = colSum(i &+ 1)
            out[2 &* i] = UInt8(truncatingIfNeeded: (this &* 3 &+ last &+ 8) >> 4)
            out[2 &* i &+ 1] = UInt8(truncatingIfNeeded: (this &* 3 &+ next &+ 7) >> 4)
            last = this
            this = next
            i &+= 1
        }
        out[2 &* width &- 2] = UInt8(truncatingIfNeeded: (this &* 3 &+ last &+ 8) >> 4)
        out[2 &* width &- 1] = UInt8(truncatingIfNeeded: (this &* 4 &+ 7) >> 4)
    }

    /// Box replication of one row: output sample x is input sample x * hIn / hOut.
    @inline(__always)
    static func replicate(_ input: UnsafePointer<UInt8>, hIn: Int, hOut: Int, _ count: Int,
                          _ out: UnsafeMutablePointer<UInt8>) {
        if hIn == 1 && hOut == 2 {
            for x in 0..<count { out[x] = input[x >> 1] }
        } else {
            for x in 0..<count { out[x] = input[x &* hIn / hOut] }
        }
    }
}
