/// Chroma downsampling as libjpeg's jcsample.c does it (no smoothing, cjpeg's default):
/// plain averages with a bias that alternates from column to column so that rounding
/// does not drift one way across a row.
///
///   h2v1: out[i] = (in[2i] + in[2i+1] + bias) >> 1,                  bias 0, 1, 0, 1, …
///   h2v2: out[i] = (a[2i] + a[2i+1] + b[2i] + b[2i+1] + bias) >> 2,  bias 1, 2, 1, 2, …
///
/// Sums are at most 4 * 255 + 2, so Int arithmetic is exact and the result fits a byte.
enum Downsampler {
    /// `outWidth` outputs from `2 * outWidth` inputs of one row.
    static func h2v1(_ input: UnsafePointer<UInt8>, _ output: UnsafeMutablePointer<UInt8>, outWidth: Int) {
        // Eight outputs per step: 16 input bytes read as eight little-endian UInt16 lanes hold
        // the pairs (low byte + high byte is the pair's sum).
        let raw = UnsafeRawPointer(input)
        let bias = SIMD8<UInt16>(0, 1, 0, 1, 0, 1, 0, 1)
        var i = 0
        while i &+ 8 <= outWidth {
            let a = raw.loadUnaligned(fromByteOffset: 2 &* i, as: SIMD8<UInt16>.self)
            let sum = (a & 0xFF) &+ (a &>> 8) &+ bias
            UnsafeMutableRawPointer(output + i).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: sum &>> 1), as: SIMD8<UInt8>.self)
            i &+= 8
        }
        h2v1Tail(input, output, from: i, outWidth: outWidth)
    }

    /// The same, one output at a time, from output `start` (even, so the bias starts at 0).
    private static func h2v1Tail(_ input: UnsafePointer<UInt8>, _ output: UnsafeMutablePointer<UInt8>,
                                 from start: Int, outWidth: Int) {
        var bias = 0
        for i in start ..< outWidth {
            let s = Int(input[2 &* i]) &+ Int(input[2 &* i &+ 1]) &+ bias
            output[i] = UInt8(truncatingIfNeeded: s &>> 1)
            bias ^= 1
        }
    }

    /// `outWidth` outputs from `2 * outWidth` inputs of each of two rows.
    static func h2v2(_ row0: UnsafePointer<UInt8>, _ row1: UnsafePointer<UInt8>,
                     _ output: UnsafeMutablePointer<UInt8>, outWidth: Int) {
        let raw0 = UnsafeRawPointer(row0), raw1 = UnsafeRawPointer(row1)
        let bias = SIMD8<UInt16>(1, 2, 1, 2, 1, 2, 1, 2)
        var i = 0
        while i &+ 8 <= outWidth {
            let a = raw0.loadUnaligned(fromByteOffset: 2 &* i, as: SIMD8<UInt16>.self)
            let b = raw1.loadUnaligned(fromByteOffset: 2 &* i, as: SIMD8<UInt16>.self)
            let sum = (a & 0xFF) &+ (a &>> 8) &+ (b & 0xFF) &+ (b &>> 8) &+ bias
            UnsafeMutableRawPointer(output + i).storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: sum &>> 2), as: SIMD8<UInt8>.self)
            i &+= 8
        }
        h2v2Tail(row0, row1, output, from: i, outWidth: outWidth)
    }

    /// The same, one output at a time, from output `start` (even, so the bias starts at 1).
    private static func h2v2Tail(_ row0: UnsafePointer<UInt8>, _ row1: UnsafePointer<UInt8>,
                                 _ output: UnsafeMutablePointer<UInt8>, from start: Int, outWidth: Int) {
        var bias = 1
        for i in start ..< outWidth {
            let j = 2 &* i
            let s = Int(row0[j]) &+ Int(row0[j &+ 1]) &+ Int(row1[j]) &+ Int(row1[j &+ 1]) &+ bias
            output[i] = UInt8(truncatingIfNeeded: s &>> 2)
            bias ^= 3
        }
    }
}
