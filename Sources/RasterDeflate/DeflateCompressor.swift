/// The DEFLATE encoder (RFC 1951).
enum DeflateCompressor {
    static func compress(_ input: UnsafeRawBufferPointer, level: Int, into out: inout [UInt8]) {
        writeStored(input, final: true, into: &out)
    }

    /// §3.2.4 stored blocks of at most 65535 bytes each, starting byte-aligned.
    static func writeStored(_ input: UnsafeRawBufferPointer, final: Bool, into out: inout [UInt8]) {
        var pos = 0
        repeat {
            let n = min(65535, input.count - pos)
            let last = final && pos + n == input.count
            out.append(last ? 1 : 0)
            out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += UnsafeRawBufferPointer(rebasing: input[pos..<(pos + n)])
            pos += n
        } while pos < input.count
    }
}
