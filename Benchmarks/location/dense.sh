#!/usr/bin/env bash
# Dense-coverage MCLP (issue 17): clustered city-like layouts of 300, 500 and 800 points that are also the candidate
# sites, integer weights, radii at which a site reaches about 5 % and 10 % of the points, p = 2, 5, 8, 10; each
# instance solved by Mokmin (LocationBench, release build), by PuLP + CBC and by PuLP + HiGHS in the same run.
#
#   Benchmarks/location/dense.sh [--time-limit 60] [--only city_300_5_p2,city_800_10_p8] [--no-reference]
#
# Needs `pip install pulp highspy` for the references. Prints a Markdown table (seconds to proof per tool, CBC ÷ Mokmin
# and HiGHS ÷ Mokmin) and the geometric means; JSON lines are kept in $WORK/dense.jsonl.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-$(mktemp -d /tmp/location-dense.XXXXXX)}
TIME_LIMIT=60
ONLY=""
REFERENCE=1
while [ $# -gt 0 ]; do
    case "$1" in
        --time-limit) TIME_LIMIT=$2; shift ;;
        --only) ONLY=",$2,"; shift ;;
        --no-reference) REFERENCE=0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

mkdir -p "$WORK/instances"
source "$ROOT/Benchmarks/location/package.sh"
# BENCH=path/to/LocationBench skips the build (a binary built from this tree).
BENCH=${BENCH:-$(build_location_bench "$ROOT" "$WORK/pkg")}
RESULTS=$WORK/dense.jsonl
: > "$RESULTS"

for n in 300 500 800; do
    for percent in 5 10; do
        for p in 2 5 8 10; do
            name=city_${n}_${percent}_p$p
            [ -z "$ONLY" ] || [[ "$ONLY" == *",$name,"* ]] || continue
            file=$WORK/instances/$name.json
            # The layout depends on n only (seed n), so the p = 2…10 cases of one size share their points.
            "$BENCH" gen-city "$n" "0.$(printf %02d "$percent")" "$p" "$n" "$file"
            echo "== $name" >&2
            "$BENCH" solve mclp "$file" "$TIME_LIMIT" | sed 's/^{/{"tool":"mokmin",/' >> "$RESULTS"
            if [ "$REFERENCE" = 1 ]; then
                python3 "$ROOT/Benchmarks/location/mip_ref.py" "$file" "$((TIME_LIMIT * 4))" | grep '^{' >> "$RESULTS" || true
            fi
        done
    done
done

python3 - "$RESULTS" <<'EOF'
import json, math, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
by = {}
for r in rows:
    by.setdefault(r["file"].removesuffix(".json"), {})[r["tool"]] = r
def cell(r):
    if r is None:
        return "–"
    return f"{r['seconds']:.3f}" + ("" if r.get("proven") else f" (not proven, gap {100 * r.get('gap', float('nan')):.3f} %)")
print("| instance | objective | Mokmin s | nodes | CBC s | HiGHS s | CBC ÷ Mokmin | HiGHS ÷ Mokmin |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
ratios = {"cbc": [], "highs": []}
for name, tools in by.items():
    m = tools.get("mokmin")
    cells = []
    for tool in ("cbc", "highs"):
        r = tools.get(tool)
        if m and r and m.get("proven") and r.get("proven"):
            ratios[tool].append(r["seconds"] / m["seconds"])
            if abs(r["objective"] - m["objective"]) > 1e-6:
                cells.append("objective differs!")
                continue
            cells.append(f"{r['seconds'] / m['seconds']:.1f}×")
        else:
            cells.append("–")
    print(f"| {name} | {m['objective']:.0f} | {cell(m)} | {m['nodes']} | {cell(tools.get('cbc'))} | {cell(tools.get('highs'))} | "
          f"{cells[0]} | {cells[1]} |")
for tool, values in ratios.items():
    if values:
        geo = math.exp(sum(map(math.log, values)) / len(values))
        print(f"\n{tool}: geometric mean of {tool} ÷ Mokmin over {len(values)} cases {geo:.2f}×, worst {min(values):.2f}×")
EOF
echo "results: $RESULTS" >&2
