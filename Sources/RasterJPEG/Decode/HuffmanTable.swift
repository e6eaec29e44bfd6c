/// A Huffman table from DHT, arranged for decoding (T.81 annex C and F.2.2.3).
///
/// Codes of up to `lookupBits` bits resolve in one probe of `fast`, indexed by the next
/// `lookupBits` bits of the stream; the few longer codes go through the canonical-code
/// tables (`maxCode`, `valueOffset`), as libjpeg's `jpeg_huff_decode` does.
///
/// A class over raw storage so the entropy decoder's inner loop reads the tables through
/// plain pointers (no array bounds or uniqueness checks, no reference counting per symbol).
/// Instances live only inside one decode call and are never shared between threads.
final class HuffmanTable {
    static let lookupBits = 9

    /// `(length << 8) | symbol` for the code that the next `lookupBits` bits start with,
    /// 0 when that code is longer than `lookupBits` (or no code starts so).
    let fast: UnsafeMutablePointer<UInt16>
    /// Largest code of each length 1...16 (index = length), -1 when there is none. Index
    /// 17 is a sentinel larger than any 16-bit code, so the slow search always ends.
    let maxCode: UnsafeMutablePointer<Int32>
    /// Added to a code of length l to find its symbol in `values`.
    let valueOffset: UnsafeMutablePointer<Int32>
    /// Symbols in code order.
    let values: UnsafeMutablePointer<UInt8>
    /// For AC tables: the next `lookupBits` bits resolved to a whole coefficient when the
    /// code and its magnitude bits both fit (as stb_image's `fast_ac`):
    /// `value << 16 | run << 8 | bits used`; ZRL is run 15 with value 0 (writing that zero
    /// is harmless), EOB is `0x8000 | bits used`; 0 when code and magnitude do not fit.
    /// For DC tables: the DC difference, `value << 16 | bits used`, likewise.
    let fastAC: UnsafeMutablePointer<Int32>
    /// Bits the skip table is indexed by.
    static let skipBits = 14
    /// For AC tables, for passing over AC terms that are not needed (DCT scale 1/8): the
    /// next `skipBits` bits resolved to as many whole AC codes with their magnitude bits as
    /// fit in them, `step << 6 | bits used`, bits used in the low bits so that the scan
    /// loop shifts its buffer by the entry itself (a shift count is taken modulo 64).
    /// With `advance` how far the codes move the coefficient index k (run + 1 each, 16 for
    /// ZRL, clamped at 64) and `eob` whether the last code is an EOB (which advances
    /// nothing), step = advance + 128 * eob. The scan loop adds step to k (1...63): a sum
    /// below 64 is codes inside the block with more to come; exactly 64 is codes that end
    /// the block (they fill it to index 63); 129...191 with an EOB (step >= 128) is codes
    /// and EOB inside the block. Any other sum is not taken as a whole: codes without EOB
    /// that run past the block (65...127), an EOB past it (k + advance > 63), a long code
    /// (step skipLongStep + run, 208...223: one code of at most `skipBits` bits whose
    /// magnitude bits run past the window, bits used <= 14 + 15 = 29) or nothing resolved
    /// (`skipNothing`, step 255: the first code is longer than `skipBits`). While the table
    /// is built, the levels hold `advance << 6 | bits used << 1 | eob` (advance clamped at
    /// 64). Made on first use (`skipTable()`): only the 1/8 scale needs it.
    private var skip: UnsafePointer<UInt16>?
    /// Whether `skip` was allocated for this table (not a shared standard one).
    private var ownsSkip = false
    /// The DHT code-length counts (index length - 1), for the skip table's code list.
    private let lengthCounts: [Int]

