#!/usr/bin/env bash
# Measurement 3: package_search over 10,000 catalog entries (populate_catalog.py), p50/p99 over 1,000 sequential
# requests (wrk, 1 connection) against `mokmin serve` on 127.0.0.1, anonymous (public datasets only), default rows=10,
# beside the search's SQL (the WHERE on searchText with the ranking) timed in the sqlite3 shell on the same file.
# Env: DATASETS (10000), REQUESTS (1000).
source "$(dirname "$0")/common.sh"
DATASETS=${DATASETS:-10000}
REQUESTS=${REQUESTS:-1000}
machine_notes
db="$WORK/catalog.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
template_db "$WORK/template.sqlite"
cp "$WORK/template.sqlite" "$db"
python3 "$HERE/populate_catalog.py" "$db" "$DATASETS" | sed 's/^/# /'
count() { sqlite3 "$db" "SELECT COUNT(*) FROM dataset WHERE visibility = 'public' AND $1"; }
echo "# public datasets: $(count 1); matching 대기: $(count "instr(searchText, '대기') > 0"); 주차장: $(count "instr(searchText, '주차장') > 0");" \
  "미세먼지: $(count "instr(searchText, '미세먼지') > 0"); 대기 + organization 기후환경과: $(count "instr(searchText, '대기') > 0 AND organization = '기후환경과'")"

port=$(free_port)
start_server "$db" "$port"
base="http://127.0.0.1:$port/api/3/action/package_search"
curl -fsS "$base?q=$(urlencode 대기)" | python3 -c '
import json, sys
r = json.load(sys.stdin)["result"]
print("# API check: q=대기 count =", r["count"], "| first:", r["results"][0]["title"])'
echo "# name requests p50_ms p99_ms max_ms non200"
latency package_search_q_2syllables "$base?q=$(urlencode 대기)" "$REQUESTS"
latency package_search_q_3chars "$base?q=$(urlencode 주차장)" "$REQUESTS"
latency package_search_q_4chars "$base?q=$(urlencode 미세먼지)" "$REQUESTS"
latency package_search_q_fq_org "$base?q=$(urlencode 대기)&fq=$(urlencode 'organization:기후환경과')" "$REQUESTS"
latency package_search_fq_tag_only "$base?fq=$(urlencode 'tags:교통')" "$REQUESTS"
latency package_search_all "$base?q=$(urlencode '*:*')" "$REQUESTS"
stop_server

# The statements behind q=대기, in the sqlite3 shell (20 runs each; median ms).
sql_ms() {
  { echo ".timer on"; echo ".output /dev/null"; for _ in $(seq 1 20); do echo "$2"; done; } | sqlite3 "$db" 2>&1 |
    python3 -c 'import sys, re, statistics; t=[float(x)*1000 for x in re.findall(r"Run Time: real ([0-9.]+)", sys.stdin.read())]; print(sys.argv[1], len(t), "%.2f" % statistics.median(t), "%.2f" % max(t))' "$1"
}
w="d.visibility = 'public' AND instr(d.searchText, '대기') > 0"
echo "# sqlite3 shell, statements of q=대기: name runs median_ms max_ms"
sql_ms count "SELECT COUNT(*) FROM dataset d WHERE $w;"
sql_ms ranked_page "SELECT d.id, (0 + 8 * (instr(lower(d.title), '대기') > 0) + 3 * (instr(lower(d.organization), '대기') > 0) + 3 * EXISTS (SELECT 1 FROM datasetTag t WHERE t.datasetID = d.id AND instr(lower(t.tag), '대기') > 0) + 1) AS score FROM dataset d WHERE $w ORDER BY score DESC, d.updatedAt DESC, d.id LIMIT 10 OFFSET 0;"
sql_ms facet_organization "SELECT d.organization, COUNT(*) FROM dataset d WHERE $w AND d.organization != '' GROUP BY 1 ORDER BY 2 DESC, 1;"
sql_ms facet_tags "SELECT t.tag, COUNT(*) FROM dataset d JOIN datasetTag t ON t.datasetID = d.id WHERE $w GROUP BY 1 ORDER BY 2 DESC, 1;"
sql_ms facet_res_format "SELECT upper(v.format), COUNT(DISTINCT d.id) FROM dataset d JOIN datasetVersion v ON v.datasetID = d.id WHERE $w GROUP BY 1 ORDER BY 2 DESC, 1;"
sql_ms facet_license "SELECT d.license, COUNT(*) FROM dataset d WHERE $w GROUP BY 1 ORDER BY 2 DESC, 1;"
