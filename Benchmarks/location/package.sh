# Sourced by run.sh and dense.sh: builds LocationBench in release mode in a throwaway package whose sources are links
# to this repository's MokminBase, MokminGeo, MokminAnalysis and Benchmarks/LocationBench, with swift-collections
# (HeapModule) as the one dependency, as in Package.swift. Prints the path of the binary.
#
#   BENCH=$(build_location_bench ROOT PACKAGE_FOLDER)
build_location_bench() {
    local root=$1 package=$2
    mkdir -p "$package/Sources" "$package/Benchmarks"
    for module in MokminBase MokminGeo MokminAnalysis; do ln -sfn "$root/Sources/$module" "$package/Sources/$module"; done
    ln -sfn "$root/Benchmarks/LocationBench" "$package/Benchmarks/LocationBench"
    cat > "$package/Package.swift" <<'EOF'
// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "location-bench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0")],
    targets: [
        .target(name: "MokminBase"),
        .target(name: "MokminGeo", dependencies: ["MokminBase", .product(name: "HeapModule", package: "swift-collections")]),
        .target(
            name: "MokminAnalysis",
            dependencies: ["MokminBase", "MokminGeo", .product(name: "HeapModule", package: "swift-collections")]
        ),
        .executableTarget(name: "LocationBench", dependencies: ["MokminAnalysis"], path: "Benchmarks/LocationBench"),
    ],
    swiftLanguageModes: [.v6]
)
EOF
    swift build -c release --package-path "$package" --product LocationBench >&2
    echo "$(swift build -c release --package-path "$package" --show-bin-path)/LocationBench"
}
