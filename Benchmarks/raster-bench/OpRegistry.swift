/// A family of operations over one part of the library (PNG, deflate, JPEG, compositing).
/// Adding an operation is one file with a type conforming to this, plus one line in
/// `OpRegistry.families`, guarded by `canImport` so a module that has not landed yet
/// simply offers no operations.
protocol OpFamily {
    /// The operation names this family provides, as the contract spells them.
    static var ops: [String] { get }
    /// The cases for `op` over the corpus files of its kind. Implementations check the
    /// codec's output once here (sizes, round trips, references), outside any timing.
    static func cases(for op: String, corpus: Corpus) throws -> [BenchCase]
}

enum OpRegistry {
    /// The order of the contract's list; results are reported in this order.
    static let contractOrder = ["png-decode", "png-encode", "inflate", "deflate", "jpeg-decode", "jpeg-encode", "composite", "composite-watermark", "resize", "thumbnail"]

    static var families: [any OpFamily.Type] {
        var families: [any OpFamily.Type] = []
        #if canImport(RasterPNG)
        families.append(PNGOps.self)
        #endif
        #if canImport(RasterDeflate)
        families.append(DeflateOps.self)
        #endif
        #if canImport(RasterJPEG)
        families.append(JPEGDecodeOps.self)
        families.append(JPEGEncodeOps.self)
        #endif
        // Compositing lives in RasterCore, which is always there.
        families.append(CompositeOps.self)
        families.append(ResizeOps.self)
        families.append(ThumbnailOps.self)
        return families
    }

    static var availableOps: [String] {
        let all = Set(families.flatMap { $0.ops })
        return contractOrder.filter { all.contains($0) } + all.subtracting(contractOrder).sorted()
    }

    static func family(for op: String) -> (any OpFamily.Type)? {
        families.first { $0.ops.contains(op) }
    }
}
