#!/usr/bin/env bash
# Fan-out: CLIENTS (default 1,000) live clients on /api/stream of one server; a generic feed is run through the API
# once a second for RUNS seconds; reports the delay from a reading's store to its arrival at the clients (p50/p99) and
# the server's memory without and with the clients. The Python load generator shares the machine's 2 cores.
#
#   bash Benchmarks/board/fanout.sh [CLIENTS] [RUNS]
source "$(dirname "$0")/common.sh"
CLIENTS=${1:-1000}
RUNS=${2:-30}
ulimit -n 8192
DB="$WORK/fanout.sqlite"
PORT=${PORT:-18091}
FEED_PORT=${FEED_PORT:-18092}
"$MOKMIN" migrate --db "$DB" >/dev/null
TOKEN=$(make_token)
echo "bench-password-2" | "$MOKMIN" user add --db "$DB" --login runner --name 실행 --role analyst --password-stdin >/dev/null
RUNNER=$("$MOKMIN" token create --db "$DB" --login runner --label run | tail -1)
MAPPING='{"mapping":{"format":"json","itemsPath":"items","seriesPrefix":"fan","seriesField":"sensor","valueFields":["value"],"timeField":"time"}}'
# The feed is served on loopback, which outbound requests refuse unless an admin allows the host (issue 12).
"$MOKMIN" settings inside-hosts add --db "$DB" 127.0.0.1 >/dev/null
"$MOKMIN" feed add --db "$DB" --name fan --kind generic --url "http://127.0.0.1:$FEED_PORT/feed" --every 86400 --stale-after 86400 --settings "$MAPPING" >/dev/null
start_server
sleep 1
echo "server RSS before clients: $(rss_kib $SERVER_PID) KiB"
python3 "$HERE/fanout.py" "http://127.0.0.1:$PORT" "$TOKEN" 1 "$FEED_PORT" "$CLIENTS" "$RUNS" "$RUNNER" &
GEN=$!
# Sample the server's memory while the clients are connected.
peak=0
while kill -0 $GEN 2>/dev/null; do
  r=$(rss_kib $SERVER_PID); (( r > peak )) && peak=$r
  sleep 0.5
done
wait $GEN
echo "server RSS peak with $CLIENTS clients: $peak KiB"
