// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "mokmin",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mokmin", targets: ["mokmin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.30.0"),
    ],
    targets: [
        // Pure geometry: coordinates, projections, polygons, spatial index, SVG maps. Imports nothing of ours.
        .target(name: "MokminGeo"),
        // Domain types shared by every module: roles, regions and their codes, hashing helpers.
        .target(name: "MokminCore", dependencies: ["MokminGeo"]),
        // Readers for imported files (CSV/TSV in UTF-8 or CP949, JSON, GeoJSON, XLSX) and type inference. No database.
        .target(
            name: "MokminIngest",
            dependencies: ["MokminCore", "MokminGeo", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Pure algorithms: the location engine (p-median, p-center, MCLP, LSCP, capacitated coverage) with proven bounds.
        .target(name: "MokminAnalysis", dependencies: ["MokminGeo"]),
        // Repository protocols and their GRDB (SQLite) implementations, migrations.
        .target(
            name: "MokminStore",
            dependencies: [
                "MokminCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for binding import rows without boxing each value.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Use cases: accounts and sessions, the region registry, the catalog, the status board, the analyses, the demo city.
        .target(
            name: "MokminServices",
            dependencies: [
                "MokminCore", "MokminGeo", "MokminIngest", "MokminStore", "MokminAnalysis",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Resources/korea")]
        ),
        // The Hummingbird application: routes, pages, auth, operations endpoints.
        .target(
            name: "MokminWeb",
            dependencies: [
                "MokminCore", "MokminGeo", "MokminIngest", "MokminServices", "MokminAnalysis",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Templates"), .copy("Static")]
        ),
        // The `mokmin` command: argument parsing, then calls into Services and Web.
        .executableTarget(
            name: "mokmin",
            dependencies: [
                "MokminCore", "MokminServices", "MokminWeb", "MokminIngest", "MokminAnalysis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fixtures shared by the test targets: the bundled registry parsed once, fresh databases per test.
        .target(
            name: "MokminTestSupport",
            dependencies: [
                "MokminCore", "MokminStore", "MokminServices",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/MokminTestSupport"
        ),
        .testTarget(name: "MokminGeoTests", dependencies: ["MokminGeo"]),
        .testTarget(name: "MokminCoreTests", dependencies: ["MokminCore"]),
        .testTarget(name: "MokminAnalysisTests", dependencies: ["MokminAnalysis", "MokminGeo"]),
        .testTarget(
            name: "MokminIngestTests",
            dependencies: ["MokminIngest", "MokminCore", "MokminGeo", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "MokminStoreTests", dependencies: ["MokminCore", "MokminStore"]),
        .testTarget(
            name: "MokminServicesTests",
            dependencies: [
                "MokminCore", "MokminStore", "MokminServices", "MokminGeo", "MokminTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "MokminWebTests",
            dependencies: [
                "MokminCore", "MokminStore", "MokminServices", "MokminWeb", "MokminTestSupport", "MokminIngest",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Runs the real `mokmin` binary on a live port: start, requests, SIGTERM, restart.
        .testTarget(
            name: "MokminEndToEndTests",
            dependencies: ["mokmin", "MokminTestSupport", "MokminStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
