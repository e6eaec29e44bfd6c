import RasterCore

/// What the markers before the first scan say about a JPEG (`JPEGDecoder.probe` reads only
/// these, never entropy-coded data).
public struct JPEGHeader: Hashable, Sendable {
    /// The coding process named by the SOF marker.
    public enum Process: String, Hashable, Sendable {
        /// SOF0.
        case baseline
        /// SOF1: extended sequential, Huffman, 8-bit (allows 16-bit quantisation tables and
        /// four tables of each kind).
        case extendedHuffman
        /// SOF2.
        case progressive
    }

    /// How the components' samples are to be read, decided as libjpeg does
    /// (`default_decompress_parms` in jdapimin.c).
    public enum ColorSpace: String, Hashable, Sendable {
        case grayscale
        case yCbCr
        /// Three components stored as R, G, B (Adobe transform 0, or component ids 'R','G','B').
        case rgb
        /// Four components, no transform.
        case cmyk
        /// Four components, YCbCr plus K (Adobe transform 2).
        case ycck
    }

    /// One component of the frame.
    public struct Component: Hashable, Sendable {
        /// The component identifier byte.
        public var id: UInt8
        /// Horizontal sampling factor, 1...4.
        public var horizontalSampling: Int
        /// Vertical sampling factor, 1...4.
        public var verticalSampling: Int
        /// Which quantisation table (0...3) it uses.
        public var quantizationTable: Int
    }

    /// Stored width in pixels (before any DCT scaling or orientation).
    public var width: Int
    /// Stored height in pixels.
    public var height: Int
    public var process: Process
    public var colorSpace: ColorSpace
    public var components: [Component]
    /// EXIF orientation (`.up` without EXIF).
    public var orientation: Orientation
    /// True when an Adobe APP14 segment is present (CMYK is then stored inverted).
    public var hasAdobeMarker: Bool
    /// The restart interval in MCUs from a DRI before the first scan (0: none).
    public var restartInterval: Int

    /// Number of colour components (1, 3 or 4).
    public var componentCount: Int { components.count }
    /// True for SOF2.
    public var isProgressive: Bool { process == .progressive }
    /// (horizontal, vertical) sampling factor of each component, in frame order.
    public var samplingFactors: [(horizontal: Int, vertical: Int)] {
        components.map { ($0.horizontalSampling, $0.verticalSampling) }
    }

    /// The size a decode at `scale` produces (before orientation).
    public func size(at scale: JPEGScale) -> (width: Int, height: Int) {
        (scale.scaled(width), scale.scaled(height))
    }
}
