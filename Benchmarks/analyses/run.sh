#!/usr/bin/env bash
# Spatial analyses, measured through the real server (release build) as a person uses them:
#  1. a year of Sejong's living population (20 읍면동 × 24 h × 365 d = 175,200 rows in the Seoul layout) imported into
#     the data hub, the living-population run over it, then the hourly choropleth served from the saved run;
#  2. the EV-charger siting run on the demo city (all 읍면동 demand on 250 m cells, 200 candidate sites, p = 10) from the
#     form's POST to the finished result.
#   bash Benchmarks/analyses/run.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MOKMIN=${MOKMIN:-$ROOT/.build-bench/release/mokmin}
[[ -x "$MOKMIN" ]] || { echo "build first: swift build -c release --product mokmin --scratch-path .build-bench" >&2; exit 1; }
WORK=$(mktemp -d /tmp/mokmin-analyses.XXXXXX)
PORT=${PORT:-18097}
SERVER_PID=""
trap '[[ -n "$SERVER_PID" ]] && kill -TERM $SERVER_PID 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
DB="$WORK/a.sqlite"
BASE="http://127.0.0.1:$PORT"

"$MOKMIN" serve --db "$DB" --port "$PORT" --demo --log-level error >"$WORK/out" 2>"$WORK/err" &
SERVER_PID=$!
for _ in $(seq 1 900); do curl -fs "$BASE/health" >/dev/null 2>&1 && break; sleep 0.2; done
echo "long-password-1" | "$MOKMIN" user add --db "$DB" --login bench --name 벤치 --role analyst --password-stdin >/dev/null
TOKEN=$("$MOKMIN" token create --db "$DB" --login bench --label bench 2>&1 | grep -oE 'mkm_[A-Za-z0-9_-]+' | head -1)

# Posts a form, follows the run until its JSON export exists, prints the seconds from the POST to the result.
run() {
  local action=$1; shift
  local start end location
  start=$(date +%s.%N)
  location=$(curl -s -o /dev/null -w '%{redirect_url}' -H "Authorization: Bearer $TOKEN" -X POST "$BASE$action" "$@")
  [[ "$location" == *"/analyses/runs/"* ]] || { echo "not started: $location" >&2; exit 1; }
  until curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" "$location/export?format=json"; do
    if curl -s -H "Authorization: Bearer $TOKEN" "$location" | grep -q 'run-failed'; then echo "run failed: $location" >&2; exit 1; fi
    sleep 0.05
  done
  end=$(date +%s.%N)
  echo "$location" >"$WORK/last-run"
  python3 -c "print(f'{$end - $start:.2f}')"
}

echo "== EV-charger siting on the demo city (p = 10, 500 m, 200 candidates)"
for i in 1 2 3; do
  echo "run $i: $(run /analyses/ev -d population=sejong-living-population -d chargers=sejong-ev-chargers -d candidates=sejong-parking-lots -d radius=500 -d p=10) s from POST to result"
done

echo "== a year of living population"
"$MOKMIN" sample living-population --db "$DB" --rows 175200 --out "$WORK/year.csv" | tail -1
/usr/bin/time -f "import: %e s, peak RSS %M KiB" "$MOKMIN" import "$WORK/year.csv" --dataset lp-year --title "생활인구 1년 (합성)" --db "$DB" 2>&1 | tail -1
for i in 1 2; do
  echo "living-population run $i: $(run /analyses/living-population -d population=lp-year -d day_type=all) s from POST to result"
  curl -fs -H "Authorization: Bearer $TOKEN" "$(cat "$WORK/last-run")/export?format=json" | python3 -c "
import json, sys
o = json.load(sys.stdin)
print(f\"  read {o['readSeconds']:.3f} s, parse {o['parseSeconds']:.3f} s, aggregate (cube + summaries + 25 choropleths) {o['aggregateSeconds'] * 1000:.0f} ms, {o['records']} records\")"
done
RUN=$(cat "$WORK/last-run")
echo "== the hourly choropleth from the saved run (what the slider asks for)"
for hour in 3 14 24; do
  curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -w "hour $hour: %{time_total} s, %{size_download} bytes\n" "$RUN/map?hour=$hour"
done
