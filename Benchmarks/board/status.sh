#!/usr/bin/env bash
# GET /api/status throughput against the same server's /health in the same run (wrk, loopback, 2 threads,
# 64 connections, DURATION seconds each). The server runs the demo board (three simulated feeds, 73 series).
# /health is public (no header); /api/status carries a display token, as a wall display or a script sends it, and
# /health is also measured with that header to show what the token check itself costs.
#
#   bash Benchmarks/board/status.sh [DURATION]
source "$(dirname "$0")/common.sh"
DURATION=${1:-15}
command -v wrk >/dev/null || { echo "missing wrk (apt-get install wrk)" >&2; exit 1; }
DB="$WORK/status.sqlite"
PORT=${PORT:-18093}
start_server --demo
TOKEN=$(make_token)
sleep 3
echo "status body: $(curl -fs -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/status" | wc -c) bytes"
run() {
  wrk -t2 -c64 -d"${DURATION}s" "$@" | awk '/Requests\/sec/ {rate=$2} /Non-2xx/ {bad=$5} END {print rate " req/s" (bad ? " (" bad " non-2xx!)" : "")}'
}
for round in 1 2; do
  echo "round $round /health (public): $(run "http://127.0.0.1:$PORT/health")"
  echo "round $round /health with the token header: $(run -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/health")"
  echo "round $round /api/status with the token: $(run -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/status")"
done
