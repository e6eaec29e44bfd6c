/// The inflate fast loop: Huffman block data decoded with no per-bit checks while the input
/// and output margins of `InflateHuffmanBlock.swift` hold.
extension InflateEngine {
    /// Decodes while the margins above hold, with no per-bit bounds checks: one branch-free
    /// 8-byte refill gives at least 56 bits, enough for a whole length/distance pair (at most
    /// 15+5+15+13 = 48 bits) or up to three literals. Returns true at end of block.
    /// On return `r` is consistent (bits above `left` are the next input bits, which the
    /// careful loop's byte refill ORs in again unchanged).
    @inline(__always)
    mutating func decodeFast(_ r: inout BitReader, _ outPosRef: inout Int) throws(DeflateError) -> Bool {
        let litlen = UnsafePointer(table + DecodeTable.litlenOffset)
        let dist = UnsafePointer(table + DecodeTable.distOffset)
        // Pointers rather than base+index keep the loop's state in registers.
        var inPtr = UnsafeRawPointer(r.base + r.pos)
        let inLimit = UnsafeRawPointer(r.base + (r.end - InflateEngine.fastInputMargin))
        var op = out + outPosRef
        let outLimit = out + (outCap - InflateEngine.fastOutputMargin)
        let windowStart = UnsafePointer(out + windowBase)
        var buf = r.buf
        // Only the low 6 bits of `left` are the buffered bit count: each step subtracts its
        // whole table entry, whose low byte is the bits it consumes (bits 5-7 zero) and whose
        // higher bits only disturb bits 8 and up of `left` (libdeflate's trick; one `and` less
        // per symbol). Since the true count stays in 0...63, the low byte of `left` is always
        // exactly it. Shifts by `left` use the low 6 bits anyway (`&<<`), the byte advance of
        // the refill masks, and the exit masks.
        var left = r.left
        defer {
            let bits = left & 63
            // Drop the look-ahead bits above `left`: stored blocks move `pos` by copying, after
            // which those bits would no longer match the input the careful refill ORs in.
            r.buf = buf & ~(UInt64.max &<< UInt64(truncatingIfNeeded: bits))
            r.left = bits
            r.pos = r.base.distance(to: inPtr.assumingMemoryBound(to: UInt8.self))
            outPosRef = out.distance(to: op)
        }
        let literal = DecodeTable.literal
        let exceptional = DecodeTable.exceptional
        var result = false
        // After a refill all 64 bits of `buf` are input bits (the 8-byte load fills everything
        // above `left`), and one step consumes at most 48 of them, so at the top of the loop at
        // least 16 real bits remain: the next literal/length entry can be looked up before the
        // refill, taking the refill off the lookup's dependency chain. A first refill here
        // establishes that for the careful loop's buffer.
        // Every refill below needs `left < 64` (the shift would wrap and the byte advance go
        // negative otherwise): true on entry by `BitReader`'s invariant, and after each refill
        // `left` is in 56...63 and only decreases until the next one. Checked in debug builds.
        assert(left < 64, "fast-loop refill needs fewer than 64 buffered bits")
        @inline(__always) func refill() {
            assert(left & 0xFF < 64, "fast-loop refill needs fewer than 64 buffered bits")
            buf |= UInt64(littleEndian: inPtr.loadUnaligned(as: UInt64.self)) &<< UInt64(truncatingIfNeeded: left)
            inPtr += ((63 &- left) & 63) &>> 3
            left |= 56
        }
        // One or two literals from a root entry: both bytes are stored (the second is garbage
        // for a single literal and is overwritten by the next output byte; the output margin
        // covers it) and the output moves on by one or two.
        @inline(__always) func literals(_ e: UInt32) {
            buf &>>= UInt64(truncatingIfNeeded: e)
            left &-= Int(truncatingIfNeeded: e)
            UnsafeMutableRawPointer(op).storeBytes(of: UInt16(truncatingIfNeeded: e &>> 16).littleEndian, as: UInt16.self)
            op += 1 &+ Int(truncatingIfNeeded: (e &>> 12) & 1)
        }
        if inPtr <= inLimit { refill() }
        while inPtr <= inLimit && op <= outLimit {
            var e = litlen[Int(buf & 0x7FF)]
            refill()
            // At least 56 bits: three root entries (11 bits each at most, one or two literals
            // each) leave 23, enough for the next root lookup at the top of the loop.
            if e & literal != 0 {
                literals(e)
                e = litlen[Int(buf & 0x7FF)]
                if e & literal != 0 {
                    literals(e)
                    e = litlen[Int(buf & 0x7FF)]
                    if e & literal != 0 {
                        literals(e)
                        continue
                    }
                }
                // A non-literal follows: top up so the whole pair fits.
                refill()
            }
            if e & exceptional != 0 {
                if e & DecodeTable.subtable != 0 {
                    buf &>>= 11; left &-= 11
                    e = litlen[Int(e &>> 16) &+ Int(buf & ~(UInt64.max &<< UInt64((e &>> 8) & 0xF)))]
                    if e & literal != 0 {
                        // Subtable literals are single.
                        buf &>>= UInt64(truncatingIfNeeded: e); left &-= Int(truncatingIfNeeded: e)
                        op.pointee = UInt8(truncatingIfNeeded: e &>> 16)
                        op += 1
                        continue
                    }
                }
                if e & exceptional != 0 {
                    if e & DecodeTable.endOfBlock != 0 {
                        buf &>>= UInt64(truncatingIfNeeded: e); left &-= Int(truncatingIfNeeded: e)
                        result = true
                        break
                    }
                    throw .invalidCode
                }
            }
            // Length: base plus the extra bits that follow the code (most root entries already
            // hold the whole length; see `DecodeTable.lengthHasExtra`).
            var saved = buf
            buf &>>= UInt64(truncatingIfNeeded: e); left &-= Int(truncatingIfNeeded: e)
            var length = Int(e &>> 16)
            if e & DecodeTable.lengthHasExtra != 0 {
                length &+= Int(truncatingIfNeeded: (saved & ~(UInt64.max &<< UInt64(e & 0x1F))) &>> UInt64((e &>> 8) & 0xF))
            }
            var d = dist[Int(buf & 0xFF)]
            if d & exceptional != 0 {
                if d & DecodeTable.subtable != 0 {
                    buf &>>= 8; left &-= 8
                    d = dist[Int(d &>> 16) &+ Int(buf & ~(UInt64.max &<< UInt64((d &>> 8) & 0xF)))]
                }
                if d & exceptional != 0 { throw .invalidCode }
            }
            saved = buf
            buf &>>= UInt64(truncatingIfNeeded: d); left &-= Int(truncatingIfNeeded: d)
            let distance = Int(d &>> 16) &+ Int(truncatingIfNeeded: (saved & ~(UInt64.max &<< UInt64(d & 0x1F))) &>> UInt64((d &>> 8) & 0xF))
            if distance > windowStart.distance(to: op) { throw .distanceTooFar }
            var dst = UnsafeMutableRawPointer(op)
            var src = UnsafeRawPointer(op - distance)
            op += length
            let stop = UnsafeMutableRawPointer(op)
            if distance >= 16 {
                // Two 16-byte vectors unconditionally (most matches are at most 32 bytes), then
                // 32 bytes a step: each vector reads only bytes written before it, as the
                // distance is at least 16. Copies run up to 31 bytes past the match's end.
                @inline(__always) func vector(_ k: Int) {
                    (dst + 16 &* k).storeBytes(of: (src + 16 &* k).loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
                }
                vector(0); vector(1)
                if length > 32 {
                    dst += 32
                    src += 32
                    repeat {
                        vector(0); vector(1)
                        dst += 32
                        src += 32
                    } while dst < stop
                }
            } else if distance >= 8 {
                // Five words unconditionally, then a word a step: up to 37 bytes past a short
                // match's end, 7 past a long one.
                @inline(__always) func word(_ k: Int) {
                    (dst + 8 &* k).storeBytes(of: (src + 8 &* k).loadUnaligned(as: UInt64.self), as: UInt64.self)
                }
                word(0); word(1); word(2); word(3); word(4)
                if length > 40 {
                    dst += 40
                    src += 40
                    repeat {
                        dst.storeBytes(of: src.loadUnaligned(as: UInt64.self), as: UInt64.self)
                        dst += 8
                        src += 8
                    } while dst < stop
                }
            } else if distance == 1 {
                // A run of one byte: 16-byte stores, two a step.
                let v = SIMD16<UInt8>(repeating: src.load(as: UInt8.self))
                repeat {
                    dst.storeBytes(of: v, as: SIMD16<UInt8>.self)
                    (dst + 16).storeBytes(of: v, as: SIMD16<UInt8>.self)
                    dst += 32
                } while dst < stop
            } else {
                // Distance 2-7: write the first 8 bytes one by one (each reads a byte already
                // written), then repeat that word at offsets that are multiples of the period.
                for k in 0..<8 {
                    dst.storeBytes(of: src.load(fromByteOffset: k, as: UInt8.self), toByteOffset: k, as: UInt8.self)
                }
                if length > 8 {
                    let pattern = dst.loadUnaligned(as: UInt64.self)
                    let step = 8 &- (8 % distance)
                    var p = dst + step
                    repeat {
                        p.storeBytes(of: pattern, as: UInt64.self)
                        p += step
                    } while p < stop
                }
            }
        }
        if result { stage = finalBlock ? .trailer : .blockHeader }
        return result
    }
}
