import RasterCore

/// A width and height in pixels.
public struct PixelSize: Hashable, Sendable, CustomStringConvertible {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int
    /// A size from its sides (not checked here; the resize checks what it is given).
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
    public var description: String { "\(width)x\(height)" }
}

/// A requested size where either side may be left out (`256x`, `x256`): the missing side
/// then follows the source's aspect ratio.
public struct FitTarget: Hashable, Sendable {
    /// The wanted width, or nil to follow the aspect ratio from `height`.
    public var width: Int?
    /// The wanted height, or nil to follow the aspect ratio from `width`.
    public var height: Int?
    /// A target from its sides; at least one should be given (the CLI's `--size 256x`,
    /// `x256` or `256x171`).
    public init(width: Int?, height: Int?) {
        self.width = width
        self.height = height
    }
}

/// How an image is fitted to a target size.
public enum FitMode: String, Hashable, Sendable, CaseIterable {
    /// Exactly the target size; the aspect ratio may change.
    case fill
    /// The largest size that fits inside the target keeping the aspect ratio.
    case contain
    /// The smallest size that covers the target keeping the aspect ratio, then the centre
    /// cut to exactly the target size.
    case cover
    /// No resampling: the centre of the source cut to the target size (no larger than
    /// the source; a side left out keeps the source's).
    case crop

    /// The mode the CLI names `name` (`fill`, `contain`, `cover`, `crop`), or nil.
    public init?(name: String) { self.init(rawValue: name) }

    /// The size of the result of fitting a `source`-sized image to `target` with this mode.
    ///
    /// When only one side is given, the other is `round(other * given / side)`, rounded to
    /// nearest (halves up) and at least 1, whatever the mode (except `crop`, which keeps it).
    /// `contain` and `cover` round their scaled side the same way.
    public func fittedSize(source: PixelSize, target: FitTarget) throws(ResampleError) -> PixelSize {
        let plan = try plan(source: source, target: target)
        if let crop = plan.crop { return PixelSize(width: crop.width, height: crop.height) }
        return plan.scaled ?? source
    }

    /// What fitting does: resample to `scaled` (if not nil), then cut `crop` (if not nil)
    /// out of the result.
    struct Plan: Hashable {
        var scaled: PixelSize?
        var crop: Rect?
    }

    func plan(source: PixelSize, target: FitTarget) throws(ResampleError) -> Plan {
        let (w, h) = (source.width, source.height)
        guard target.width != nil || target.height != nil,
              (target.width ?? 1) > 0, (target.height ?? 1) > 0 else {
            throw .invalidSize(width: target.width, height: target.height)
        }
        guard w > 0, h > 0 else { throw .emptySource(width: w, height: h) }
        // Bound every side so the products below (at most 2 * 2^30 * 2^30) fit in Int.
        let side = AxisContributions.maxSide
        for (v, cap) in [(target.width ?? 1, LimitExceeded.Cap.width), (target.height ?? 1, .height), (w, .width), (h, .height)] where v > side {
            throw .limitExceeded(LimitExceeded(cap: cap, requested: v, limit: side))
        }
        if self == .crop {
            let cw = min(target.width ?? w, w), ch = min(target.height ?? h, h)
            return Plan(scaled: nil, crop: Rect(x: (w - cw) / 2, y: (h - ch) / 2, width: cw, height: ch))
        }
        guard let tw = target.width, let th = target.height else {
            // One side: the other keeps the aspect ratio, for every mode.
            if let tw = target.width { return Plan(scaled: PixelSize(width: tw, height: Self.scale(h, by: tw, over: w))) }
            let th = target.height ?? 1
            return Plan(scaled: PixelSize(width: Self.scale(w, by: th, over: h), height: th))
        }
        switch self {
        case .fill, .crop:
            return Plan(scaled: PixelSize(width: tw, height: th))
        case .contain:
            // Width-limited when tw / w <= th / h.
            if tw * h <= th * w { return Plan(scaled: PixelSize(width: tw, height: Self.scale(h, by: tw, over: w))) }
            return Plan(scaled: PixelSize(width: Self.scale(w, by: th, over: h), height: th))
        case .cover:
            let scaled: PixelSize
            if tw * h >= th * w {
                scaled = PixelSize(width: tw, height: max(Self.scale(h, by: tw, over: w), th))
            } else {
                scaled = PixelSize(width: max(Self.scale(w, by: th, over: h), tw), height: th)
            }
            let crop = Rect(x: (scaled.width - tw) / 2, y: (scaled.height - th) / 2, width: tw, height: th)
            return Plan(scaled: scaled, crop: crop)
        }
    }

    /// `round(value * numerator / denominator)` with halves rounded up, at least 1. All three
    /// are in 1 ... 2^30, so `2 * value * numerator + denominator < 2^62`.
    static func scale(_ value: Int, by numerator: Int, over denominator: Int) -> Int {
        max((2 * value * numerator + denominator) / (2 * denominator), 1)
    }
}
