// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "GuidelinePress",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "publish", targets: ["publish"]),
        .library(name: "GuidelinePress", targets: ["GuidelinePress"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(
            name: "GuidelinePress",
            dependencies: [
                "CCmarkGFM",
                "CGraphviz",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "publish",
            dependencies: [
                "GuidelinePress",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // jemalloc instead of glibc's malloc: a build makes millions of small allocations on
            // two threads, and glibc's arenas cost 12 % of a 10,000-article build (docs/benchmarks.md).
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
        ),
        .executableTarget(
            name: "gfm-render",
            dependencies: ["GuidelinePress"]
        ),
        .executableTarget(
            name: "citations-json",
            dependencies: ["GuidelinePress"]
        ),
        // A libFuzzer target for the citation scanner and the front-matter splitter; built and run
        // by Scripts/fuzz.sh, not by the tests.
        .executableTarget(
            name: "FuzzCitations",
            dependencies: ["GuidelinePress"]
        ),
        .testTarget(
            name: "GuidelinePressTests",
            dependencies: ["GuidelinePress"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
