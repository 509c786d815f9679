// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "switchboard", targets: ["switchboard"]),
        .library(name: "TwiML", targets: ["TwiML"]),
        .library(name: "Platform", targets: ["Platform"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "Platform"),
        .target(name: "TwiML", dependencies: ["CLibXML2", "Platform"], linkerSettings: [.linkedLibrary("m")]),
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "TwiML", "Platform",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "switchboard-bench",
            dependencies: ["TwiML", "CLibXML2"],
            path: "Benchmarks"
        ),
        .testTarget(name: "PlatformTests", dependencies: ["Platform"]),
        .testTarget(name: "TwiMLTests", dependencies: ["TwiML"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EndToEndTests", dependencies: ["TwiML"]),
    ],
    swiftLanguageModes: [.v6]
)
