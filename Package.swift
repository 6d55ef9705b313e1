// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
  // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0335-existential-any.md
  .enableUpcomingFeature("ExistentialAny"),
  // https://github.com/swiftlang/swift-evolution/blob/main/proposals/0444-member-import-visibility.md
  .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
  name: "LoopLedger",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "LoopLedger", targets: ["LoopLedger"]),
    .library(name: "LoopLedgerRender", targets: ["LoopLedgerRender"]),
    .library(name: "LoopLedgerNews", targets: ["LoopLedgerNews"]),
    .library(name: "LoopLedgerIO", targets: ["LoopLedgerIO"]),
    .library(name: "LoopLedgerApp", targets: ["LoopLedgerApp"]),
    .library(name: "LoopLedgerStore", targets: ["LoopLedgerStore"]),
    .library(name: "LoopLedgerWeb", targets: ["LoopLedgerWeb"]),
    .executable(name: "loopledger", targets: ["loopledger"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    // The web front door (loopledger serve). Default traits off: no swift-configuration needed.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
  ],
  targets: [
    // Pure domain model and algorithms: no I/O beyond decoding bytes it is handed. The bundled
    // ledgers are compiled in (BundledLedger+Embedded.swift, from Resources/ledgers by
    // Scripts/embed-ledgers.py), so the binary needs no resource bundle.
    .target(
      name: "LoopLedger",
      exclude: ["Resources/ledgers"],
      swiftSettings: swiftSettings),
    // Text, Markdown, JSON and (later) SVG renderings of analysis results.
    .target(name: "LoopLedgerRender", dependencies: ["LoopLedger"], swiftSettings: swiftSettings),
    // Article text → candidate deals: amounts, companies, relations, statuses, evaluation.
    .target(name: "LoopLedgerNews", dependencies: ["LoopLedger"], swiftSettings: swiftSettings),
    // The file system: ledger sources (bundled, files with `extends`, CSV), input files with
    // errors in words, the one output writer, terminal progress.
    .target(name: "LoopLedgerIO", dependencies: ["LoopLedger"], swiftSettings: swiftSettings),
    // One job per subcommand (load, analyse, render), shared by the CLI and the server.
    .target(
      name: "LoopLedgerApp",
      dependencies: ["LoopLedger", "LoopLedgerIO", "LoopLedgerRender", "LoopLedgerNews", "LoopLedgerStore"],
      swiftSettings: swiftSettings),
    // The second front door: `loopledger serve`, pages and /api/v1 over the same jobs and renderers.
    .target(
      name: "LoopLedgerWeb",
      dependencies: [
        "LoopLedger", "LoopLedgerIO", "LoopLedgerRender", "LoopLedgerNews", "LoopLedgerStore", "LoopLedgerApp",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ],
      swiftSettings: swiftSettings),
    .executableTarget(
      name: "loopledger",
      dependencies: [
        "LoopLedger", "LoopLedgerRender", "LoopLedgerApp", "LoopLedgerWeb",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "LoopLedgerTests",
      dependencies: ["LoopLedger", "LoopLedgerRender"],
      resources: [.copy("Fixtures")],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "LoopLedgerAppTests", dependencies: ["LoopLedger", "LoopLedgerApp", "LoopLedgerIO", "LoopLedgerRender"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "LoopLedgerIOTests", dependencies: ["LoopLedger", "LoopLedgerIO"], swiftSettings: swiftSettings),
    .testTarget(
      name: "LoopLedgerRenderTests",
      dependencies: ["LoopLedger", "LoopLedgerRender", "LoopLedgerNews"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "LoopLedgerNewsTests",
      dependencies: ["LoopLedger", "LoopLedgerNews"],
      resources: [.copy("Fixtures")],
      swiftSettings: swiftSettings),
    // The CLI as a user meets it: runs the built `loopledger` as a subprocess. Depending on the
    // executable target makes `swift test` build it first.
    .testTarget(
      name: "LoopLedgerCLITests",
      dependencies: ["loopledger"],
      swiftSettings: swiftSettings),
    // Issue 17's hostile inputs, each run through the built `loopledger` as a subprocess.
    // Depending on the executable makes `swift test` build it first.
    .testTarget(
      name: "LoopLedgerHostileTests",
      dependencies: ["loopledger"],
      swiftSettings: swiftSettings),
    // The persistent ledger: SQLite through GRDB, change history, undo, review queue, FtM.
    .target(
      name: "LoopLedgerStore",
      dependencies: ["LoopLedger", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: swiftSettings),
    // The server in process (HummingbirdTesting) and on a loopback port.
    .testTarget(
      name: "LoopLedgerWebTests",
      dependencies: [
        "LoopLedger", "LoopLedgerWeb", "LoopLedgerStore", "LoopLedgerApp",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ],
      swiftSettings: swiftSettings),
    // The store on temporary databases: round trips, history, safety, FtM.
    .testTarget(
      name: "LoopLedgerStoreTests",
      dependencies: [
        "LoopLedger", "LoopLedgerStore", "LoopLedgerNews", .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: swiftSettings),
  ]
)

// Fuzz targets build only when asked for, so `swift build` and CI never see them:
//     Scripts/fuzz-csv.sh, Scripts/fuzz-json.sh
if Context.environment["LOOPLEDGER_FUZZ"] != nil {
  package.targets += [
    .executableTarget(name: "FuzzCSV", dependencies: ["LoopLedger"], path: "Fuzz/CSV"),
    .executableTarget(name: "FuzzLedgerJSON", dependencies: ["LoopLedger"], path: "Fuzz/LedgerJSON"),
    .executableTarget(name: "FuzzProjectionScenario", dependencies: ["LoopLedger"], path: "Fuzz/ProjectionScenario"),
    .executableTarget(name: "FuzzStressScenario", dependencies: ["LoopLedger"], path: "Fuzz/StressScenario"),
  ]
}
