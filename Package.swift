// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "kro-lsp",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kro-lsp", targets: ["kro-lsp"]),
        .library(name: "KroEngine", targets: ["KroEngine"]),
        .library(name: "CEL", targets: ["CEL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // libyaml, the only YAML parser (Debian: libyaml-dev).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // zlib inflates the CRD catalog's groups (Debian: zlib1g-dev).
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // glibc's allocator settings (<malloc.h>), for the executable's start.
        .systemLibrary(name: "CMalloc"),
        // The C library's directory walk (<fts.h>), as FileManager's enumerator used it.
        .systemLibrary(name: "CFTS"),
        // libyaml's buffer growth, by a quarter past 1 MiB instead of doubling (see its .c file).
        .target(name: "YAMLBufferGrowth", dependencies: ["CYAML"]),
        .target(
            name: "YAMLSyntax",
            dependencies: ["CYAML", "YAMLBufferGrowth", "JSON", .product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .target(
            name: "JSON",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .target(
            name: "CEL",
            dependencies: ["JSON", "EmbeddedResources", .product(name: "OrderedCollections", package: "swift-collections")]
        ),
        // Data files linked into the executable (`#embed`, else `.incbin`), so a copied binary stands alone.
        .target(
            name: "EmbeddedResources",
            exclude: ["kubernetes-schemas.json", "crd-catalog.bin", "tzdata.bin"],
            cSettings: [.headerSearchPath(".")]
        ),
        .target(
            name: "KroEngine",
            dependencies: [
                "YAMLSyntax", "CEL", "JSON", "EmbeddedResources", "CZlib", "CFTS",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        // The authoring features: pure functions of a snapshot and an offset, no LSP types.
        .target(name: "KroIDE", dependencies: ["KroEngine", "YAMLSyntax", "CEL", "JSON"]),
        .target(name: "LanguageServer", dependencies: ["KroEngine", "KroIDE", "YAMLSyntax", "CEL", "JSON"]),
        .executableTarget(
            name: "kro-lsp",
            dependencies: [
                "KroEngine", "LanguageServer", "YAMLSyntax", "JSON", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            // libyaml calls the executable's `yaml_string_extend` only if it is in the dynamic
            // symbol table.
            linkerSettings: [
                .unsafeFlags(["-Xlinker", "--export-dynamic-symbol=yaml_string_extend"], .when(platforms: [.linux])),
            ]
        ),
        // One entry point per pipeline stage for fuzzers, and the invariants each run must keep.
        .target(name: "KroFuzzTargets", dependencies: ["YAMLSyntax", "JSON", "CEL", "KroEngine", "KroIDE", "LanguageServer"]),
        // Prints CEL parse and evaluation throughput (not a test).
        .executableTarget(name: "cel-benchmark", dependencies: ["CEL"], path: "Benchmarks/CELBenchmark"),
        // Drives the built `kro-lsp` over stdio on generated RGDs; prints latencies (not a test).
        .executableTarget(name: "kro-lsp-bench", dependencies: ["CYAML", "JSON"],
                          path: "Benchmarks/KroLSPBench"),
        .testTarget(name: "YAMLSyntaxTests", dependencies: ["YAMLSyntax", "YAMLBufferGrowth", "JSON", "KroTestSupport"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON", "KroTestSupport"]),
        .testTarget(name: "CELTests", dependencies: ["CEL"], exclude: ["Conformance/pass-rate-bar.txt", "Conformance/CheckVectors"]),
        // Shared by the test targets: marked fixtures and the in-process LSP client.
        .target(name: "KroTestSupport", dependencies: ["LanguageServer", "KroEngine", "YAMLSyntax", "JSON"], path: "Tests/KroTestSupport"),
        .testTarget(name: "KroEngineTests", dependencies: ["KroEngine", "YAMLSyntax", "CEL", "JSON", "KroTestSupport"]),
        .testTarget(name: "KroIDETests", dependencies: ["KroIDE", "KroEngine", "YAMLSyntax", "KroTestSupport"]),
        .testTarget(name: "LanguageServerTests", dependencies: ["LanguageServer", "KroEngine", "JSON", "KroTestSupport"]),
        // Replays the kept fuzz inputs and seeded mutations of them through every target.
        .testTarget(name: "FuzzReplayTests", dependencies: ["KroFuzzTargets"], resources: [.copy("Corpus")]),
        // Runs the built `kro-lsp` binary over pipes.
        .testTarget(name: "EndToEndTests", dependencies: ["kro-lsp", "JSON", "LanguageServer", "KroEngine", "KroTestSupport"],
                    exclude: ["Fixtures"]),
    ]
)

// The libFuzzer executable exists only for `scripts/fuzz.sh` (KRO_FUZZ=1), which builds it with
// `-sanitize=fuzzer,address`; a normal build and `swift test` never see it.
if ProcessInfo.processInfo.environment["KRO_FUZZ"] == "1" {
    package.targets.append(.executableTarget(name: "kro-fuzz", dependencies: ["KroFuzzTargets"], path: "Fuzz/Harness"))
}

// ThreadSanitizer builds (`scripts/sanitize.sh thread` sets KRO_SANITIZE) link the annotations
// that let it see the ordering Swift's reference counts give (see its .c file) into the two
// binaries they run, the server and the tests; no other build has them.
if ProcessInfo.processInfo.environment["KRO_SANITIZE"] == "thread" {
    package.targets.append(.target(name: "ThreadSanitizerSupport"))
    for target in package.targets where ["kro-lsp", "KroTestSupport"].contains(target.name) {
        target.dependencies.append("ThreadSanitizerSupport")
    }
}

// The product's code is optimised in debug builds too (`swift run kro-lsp`, `swift test`):
// unoptimised, a 10 MB string of escapes took 8 s to check and 10,000 resources 2.6 s.
let productTargets: Set<String> = ["YAMLSyntax", "JSON", "CEL", "KroEngine", "KroIDE", "LanguageServer", "kro-lsp"]
for target in package.targets where productTargets.contains(target.name) {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-O"], .when(configuration: .debug))]
}
