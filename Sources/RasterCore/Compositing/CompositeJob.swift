/// One clipped draw as raw pointers and strides: the bounds were proven once by
/// `DrawRegion`, so the row kernels below run without per-pixel checks.
struct CompositeJob {
    /// First destination pixel of the block.
    var dst: UnsafeMutablePointer<UInt8>
    var dstStride: Int
    /// First source pixel; `srcStride` 0 repeats one row (a solid fill).
    var src: UnsafePointer<UInt8>
    var srcStride: Int
    /// First coverage byte when a mask is in use.
    var mask: UnsafePointer<UInt8>?
    var maskStride: Int
    /// Constant coverage when there is no mask; 255 means none.
    var opacity: UInt32
    var width: Int
    var height: Int
    var recip: UnsafePointer<UInt64>

    func run(_ op: CompositeOperator) {
        let count = width
        let recip = recip
        switch op {
        case .srcOver:
            rows { d, s, c in CompositeJob.srcOverRow(d, s, count: count, coverage: c, recip: recip) }
        case .plus:
            rows { d, s, c in CompositeJob.plusRow(d, s, count: count, coverage: c, recip: recip) }
        case .clear where mask == nil && opacity >= 255:
            rows { d, _, _ in UnsafeMutableRawPointer(d).initializeMemory(as: UInt8.self, repeating: 0, count: count &* 4) }
        case .clear: generic(ClearFactors.self)
        case .src where mask == nil && opacity >= 255:
            // (1, 0): the source itself, except that an invisible pixel becomes (0,0,0,0).
            rows { d, s, _ in CompositeJob.copyVisible(d, s, count: count) }
        case .src: generic(SrcFactors.self)
        case .dst where mask == nil && opacity >= 255:
            rows { d, _, _ in CompositeJob.copyVisible(d, UnsafePointer(d), count: count) }
        case .dst: generic(DstFactors.self)
        case .dstOver: generic(DstOverFactors.self)
        case .srcIn: generic(SrcInFactors.self)
        case .dstIn: generic(DstInFactors.self)
        case .srcOut: generic(SrcOutFactors.self)
        case .dstOut: generic(DstOutFactors.self)
        case .srcAtop: generic(SrcAtopFactors.self)
        case .dstAtop: generic(DstAtopFactors.self)
        case .xor: generic(XorFactors.self)
        }
    }

    /// Calls `body` once per row with that row's pointers and coverage.
    @inline(__always)
    private func rows(_ body: (UnsafeMutablePointer<UInt8>, UnsafePointer<UInt8>, RowCoverage) -> Void) {
        for row in 0 ..< height {
            let coverage: RowCoverage
            if let mask {
                coverage = .mask(mask + row &* maskStride)
            } else if opacity >= 255 {
                coverage = .full
            } else {
                coverage = .constant(opacity)
            }
            body(dst + row &* dstStride, src + row &* srcStride, coverage)
        }
    }

    private func generic<F: PorterDuffFactors>(_ f: F.Type) {
        let count = width
        let recip = recip
        rows { d, s, c in CompositeJob.genericRow(f, d, s, count: count, coverage: c, recip: recip) }
    }

    // MARK: Row kernels

    /// Copies `count` pixels from `s` to `d` (which may be the same row), clearing those
    /// whose alpha is 0: the exact result of `src` (and, from the destination, of `dst`).
    static func copyVisible(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>, count: Int) {
        let inPlace = UnsafePointer(d) == s
        for i in 0 ..< count {
            let o = i &* 4
            if s[o &+ 3] == 0 {
                CompositeRows.zero(d + o)
            } else if !inPlace {
                UnsafeMutableRawPointer(d + o).copyMemory(from: s + o, byteCount: 4)
            }
        }
    }

    static func genericRow<F: PorterDuffFactors>(_ f: F.Type, _ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>,
                                                  count: Int, coverage: RowCoverage, recip: UnsafePointer<UInt64>) {
        switch coverage {
        case .full:
            for i in 0 ..< count {
                CompositeRows.porterDuff(f, d + i &* 4, s + i &* 4, recip: recip)
            }
        case let .constant(m):
            for i in 0 ..< count {
                CompositeRows.porterDuffCovered(f, d + i &* 4, s + i &* 4, m: m)
            }
        case let .mask(mp):
            for i in 0 ..< count {
                let m = UInt32(mp[i])
                if m == 255 {
                    CompositeRows.porterDuff(f, d + i &* 4, s + i &* 4, recip: recip)
                } else {
                    CompositeRows.porterDuffCovered(f, d + i &* 4, s + i &* 4, m: m)
                }
            }
        }
    }

    static func plusRow(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>,
                        count: Int, coverage: RowCoverage, recip: UnsafePointer<UInt64>) {
        switch coverage {
        case .full:
            for i in 0 ..< count { CompositeRows.plus(d + i &* 4, s + i &* 4, recip: recip) }
        case let .constant(m):
            for i in 0 ..< count { CompositeRows.plusCovered(d + i &* 4, s + i &* 4, m: m, recip: recip) }
        case let .mask(mp):
            for i in 0 ..< count {
                let m = UInt32(mp[i])
                if m == 255 {
                    CompositeRows.plus(d + i &* 4, s + i &* 4, recip: recip)
                } else {
                    CompositeRows.plusCovered(d + i &* 4, s + i &* 4, m: m, recip: recip)
                }
            }
        }
    }

    static func srcOverRow(_ d: UnsafeMutablePointer<UInt8>, _ s: UnsafePointer<UInt8>,
                           count: Int, coverage: RowCoverage, recip: UnsafePointer<UInt64>) {
        switch coverage {
        case .full:
            SrcOverKernel.row(d, s, count: count, recip: recip)
        case let .constant(m):
            SrcOverOpacityKernel.row(d, s, count: count, m: m)
        case let .mask(mp):
            for i in 0 ..< count {
                let m = UInt32(mp[i])
                if m == 255 {
                    CompositeRows.srcOver(d + i &* 4, s + i &* 4, recip: recip)
                } else {
                    CompositeRows.srcOverCovered(d + i &* 4, s + i &* 4, m: m)
                }
            }
        }
    }
}