    /// Builds the table from a DHT entry's 16 code-length counts and its symbols.
    /// Fails when the counts describe more codes than fit in their lengths (libjpeg's
    /// JERR_BAD_HUFF_TABLE) or when a DC symbol is above 15 (it would ask for more than 15
    /// extra bits).
    init?(counts: [Int], symbols: [UInt8], isDC: Bool) {
        guard counts.count == 16, counts.reduce(0, +) == symbols.count, symbols.count <= 256 else { return nil }
        if isDC, symbols.contains(where: { $0 > 15 }) { return nil }
        var fast = [UInt16](repeating: 0, count: 1 << Self.lookupBits)
        var maxCode = [Int32](repeating: -1, count: 18)
        var valueOffset = [Int32](repeating: 0, count: 18)
        var code = 0
        var k = 0
        for length in 1...16 {
            let n = counts[length - 1]
            if n > 0 {
                // Canonical codes of this length are code ..< code + n; they must fit in
                // `length` bits (T.81 C.2).
                guard code + n <= 1 << length else { return nil }
                valueOffset[length] = Int32(k - code)
                for i in 0..<n {
                    let c = code + i
                    if length <= Self.lookupBits {
                        // Every lookup index that starts with this code resolves to it.
                        let shift = Self.lookupBits - length
                        let entry = UInt16(length << 8) | UInt16(symbols[k + i])
                        for low in 0..<(1 << shift) { fast[(c << shift) | low] = entry }
                    }
                }
                code += n
                k += n
                maxCode[length] = Int32(code - 1)
            }
            code <<= 1
        }
        maxCode[17] = Int32.max
        self.fast = .allocate(capacity: fast.count)
        self.fast.initialize(from: fast, count: fast.count)
        self.maxCode = .allocate(capacity: 18)
        self.maxCode.initialize(from: maxCode, count: 18)
        self.valueOffset = .allocate(capacity: 18)
        self.valueOffset.initialize(from: valueOffset, count: 18)
        // 256 entries whatever the symbol count: a corrupt code can only index below
        // valueOffset + maxCode, which the construction keeps under symbols.count.
        self.values = .allocate(capacity: 256)
        self.values.initialize(repeating: 0, count: 256)
        self.values.initialize(from: symbols, count: symbols.count)
        self.lengthCounts = counts
        self.fastAC = .allocate(capacity: 1 << Self.lookupBits)
        self.fastAC.initialize(repeating: 0, count: 1 << Self.lookupBits)
        if isDC {
            for index in 0..<(1 << Self.lookupBits) {
                let entry = Int(fast[index])
                guard entry != 0 else { continue }
                let length = entry >> 8, size = entry & 0xFF
                guard length + size <= Self.lookupBits else { continue }
                let raw = size == 0 ? 0 : (index >> (Self.lookupBits - length - size)) & ((1 << size) - 1)
                let value = size == 0 || raw >= 1 << (size - 1) ? raw : raw - (1 << size) + 1
                self.fastAC[index] = Int32(value) << 16 | Int32(length + size)
            }
        } else {
            for index in 0..<(1 << Self.lookupBits) {
                let entry = Int(fast[index])
                guard entry != 0 else { continue }
                let length = entry >> 8, symbol = entry & 0xFF
                let run = symbol >> 4, size = symbol & 15
                if size == 0 {
                    if run == 0 { self.fastAC[index] = 0x8000 | Int32(length) }
                    if run == 15 { self.fastAC[index] = 15 << 8 | Int32(length) }
                    continue
                }
                guard length + size <= Self.lookupBits else { continue }
                // The magnitude bits follow the code inside the same lookahead window.
                let raw = (index >> (Self.lookupBits - length - size)) & ((1 << size) - 1)
                let value = raw < 1 << (size - 1) ? raw - (1 << size) + 1 : raw
                self.fastAC[index] = Int32(value) << 16 | Int32(run) << 8 | Int32(length + size)
            }
        }
    }

    /// The skip table (see `skip`), made on the first call, window size by window size:
    /// the entry of an r-bit window is its first code (with magnitude) followed by the
    /// entry of the (r - u)-bit window after it. So for each code of at most `lookupBits`
    /// bits and each magnitude, a whole run of entries at level r is the level r - u block
    /// plus a constant: a copy loop, no per-entry decoding (alpha.jpg at 1/8: 1.84 M
    /// instructions when each window's codes were walked one by one). The windows of r
    /// bits are stored at [2^r, 2^(r+1)) of one buffer; `skip` points at the 2^skipBits block.
    ///
    /// The tables of T.81 Annex K.3 (which libjpeg, Pillow and most cameras write unless
    /// told to optimise) share one skip table per process, made once: building it is about
    /// 0.35 M instructions, 5% of a 1/8 decode of alpha.jpg.
    func skipTable() -> UnsafePointer<UInt16> {
        if let skip { return skip }
        let made: UnsafePointer<UInt16>
        if matches(.standardACLuminance) {
            made = standardLuminanceSkipTable
        } else if matches(.standardACChrominance) {
            made = standardChrominanceSkipTable
        } else {
            made = Self.makeSkipTable(lengthCounts: lengthCounts, values: UnsafePointer(values))
            ownsSkip = true
        }
        skip = made
        return made
    }

