#!/usr/bin/env bash
# The aggregation engine (DatasetRepository.aggregate) over 1,000,000 rows: sum, mean, count, distinct count and
# latest, by month, beside the plain GROUP BY a person would write in the sqlite3 shell, on the same file.
#
# 1. Generates a CSV (seeded): 일자 (a day in 2021-01-01 … 2023-12-31, 36 months, rows in no date order), 구분 (one
#    of 40 categories), 값 (a decimal), 건수 (an integer count); imports it with the release `mokmin import`.
# 2. Times in the sqlite3 shell, with hyperfine (a loop of `.timer on` runs without it):
#    - plain:        SELECT substr(일자,1,7), SUM(값), AVG(값), COUNT(*), COUNT(DISTINCT 구분) … GROUP BY 1
#    - plain+latest: the same with 건수 as SQLite's bare column beside MAX(일자), as a person might write "the
#                    latest value" (it picks an arbitrary row among rows of the same last day)
#    - mokmin:       Benchmarks/aggregate.sql, the statement Mokmin builds for the query (AggregateStatement; the test
#                    AggregateCaseTests.theBenchmarkRunsTheStatementMokminBuilds keeps the file equal to it). Mokmin
#                    runs it on a read connection with SQLite's default page cache, as the shell does.
#    - mokmin, 32 MiB cache: the same with the writer's page cache size, to show whether a reader's cache matters.
#    Each command starts sqlite3, opens the file and runs one statement (the start costs a few ms).
# 3. Checks that the plain query and Mokmin's agree on every month's sum, mean, count and distinct count, and that
#    Mokmin's latest is the 건수 of the month's last row by (day, row).
#
# Env: ROWS (1000000), RUNS (10), MOKMIN (the release binary), MOKMIN_BENCH_WORK (keep the CSV and database).
#   swift build -c release --product mokmin --scratch-path .build-bench && bash Benchmarks/aggregate.sh
source "$(dirname "$0")/datahub/common.sh"
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-10}
machine_notes

csv="$WORK/aggregate-$ROWS.csv"
if [[ ! -s "$csv" ]]; then
  python3 - "$ROWS" "$csv.part" <<'PY'
import datetime, random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(20260701)
start = datetime.date(2021, 1, 1)
days = (datetime.date(2024, 1, 1) - start).days  # 36 months
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write("일자,구분,값,건수\n")
    for _ in range(rows):
        day = start + datetime.timedelta(days=rng.randrange(days))
        # Three decimals, the last never 0: the column is inferred as decimal, no value looks like an integer.
        f.write(f"{day.isoformat()},분류{rng.randrange(40):02d},{rng.randrange(100, 1_000_000) / 100 + 0.001:.3f},{rng.randrange(1000)}\n")
PY
  mv "$csv.part" "$csv"
fi
db="$WORK/aggregate-$ROWS.sqlite"
if [[ ! -s "$db" ]]; then
  rm -f "$db.part" "$db.part-wal" "$db.part-shm"
  "$MOKMIN" migrate --db "$db.part" >/dev/null
  read -r import_s import_rss < <(timed "$WORK/import.log" "$MOKMIN" import "$csv" --dataset aggregate-bench --title "집계 벤치마크" --db "$db.part")
  grep -q "published: aggregate-bench v1, $ROWS rows" "$WORK/import.log" || { cat "$WORK/import.log" >&2; exit 1; }
  sqlite3 "$db.part" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  mv "$db.part" "$db"; rm -f "$db.part-wal" "$db.part-shm"
  echo "# import: $ROWS rows in ${import_s} s, peak RSS $((import_rss / 1024)) MiB"
fi

# The statement in Benchmarks/aggregate.sql names the table ds_1_v1 and the columns c1 … c4 in the file's order, with
# the types the test gives them: check that the import made exactly those.
table=$(sqlite3 "$db" "SELECT v.tableName FROM datasetVersion v JOIN dataset d ON d.id = v.datasetID WHERE d.slug = 'aggregate-bench'")
columns=$(sqlite3 "$db" "SELECT group_concat((j.value->>'label') || '=' || (j.value->>'sqlName') || ':' || (j.value->>'type'), ' ') FROM datasetVersion v, json_each(v.columns) j WHERE v.tableName = '$table'")
expected="일자=c1:date 구분=c2:text 값=c3:decimal 건수=c4:integer"
if [[ "$table" != ds_1_v1 || "$columns" != "$expected" ]]; then
  echo "the import made $table ($columns), not ds_1_v1 ($expected) as Benchmarks/aggregate.sql expects" >&2; exit 1
fi
echo "# table $table: $(sqlite3 "$db" "SELECT COUNT(*) FROM $table") rows, $columns; db $(du -h "$db" | cut -f1)"
echo "# indexes: $(sqlite3 "$db" "SELECT group_concat(name, ', ') FROM sqlite_master WHERE type = 'index' AND tbl_name = '$table'")"

