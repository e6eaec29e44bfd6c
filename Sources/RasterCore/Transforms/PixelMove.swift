/// The eight ways of moving pixels that keep the grid (the dihedral group of the square):
/// identity, two flips, three rotations, transpose and transverse. Each is a linear map of
/// output coordinates to a source index, `source = start + x * stepX + y * stepY`, so one
/// loop serves all eight and every pixel moves exactly (no arithmetic on the values).
@usableFromInline
struct PixelMove: Hashable, Sendable {
    /// Output size.
    let width: Int
    let height: Int
    /// Source pixel index of output (0, 0), and the index steps for x + 1 and y + 1.
    let start: Int
    let stepX: Int
    let stepY: Int

    /// The move that shows a `w x h` image stored with orientation `o` upright (EXIF 0x0112).
    ///
    /// Bounds: `w, h >= 1` here (empty images are handled by the caller). For every output
    /// `(x, y)` in range, the source coordinates named in each case lie in `0..<w` and
    /// `0..<h`, so every index is in `0 ..< w * h`, whose product an existing image already
    /// proved fits in `Int`.
    init(upright o: Orientation, width w: Int, height h: Int) {
        let last = (h - 1) * w  // index of the first pixel of the last row
        switch o {
        case .up:            // out(x, y) = src(x, y)
            self.init(w, h, start: 0, stepX: 1, stepY: w)
        case .upMirrored:    // out(x, y) = src(w-1-x, y)
            self.init(w, h, start: w - 1, stepX: -1, stepY: w)
        case .down:          // out(x, y) = src(w-1-x, h-1-y)
            self.init(w, h, start: last + w - 1, stepX: -1, stepY: -w)
        case .downMirrored:  // out(x, y) = src(x, h-1-y)
            self.init(w, h, start: last, stepX: 1, stepY: -w)
        case .leftMirrored:  // transpose, out is h x w: out(x, y) = src(y, x)
            self.init(h, w, start: 0, stepX: w, stepY: 1)
        case .right:         // 90 clockwise: out(x, y) = src(y, h-1-x)
            self.init(h, w, start: last, stepX: -w, stepY: 1)
        case .rightMirrored: // transverse: out(x, y) = src(w-1-y, h-1-x)
            self.init(h, w, start: last + w - 1, stepX: -w, stepY: -1)
        case .left:          // 270 clockwise: out(x, y) = src(w-1-y, x)
            self.init(h, w, start: w - 1, stepX: w, stepY: -1)
        }
    }

    private init(_ width: Int, _ height: Int, start: Int, stepX: Int, stepY: Int) {
        self.width = width
        self.height = height
        self.start = start
        self.stepX = stepX
        self.stepY = stepY
    }

    /// Copies pixels of type `P` (one `UInt32` or `UInt64` word per pixel) from `source` into
    /// `destination` along this move. Both buffers hold `width * height` pixels (see `init`
    /// for why every index is in range); the raw loads and stores need no memory rebinding.
    @inline(__always)
    func apply<P: FixedWidthInteger>(_ source: UnsafeRawBufferPointer, _ destination: UnsafeMutableRawBufferPointer, as _: P.Type) {
        let size = MemoryLayout<P>.size
        guard source.count == width &* height &* size, destination.count == source.count else { return }
        var out = 0
        var rowStart = start
        for _ in 0 ..< height {
            var i = rowStart
            for _ in 0 ..< width {
                destination.storeBytes(of: source.loadUnaligned(fromByteOffset: i &* size, as: P.self),
                                       toByteOffset: out, as: P.self)
                out &+= size
                i &+= stepX
            }
            rowStart &+= stepY
        }
    }
}

extension Orientation {
    /// The orientation whose upright move is the given clockwise rotation.
    @usableFromInline
    init(rotation: Rotation) {
        switch rotation {
        case .clockwise90: self = .right
        case .clockwise180: self = .down
        case .clockwise270: self = .left
        }
    }
}
