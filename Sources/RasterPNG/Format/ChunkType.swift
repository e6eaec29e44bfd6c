/// Chunk type codes read as big-endian 32-bit integers, so a type compares in one instruction.
enum ChunkType {
    static let IHDR: UInt32 = 0x4948_4452
    static let PLTE: UInt32 = 0x504C_5445
    static let IDAT: UInt32 = 0x4944_4154
    static let IEND: UInt32 = 0x4945_4E44
    static let tRNS: UInt32 = 0x7452_4E53
    static let gAMA: UInt32 = 0x6741_4D41
    static let cHRM: UInt32 = 0x6348_524D
    static let sRGB: UInt32 = 0x7352_4742
    static let iCCP: UInt32 = 0x6943_4350
    static let pHYs: UInt32 = 0x7048_5973
    static let tIME: UInt32 = 0x7449_4D45
    static let bKGD: UInt32 = 0x624B_4744
    static let tEXt: UInt32 = 0x7445_5874
    static let zTXt: UInt32 = 0x7A54_5874
    static let iTXt: UInt32 = 0x6954_5874
    static let hIST: UInt32 = 0x6849_5354
    static let sPLT: UInt32 = 0x7350_4C54

    /// Bit 5 of the first byte clear means critical: a decoder that does not know the chunk
    /// must stop (PNG spec §5.4, "Ancillary bit").
    static func isCritical(_ type: UInt32) -> Bool { type & 0x2000_0000 == 0 }

    /// Every byte of a type code is an ASCII letter (PNG spec §5.3).
    static func isWellFormed(_ type: UInt32) -> Bool {
        var t = type
        for _ in 0 ..< 4 {
            let c = UInt8(truncatingIfNeeded: t) | 0x20
            if c < 0x61 || c > 0x7A { return false }
            t &>>= 8
        }
        return true
    }

    /// The four characters, with non-printable bytes shown as hex so errors stay readable.
    static func name(_ type: UInt32) -> String {
        var s = ""
        for shift in stride(from: 24, through: 0, by: -8) {
            let c = UInt8(truncatingIfNeeded: type &>> UInt32(shift))
            if c >= 0x20 && c < 0x7F {
                s.unicodeScalars.append(Unicode.Scalar(c))
            } else {
                s += "\\x" + String(c, radix: 16)
            }
        }
        return s
    }
}
