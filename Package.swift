// swift-tools-version:6.0
import PackageDescription

// Layering (see docs/architecture.md): RasterDeflate and RasterCore import nothing;
// codecs import RasterCore (and RasterDeflate for PNG); the umbrella `Raster` re-exports
// everything; executables import only `Raster`.
let package = Package(
    name: "Raster",
    products: [
        .library(name: "Raster", targets: ["Raster"]),
        .library(name: "RasterCore", targets: ["RasterCore"]),
        .library(name: "RasterDeflate", targets: ["RasterDeflate"]),
        .library(name: "RasterPNG", targets: ["RasterPNG"]),
        .library(name: "RasterJPEG", targets: ["RasterJPEG"]),
        .library(name: "RasterResample", targets: ["RasterResample"]),
        .executable(name: "raster-tool", targets: ["raster-tool"]),
        .executable(name: "raster-bench", targets: ["raster-bench"]),
    ],
    targets: [
        .target(name: "RasterCore"),
        .target(name: "RasterDeflate"),
        .target(name: "RasterPNG", dependencies: ["RasterCore", "RasterDeflate"]),
        .target(name: "RasterJPEG", dependencies: ["RasterCore"]),
        .target(name: "RasterResample", dependencies: ["RasterCore"]),
        .target(name: "Raster", dependencies: ["RasterCore", "RasterDeflate", "RasterPNG", "RasterJPEG", "RasterResample"]),
        .executableTarget(name: "raster-tool", dependencies: ["Raster"]),
        .executableTarget(name: "raster-bench", dependencies: ["Raster"], path: "Benchmarks/raster-bench"),
        .executableTarget(name: "jpeg-quality-encoder", dependencies: ["Raster"], path: "Benchmarks/jpeg-quality"),
        .target(name: "RasterTestSupport", dependencies: ["Raster"], path: "Tests/RasterTestSupport"),
        .testTarget(name: "RasterCoreTests", dependencies: ["RasterCore", "RasterTestSupport"]),
        .testTarget(name: "RasterDeflateTests", dependencies: ["RasterDeflate", "RasterTestSupport"]),
        .testTarget(name: "RasterPNGTests", dependencies: ["RasterPNG", "RasterTestSupport"]),
        .testTarget(name: "RasterJPEGTests", dependencies: ["RasterJPEG", "RasterPNG", "RasterTestSupport"]),
        .testTarget(name: "RasterResampleTests", dependencies: ["RasterResample", "RasterTestSupport"]),
        .testTarget(name: "RasterTests", dependencies: ["Raster", "RasterTestSupport"]),
        .testTarget(name: "RasterToolTests", dependencies: ["raster-tool", "RasterTestSupport"]),
        .testTarget(name: "RasterStressTests", dependencies: ["Raster", "RasterTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
