# Shared helpers for the data-hub benchmarks (sourced, not run).
# MOKMIN: the release binary (default: the benchmark build in .build-bench).
# MOKMIN_BENCH_WORK: a folder to keep generated inputs in between scripts; when unset each script makes a
# temporary folder and deletes it at exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/Benchmarks/datahub"
MOKMIN=${MOKMIN:-$ROOT/.build-bench/release/mokmin}
if [[ ! -x "$MOKMIN" ]]; then
  echo "no release binary at $MOKMIN; build it with:" >&2
  echo "  swift build -c release --product mokmin --scratch-path .build-bench" >&2
  exit 1
fi
for tool in sqlite3 iconv python3; do command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 1; }; done
[[ -x /usr/bin/time ]] || { echo "missing GNU time (apt-get install time)" >&2; exit 1; }

if [[ -n "${MOKMIN_BENCH_WORK:-}" ]]; then
  WORK=$MOKMIN_BENCH_WORK
  mkdir -p "$WORK"
  OWN_WORK=0
else
  WORK=$(mktemp -d /tmp/mokmin-bench.XXXXXX)
  OWN_WORK=1
fi
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [[ "$OWN_WORK" == 1 ]]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

machine_notes() {
  echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
  # MOKMIN_COMMIT: the commit the binary was built from, when it is not the checkout's HEAD.
  echo "# mokmin: $MOKMIN (commit ${MOKMIN_COMMIT:-$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)})  sqlite3: $(sqlite3 --version | cut -d' ' -f1)"
}

# A migrated database with the bundled region registry (what a server has after its first start).
# template_db PATH
template_db() {
  local db=$1
  if [[ ! -s "$db" ]]; then
    "$MOKMIN" migrate --db "$db" >/dev/null
    # 'sample' seeds the bundled boundaries into an empty registry; write one row to a throwaway file.
    "$MOKMIN" sample living-population --rows 1 --out "$WORK/.seed.csv" --db "$db" >/dev/null
    rm -f "$WORK/.seed.csv"
    sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  fi
}

# A living-population CSV in CP949 with N rows (cached in WORK). living_population N -> prints the path
living_population() {
  local rows=$1 file="$WORK/living-$1.cp949.csv"
  if [[ ! -s "$file" ]]; then
    template_db "$WORK/template.sqlite"
    cp "$WORK/template.sqlite" "$WORK/.gen.sqlite"
    "$MOKMIN" sample living-population --rows "$rows" --out "$file.part" --encoding cp949 --db "$WORK/.gen.sqlite" >/dev/null
    rm -f "$WORK/.gen.sqlite"*
    mv "$file.part" "$file"
  fi
  echo "$file"
}

# timed LOG CMD...: runs CMD under GNU time; prints "wall_seconds peak_rss_kib"
timed() {
  local log=$1; shift
  /usr/bin/time -v -o "$log.time" "$@" >"$log" 2>&1 || { echo "command failed: $*" >&2; tail -20 "$log" >&2; cat "$log.time" >&2; return 1; }
  python3 - "$log.time" <<'PY'
import sys, re
t = open(sys.argv[1]).read()
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1).split(":")
secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
print(f"{secs:.2f} {rss}")
PY
}

median() { python3 -c 'import sys, statistics; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

# A free port on 127.0.0.1.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_server DB PORT: starts 'mokmin serve' in the background, waits for /health.
start_server() {
  local db=$1 port=$2
  "$MOKMIN" serve --db "$db" --port "$port" --host 127.0.0.1 --log-level warning >"$WORK/serve.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; return 1; }
    sleep 0.2
  done
  echo "server did not start" >&2; cat "$WORK/serve.log" >&2; return 1
}
stop_server() {
  if [[ -n "$SERVER_PID" ]]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; fi
}

# latency NAME URL [N]: N (default 1000) sequential requests with wrk (1 connection, 1 thread; seq_latency.py without wrk);
# prints "NAME requests p50_ms p99_ms max_ms non2xx"
latency() {
  local name=$1 url=$2 n=${3:-1000}
  if command -v wrk >/dev/null; then
    N=$n wrk -c 1 -t 1 -d "${WRK_MAX_SECONDS:-120}s" --timeout 30s --latency -s "$HERE/stop-after.lua" "$url" >"$WORK/wrk-$name.txt" 2>&1
  else  # the same sequential requests over one keep-alive connection, from Python
    python3 "$HERE/seq_latency.py" "$url" "$n" >"$WORK/wrk-$name.txt" 2>&1
  fi
  local line; line=$(grep '^RESULT' "$WORK/wrk-$name.txt" || true)
  [[ -n "$line" ]] || { cat "$WORK/wrk-$name.txt" >&2; return 1; }
  echo "$name ${line#RESULT }"
}

# urlencode TEXT
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# A database holding the living-population file of $1 rows imported as public dataset `living-population`, made once
# per work folder (import.sh leaves its last run there). Prints its path.
living_database() {
  local rows=$1 db="$WORK/living-$1.sqlite" csv
  if [[ ! -s "$db" ]]; then
    template_db "$WORK/template.sqlite"
    csv=$(living_population "$rows")
    cp "$WORK/template.sqlite" "$db.part"
    "$MOKMIN" import "$csv" --dataset living-population --title "생활인구 (합성)" --visibility public --db "$db.part" >/dev/null
    sqlite3 "$db.part" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
    mv "$db.part" "$db"; rm -f "$db.part-wal" "$db.part-shm"
  fi
  echo "$db"
}
