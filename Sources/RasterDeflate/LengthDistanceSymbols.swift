/// Length and distance symbol lookups for the encoder (RFC 1951 §3.2.5) and the fixed code's
/// literal/length code lengths (§3.2.6).
enum LengthDistanceSymbols {
    /// Length 3...258 to its length symbol minus 257.
    static let lengthSymbol: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 259)
        for s in 0..<29 {
            let base = Int(DecodeTable.lengthBase[s])
            let top = s == 28 ? 258 : base + (1 << Int(DecodeTable.lengthExtra[s])) - 1
            if base <= 258 { for l in base...min(top, 258) { t[l] = UInt8(s) } }
        }
        t[258] = 28
        return t
    }()

    /// Distance symbol of (distance - 1) for distances up to 256, then of (distance - 1) >> 7.
    static let distTable: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 512)
        for s in 0..<30 {
            let base = Int(DecodeTable.distBase[s])
            let top = base + (1 << Int(DecodeTable.distExtra[s])) - 1
            for d in base...top {
                if d <= 256 { t[d - 1] = UInt8(s) } else { t[256 + ((d - 1) >> 7)] = UInt8(s) }
            }
        }
        return t
    }()

    @inline(__always)
    static func distSymbol(_ dist: Int) -> Int {
        let d = dist &- 1
        return Int(d < 256 ? distTable[d] : distTable[256 &+ (d &>> 7)])
    }

    /// §3.2.6 fixed literal/length code lengths.
    @inline(__always)
    static func fixedLitLenLength(_ s: Int) -> Int {
        s < 144 ? 8 : (s < 256 ? 9 : (s < 280 ? 7 : 8))
    }
}
