// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchboard", targets: ["switchboard"]),
        .library(name: "TwiML", targets: ["TwiML"]),
        .library(name: "Platform", targets: ["Platform"]),
        .library(name: "Webhooks", targets: ["Webhooks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.0.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "Platform"),
        .target(name: "TwiML", dependencies: ["CLibXML2", "Platform"], linkerSettings: [.linkedLibrary("m")]),
        .target(name: "Traffic", dependencies: ["Platform", "TwiML"]),
        .target(
            name: "Webhooks",
            dependencies: [
                "Platform", "TwiML", "Traffic",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(name: "Simulator", dependencies: ["Platform", "TwiML", "Traffic", "Webhooks"]),
        .target(
            name: "Stubs",
            dependencies: [
                "Simulator", "Webhooks", "Traffic", "Platform", "RESTAPI", "LoopbackHTTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .target(
            name: "LoopbackHTTP",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "RESTAPI",
            dependencies: [
                "Simulator", "Traffic", "Webhooks", "TwiML", "Platform", "LoopbackHTTP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ]
        ),
        .target(
            name: "FrontDoor",
            dependencies: [
                "RESTAPI", "Platform",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "Scenario",
            dependencies: [
                "FrontDoor", "Simulator", "Stubs", "RESTAPI", "Webhooks", "Traffic", "TwiML", "Platform", "LoopbackHTTP", "Yams",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Resources/serverless-runtime.js")]
        ),
        .target(name: "Reports", dependencies: ["Scenario", "Traffic", "Platform"], resources: [.copy("Resources/report.css"), .copy("Resources/report.js")]),
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "TwiML", "Platform", "Traffic", "Webhooks", "Scenario", "Reports",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "switchboard-bench",
            dependencies: [
                "TwiML", "CLibXML2", "Traffic", "Webhooks", "Platform", "Scenario", "Simulator", "Stubs", "Reports", "RESTAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Benchmarks"
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "PlatformTests", dependencies: ["Platform"]),
        .testTarget(name: "TwiMLTests", dependencies: ["TwiML"], resources: [.copy("Fixtures")]),
        .testTarget(name: "WebhooksTests", dependencies: ["Webhooks", "Traffic", "TestSupport", "Platform"]),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario", "Simulator", "Stubs", "Traffic", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Scenario", "FrontDoor", "Traffic", "TestSupport"]),
        .testTarget(name: "RESTAPITests",
                    dependencies: ["RESTAPI", "Simulator", "Platform", "TwiML", "Webhooks", .product(name: "OpenAPIKit30", package: "OpenAPIKit")],
                    resources: [.copy("OpenAPI")]),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "Traffic", "Webhooks"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "TwiML"]),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer targets, in the package only for Tests/Fuzz/run (SWITCHBOARD_FUZZ=1), which builds
// them with -sanitize=fuzzer: libFuzzer brings their main, so an ordinary build leaves them out.
if Context.environment["SWITCHBOARD_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzDriver", path: "Tests/Fuzz/FuzzDriver"))
    for (name, dependencies) in [("FuzzTwiML", ["TwiML"]), ("FuzzScenario", ["Scenario"]), ("FuzzForm", ["Traffic"]),
                                 ("FuzzCookie", ["Webhooks"])] {
        package.targets.append(.executableTarget(name: name, dependencies: (dependencies + ["FuzzDriver"]).map { .target(name: $0) },
                                                 path: "Tests/Fuzz/\(name)"))
    }
}
