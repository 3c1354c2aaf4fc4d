#!/usr/bin/env bash
# Sign-ins during a large import (issue 12, item 6). A user signs in to `mokmin serve` over and over, one sign-in at a
# time (GET /login, then POST /login: bcrypt at cost 12, then a session and an audit entry written), while
# `mokmin import` stores the living-population file (default 1,000,000 rows, CP949) into the same database. Also times
# the import alone. Each run measures the BEFORE binary, then this one, each on a fresh copy of the same database.
#
#   MOKMIN_BEFORE=/path/to/mokmin-before [MOKMIN_BEFORE_COMMIT=abc1234] bash Benchmarks/datahub/signin-during-import.sh
#
# Env: MOKMIN (the binary measured as "after"; default .build-bench/release/mokmin), ROWS (1000000), RUNS (3),
# IDLE (sign-ins measured before each import starts, 20), SECOND_VERSION=1 (the database already holds the file as
# version 1, so the measured import is version 2 and counts its difference from version 1). Prints one line per run
# and variant, then the totals.
source "$(dirname "$0")/common.sh"
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
IDLE=${IDLE:-20}
SECOND_VERSION=${SECOND_VERSION:-0}
AFTER=$MOKMIN
BEFORE=${MOKMIN_BEFORE:?set MOKMIN_BEFORE to the binary to compare with (a release build of the base commit)}
PASSWORD=bench-password-1
machine_notes
echo "# before: $BEFORE (commit ${MOKMIN_BEFORE_COMMIT:-unknown})"
template_db "$WORK/template.sqlite"
csv=$(living_population "$ROWS")
rm -f "$WORK"/imports.txt "$WORK"/during-*.txt "$WORK"/idle-*.txt "$WORK"/window-*.txt
# The database each measured import starts from, per variant (each binary writes its own version 1).
for variant in before after; do
  start="$WORK/start-$variant.sqlite"
  rm -f "$start" "$start-wal" "$start-shm"; cp "$WORK/template.sqlite" "$start"
  if [[ $SECOND_VERSION == 1 ]]; then
    if [[ $variant == before ]]; then bin=$BEFORE; else bin=$AFTER; fi
    "$bin" import "$csv" --dataset living --db "$start" >/dev/null
    sqlite3 "$start" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  fi
done
expected="published: living v$((SECOND_VERSION + 1)), $ROWS rows"
echo "# input: $ROWS rows, $(stat -c %s "$csv") bytes CP949"
echo "# run variant load1 import_alone_s peak_rss_MiB import_with_signins_s | sign-ins during the import: n p50_ms p99_ms max_ms failed | idle p50_ms"

# stats FILE [FROM TO]: "n p50 p99 max failed" of the sign-ins in FILE (only those whose POST started within FROM..TO).
stats() {
  python3 - "$@" <<'PY'
import math, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
if len(sys.argv) > 2:
    lo, hi = float(sys.argv[2]), float(sys.argv[3])
    rows = [r for r in rows if lo <= float(r[0]) <= hi]
ms = sorted(float(r[1]) for r in rows)
rank = lambda p: ms[max(0, math.ceil(p / 100 * len(ms)) - 1)] if ms else float("nan")
print(f"{len(ms)} {rank(50):.0f} {rank(99):.0f} {ms[-1] if ms else float('nan'):.0f} {sum(1 for r in rows if r[2] != '303')}")
PY
}

for run in $(seq 1 "$RUNS"); do
  for variant in before after; do
    if [[ $variant == before ]]; then MOKMIN=$BEFORE; else MOKMIN=$AFTER; fi
    load=$(cut -d' ' -f1 /proc/loadavg)
    # a) The import alone.
    db="$WORK/alone.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"; cp "$WORK/start-$variant.sqlite" "$db"
    read -r alone alone_rss < <(timed "$WORK/alone.log" "$MOKMIN" import "$csv" --dataset living --db "$db")
    grep -q "$expected" "$WORK/alone.log" || { cat "$WORK/alone.log" >&2; exit 1; }
    rm -f "$db" "$db-wal" "$db-shm"
    # b) The import while the user signs in, one sign-in after another.
    db="$WORK/during.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"; cp "$WORK/start-$variant.sqlite" "$db"
    echo "$PASSWORD" | "$MOKMIN" user add --db "$db" --login bench --name 벤치 --role official --password-stdin >/dev/null
    port=$(free_port)
    start_server "$db" "$port"
    idle="$WORK/idle-$run-$variant.txt"
    during="$WORK/during-$run-$variant.txt"
    python3 "$HERE/signin_load.py" "http://127.0.0.1:$port" bench "$PASSWORD" "$idle" --count "$IDLE"
    rm -f "$WORK/stop"
    python3 "$HERE/signin_load.py" "http://127.0.0.1:$port" bench "$PASSWORD" "$during" --until "$WORK/stop" &
    driver=$!
    from=$(date +%s.%N)
    read -r with_signins _ < <(timed "$WORK/during.log" "$MOKMIN" import "$csv" --dataset living --db "$db")
    to=$(date +%s.%N)
    touch "$WORK/stop"
    wait "$driver"
    stop_server
    grep -q "$expected" "$WORK/during.log" || { cat "$WORK/during.log" >&2; exit 1; }
    echo "$from $to" >"$WORK/window-$run-$variant.txt"
    read -r _ idle_p50 _ _ _ < <(stats "$idle")
    echo "$run $variant $load $alone $((alone_rss / 1024)) $with_signins | $(stats "$during" "$from" "$to") | $idle_p50"
    echo "$variant $alone $with_signins $alone_rss" >>"$WORK/imports.txt"
    rm -f "$db" "$db-wal" "$db-shm"
  done
done

python3 - "$WORK" <<'PY'
import glob, math, os, statistics, sys
work = sys.argv[1]
imports = [line.split() for line in open(os.path.join(work, "imports.txt"))]
for variant in ("before", "after"):
    ms, failed = [], 0
    for path in glob.glob(os.path.join(work, f"during-*-{variant}.txt")):
        lo, hi = map(float, open(path.replace("during-", "window-")).read().split())
        rows = [r.split() for r in open(path) if r.strip()]
        rows = [r for r in rows if lo <= float(r[0]) <= hi]
        ms += [float(r[1]) for r in rows]
        failed += sum(1 for r in rows if r[2] != "303")
    ms.sort()
    rank = lambda p: ms[max(0, math.ceil(p / 100 * len(ms)) - 1)]
    alone = statistics.median(float(i[1]) for i in imports if i[0] == variant)
    busy = statistics.median(float(i[2]) for i in imports if i[0] == variant)
    rss = statistics.median(float(i[3]) for i in imports if i[0] == variant) / 1024
    print(f"TOTAL {variant}: {len(ms)} sign-ins during imports: p50 {rank(50):.0f} ms, p99 {rank(99):.0f} ms, max {ms[-1]:.0f} ms,"
          f" failed {failed}; import alone median {alone:.2f} s (peak RSS {rss:.0f} MiB), with sign-ins median {busy:.2f} s")
PY