    /// Whether this table is `spec` (same code lengths, same symbols).
    private func matches(_ spec: HuffmanTableSpec) -> Bool {
        guard spec.counts.count == 16, spec.symbols.count <= 256 else { return false }
        for i in 0..<16 where lengthCounts[i] != Int(spec.counts[i]) { return false }
        // The counts are equal, so this table holds spec.symbols.count symbols.
        for (i, symbol) in spec.symbols.enumerated() where values[i] != symbol { return false }
        return true
    }

    /// The skip table of the canonical code with `lengthCounts` (index length - 1) and
    /// `values` (symbols in code order, 256 entries), in a new allocation: the result is
    /// its upper half.
    static func makeSkipTable(lengthCounts: [Int], values: UnsafePointer<UInt8>) -> UnsafePointer<UInt16> {
        let all = UnsafeMutablePointer<UInt16>.allocate(capacity: 2 << Self.skipBits)
        all.initialize(repeating: 0, count: 2 << Self.skipBits)   // index 1: the empty window
        let skip = all + (1 << Self.skipBits)
        // Any advance of 64 or more fails the scan loop's range test; entries above `cap`
        // (advance 64, 31 bits, EOB) are clamped to it, so the fields never overflow.
        let cap = UInt16(Self.skipAdvanceLimit << 6 | 63)
        for r in 1...Self.skipBits {
            let level = all + (1 << r)
            // Every canonical code of at most r bits (T.81 C.2: codes of one length are
            // consecutive, symbols in code order in `values`), also those longer than
            // lookupBits, which the one-code path would send to decodeSlow.
            var code = 0, symbolIndex = 0
            for length in 1...r {
                let count = lengthCounts[length &- 1]
                defer {
                    code = (code &+ count) << 1
                    symbolIndex &+= count
                }
                for i in 0..<count {
                    // symbolIndex + i < symbols.count <= 256 (init checked the counts' sum).
                    let symbol = Int(values[(symbolIndex &+ i) & 0xFF])
                    let run = symbol >> 4, size = symbol & 15
                    let used = length &+ size
                    // Codes (with magnitude) longer than the window resolve nothing there (0).
                    guard used <= r else { continue }
                    // The code's windows: first ..< first + 2^(r - length); code + i < 2^length
                    // (init checked code + count <= 2^length).
                    let first = level + ((code &+ i) << (r &- length))
                    if size == 0 && run != 15 {
                        // EOB ends the block, and so does any other size-0 symbol but ZRL (an
                        // EOBn code in a sequential scan; libjpeg's decode_mcu ends the block
                        // there too). So a window that resolves nothing starts with a code
                        // longer than skipBits or with no code, never with a short code.
                        first.update(repeating: UInt16(used << 1 | 1), count: 1 << (r &- length))
                        continue
                    }
                    let advance = size == 0 ? 16 : run &+ 1
                    let restBits = r &- used
                    let rest = all + (1 << restBits)
                    let n = 1 << restBits
                    let add = UInt16(advance << 6 | used << 1)
                    for m in 0..<(1 << size) {
                        // The window: code, magnitude m, then an (r - used)-bit window made at
                        // level r - used; first + (m + 1) * n <= first + 2^(r - length).
                        let dst = first + (m << restBits)
                        for j in 0..<n { dst[j] = min(rest[j] &+ add, cap) }
                    }
                }
            }
        }
        // The scan loop's form of the top level, `step << 6 | bits used` (see `skip`),
        // written without branches on 16-bit values so that it runs in SIMD lanes.
        for x in 0..<(1 << Self.skipBits) {
            let e = skip[x]
            let used = e >> 1 & 31, eob = e & 1, advance = e >> 6     // advance <= 64
            // step <= 64 + 128 = 192, so step << 6 | used < 2^14. A clamped entry (advance
            // 64 with EOB) gets step 192, which no k >= 1 takes (k + 192 > 191).
            let packed = (advance | eob << 7) << 6 | used
            skip[x] = e == 0 ? Self.skipNothing : packed
        }
        // Long codes: a code of at most skipBits bits with a nonzero magnitude that does not
        // fit after it. Exactly the windows starting with such a code resolved nothing
        // above (their first code did not fit), so they are skipNothing here and nothing
        // else is overwritten. On screenshot.jpg at 1/8 these were most of the one-code
        // fallbacks (text edges: large magnitudes after codes of 10-14 bits, which the
        // 9-bit one-code path sends through decodeSlow).
        var code = 0, symbolIndex = 0
        for length in 1...Self.skipBits {
            let count = lengthCounts[length &- 1]
            for i in 0..<count {
                let symbol = Int(values[(symbolIndex &+ i) & 0xFF])
                let run = symbol >> 4, size = symbol & 15
                guard size != 0, length &+ size > Self.skipBits else { continue }
                // code + i < 2^length (init checked), so the windows lie inside the table.
                let first = skip + ((code &+ i) << (Self.skipBits &- length))
                first.update(repeating: UInt16((Self.skipLongStep &+ run) << 6 | (length &+ size)),
                             count: 1 << (Self.skipBits &- length))
            }
            code = (code &+ count) << 1
            symbolIndex &+= count
        }
        return UnsafePointer(skip)
    }

