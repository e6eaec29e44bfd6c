// Fuzz target: compositing and resizing with fuzzed geometry. The input bytes are read as
// sizes, points (full 64-bit, so near Int.min/Int.max), operators, filters and fit modes,
// then as pixel data. Checks: drawing changes no destination pixel outside the placed
// source rectangle; a resize gives exactly the requested size or a typed error; a fitted
// resize gives exactly `fittedSize`.
import RasterCore
import RasterResample

struct Reader {
    var bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    mutating func byte() -> UInt8 {
        guard pos < bytes.count else { return 0 }
        defer { pos += 1 }
        return bytes[pos]
    }
    mutating func int64() -> Int {
        var v: UInt64 = 0
        for _ in 0..<8 { v = v << 8 | UInt64(byte()) }
        return Int(truncatingIfNeeded: v)
    }
    /// A coordinate: mostly small, sometimes anywhere in Int's range.
    mutating func coordinate() -> Int {
        let mode = byte()
        if mode & 0xC0 == 0xC0 { return int64() }
        return Int(Int8(bitPattern: byte()))
    }
    mutating func pixels(_ count: Int) -> [UInt8] {
        (0..<count * 4).map { _ in byte() }
    }
}

func check(_ condition: Bool, _ what: StaticString) {
    if !condition { fatalError("fuzz invariant broken: \(what)") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGeometry(_ ptr: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var r = Reader(bytes: UnsafeBufferPointer(start: ptr, count: size))
    let sw = Int(r.byte() % 40) + 1, sh = Int(r.byte() % 40) + 1
    let dw = Int(r.byte() % 40) + 1, dh = Int(r.byte() % 40) + 1
    let point = Point(x: r.coordinate(), y: r.coordinate())
    let rect: Rect? = r.byte() & 1 == 0 ? nil : Rect(x: r.coordinate(), y: r.coordinate(),
                                                     width: r.coordinate(), height: r.coordinate())
    let op = CompositeOperator.allCases[Int(r.byte()) % CompositeOperator.allCases.count]
    let filter = ResampleFilter.allCases[Int(r.byte()) % ResampleFilter.allCases.count]
    let mode = FitMode.allCases[Int(r.byte()) % FitMode.allCases.count]
    let linear = r.byte() & 1 == 1
    let tw = Int(r.byte() % 100) - 2, th = Int(r.byte() % 100) - 2
    guard let src = try? RGBA8Image(width: sw, height: sh, samples: r.pixels(sw * sh)),
          let dst = try? RGBA8Image(width: dw, height: dh, samples: r.pixels(dw * dh)) else {
        fatalError("valid image sizes refused")
    }

    // Drawing: only pixels under the placed (clipped) source rectangle may change.
    var drawn = dst
    drawn.draw(src, at: point, operator: op, sourceRect: rect)
    let used = (rect ?? src.bounds).intersection(src.bounds)
    let placed = Rect(x: point.x, y: point.y, width: used.width, height: used.height)
    // `rect` may start outside the source: the placed area shifts by the clipped amount.
    var shifted = placed
    if let rect {
        let (dx, o1) = used.x.subtractingReportingOverflow(rect.x)
        let (dy, o2) = used.y.subtractingReportingOverflow(rect.y)
        // A clip offset beyond Int cannot be placed; only the no-crash property is checked then.
        if o1 || o2 { shifted = Rect(x: 0, y: 0, width: dw, height: dh) } else { shifted = placed.offsetBy(dx: dx, dy: dy) }
    }
    for y in 0..<dh {
        for x in 0..<dw where !shifted.contains(Point(x: x, y: y)) {
            check(drawn[x, y] == dst[x, y], "draw changed a pixel outside the source rectangle")
        }
    }
    var selfDrawn = src
    selfDrawn.draw(selfDrawn, at: point, operator: op, sourceRect: rect)

    // Resizing with fuzzed sizes (some invalid): the exact size, or a typed error.
    do {
        let out = try src.resized(width: tw, height: th, filter: filter, linearLight: linear)
        check(out.width == tw && out.height == th, "resize gave the wrong size")
    } catch {
        check(tw < 1 || th < 1, "a valid resize was refused")
    }
    let target = FitTarget(width: tw < 0 ? nil : tw, height: th < 0 ? nil : th)
    do {
        let expected = try mode.fittedSize(source: PixelSize(width: sw, height: sh), target: target)
        let out = try src.resized(toFit: target, mode: mode, filter: filter, linearLight: linear)
        check(out.width == expected.width && out.height == expected.height, "fitted resize size differs from fittedSize")
    } catch {}
    return 0
}
