/// A Huffman table as DHT stores it (ITU T.81 §B.2.4.2): how many codes of each length
/// 1...16, and the symbols in code order. The standard tables are T.81 Annex K.3's (the ones
/// libjpeg, Pillow and Go write by default); `optimal(frequencies:)` builds a table from
/// symbol counts exactly as libjpeg's `jpeg_gen_optimal_table`.
struct HuffmanTableSpec: Hashable, Sendable {
    /// `counts[i]` codes of length i + 1.
    var counts: [UInt8]
    var symbols: [UInt8]

    /// Code and length for every symbol the table holds (T.81 Annex C), size 0 elsewhere.
    struct Codes {
        var code = [UInt32](repeating: 0, count: 256)
        var size = [UInt8](repeating: 0, count: 256)
    }

    var codes: Codes {
        var result = Codes()
        var code: UInt32 = 0
        var index = 0
        for length in 1 ... 16 {
            for _ in 0 ..< Int(counts[length - 1]) {
                let symbol = Int(symbols[index])
                result.code[symbol] = code
                result.size[symbol] = UInt8(length)
                code &+= 1
                index += 1
            }
            code &<<= 1
        }
        return result
    }

    static let standardDCLuminance = HuffmanTableSpec(
        counts: [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0],
        symbols: Array(0 ... 11))
    static let standardDCChrominance = HuffmanTableSpec(
        counts: [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0],
        symbols: Array(0 ... 11))
    static let standardACLuminance = HuffmanTableSpec(
        counts: [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 125],
        symbols: [
            0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
            0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xA1, 0x08, 0x23, 0x42, 0xB1, 0xC1, 0x15, 0x52, 0xD1, 0xF0,
            0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0A, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x25, 0x26, 0x27, 0x28,
            0x29, 0x2A, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
            0x4A, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
            0x6A, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
            0x8A, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7,
            0xA8, 0xA9, 0xAA, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xC2, 0xC3, 0xC4, 0xC5,
            0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA, 0xE1, 0xE2,
            0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8,
            0xF9, 0xFA,
        ])
    static let standardACChrominance = HuffmanTableSpec(
        counts: [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 119],
        symbols: [
            0x00, 0x01, 0x02, 0x03, 0x11, 0x04, 0x05, 0x21, 0x31, 0x06, 0x12, 0x41, 0x51, 0x07, 0x61, 0x71,
            0x13, 0x22, 0x32, 0x81, 0x08, 0x14, 0x42, 0x91, 0xA1, 0xB1, 0xC1, 0x09, 0x23, 0x33, 0x52, 0xF0,
            0x15, 0x62, 0x72, 0xD1, 0x0A, 0x16, 0x24, 0x34, 0xE1, 0x25, 0xF1, 0x17, 0x18, 0x19, 0x1A, 0x26,
            0x27, 0x28, 0x29, 0x2A, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48,
            0x49, 0x4A, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68,
            0x69, 0x6A, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87,
            0x88, 0x89, 0x8A, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0xA2, 0xA3, 0xA4, 0xA5,
            0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xC2, 0xC3,
            0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xDA,
            0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8,
            0xF9, 0xFA,
        ])

    /// The code-length-limited Huffman table of T.81 Annex K.2 for `frequencies` (257
    /// entries: the 256 symbols and a reserved pseudo-symbol), with libjpeg's tie-breaking
    /// (of equal counts, the larger symbol is merged first), so the table equals the one
    /// `cjpeg -optimize` writes for the same counts. The pseudo-symbol 256 keeps any real
    /// code from being all 1 bits.
    static func optimal(frequencies input: [Int]) -> HuffmanTableSpec {
        let merged = 1_000_000_001
        var codesize = [Int](repeating: 0, count: 257)
        var others = [Int](repeating: -1, count: 257)
        var freq = [Int](repeating: 0, count: 257)
        var nzIndex = [Int](repeating: 0, count: 257)
        var nonzero = 0
        for i in 0 ..< 257 {
            let f = i == 256 ? 1 : input[i]
            if f != 0 {
                nzIndex[nonzero] = i
                freq[nonzero] = f
                nonzero += 1
            }
        }
        while true {
            // The two smallest counts; ties go to the later (larger) symbol.
            var c1 = -1, c2 = -1
            var v1 = 1_000_000_000, v2 = 1_000_000_000
            for i in 0 ..< nonzero where freq[i] <= v2 {
                if freq[i] <= v1 {
                    c2 = c1; v2 = v1
                    v1 = freq[i]; c1 = i
                } else {
                    v2 = freq[i]; c2 = i
                }
            }
            if c2 < 0 { break }
            freq[c1] += freq[c2]
            freq[c2] = merged
            codesize[c1] += 1
            while others[c1] >= 0 { c1 = others[c1]; codesize[c1] += 1 }
            others[c1] = c2
            codesize[c2] += 1
            while others[c2] >= 0 { c2 = others[c2]; codesize[c2] += 1 }
        }
        // Lengths can exceed 32 only for counts near 2^32 of symbols; the image sizes the
        // encoder accepts (65535^2 pixels) keep total counts far below that.
        var bits = [Int](repeating: 0, count: 40)
        for i in 0 ..< nonzero { bits[min(codesize[i], 39)] += 1 }
        var bitPos = [Int](repeating: 0, count: 40)
        var p = 0
        for i in 1 ..< 40 { bitPos[i] = p; p += bits[i] }
        // T.81 Figure K.3: shorten codes over 16 bits two at a time.
        var i = 39
        while i > 16 {
            while bits[i] > 0 {
                var j = i - 2
                while bits[j] == 0 { j -= 1 }
                bits[i] -= 2
                bits[i - 1] += 1
                bits[j + 1] += 2
                bits[j] -= 1
            }
            i -= 1
        }
        // Remove the pseudo-symbol from the longest length in use.
        while bits[i] == 0 { i -= 1 }
        bits[i] -= 1
        // One spare slot: positions follow the unadjusted lengths, which count the pseudo-symbol.
        var symbols = [UInt8](repeating: 0, count: nonzero)
        // As libjpeg: symbols ordered by their unadjusted code length; the pseudo-symbol
        // (the last nonzero entry) is left out.
        for k in 0 ..< max(nonzero - 1, 0) {
            let length = min(codesize[k], 39)
            symbols[bitPos[length]] = UInt8(truncatingIfNeeded: nzIndex[k])
            bitPos[length] += 1
        }
        let counts = (1 ... 16).map { UInt8(truncatingIfNeeded: bits[$0]) }
        let total = counts.reduce(0) { $0 + Int($1) }
        return HuffmanTableSpec(counts: counts, symbols: Array(symbols.prefix(total)))
    }
}
