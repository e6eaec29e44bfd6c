/// Where a draw lands after clipping: a `width x height` block of destination pixels starting
/// at `(dstX, dstY)`, fed by the source (and mask) pixels starting at `(srcX, srcY)`.
///
/// All arithmetic here is overflow-checked so that any point, size or source rectangle,
/// including ones near `Int.min` and `Int.max`, clips instead of trapping.
struct DrawRegion: Hashable, Sendable {
    var dstX: Int
    var dstY: Int
    var srcX: Int
    var srcY: Int
    var width: Int
    var height: Int

    /// Places `sourceRect`'s top-left corner at `point`, then clips to the destination and to
    /// `sourceLimit` (the source image's bounds, narrowed by a mask's). Nil when nothing shows.
    init?(destination: Rect, point: Point, sourceRect: Rect, sourceLimit: Rect) {
        // Clip in destination space first: the placed rectangle's far edges saturate, which is
        // harmless because the destination ends long before Int.max.
        let placed = Rect(x: point.x, y: point.y, width: sourceRect.width, height: sourceRect.height)
        let visible = placed.intersection(destination)
        guard !visible.isEmpty else { return nil }
        // visible.x is in point.x ..< point.x + width, so these differences fit in an Int; the
        // checks only make that visible to the reader and the compiler.
        let (offX, o1) = visible.x.subtractingReportingOverflow(point.x)
        let (offY, o2) = visible.y.subtractingReportingOverflow(point.y)
        guard !o1, !o2 else { return nil }
        // The same block in source coordinates; if that overflows it lies past any source.
        let (sx, o3) = sourceRect.x.addingReportingOverflow(offX)
        let (sy, o4) = sourceRect.y.addingReportingOverflow(offY)
        guard !o3, !o4 else { return nil }
        let mapped = Rect(x: sx, y: sy, width: visible.width, height: visible.height)
        let used = mapped.intersection(sourceLimit)
        guard !used.isEmpty else { return nil }
        // used lies inside mapped, so the shifts are in 0 ..< visible.width (height).
        dstX = visible.x &+ (used.x &- mapped.x)
        dstY = visible.y &+ (used.y &- mapped.y)
        srcX = used.x
        srcY = used.y
        width = used.width
        height = used.height
    }
}