q_plain='SELECT substr(c1, 1, 7) AS month, SUM(c3), AVG(c3), COUNT(*), COUNT(DISTINCT c2) FROM ds_1_v1 GROUP BY month ORDER BY month;'
q_bare='SELECT substr(c1, 1, 7) AS month, SUM(c3), AVG(c3), COUNT(*), COUNT(DISTINCT c2), c4, MAX(c1) FROM ds_1_v1 GROUP BY month ORDER BY month;'
q_mokmin=$(cat "$ROOT/Benchmarks/aggregate.sql")
printf '%s\n' "$q_plain" >"$WORK/plain.sql"
printf '%s\n' "$q_bare" >"$WORK/plain-latest.sql"
printf '%s\n' "$q_mokmin" >"$WORK/mokmin.sql"
printf 'PRAGMA cache_size = -32768;\n%s\n' "$q_mokmin" >"$WORK/mokmin-cache.sql"

echo "# query plan of Mokmin's statement:"
sqlite3 "$db" "EXPLAIN QUERY PLAN $q_mokmin" | sed 's/^/#   /'

# The answers agree: per month, sum, mean, count and distinct count with the plain query, and latest with the value
# of the month's last row by (day, row) read through the 일자 index (the bare column may pick any row of the last day).
sqlite3 -separator '|' "$db" <"$WORK/plain.sql" >"$WORK/plain.out"
sqlite3 -separator '|' "$db" <"$WORK/mokmin.sql" >"$WORK/mokmin.out"
cut -d'|' -f1 "$WORK/mokmin.out" | while read -r month; do
  echo "SELECT c4 FROM ds_1_v1 WHERE c1 >= '$month-01' AND c1 < '$month-99' ORDER BY c1 DESC, _row DESC LIMIT 1;"
done | sqlite3 "$db" >"$WORK/latest.out"
python3 - "$WORK/plain.out" "$WORK/mokmin.out" "$WORK/latest.out" <<'PY'
import sys
plain = [l.split("|") for l in open(sys.argv[1]).read().split()]
mokmin = [l.split("|") for l in open(sys.argv[2]).read().split()]
latest = open(sys.argv[3]).read().split()
assert len(plain) == len(mokmin) == len(latest) == 36, (len(plain), len(mokmin), len(latest))
assert [m[6] for m in mokmin] == latest, ([m[6] for m in mokmin], latest)
for p, m in zip(plain, mokmin):
    # plain: month, sum, mean, count, distinct; mokmin: month, n, sum, mean, count, distinct, latest
    assert p[0] == m[0], (p, m)
    assert abs(float(p[1]) - float(m[2])) <= 1e-6 * abs(float(p[1])), (p, m)
    assert abs(float(p[2]) - float(m[3])) <= 1e-9 * abs(float(p[2])), (p, m)
    assert p[3] == m[4] == m[1] and p[4] == m[5], (p, m)
print(f"# answers agree on {len(plain)} months; first: {'|'.join(mokmin[0])}")
PY

names=(plain plain-latest mokmin mokmin-cache32m)
files=(plain.sql plain-latest.sql mokmin.sql mokmin-cache.sql)
echo "# name runs median_s mean_s stddev_s min_s max_s"
if command -v hyperfine >/dev/null; then
  args=()
  for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "sqlite3 '$db' < '$WORK/${files[$i]}' > /dev/null"); done
  hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/hyperfine.json" --style none "${args[@]}" >"$WORK/hyperfine.txt"
  python3 - "$WORK/hyperfine.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']} {len(r['times'])} {r['median']:.3f} {r['mean']:.3f} {r['stddev']:.3f} {r['min']:.3f} {r['max']:.3f}")
PY
else
  echo "# (hyperfine not installed: sqlite3 .timer, one shell session per query, after one warm-up run)"
  for i in "${!names[@]}"; do
    file="$WORK/${files[$i]}"
    { echo ".output /dev/null"; grep '^PRAGMA' "$file" || true; grep -v '^PRAGMA' "$file"; echo ".timer on"
      for _ in $(seq 1 "$RUNS"); do grep -v '^PRAGMA' "$file"; done; } |
      sqlite3 "$db" 2>&1 | python3 -c '
import re, statistics, sys
t = [float(x) for x in re.findall(r"Run Time: real ([0-9.]+)", sys.stdin.read())]
print(f"{sys.argv[1]} {len(t)} {statistics.median(t):.3f} {statistics.mean(t):.3f} {statistics.pstdev(t):.3f} {min(t):.3f} {max(t):.3f}")' "${names[$i]}"
  done
fi
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
