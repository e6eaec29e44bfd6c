/// A small open-addressing set of RGBA colours (packed as UInt32) that gives up past 256
/// entries: finds whether an image fits a palette, then maps pixels to palette indices.
struct ColorTable {
    private static let slots = 1024
    private var keys = [UInt32](repeating: 0, count: ColorTable.slots)
    /// Palette index + 1 in each slot; 0 marks an empty slot.
    private var values = [UInt16](repeating: 0, count: ColorTable.slots)
    /// Colours in the order they were added.
    private(set) var colors: [UInt32] = []

    @inline(__always)
    private static func hash(_ v: UInt32) -> Int { Int(truncatingIfNeeded: (v &* 0x9E37_79B1) &>> 22) }

    /// Adds every pixel's colour; false as soon as there are more than 256.
    mutating func collect(_ pixels: UnsafeBufferPointer<UInt32>) -> Bool {
        var last: UInt32 = 0
        var haveLast = false
        for v in pixels {
            if haveLast && v == last { continue }
            last = v
            haveLast = true
            var slot = ColorTable.hash(v)
            while true {
                let stored = values[slot]
                if stored == 0 {
                    if colors.count == 256 { return false }
                    colors.append(v)
                    keys[slot] = v
                    values[slot] = UInt16(colors.count)
                    break
                }
                if keys[slot] == v { break }
                slot = (slot &+ 1) & (ColorTable.slots &- 1)
            }
        }
        return true
    }

    /// Rebuilds the index so `colors[i]` maps to palette index `i`.
    mutating func reorder(_ order: [UInt32]) {
        keys = [UInt32](repeating: 0, count: ColorTable.slots)
        values = [UInt16](repeating: 0, count: ColorTable.slots)
        colors = []
        for v in order {
            var slot = ColorTable.hash(v)
            while values[slot] != 0 { slot = (slot &+ 1) & (ColorTable.slots &- 1) }
            colors.append(v)
            keys[slot] = v
            values[slot] = UInt16(colors.count)
        }
    }

    /// The palette index of `v`, which must have been collected.
    @inline(__always)
    func index(of v: UInt32) -> UInt8 {
        var slot = ColorTable.hash(v)
        while values[slot] != 0 {
            if keys[slot] == v { return UInt8(truncatingIfNeeded: values[slot] &- 1) }
            slot = (slot &+ 1) & (ColorTable.slots &- 1)
        }
        return 0
    }
}
