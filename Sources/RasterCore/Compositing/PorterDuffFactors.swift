/// The `(Fa, Fb)` pair of one Porter-Duff operator, as integers over 255: the row kernels
/// are generic over this so each operator gets its own specialised loop with the factor
/// arithmetic inlined, instead of a switch per pixel.
protocol PorterDuffFactors {
    /// `(255 * Fa, 255 * Fb)` for source alpha `sa` and destination alpha `da` (0...255).
    static func factors(_ sa: UInt32, _ da: UInt32) -> (fa: UInt32, fb: UInt32)
}

enum ClearFactors: PorterDuffFactors {
    @inline(__always) static func factors(_ sa: UInt32, _ da: UInt32) -> (fa: UInt32, fb: UInt32) { (0, 0) }
}

enum SrcFactors: PorterDuffFactors {
    @inline(__always) static func factors(_ sa: UInt32, _ da: UInt32) -> (fa: UInt32, fb: UInt32) { (255, 0) }
}

enum DstFactors: PorterDuffFactors {
    @inline(__always) static func factors(_ sa: UInt32, _ da: UInt32) -> (fa: UInt32, fb: UInt32) { (0, 255) }
}

enum SrcOverFactors: PorterDuffFactors {
    @inline(__always) static func factors(_ sa: UInt32, _ da: UInt32) -> (fa: UInt32, fb: UInt32) { (255, 255 &- sa) }
}

enum DstOverFactors: PorterDuffFactors {
    @inline(__always) static func factors(_ sa: UInt32, _ da: UInt32) -> (fa: UInt32, fb: UInt32) { (255 &- da, 255) }
}

enum SrcInFactors: PorterDuffFactors {
    @inline(__always) static func factors(_ sa: UInt32, _ da: UInt32) -> (fa: UInt32, fb: UInt32) { (da, 0) }
}

enum DstInFactors: PorterDuffFactors {
    @inline(__always) static func factors(_ sa: UInt32, _ da: UInt32) -> (fa: UInt32, fb: UInt32) { (0, sa) }
}

enum SrcOutFactors: PorterDuffFactors {
    @inline(__always) static func factors(_ sa: UInt32, _ da: UInt32) -> (fa: UInt32, fb: UInt32) { (255 &- da, 0) }
}

enum DstOutFactors: PorterDuffFactors {
    @inline(__always) static func factors(_ sa: UInt32, _ da: UInt32) -> (fa: UInt32, fb: UInt32) { (0, 255 &- sa) }
}

enum SrcAtopFactors: PorterDuffFactors {
    @inline(__always) static func factors(_ sa: UInt32, _ da: UInt32) -> (fa: UInt32, fb: UInt32) { (da, 255 &- sa) }
}

enum DstAtopFactors: PorterDuffFactors {
    @inline(__always) static func factors(_ sa: UInt32, _ da: UInt32) -> (fa: UInt32, fb: UInt32) { (255 &- da, sa) }
}

enum XorFactors: PorterDuffFactors {
    @inline(__always) static func factors(_ sa: UInt32, _ da: UInt32) -> (fa: UInt32, fb: UInt32) { (255 &- da, 255 &- sa) }
}
