import RasterCore
import Testing
@testable import RasterJPEG

/// `JPEGExif`: reading and resetting the orientation tag without disturbing the block.
@Suite struct EncodeExifTests {
    /// A minimal TIFF block: IFD0 with an unrelated tag, then Orientation = `value`.
    static func block(bigEndian: Bool, orientation value: UInt16) -> [UInt8] {
        func u16(_ v: UInt16) -> [UInt8] { bigEndian ? [UInt8(v >> 8), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32) -> [UInt8] { bigEndian ? u16(UInt16(v >> 16)) + u16(UInt16(v & 0xFFFF)) : u16(UInt16(v & 0xFFFF)) + u16(UInt16(v >> 16)) }
        var b: [UInt8] = bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        b += u16(42) + u32(8) + u16(2)
        b += u16(0x010F) + u16(2) + u32(4) + u32(0x41424300)  // Make = "ABC"
        b += u16(0x0112) + u16(3) + u32(1) + u16(value) + u16(0)
        b += u32(0)
        return b
    }

    @Test(arguments: [true, false])
    func resetsOrientationToOne(bigEndian: Bool) {
        let original = Self.block(bigEndian: bigEndian, orientation: 6)
        #expect(JPEGExif.orientation(in: original) == .right)
        let reset = JPEGExif.resettingOrientation(original)
        #expect(JPEGExif.orientation(in: reset) == .up)
        #expect(reset == Self.block(bigEndian: bigEndian, orientation: 1))
        // With the APP1 prefix too.
        let prefixed = Array("Exif".utf8) + [0, 0] + original
        #expect(JPEGExif.resettingOrientation(prefixed) == Array("Exif".utf8) + [0, 0] + reset)
    }

    @Test func leavesBlocksWithoutTheTagOrMalformedUnchanged() {
        let noTag: [UInt8] = [0x49, 0x49, 42, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(JPEGExif.resettingOrientation(noTag) == noTag)
        #expect(JPEGExif.orientation(in: noTag) == nil)
        let full = Self.block(bigEndian: true, orientation: 3)
        // The orientation value ends at byte 32 (8 header + 2 count + 12 + 8 + 2).
        for length in 0 ..< 32 {
            let cut = Array(full.prefix(length))
            #expect(JPEGExif.resettingOrientation(cut) == cut)
        }
        var badOffset = full
        badOffset[4] = 0xFF
        #expect(JPEGExif.resettingOrientation(badOffset) == badOffset)
    }
}
