// swift-tools-version: 6.2
//
// fieldsync: a sync gateway between AI dispatchers and the scheduling tools home-service shops use.
//
// Layout (see README.md, "How the code is laid out"):
//   Sources/FieldSyncCore     normalized model, time ranges, the adapter protocol (no I/O)
//   Sources/FieldSyncChecks   the checks: findings over a schedule snapshot, and their reports (no I/O)
//   Sources/FieldSyncBooking  slot search: who can go when, ranked with reasons (no I/O)
//   Sources/FieldSyncStore    the SQLite cache (GRDB): schema, migrations, provenance, runs, rejects
//   Sources/FieldSyncEngine   configuration, sync runs, availability, the live HTTP transport
//   Sources/FieldSyncServer   the HTTP API the AI dispatcher calls (Hummingbird)
//   Sources/fieldsync         the command-line tool
//   Sources/fieldsync-bench   benchmarks (release build), figures in BENCHMARKS.md
//   Adapters/<Backend>        one SwiftPM target per backend; each depends on FieldSyncCore only

import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "fieldsync",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fieldsync", targets: ["fieldsync"]),
        .library(name: "FieldSyncCore", targets: ["FieldSyncCore"]),
        .library(name: "FieldSyncChecks", targets: ["FieldSyncChecks"]),
        .library(name: "FieldSyncBooking", targets: ["FieldSyncBooking"]),
        .library(name: "FieldSyncStore", targets: ["FieldSyncStore"]),
        .library(name: "FieldSyncEngine", targets: ["FieldSyncEngine"]),
        .library(name: "FieldSyncICalendar", targets: ["FieldSyncICalendar"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .target(
            name: "FieldSyncCore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FieldSyncChecks",
            dependencies: ["FieldSyncCore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FieldSyncBooking",
            dependencies: ["FieldSyncCore", "FieldSyncChecks"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FieldSyncICalendar",
            dependencies: ["FieldSyncCore"],
            path: "Adapters/ICalendar",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FieldSyncServiceTitan",
            dependencies: ["FieldSyncCore"],
            path: "Adapters/ServiceTitan",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FieldSyncHousecallPro",
            dependencies: ["FieldSyncCore"],
            path: "Adapters/HousecallPro",
            swiftSettings: swiftSettings
        ),
        // The imitation ServiceTitan and Housecall Pro APIs (`fieldsync sandbox serve`), with the
        // built-in data set under Data/ and the calendar feeds under Feeds/.
        .target(
            name: "FieldSyncSandbox",
            dependencies: [
                "FieldSyncCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Adapters/Sandbox",
            exclude: ["Feeds", "Data", "fieldsync.yaml"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FieldSyncStore",
            dependencies: [
                "FieldSyncCore",
                "FieldSyncChecks",
                "FieldSyncBooking",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FieldSyncEngine",
            dependencies: [
                "FieldSyncCore",
                "FieldSyncChecks",
                "FieldSyncBooking",
                "FieldSyncStore",
                "FieldSyncICalendar",
                "FieldSyncServiceTitan",
                "FieldSyncHousecallPro",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FieldSyncServer",
            dependencies: [
                "FieldSyncCore",
                "FieldSyncChecks",
                "FieldSyncBooking",
                "FieldSyncStore",
                "FieldSyncEngine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "fieldsync",
            dependencies: [
                "FieldSyncCore",
                "FieldSyncChecks",
                "FieldSyncBooking",
                "FieldSyncServer",
                "FieldSyncStore",
                "FieldSyncEngine",
                "FieldSyncICalendar",
                "FieldSyncSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "fieldsync-bench",
            dependencies: [
                "FieldSyncCore",
                "FieldSyncChecks",
                "FieldSyncBooking",
                "FieldSyncICalendar",
                "FieldSyncStore",
                "FieldSyncEngine",
                "FieldSyncSandbox",
                "FieldSyncServiceTitan",
                "FieldSyncHousecallPro",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Peers", "Feeds"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FieldSyncICalendarTests",
            dependencies: [
                "FieldSyncCore",
                "FieldSyncICalendar",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        // Helpers more than one test target needs (test targets cannot import each other).
        .target(
            name: "FieldSyncTestSupport",
            path: "Tests/FieldSyncTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FieldSyncChecksTests",
            dependencies: ["FieldSyncCore", "FieldSyncChecks", "FieldSyncTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FieldSyncBookingTests",
            dependencies: ["FieldSyncCore", "FieldSyncChecks", "FieldSyncBooking"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FieldSyncServiceTitanTests",
            dependencies: ["FieldSyncCore", "FieldSyncServiceTitan"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FieldSyncHousecallProTests",
            dependencies: ["FieldSyncCore", "FieldSyncHousecallPro"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FieldSyncSandboxTests",
            dependencies: [
                "FieldSyncCore",
                "FieldSyncSandbox",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FieldSyncStoreTests",
            dependencies: [
                "FieldSyncCore",
                "FieldSyncChecks",
                "FieldSyncBooking",
                "FieldSyncStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FieldSyncEngineTests",
            dependencies: [
                "FieldSyncCore",
                "FieldSyncChecks",
                "FieldSyncBooking",
                "FieldSyncServer",
                "FieldSyncStore",
                "FieldSyncEngine",
                "FieldSyncICalendar",
                "FieldSyncSandbox",
                "FieldSyncServiceTitan",
                "FieldSyncHousecallPro",
                "FieldSyncTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FieldSyncCLITests",
            dependencies: [
                // Runs the built `fieldsync` binary as an operator would; the dependency makes
                // `swift test` build it first.
                "fieldsync",
                "FieldSyncCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
