import RasterDeflate

/// Parses the metadata chunks (PNG spec §11.3). Each reader returns nil and sets
/// `warning` when the chunk is malformed, so the caller can drop it and carry on.
struct AncillaryReader {
    let data: UnsafeRawBufferPointer
    let name: String
    /// Inflated bytes still allowed for compressed metadata in this file.
    var budget: Int
    private(set) var warning: PNGWarning?

    init(data: UnsafeRawBufferPointer, name: String, budget: Int) {
        self.data = data
        self.name = name
        self.budget = budget
    }

    private mutating func invalid(_ reason: String) {
        warning = .invalidAncillaryChunk(chunk: name, reason: reason)
    }

    private mutating func requireLength(_ n: Int) -> Bool {
        if data.count == n { return true }
        invalid("length \(data.count), must be \(n)")
        return false
    }

    /// gAMA (§11.3.3.2).
    mutating func readgAMA() -> UInt32? {
        guard requireLength(4) else { return nil }
        return data.beUInt32(0)
    }

    /// cHRM (§11.3.3.1).
    mutating func readcHRM() -> PNGChromaticities? {
        guard requireLength(32) else { return nil }
        let v = (0 ..< 8).map { data.beUInt32($0 * 4) }
        return PNGChromaticities(whiteX: v[0], whiteY: v[1], redX: v[2], redY: v[3],
                                 greenX: v[4], greenY: v[5], blueX: v[6], blueY: v[7])
    }

    /// sRGB (§11.3.3.5).
    mutating func readsRGB() -> UInt8? {
        guard requireLength(1) else { return nil }
        guard data[0] <= 3 else { invalid("rendering intent \(data[0]) is not 0 to 3"); return nil }
        return data[0]
    }

    /// pHYs (§11.3.5.3).
    mutating func readpHYs() -> PNGPhysicalDimensions? {
        guard requireLength(9) else { return nil }
        guard data[8] <= 1 else { invalid("unit \(data[8]) is not 0 or 1"); return nil }
        return PNGPhysicalDimensions(pixelsPerUnitX: data.beUInt32(0), pixelsPerUnitY: data.beUInt32(4),
                                     unitIsMetre: data[8] == 1)
    }

    /// tIME (§11.3.6.1).
    mutating func readtIME() -> PNGTime? {
        guard requireLength(7) else { return nil }
        let t = PNGTime(year: data.beUInt16(0), month: data[2], day: data[3], hour: data[4],
                        minute: data[5], second: data[6])
        guard (1 ... 12).contains(t.month), (1 ... 31).contains(t.day), t.hour <= 23, t.minute <= 59,
              t.second <= 60 else {
            invalid("date or time out of range")
            return nil
        }
        return t
    }

    /// bKGD (§11.3.5.1): its form follows the colour type. Reported in the decoded pixels'
    /// scale (see `PNGBackground`): low-depth grey is scaled as the pixels are, a palette index
    /// becomes its PLTE colour.
    mutating func readbKGD(header: PNGHeader, palette: [UInt8]) -> PNGBackground? {
        switch header.colorType {
        case .indexed:
            guard requireLength(1) else { return nil }
            let i = Int(data[0]) &* 3
            guard i &+ 2 < palette.count else { invalid("palette index \(data[0]) out of range"); return nil }
            return .rgb(r: UInt16(palette[i]), g: UInt16(palette[i &+ 1]), b: UInt16(palette[i &+ 2]))
        case .grey, .greyAlpha:
            guard requireLength(2) else { return nil }
            let v = data.beUInt16(0)
            guard header.bitDepth < 8 else { return .grey(v) }
            let maximum = UInt16(1 << header.bitDepth) &- 1
            guard v <= maximum else { invalid("grey \(v) exceeds the \(header.bitDepth)-bit maximum"); return nil }
            return .grey(v &* (255 / maximum))
        case .rgb, .rgba:
            guard requireLength(6) else { return nil }
            return .rgb(r: data.beUInt16(0), g: data.beUInt16(2), b: data.beUInt16(4))
        }
    }

    /// iCCP (§11.3.3.3): name, NUL, compression method 0, zlib-compressed profile.
    mutating func readiCCP() -> PNGICCProfile? {
        guard let (name, next) = keyword(), next < data.count else {
            if warning == nil { invalid("missing profile") }
            return nil
        }
        guard data[next] == 0 else { invalid("unknown compression method \(data[next])"); return nil }
        guard let profile = inflate(from: next + 1) else { return nil }
        return PNGICCProfile(name: name, profile: profile)
    }

