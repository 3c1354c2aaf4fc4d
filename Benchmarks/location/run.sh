#!/usr/bin/env bash
# Location engine benchmarks: p-median on OR-Library-format graphs (n = 100…900, as Beasley's pmed1–40) and MCLP on
# random instances (2,000…20,000 demand points, 300…2,000 candidates) plus the 100,000 × 5,000 county grid.
#
#   Benchmarks/location/run.sh                      Mokmin only, every instance
#   Benchmarks/location/run.sh --reference          also spopt + CBC (pip install spopt pulp) on the same files
#   Benchmarks/location/run.sh --only pmed23,mclp_5000_500 --time-limit 30 --reference-limit 240
#
# LocationBench is built in release mode in a throwaway package (WORK, default a new folder under /tmp; see
# package.sh). Results are JSON lines in $WORK/results.jsonl, and a Markdown table is printed at the end.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-$(mktemp -d /tmp/location-bench.XXXXXX)}
TIME_LIMIT=30
REFERENCE_LIMIT=240
REFERENCE=0
ONLY=""
while [ $# -gt 0 ]; do
    case "$1" in
        --reference) REFERENCE=1 ;;
        --time-limit) TIME_LIMIT=$2; shift ;;
        --reference-limit) REFERENCE_LIMIT=$2; shift ;;
        --only) ONLY=",$2,"; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

mkdir -p "$WORK/instances"
source "$ROOT/Benchmarks/location/package.sh"
BENCH=$(build_location_bench "$ROOT" "$WORK/pkg")
RESULTS=$WORK/results.jsonl
: > "$RESULTS"

selected() { [ -z "$ONLY" ] || [[ "$ONLY" == *",$1,"* ]]; }

run() {  # kind name file
    selected "$2" || return 0
    echo "== $2" >&2
    timeout $((TIME_LIMIT * 2 + 60)) "$BENCH" solve "$1" "$3" "$TIME_LIMIT" | sed 's/^{/{"tool":"mokmin",/' >> "$RESULTS"
    if [ "$REFERENCE" = 1 ]; then
        timeout $((REFERENCE_LIMIT + 120)) python3 "$ROOT/Benchmarks/location/spopt_ref.py" "$1" "$3" "$REFERENCE_LIMIT" >> "$RESULTS" \
            || echo "{\"tool\":\"spopt+cbc\",\"file\":\"$(basename "$3")\",\"kind\":\"$1\",\"status\":\"killed after $((REFERENCE_LIMIT + 120)) s\"}" >> "$RESULTS"
    fi
}

# Beasley's pmed1–40 sizes (n, p), each graph with n²/50 edges and costs 1…100, seeded by its number.
k=0
for np in 100:5 100:10 100:10 100:20 100:33 200:5 200:10 200:20 200:40 200:67 300:5 300:10 300:30 300:60 300:100 \
          400:5 400:10 400:40 400:80 400:133 500:5 500:10 500:50 500:100 500:167 600:5 600:10 600:60 600:120 600:200 \
          700:5 700:10 700:70 700:140 800:5 800:10 800:80 900:5 900:10 900:90; do
    k=$((k + 1))
    file=$WORK/instances/pmed$k.txt
    "$BENCH" gen-pmedian "${np%%:*}" "${np##*:}" "$k" "$file"
    run pmedian "pmed$k" "$file"
done

# MCLP: uniform demand (weights 1…100) and candidates in a 10 km square; a site covers about 2 % or 1 % of the demand.
for spec in 2000:300:10:1:0.02 5000:500:20:2:0.02 10000:1000:30:3:0.01 20000:2000:50:4:0.01; do
    IFS=: read -r n m p seed fraction <<< "$spec"
    name=mclp_${n}_${m}
    "$BENCH" gen-mclp "$n" "$m" "$p" "$seed" "$WORK/instances/$name.json" "$fraction"
    run mclp "$name" "$WORK/instances/$name.json"
done

# The county grid: 317 × 317 points 100 m apart (100,489 demand points), 5,000 candidates, p = 50, 1 % coverage.
if selected grid_100k_5000; then
    "$BENCH" gen-grid 317 5000 50 5 "$WORK/instances/grid_100k_5000.json"
    echo "== grid_100k_5000 (time limit 9 s)" >&2
    /usr/bin/time -f '{"tool":"mokmin-wall","file":"grid_100k_5000.json","wall_seconds":%e,"max_rss_kb":%M}' \
        "$BENCH" solve mclp "$WORK/instances/grid_100k_5000.json" 9 2>> "$RESULTS" | sed 's/^{/{"tool":"mokmin",/' >> "$RESULTS"
fi

python3 - "$RESULTS" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
print("| instance | tool | objective | bound | gap | proven | seconds |")
print("|---|---|---:|---:|---:|---|---:|")
for r in rows:
    if r.get("tool") == "mokmin-wall":
        print(f"| {r['file']} | wall clock incl. parsing | | | | | {r['wall_seconds']:.2f} |")
        continue
    fmt = lambda v, f: (f % v) if isinstance(v, (int, float)) else "–"
    print(f"| {r['file']} | {r['tool']} | {fmt(r.get('objective'), '%.0f')} | {fmt(r.get('bound'), '%.0f')} | "
          f"{fmt(100 * r['gap'] if isinstance(r.get('gap'), (int, float)) else None, '%.3f %%')} | "
          f"{r.get('proven', r.get('status'))} | {fmt(r.get('seconds'), '%.3f')} |")
EOF
echo "results: $RESULTS" >&2
