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
        .executable(name: "raster-tool", targets: ["raster-tool"]),
        .executable(name: "raster-bench", targets: ["raster-bench"]),
    ],
    targets: [
        .target(name: "RasterCore"),
        .target(name: "Raster", dependencies: ["RasterCore"]),
        .executableTarget(name: "raster-tool", dependencies: ["Raster"]),
        .executableTarget(name: "raster-bench", dependencies: ["Raster"], path: "Benchmarks/raster-bench"),
        .target(name: "RasterTestSupport", dependencies: ["Raster"], path: "Tests/RasterTestSupport"),
        .testTarget(name: "RasterCoreTests", dependencies: ["RasterCore", "RasterTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
