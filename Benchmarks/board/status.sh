#!/usr/bin/env bash
# GET /api/status throughput against the same server's /health in the same run (wrk, loopback, 2 threads,
# 64 connections, DURATION seconds each). The server runs the demo board (three simulated feeds, 73 series).
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
for round in 1 2; do
  for path in /health /api/status; do
    rate=$(wrk -t2 -c64 -d"${DURATION}s" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$path" | awk '/Requests\/sec/ {print $2}')
    echo "round $round $path: $rate req/s"
  done
done
