#!/usr/bin/env bash
# Diagnosis for measurement 2: what an index on the filter column would give, in the sqlite3 shell, on a copy of the
# 1,000,000-row dataset ($MOKMIN_BENCH_WORK/living-$ROWS.sqlite from import.sh). Times (median of SQL_RUNS) the rows
# statement and the COUNT, with mokmin's CAST(... AS TEXT) filter and with a plain comparison, after
# CREATE INDEX ON (행정동코드, 총생활인구수).
source "$(dirname "$0")/common.sh"
ROWS=${ROWS:-1000000}
SQL_RUNS=${SQL_RUNS:-20}
src="$WORK/living-$ROWS.sqlite"
[[ -s "$src" ]] || { echo "run import.sh with MOKMIN_BENCH_WORK=$WORK first" >&2; exit 1; }
machine_notes
db="$WORK/index-copy.sqlite"; cp "$src" "$db"; trap 'rm -f "$db"*; cleanup' EXIT
t=$(sqlite3 "$db" "SELECT tableName FROM datasetVersion ORDER BY id DESC LIMIT 1")
start=$(date +%s.%N); sqlite3 "$db" "CREATE INDEX bench_code_total ON \"$t\" (c3, c4 DESC)"
echo "# CREATE INDEX ($t: c3 = 행정동코드, c4 = 총생활인구수): $(python3 -c "print(round($(date +%s.%N) - $start, 2))") s"
run() {
  { echo ".timer on"; echo ".output /dev/null"; for _ in $(seq 1 "$SQL_RUNS"); do echo "$2"; done; } | sqlite3 "$db" 2>&1 |
    python3 -c 'import sys, re, statistics; t=[float(x)*1000 for x in re.findall(r"Run Time: real ([0-9.]+)", sys.stdin.read())]; print(sys.argv[1], len(t), "median %.1f ms, max %.1f ms" % (statistics.median(t), max(t)))' "$1"
  echo "#   plan: $(sqlite3 "$db" "EXPLAIN QUERY PLAN $2" | tail -n +2 | tr '\n' ' ')"
}
cols=$(python3 -c "print(', '.join('c%d' % i for i in range(1, 33)))")
run rows_with_cast "SELECT _region, $cols FROM \"$t\" WHERE CAST(c3 AS TEXT) = '36110250' ORDER BY c4 DESC, _row LIMIT 100;"
run count_with_cast "SELECT COUNT(*) FROM \"$t\" WHERE CAST(c3 AS TEXT) = '36110250';"
run rows_plain "SELECT _region, $cols FROM \"$t\" WHERE c3 = '36110250' ORDER BY c4 DESC, _row LIMIT 100;"
run count_plain "SELECT COUNT(*) FROM \"$t\" WHERE c3 = '36110250';"
