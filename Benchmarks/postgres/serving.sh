#!/usr/bin/env bash
# Issue 16: serving from PostgreSQL. (1) `datastore_search` with a filter and a sort over the 1,000,000-row
# living-population version (p50/p99 of sequential requests, after the sort index the first signed-in request asks
# for was built), beside the same request served from SQLite in the same run; (2) `/api/status` and `package_search`
# throughput with 1, 2 and 4 `mokmin serve` processes on one PostgreSQL database (one wrk per server, at once;
# requests per second summed); (3) live fan-out to CLIENTS SSE clients spread over 2 servers.
# Env: ROWS (1000000), REQUESTS (1000), DURATION (15 s per throughput step), CLIENTS (1000), PG (the server),
# PARTS (123: which of the three to run).
source "$(dirname "$0")/../datahub/common.sh"
ROWS=${ROWS:-1000000}
REQUESTS=${REQUESTS:-1000}
DURATION=${DURATION:-15}
CLIENTS=${CLIENTS:-1000}
PG=${PG:-postgres://postgres@127.0.0.1:54329}
PARTS=${PARTS:-123}
[[ "$PARTS" != *2* ]] || command -v wrk >/dev/null || { echo "missing wrk (apt-get install wrk), needed by part 2" >&2; exit 1; }
machine_notes
csv=$(living_population "$ROWS")
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS bench_serve WITH (FORCE)" -c "CREATE DATABASE bench_serve" >/dev/null
DB="$PG/bench_serve?sslmode=disable"
"$MOKMIN" import "$csv" --dataset living-population --title "생활인구 (합성)" --visibility public --db "$DB" >"$WORK/serve-import.log" 2>&1
echo "bench-password-1" | "$MOKMIN" user add --db "$DB" --login sorter --name 정렬 --role analyst --password-stdin >/dev/null
sorter=$("$MOKMIN" token create --db "$DB" --login sorter --label sort 2>&1 | grep -oE 'mkm_[A-Za-z0-9_-]+' | head -1)
display=$("$MOKMIN" token create --db "$DB" --login sorter --display --label wall 2>&1 | grep -oE 'mkm_[A-Za-z0-9_-]+' | head -1)
# The SQLite comparison runs on its own file: an analyst's token there too.
sqlite_db=$(living_database "$ROWS")
echo "bench-password-1" | "$MOKMIN" user add --db "$sqlite_db" --login sorter --name 정렬 --role analyst --password-stdin >/dev/null 2>&1 || true
ssorter=$("$MOKMIN" token create --db "$sqlite_db" --login sorter --label sort 2>&1 | grep -oE 'mkm_[A-Za-z0-9_-]+' | head -1)

PIDS=()
serve_many() {  # serve_many N: N servers on consecutive free ports; prints the ports
  local n=$1 ports=()
  for i in $(seq 1 "$n"); do
    local port; port=$(free_port)
    "$MOKMIN" serve --db "$DB" --port "$port" --host 127.0.0.1 --log-level warning >"$WORK/serve-$i.log" 2>&1 &
    PIDS+=($!); ports+=("$port")
  done
  for port in "${ports[@]}"; do
    for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
  done
  echo "${ports[@]}"
}
stop_many() { for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; PIDS=(); }
trap 'stop_many; cleanup' EXIT

filters=$(urlencode '{"행정동코드":"36110250"}')
sort=$(urlencode '총생활인구수 desc')
query="resource_id=living-population&filters=$filters&sort=$sort&limit=100"
if [[ "$PARTS" == *1* ]]; then
echo "# (1) datastore_search filter + sort, $REQUESTS sequential requests"
echo "# name requests p50_ms p99_ms max_ms non2xx"
read -r port < <(serve_many 1)
url="http://127.0.0.1:$port/api/3/action/datastore_search?$query"
curl -fsS -o /dev/null -H "Authorization: Bearer $sorter" "$url"
for _ in $(seq 1 600); do
  [[ "$(psql "$PG/bench_serve" -Atc "SELECT count(*) FROM pg_indexes WHERE indexname LIKE '%\\_by\\_%'")" -ge 1 ]] && break; sleep 0.5
done
echo "# PostgreSQL indexes on the version: $(psql "$PG/bench_serve" -Atc "SELECT string_agg(indexname, ', ') FROM pg_indexes WHERE tablename LIKE 'ds\\_%'")"
curl -fsS -o /dev/null "$url"
latency postgresql_datastore_filter_sort "$url" "$REQUESTS"
stop_many
port=$(free_port); start_server "$sqlite_db" "$port"
surl="http://127.0.0.1:$port/api/3/action/datastore_search?$query"
curl -fsS -o /dev/null -H "Authorization: Bearer $ssorter" "$surl"
table=$(sqlite3 "$sqlite_db" "SELECT v.tableName FROM datasetVersion v JOIN dataset d ON d.id = v.datasetID WHERE d.slug = 'living-population' ORDER BY v.number DESC LIMIT 1")
for _ in $(seq 1 600); do
  [[ "$(sqlite3 "$sqlite_db" "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE '${table}\_by\_%' ESCAPE '\'")" -ge 1 ]] && break; sleep 0.5
done
latency sqlite_datastore_filter_sort "$surl" "$REQUESTS"
stop_server

fi

if [[ "$PARTS" == *2* ]]; then
echo "# (2) throughput, ${DURATION}s per step, one wrk (1 thread, 16 connections) per server; $(nproc) cores shared by servers, PostgreSQL and wrk"
echo "# servers path requests_per_s"
for n in 1 2 4; do
  read -ra ports < <(serve_many "$n")
  for path in "/api/status" "/api/3/action/package_search?q=%EC%83%9D%ED%99%9C"; do
    loaders=()
    for port in "${ports[@]}"; do
      wrk -t 1 -c 16 -d "${DURATION}s" -H "Authorization: Bearer $display" "http://127.0.0.1:$port$path" >"$WORK/wrk-$n-$port.txt" 2>&1 &
      loaders+=($!)
    done
    wait "${loaders[@]}"
    total=$(cat "$WORK"/wrk-$n-*.txt | awk '/Requests\/sec/ {s += $2} END {printf "%.0f", s}')
    rm -f "$WORK"/wrk-$n-*.txt
    echo "$n ${path%%\?*} $total"
  done
  stop_many
done

fi

if [[ "$PARTS" == *3* ]]; then
echo "# (3) fan-out: $CLIENTS SSE clients over 2 servers; a reading loaded by a third process reaches them"
read -ra ports < <(serve_many 2)
"$MOKMIN" feed add --db "$DB" --name fan --kind airkorea --url https://apis.data.go.kr/none --every 86400 >/dev/null
python3 "$(dirname "$0")/fanout2.py" "$CLIENTS" "$display" "${ports[@]}" -- "$MOKMIN" feed load fan "$WORK/fan.json" --db "$DB"
stop_many
fi
