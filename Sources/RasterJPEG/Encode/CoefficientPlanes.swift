/// Quantised coefficients of whole components (or of one MCU row of them), as
/// `CoefficientProducer` lays them out: per component, blocks row-major over
/// `paddedBlocksWide` columns, 64 zig-zag `Int16` each, the components one after another in
/// one allocation. Optimised and progressive coding keep the whole image (they read it more
/// than once); standard baseline coding keeps one MCU row.
struct CoefficientPlanes {
    let layout: EncoderFrameLayout
    let mcuRows: Int
    /// Where each component's blocks start in `storage`.
    let offsets: [Int]
    private let storage: CoefficientStorage

    /// Room for `mcuRows` MCU rows (the whole image by default). With sides of at most
    /// 65535 pixels a component has fewer than 2^27 blocks, so no count overflows.
    init(layout: EncoderFrameLayout, mcuRows: Int? = nil) {
        self.layout = layout
        let rows = mcuRows ?? layout.mcuRows
        self.mcuRows = rows
        var offsets: [Int] = []
        var total = 0
        for c in layout.components {
            offsets.append(total)
            total += c.paddedBlocksWide * c.v * rows * 64
        }
        self.offsets = offsets
        storage = CoefficientStorage(count: total)
    }

    /// Produces every MCU row of the image (requires room for all of them).
    mutating func fill(with producer: inout CoefficientProducer, pixels: UnsafeBufferPointer<UInt8>) {
        let rows = layout.mcuRows
        withMutablePointers { output in
            for row in 0 ..< rows {
                producer.produce(mcuRow: row, pixels: pixels, output: output, mcuRowInBuffer: row)
            }
        }
    }

    func withPointers<R>(_ body: ([UnsafePointer<Int16>]) -> R) -> R {
        let base = storage.base
        return withExtendedLifetime(storage) { body(offsets.map { UnsafePointer(base + $0) }) }
    }

    mutating func withMutablePointers<R>(_ body: ([UnsafeMutablePointer<Int16>]) -> R) -> R {
        let base = storage.base
        return withExtendedLifetime(storage) { body(offsets.map { base + $0 }) }
    }
}

/// The zero-filled allocation behind `CoefficientPlanes`, freed with its last user. A class
/// so the planes can be handed to the entropy coders as plain pointers without a
/// copy-on-write array in the way; it never leaves one encode call.
final class CoefficientStorage {
    let base: UnsafeMutablePointer<Int16>
    let count: Int

    init(count: Int) {
        self.count = max(count, 1)
        base = .allocate(capacity: self.count)
        base.initialize(repeating: 0, count: self.count)
    }

    deinit { base.deallocate() }
}