    /// Skip-table advances are clamped to this (any advance this large is past the block).
    static let skipAdvanceLimit = 64
    /// The step of a long-code entry is skipLongStep + run (208...223): above any block's
    /// reach (k + step > 191), so the scan loop's multi-code step never takes it.
    static let skipLongStep = 208
    /// The entry of a window that resolves nothing: step 255, no bits.
    static let skipNothing: UInt16 = 255 << 6

    deinit {
        // `skip` is the upper half of the buffer skipTable() allocated.
        if ownsSkip, let skip { UnsafeMutablePointer(mutating: skip - (1 << Self.skipBits)).deallocate() }
        fast.deallocate()
        maxCode.deallocate()
        valueOffset.deallocate()
        values.deallocate()
        fastAC.deallocate()
    }
}

/// The skip tables of T.81 K.3's AC tables, made on first use (a global is initialised
/// once, thread-safely) and never changed or freed afterwards, so sharing them between
/// decodes on any threads is safe.
nonisolated(unsafe) private let standardLuminanceSkipTable = HuffmanTable.makeSkipTable(.standardACLuminance)
nonisolated(unsafe) private let standardChrominanceSkipTable = HuffmanTable.makeSkipTable(.standardACChrominance)

extension HuffmanTable {
    /// The skip table of a standard table, for the shared globals.
    fileprivate static func makeSkipTable(_ spec: HuffmanTableSpec) -> UnsafePointer<UInt16> {
        let values = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        defer { values.deallocate() }
        values.initialize(repeating: 0, count: 256)
        for (i, symbol) in spec.symbols.prefix(256).enumerated() { values[i] = symbol }
        return makeSkipTable(lengthCounts: spec.counts.map(Int.init), values: values)
    }
}

extension HuffmanTable {
    /// The table's storage as plain pointers, for inner loops (no reference counting when
    /// copied). Valid while the table object lives; scans keep their tables alive.
    var lookup: HuffmanLookup {
        HuffmanLookup(fast: fast, maxCode: maxCode, valueOffset: valueOffset, values: values, fastAC: fastAC)
    }
}

/// See `HuffmanTable.lookup`.
struct HuffmanLookup {
    let fast: UnsafeMutablePointer<UInt16>
    let maxCode: UnsafeMutablePointer<Int32>
    let valueOffset: UnsafeMutablePointer<Int32>
    let values: UnsafeMutablePointer<UInt8>
    let fastAC: UnsafeMutablePointer<Int32>
}

/// The four table slots of each class, as DHT fills them; a scan picks by index.
struct HuffmanSlots {
    var dc: [HuffmanTable?] = [nil, nil, nil, nil]
    var ac: [HuffmanTable?] = [nil, nil, nil, nil]
}