    /// tEXt (§11.3.4.3): Latin-1 keyword, NUL, Latin-1 text.
    mutating func readtEXt() -> PNGTextEntry? {
        guard let (key, next) = keyword() else { return nil }
        let text = latin1(UnsafeRawBufferPointer(rebasing: data[next...]))
        return PNGTextEntry(keyword: key, text: text, kind: .plain)
    }

    /// zTXt (§11.3.4.4): keyword, NUL, method 0, compressed Latin-1 text.
    mutating func readzTXt() -> PNGTextEntry? {
        guard let (key, next) = keyword() else { return nil }
        guard next < data.count, data[next] == 0 else { invalid("missing or unknown compression method"); return nil }
        guard let bytes = inflate(from: next + 1) else { return nil }
        return PNGTextEntry(keyword: key, text: bytes.withUnsafeBytes { latin1($0) }, kind: .compressed)
    }

    /// iTXt (§11.3.4.5): keyword, NUL, flag, method, language tag, NUL,
    /// translated keyword (UTF-8), NUL, UTF-8 text (compressed when the flag is 1).
    mutating func readiTXt() -> PNGTextEntry? {
        guard let (key, start) = keyword() else { return nil }
        guard data.count - start >= 2 else { invalid("truncated"); return nil }
        let flag = data[start], method = data[start + 1]
        guard flag <= 1, method == 0 else { invalid("unknown compression flag or method"); return nil }
        guard let langEnd = nul(from: start + 2) else { invalid("unterminated language tag"); return nil }
        guard let transEnd = nul(from: langEnd + 1) else { invalid("unterminated translated keyword"); return nil }
        let language = latin1(UnsafeRawBufferPointer(rebasing: data[(start + 2) ..< langEnd]))
        let translated = String(decoding: UnsafeRawBufferPointer(rebasing: data[(langEnd + 1) ..< transEnd]),
                                as: UTF8.self)
        let text: String
        if flag == 1 {
            guard let bytes = inflate(from: transEnd + 1) else { return nil }
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            text = String(decoding: UnsafeRawBufferPointer(rebasing: data[(transEnd + 1)...]), as: UTF8.self)
        }
        return PNGTextEntry(keyword: key, text: text, kind: .international(compressed: flag == 1),
                            languageTag: language, translatedKeyword: translated)
    }

    /// The NUL-terminated keyword at the start (1 to 79 bytes) and the offset after its NUL.
    private mutating func keyword() -> (String, Int)? {
        guard let end = nul(from: 0), end >= 1, end <= 79 else {
            invalid("keyword missing, unterminated or longer than 79 bytes")
            return nil
        }
        return (latin1(UnsafeRawBufferPointer(rebasing: data[0 ..< end])), end + 1)
    }

    private func nul(from start: Int) -> Int? {
        var i = start
        while i < data.count {
            if data[i] == 0 { return i }
            i += 1
        }
        return nil
    }

    /// Inflates the rest of the chunk within the remaining metadata budget.
    ///
    /// The budget pays for inflation work, not just for what is kept: a stream that fails
    /// after producing N bytes is charged N, and one that overflows the budget uses it up.
    /// Otherwise a file of many bad chunks would make the decoder inflate the whole budget
    /// once per chunk (about 1000 times its own size in work) while keeping nothing.
    private mutating func inflate(from start: Int) -> [UInt8]? {
        let compressed = UnsafeRawBufferPointer(rebasing: data[min(start, data.count)...])
        var inflater = Inflater(format: .zlib, outputLimit: budget)
        var out: [UInt8] = []
        do throws(DeflateError) {
            try inflater.feed(compressed) { out.append(contentsOf: $0) }
            try inflater.finish { out.append(contentsOf: $0) }
            budget -= out.count
            return out
        } catch {
            if case .outputLimitExceeded = error {
                budget = 0
                warning = .metadataLimitExceeded(chunk: name)
            } else {
                budget -= min(budget, max(inflater.totalOut, out.count))
                invalid("corrupt compressed data: \(error)")
            }
            return nil
        }
    }
}

/// ISO 8859-1 bytes as a String: each byte is the Unicode scalar of the same value.
func latin1(_ bytes: UnsafeRawBufferPointer) -> String {
    var s = String.UnicodeScalarView()
    for b in bytes { s.append(Unicode.Scalar(b)) }
    return String(s)
}
