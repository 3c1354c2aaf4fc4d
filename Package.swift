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
        // Already in the graph through Hummingbird and AsyncHTTPClient; named for SHA-256 and the heap.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        // The scale-out store (PostgreSQL 15): its connection pool, COPY and LISTEN/NOTIFY.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // The foundation every module may use: JSON values and their writer, bilingual text and errors, Korean civil time.
        .target(name: "MokminBase"),
        // Pure geometry: coordinates, projections, polygons, GeoJSON, grids, the spatial index, label points.
        .target(name: "MokminGeo", dependencies: ["MokminBase", .product(name: "HeapModule", package: "swift-collections")]),
        // Drawing as SVG: choropleth and symbol maps, time-series charts, histograms, and the one escaping helper.
        .target(name: "MokminSVG", dependencies: ["MokminBase", "MokminGeo"]),
        // Domain types shared by every module: roles, regions and their codes, catalog, board and analysis records.
        .target(name: "MokminCore", dependencies: ["MokminBase", "MokminGeo"]),
        // The innovation plan as data: areas, tasks, milestones, indicators, reports, the government's evaluation, best
        // practices, and the documented rules that derive a task's progress, status and an indicator's readiness.
        .target(name: "MokminPlan", dependencies: ["MokminBase", "MokminCore"]),
        // Citizen participation as data: residents and their verification, policy votes, participatory-budgeting rounds
        // with their districts, projects and ballots, and citizen proposals, with the rules that check a ballot.
        .target(name: "MokminParticipation", dependencies: ["MokminBase", "MokminCore"]),
        // Readers for imported files (CSV/TSV in UTF-8 or CP949, JSON, GeoJSON, XLSX) and type inference. No database.
        .target(
            name: "MokminIngest",
            dependencies: ["MokminBase", "MokminCore", "MokminGeo", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Pure algorithms: the location engine (p-median, p-center, MCLP, LSCP, capacitated coverage) with proven bounds.
        .target(name: "MokminAnalysis", dependencies: ["MokminBase", "MokminGeo", .product(name: "HeapModule", package: "swift-collections")]),
        // Pure participatory budgeting: the outcome rules (greedy, the Method of Equal Shares and its completions) in
        // exact rational arithmetic, with explanations, and the Pabulib `.pb` file format. No database, no server.
        .target(name: "MokminBudget", dependencies: ["MokminBase"]),
        // Repository protocols and their GRDB (SQLite) implementations, migrations.
        .target(
            name: "MokminStore",
            dependencies: [
                "MokminBase", "MokminCore", "MokminPlan", "MokminParticipation",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for binding import rows without boxing each value.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The same repository protocols on PostgreSQL (postgres-nio): its migrations beside the SQLite ones, the pool run as
        // a service, COPY for dataset rows, LISTEN/NOTIFY for live events.
        .target(
            name: "MokminPostgres",
            dependencies: [
                "MokminBase", "MokminCore", "MokminGeo", "MokminPlan", "MokminParticipation", "MokminStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // Reading an SQLite city for `mokmin store copy`.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Migrations")]
        ),
        // Use cases: accounts and sessions, the region registry, the catalog, the status board, the analyses, the demo city.
        .target(
            name: "MokminServices",
            dependencies: [
                "MokminBase", "MokminCore", "MokminGeo", "MokminIngest", "MokminStore", "MokminPostgres", "MokminAnalysis", "MokminPlan", "MokminParticipation",
                "MokminBudget",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // Reading the bundled 읍면동 archive.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources/korea")]
        ),
        // The demo city: the feed simulator, synthetic Sejong datasets (labelled 합성 on every screen) and the seeding
        // of demo accounts, board and analysis inputs on `serve --demo`.
        .target(
            name: "MokminDemo",
            dependencies: [
                "MokminBase", "MokminCore", "MokminGeo", "MokminIngest", "MokminServices", "MokminPlan", "MokminParticipation",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The Hummingbird application: routes, pages, auth, operations endpoints.
        .target(
            name: "MokminWeb",
            dependencies: [
                "MokminBase", "MokminCore", "MokminGeo", "MokminSVG", "MokminIngest", "MokminServices", "MokminAnalysis", "MokminDemo", "MokminPlan", "MokminParticipation",
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
                "MokminBase", "MokminCore", "MokminServices", "MokminWeb", "MokminIngest", "MokminAnalysis", "MokminDemo", "MokminPlan", "MokminParticipation",
                "MokminBudget",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Fixtures shared by the test targets: the bundled registry parsed once, fresh databases per test.
        .target(
            name: "MokminTestSupport",
            dependencies: [
                "MokminCore", "MokminStore", "MokminPostgres", "MokminServices",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/MokminTestSupport"
        ),
        // Boundary files and a seeded generator for the geometry and drawing tests.
        .target(name: "MokminGeoTestSupport", dependencies: ["MokminGeo"], path: "Tests/MokminGeoTestSupport"),
        .testTarget(name: "MokminBaseTests", dependencies: ["MokminBase"]),
        .testTarget(name: "MokminPlanTests", dependencies: ["MokminBase", "MokminCore", "MokminPlan"]),
        .testTarget(name: "MokminParticipationTests", dependencies: ["MokminBase", "MokminCore", "MokminParticipation"]),
        .testTarget(name: "MokminGeoTests", dependencies: ["MokminBase", "MokminGeo", "MokminGeoTestSupport"]),
        .testTarget(name: "MokminSVGTests", dependencies: ["MokminBase", "MokminGeo", "MokminSVG", "MokminGeoTestSupport"]),
        .testTarget(name: "MokminCoreTests", dependencies: ["MokminBase", "MokminCore"]),
        .testTarget(name: "MokminAnalysisTests", dependencies: ["MokminBase", "MokminAnalysis", "MokminGeo"]),
        // The rules on hand-checked elections and on the Pabulib files beside pabutools' outcomes.
        .testTarget(name: "MokminBudgetTests", dependencies: ["MokminBase", "MokminBudget"], resources: [.copy("Resources")]),
        .testTarget(
            name: "MokminIngestTests",
            dependencies: ["MokminBase", "MokminIngest", "MokminCore", "MokminGeo", "MokminDemo", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(name: "MokminDemoTests", dependencies: ["MokminBase", "MokminCore", "MokminGeo", "MokminIngest", "MokminDemo"]),
        .testTarget(
            name: "MokminStoreTests",
            dependencies: [
                "MokminBase", "MokminCore", "MokminGeo", "MokminStore", "MokminPostgres", "MokminTestSupport", "MokminPlan", "MokminParticipation",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "MokminServicesTests",
            dependencies: [
                "MokminBase", "MokminCore", "MokminStore", "MokminServices", "MokminGeo", "MokminTestSupport", "MokminDemo", "MokminPlan", "MokminParticipation",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "MokminWebTests",
            dependencies: [
                "MokminBase", "MokminCore", "MokminStore", "MokminServices", "MokminWeb", "MokminTestSupport", "MokminIngest", "MokminSVG", "MokminDemo", "MokminPlan", "MokminParticipation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Runs the real `mokmin` binary on a live port: start, requests, SIGTERM, restart.
        .testTarget(
            name: "MokminEndToEndTests",
            dependencies: [
                "mokmin", "MokminTestSupport", "MokminStore", "MokminPostgres", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
