// swift-tools-version:6.0
//
// Baton: the nightly learning job behind a support bot's handoff decisions.
// The package reads as a table of contents: C shims first, then one library
// per concept, then the thin `baton` executable on top.
import PackageDescription

let package = Package(
    name: "Baton",
    products: [
        .executable(name: "baton", targets: ["baton"]),
        // What a chat router links: features, model, file format, tiers. No SQLite, no BLAS.
        .library(name: "BatonRouter", targets: ["BatonRouter"]),
        .library(name: "BatonFormat", targets: ["BatonFormat"]),
    ],
    targets: [
        // MARK: - System libraries (implementation details)
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "blas", providers: [.apt(["libblas-dev"])]),

        // MARK: - Shared foundations
        /// SHA-256, the version string, a seeded random number generator. No dependencies.
        .target(name: "BatonCore"),

        // MARK: - Learning half: data in
        /// Input file formats: RFC 4180 CSV, JSON Lines, typed transcript and rating records.
        .target(name: "BatonData", dependencies: ["BatonCore"]),
        /// The SQLite feedback store: schema, ingest, quarantine, runs, collect.
        .target(name: "BatonStore", dependencies: ["BatonCore", "BatonData", "CSQLite"]),

        // MARK: - Model (shared by training and routers)
        /// Text normalisation, PII placeholders, n-grams, vocabulary, TF-IDF, CSR matrices.
        .target(name: "BatonFeatures", dependencies: ["BatonCore"]),
        /// The intent model at inference time: weights, calibrated probabilities.
        .target(name: "BatonModel", dependencies: ["BatonFeatures"]),
        /// Loads verified versions, follows `current` with hot reload, decides tiers, builds handoff packets.
        .target(name: "BatonRouter", dependencies: ["BatonCore", "BatonFeatures", "BatonModel", "BatonFormat"]),
        /// The published model folder: manifest, binary files, SHA-256 verification.
        .target(name: "BatonFormat", dependencies: ["BatonCore", "BatonFeatures", "BatonModel"]),

        // MARK: - Learning half: model out
        /// Multinomial logistic regression: objective, gradient, L-BFGS on BLAS.
        .target(name: "BatonTraining", dependencies: ["BatonFeatures", "BatonModel", "CBLAS"]),
        /// Accuracy, macro-F1, per-intent scores, log-loss, confusion pairs.
        .target(name: "BatonEvaluation", dependencies: ["BatonModel"]),
        /// Temperature scaling, calibration error, per-intent thresholds with confidence bounds, policy files.
        .target(name: "BatonCalibration", dependencies: ["BatonModel"]),
        /// Two versions on the same data: paired bootstrap, McNemar, tier changes, the promotion gate.
        .target(name: "BatonComparison", dependencies: ["BatonCore", "BatonModel", "BatonEvaluation", "BatonCalibration"]),
        /// Self-contained HTML reports with inline SVG charts.
        .target(name: "BatonHTMLReport", dependencies: ["BatonEvaluation", "BatonComparison", "BatonCalibration"]),
        /// Versioned model folders, the `current` pointer, the job lock.
        .target(name: "BatonRegistry", dependencies: ["BatonCore", "BatonFormat"]),
        /// The nightly pipeline: ingest inbox, collect, train, evaluate, publish.
        .target(
            name: "BatonJob",
            dependencies: [
                "BatonCore", "BatonData", "BatonStore", "BatonFeatures", "BatonModel",
                "BatonTraining", "BatonEvaluation", "BatonFormat", "BatonRegistry", "BatonCalibration",
                "BatonComparison",
            ]
        ),

        // MARK: - Command line
        .executableTarget(
            name: "baton",
            dependencies: [
                "BatonCore", "BatonData", "BatonStore", "BatonJob", "BatonRegistry", "BatonFormat", "BatonEvaluation",
                "BatonRouter", "BatonCalibration", "BatonComparison", "BatonHTMLReport",
            ]
        ),

        // MARK: - Benchmarks (not tests; run by bench/ scripts)
        .executableTarget(name: "baton-route-bench", dependencies: ["BatonRouter", "BatonFormat", "BatonModel", "BatonFeatures"]),

        // MARK: - Tests
        .testTarget(name: "BatonCoreTests", dependencies: ["BatonCore"]),
        .testTarget(name: "BatonDataTests", dependencies: ["BatonData"]),
        .testTarget(name: "BatonStoreTests", dependencies: ["BatonStore", "BatonData", "BatonCore"]),
        .testTarget(name: "BatonFeaturesTests", dependencies: ["BatonCore", "BatonFeatures"]),
        .testTarget(name: "BatonTrainingTests", dependencies: ["BatonCore", "BatonTraining", "BatonFeatures", "BatonModel"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BatonEvaluationTests", dependencies: ["BatonEvaluation"]),
        .testTarget(name: "BatonRegistryTests", dependencies: ["BatonCore", "BatonRegistry", "BatonFormat", "BatonModel", "BatonFeatures"]),
        .testTarget(name: "BatonModelTests", dependencies: ["BatonModel"]),
        .testTarget(name: "BatonCalibrationTests", dependencies: ["BatonCore", "BatonCalibration", "BatonModel"]),
        .testTarget(name: "BatonRouterTests", dependencies: ["BatonRouter", "BatonFormat", "BatonModel", "BatonFeatures"]),
        .testTarget(name: "BatonComparisonTests", dependencies: ["BatonCore", "BatonComparison", "BatonEvaluation", "BatonModel"]),
        .testTarget(name: "BatonHTMLReportTests", dependencies: ["BatonHTMLReport", "BatonComparison", "BatonEvaluation"]),
        .testTarget(name: "BatonJobTests", dependencies: ["BatonJob", "BatonStore", "BatonRegistry", "BatonFormat"]),
    ],
    swiftLanguageModes: [.v6]
)
