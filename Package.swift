// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Proctor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "proctor", targets: ["proctor"]),
        .library(name: "ProctorCore", targets: ["ProctorCore"]),
        .library(name: "ProctorRun", targets: ["ProctorRun"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "ProctorCore"),
        .target(name: "ProctorSuites", dependencies: ["ProctorCore", "CZlib", "Yams"]),
        .target(name: "ProctorSQL", dependencies: ["ProctorCore", "CSQLite"]),
        .target(name: "ProctorReports", dependencies: ["ProctorCore", "CLibXML2", "CSQLite"]),
        .target(name: "ProctorPython", dependencies: ["ProctorCore"]),
        .target(name: "ProctorProviders", dependencies: ["ProctorCore"]),
        .target(
            name: "ProctorRun",
            dependencies: ["ProctorCore", "ProctorSuites", "ProctorSQL", "ProctorReports", "ProctorPython", "ProctorProviders"]
        ),
        .executableTarget(
            name: "proctor",
            dependencies: [
                "ProctorCore", "ProctorSuites", "ProctorReports", "ProctorProviders", "ProctorRun",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "proctor-bench",
            dependencies: ["ProctorCore", "ProctorSuites", "ProctorSQL", "ProctorRun"],
            path: "benchmarks/proctor-bench"
        ),
        .testTarget(name: "ProctorCoreTests", dependencies: ["ProctorCore", "ProctorRun"]),
        .testTarget(name: "ProctorSuitesTests", dependencies: ["ProctorSuites", "ProctorRun"]),
        .testTarget(name: "ProctorSQLTests", dependencies: ["ProctorSQL", "ProctorSuites", "ProctorRun"], exclude: ["Fixtures"]),
        .testTarget(name: "ProctorReportsTests", dependencies: ["ProctorReports", "ProctorRun"]),
        .testTarget(name: "ProctorPythonTests", dependencies: ["ProctorPython", "ProctorRun"]),
        .target(name: "ProctorTestSupport", path: "Tests/ProctorTestSupport", exclude: ["Fixtures"]),
        .testTarget(name: "ProctorProvidersTests", dependencies: ["ProctorProviders", "ProctorTestSupport", "ProctorRun"]),
        .testTarget(name: "ProctorRunTests", dependencies: ["ProctorRun"], exclude: ["Fixtures"]),
        .testTarget(name: "ProctorCLITests", dependencies: ["ProctorReports", "ProctorRun", "ProctorTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
