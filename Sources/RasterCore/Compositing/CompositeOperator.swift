/// A Porter-Duff compositing operator (Porter & Duff, "Compositing Digital Images", 1984),
/// plus the additive `plus` (the PDF/SVG "plus-lighter").
///
/// Raw values are the names the CLI and the contract use (`src-over`, `dst-in`, ...).
/// Each operator except `plus` is a pair of fractions `(Fa, Fb)` with
/// `co = Fa * cs + Fb * cd` and `ao = Fa * as + Fb * ad` over premultiplied colours;
/// see docs/compositing.md for the exact rounding.
public enum CompositeOperator: String, CaseIterable, Hashable, Sendable {
    /// (0, 0): transparent black everywhere the source lands.
    case clear
    /// (1, 0): the source replaces the destination.
    case src
    /// (0, 1): the destination is kept.
    case dst
    /// (1, 1 - as): the source over the destination; the usual "draw".
    case srcOver = "src-over"
    /// (1 - ad, 1): the destination over the source.
    case dstOver = "dst-over"
    /// (ad, 0): the source where the destination is.
    case srcIn = "src-in"
    /// (0, as): the destination where the source is.
    case dstIn = "dst-in"
    /// (1 - ad, 0): the source where the destination is not.
    case srcOut = "src-out"
    /// (0, 1 - as): the destination where the source is not.
    case dstOut = "dst-out"
    /// (ad, 1 - as): the source on top of the destination, inside it.
    case srcAtop = "src-atop"
    /// (1 - ad, as): the destination on top of the source, inside it.
    case dstAtop = "dst-atop"
    /// (1 - ad, 1 - as): either but not both.
    case xor
    /// co = min(1, cs + cd), ao = min(1, as + ad).
    case plus

    /// The operator named `name` (`"src-over"`, `"xor"`, ...), or nil.
    public init?(name: String) {
        self.init(rawValue: name)
    }

    /// The exactly rounded result of this operator for one pixel; `coverage` (0...255, as a
    /// fraction of 255) mixes the result with the untouched destination:
    /// `coverage * op(src, dst) + (1 - coverage) * dst`, premultiplied, rounded once.
    ///
    /// This is the same arithmetic `RGBA8Image.draw` uses; it is exposed for callers that
    /// blend single colours and for tests.
    public func blend(_ source: RGBA8, onto destination: RGBA8, coverage: UInt8 = 255) -> RGBA8 {
        var s = (source.r, source.g, source.b, source.a)
        var d = (destination.r, destination.g, destination.b, destination.a)
        let m = UInt32(coverage)
        withUnsafeMutableBytes(of: &d) { dBuf in
            withUnsafeBytes(of: &s) { sBuf in
                guard let dp = dBuf.baseAddress?.assumingMemoryBound(to: UInt8.self),
                      let sp = sBuf.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
                ReciprocalTable.values.withUnsafeBufferPointer { table in
                    guard let recip = table.baseAddress else { return }
                    CompositeRows.blendPixel(self, dst: dp, src: sp, coverage: m, recip: recip)
                }
            }
        }
        return RGBA8(r: d.0, g: d.1, b: d.2, a: d.3)
    }
}

extension CompositeOperator: CustomStringConvertible {
    /// The operator's contract name (`src-over`, `xor`, ...), the same string
    /// ``CompositeOperator/init(name:)`` accepts, for logs and CLI output.
    public var description: String { rawValue }
}
