# Shared helpers for the status-board benchmarks (sourced, not run).
# MOKMIN: the release binary (default: the benchmark build in .build-bench).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/Benchmarks/board"
MOKMIN=${MOKMIN:-$ROOT/.build-bench/release/mokmin}
if [[ ! -x "$MOKMIN" ]]; then
  echo "no release binary at $MOKMIN; build it with:" >&2
  echo "  swift build -c release --product mokmin --scratch-path .build-bench" >&2
  exit 1
fi
WORK=$(mktemp -d /tmp/mokmin-board-bench.XXXXXX)
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# Starts `mokmin serve` on $PORT with the database $DB (extra arguments are passed on) and waits for /health.
start_server() {
  "$MOKMIN" serve --db "$DB" --port "$PORT" --log-level error "$@" >"$WORK/server.out" 2>"$WORK/server.err" &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the server did not start" >&2
  cat "$WORK/server.err" >&2
  exit 1
}

# A display token for an official named bench.
make_token() {
  echo "bench-password-1" | "$MOKMIN" user add --db "$DB" --login bench --name 벤치 --role official --password-stdin >/dev/null
  "$MOKMIN" token create --db "$DB" --login bench --display --label bench 2>&1 | grep -oE 'mkm_[A-Za-z0-9_-]+' | head -1
}

rss_kib() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
