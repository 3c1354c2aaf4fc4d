#!/usr/bin/env bash
# Measurement 2: datastore_search with a filter and a sort on the 1,000,000-row living-population dataset:
# p50/p99 over 1,000 sequential requests (wrk, 1 connection) against `mokmin serve` on 127.0.0.1, beside the same
# SQL run in the sqlite3 shell (.timer on) on the same database file.
# Reuses $MOKMIN_BENCH_WORK/living-$ROWS.sqlite when import.sh left it there; otherwise generates and imports.
# The first sorted request of each kind makes the server build the index that serves it; the script times that
# request, waits for the index, then measures.
# Env: ROWS (1000000), REQUESTS (1000) for the main query, AUX_REQUESTS (200) for the two diagnostic variants
# (without the total, sort only), SQL_RUNS (50).
source "$(dirname "$0")/common.sh"
ROWS=${ROWS:-1000000}
REQUESTS=${REQUESTS:-1000}
AUX_REQUESTS=${AUX_REQUESTS:-200}
SQL_RUNS=${SQL_RUNS:-50}
machine_notes
db=$(living_database "$ROWS")
table=$(sqlite3 "$db" "SELECT v.tableName FROM datasetVersion v JOIN dataset d ON d.id = v.datasetID WHERE d.slug = 'living-population' ORDER BY v.number DESC LIMIT 1")
col() { sqlite3 "$db" "SELECT j.value->>'sqlName' FROM datasetVersion v, json_each(v.columns) j WHERE v.tableName = '$table' AND j.value->>'label' = '$1'"; }
code_col=$(col 행정동코드); total_col=$(col 총생활인구수)
ncols=$(sqlite3 "$db" "SELECT json_array_length(columns) FROM datasetVersion WHERE tableName = '$table'")
echo "# dataset table $table: $(sqlite3 "$db" "SELECT COUNT(*) FROM $table") rows; 행정동코드 = $code_col, 총생활인구수 = $total_col; db $(du -h "$db" | cut -f1)"
echo "# indexes on $table: $(sqlite3 "$db" "SELECT group_concat(name, ', ') FROM sqlite_master WHERE type = 'index' AND tbl_name = '$table'")"

port=$(free_port)
start_server "$db" "$port"
base="http://127.0.0.1:$port/api/3/action/datastore_search"
filters=$(urlencode '{"행정동코드":"36110250"}')
sort=$(urlencode '총생활인구수 desc')
url="$base?resource_id=living-population&filters=$filters&sort=$sort&limit=100"
# The first sorted request is answered by sorting the matching rows and asks the server to build the index
# that serves it (SortIndexBuilder); time that request, then wait for the index before measuring. Only a signed-in
# reader's request asks for an index (issue 12), so the first one carries an analyst's token.
echo "bench-password-1" | "$MOKMIN" user add --db "$db" --login sorter --name 정렬 --role analyst --password-stdin >/dev/null 2>&1 || true
sorter=$("$MOKMIN" token create --db "$db" --login sorter --label sort 2>&1 | grep -oE 'mkm_[A-Za-z0-9_-]+' | head -1)
first_ms=$(curl -fsS -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $sorter" "$url" | python3 -c 'import sys; print(round(float(sys.stdin.read()) * 1000, 1))')
# What the stored value looks like, and that the filter matches.
curl -fsS "$url&limit=1" | python3 -c '
import json, sys
r = json.load(sys.stdin)["result"]
rec = r["records"][0]
print("# API check: total =", r.get("total"), "| first record 행정동코드 =", repr(rec["행정동코드"]), "총생활인구수 =", rec["총생활인구수"])'
index_name="${table}_by_${code_col}_${total_col}_d"
waited=0
until [[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM sqlite_master WHERE name = '$index_name'")" == 1 ]]; do
  sleep 0.2; waited=$((waited + 1)); [[ $waited -lt 600 ]] || { echo "the sort index $index_name never appeared" >&2; exit 1; }
done
echo "# first (cold) request: ${first_ms} ms; sort index $index_name ready after about $((waited / 5)).$((waited % 5 * 2)) s"
sort_only_first_ms=$(curl -fsS -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $sorter" "$base?resource_id=living-population&sort=$sort&limit=100&include_total=false" | python3 -c 'import sys; print(round(float(sys.stdin.read()) * 1000, 1))')
until [[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM sqlite_master WHERE name = '${table}_by_${total_col}_d'")" == 1 ]]; do sleep 0.2; done
echo "# first sort-only request: ${sort_only_first_ms} ms (its index built before measuring too)"
echo "# name requests p50_ms p99_ms max_ms non200"
curl -fsS "$url" >/dev/null   # warm the page cache and the connection pool
latency datastore_filter_sort "$url" "$REQUESTS"
latency datastore_filter_sort_no_total "$url&include_total=false" "$AUX_REQUESTS"
latency datastore_sort_only "$base?resource_id=living-population&sort=$sort&limit=100&include_total=false" "$AUX_REQUESTS"
stop_server

# The same SQL in the sqlite3 shell, on the same file (with the indexes the server built): the statements mokmin
# runs (rows, then the COUNT for the total), and the rows statement alone.
cols=$(python3 -c "print(', '.join('\"c%d\"' % i for i in range(1, $ncols + 1)))")
q_rows="SELECT _region, $cols FROM \"$table\" WHERE \"$code_col\" = '36110250' ORDER BY \"$total_col\" DESC, _row LIMIT 100 OFFSET 0;"
q_count="SELECT COUNT(*) FROM \"$table\" WHERE \"$code_col\" = '36110250';"
q_plain="SELECT _region, $cols FROM \"$table\" NOT INDEXED WHERE \"$code_col\" = '36110250' ORDER BY \"$total_col\" DESC, _row LIMIT 100;"
sql_times() {  # sql_times NAME SQL...: SQL_RUNS runs in one shell session; prints NAME runs p50_ms p99_ms max_ms
  local name=$1; shift
  { echo ".timer on"; echo ".output /dev/null"; for _ in $(seq 1 "$SQL_RUNS"); do printf '%s\n' "$@"; done; } |
    sqlite3 "$db" 2>&1 | python3 -c '
import sys, re, statistics
name, per = sys.argv[1], int(sys.argv[2])
t = [float(m) * 1000 for m in re.findall(r"Run Time: real ([0-9.]+)", sys.stdin.read())]
# Sum the statements of one request.
runs = sorted(sum(t[i:i + per]) for i in range(0, len(t), per))
p = lambda q: runs[min(len(runs) - 1, int(round(q * (len(runs) - 1))))]
print(f"{name} {len(runs)} {statistics.median(runs):.2f} {p(0.99):.2f} {max(runs):.2f}")' "$name" $#
}
echo "# sqlite3 shell (same file, warm): name runs p50_ms p99_ms max_ms"
sql_times sqlite3_mokmin_sql_rows+count "$q_rows" "$q_count"
sql_times sqlite3_mokmin_sql_rows_only "$q_rows"
sql_times sqlite3_no_index_filter_sort "$q_plain"
echo "# query plan of the rows statement:"
sqlite3 "$db" "EXPLAIN QUERY PLAN $q_rows" | sed 's/^/#   /'
