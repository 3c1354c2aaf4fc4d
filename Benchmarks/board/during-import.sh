#!/usr/bin/env bash
# Token-authenticated requests while `mokmin import` writes a large dataset into the same database (a wall display
# polling during an analyst's import). The import holds SQLite's write lock for its whole transaction; a request whose
# token check needs that lock waits for it (and fails after the 10 s busy timeout). Every 0.2 s during the import,
# `/api/status` with a display token and the public `/health` are requested once each; prints the slowest and the
# number of non-200 answers of each.
#
#   bash Benchmarks/board/during-import.sh [ROWS]     (default 1000000 living-population rows, CP949)
source "$(dirname "$0")/common.sh"
ROWS=${1:-1000000}
DB="$WORK/during.sqlite"
PORT=${PORT:-18094}
start_server --demo
TOKEN=$(make_token)
CSV="$WORK/living.csv"
"$MOKMIN" sample living-population --rows "$ROWS" --out "$CSV" --encoding cp949 --db "$WORK/gen.sqlite" >/dev/null
sleep 2
"$MOKMIN" import "$CSV" --dataset living --db "$DB" >"$WORK/import.out" 2>&1 &
IMPORT_PID=$!
started=$(date +%s.%N)
: >"$WORK/status.times"; : >"$WORK/health.times"
requests=()
while kill -0 "$IMPORT_PID" 2>/dev/null; do
  curl -s -o /dev/null -w '%{time_total} %{http_code}\n' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/status" >>"$WORK/status.times" &
  requests+=($!)
  curl -s -o /dev/null -w '%{time_total} %{http_code}\n' "http://127.0.0.1:$PORT/health" >>"$WORK/health.times" &
  requests+=($!)
  sleep 0.2
done
wait "$IMPORT_PID" || { cat "$WORK/import.out" >&2; exit 1; }
ended=$(date +%s.%N)
wait "${requests[@]}"
grep -q "published" "$WORK/import.out" || { cat "$WORK/import.out" >&2; exit 1; }
echo "import of $ROWS rows: $(python3 -c "print(round($ended - $started, 1))") s"
for name in status health; do
  python3 - "$name" "$WORK/$name.times" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[2]) if line.strip()]
times = sorted(float(t) for t, _ in rows)
bad = sum(1 for _, code in rows if code != "200")
label = "/api/status (display token)" if sys.argv[1] == "status" else "/health (public)"
print(f"{label}: {len(rows)} requests, median {times[len(times)//2]*1000:.0f} ms, slowest {times[-1]*1000:.0f} ms, non-200: {bad}")
PY
done
