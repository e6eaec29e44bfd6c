// swift-tools-version:6.1
import PackageDescription

// The thumbnail service of Benchmarks/service: a package of its own so that Raster itself
// keeps no package dependencies. It depends on Raster by path, as a user's service would
// by URL, and on Hummingbird 2 for HTTP.
let package = Package(
    name: "raster-service",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "raster-service", targets: ["raster-service"]),
    ],
    dependencies: [
        .package(name: "Raster", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "raster-service",
            dependencies: [
                .product(name: "Raster", package: "Raster"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
