#!/usr/bin/env bash
# Issue 16: import of the living-population layout (default 1,000,000 rows, CP949) into PostgreSQL, file → published
# dataset (typed table loaded with COPY, indexes, profile), beside PostgreSQL's own `\copy` of the same file converted to
# UTF-8 into a table of text columns (no types, no index, no checking), and beside mokmin's import into SQLite, in the
# same run, alternating the tools. A fresh database per run, copied from a template holding the bundled regions.
# Env: ROWS (1000000), RUNS (3), PG (the server, default the one `.ci/postgres start` makes).
source "$(dirname "$0")/../datahub/common.sh"
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
PG=${PG:-postgres://postgres@127.0.0.1:54329}
command -v psql >/dev/null || { echo "missing psql" >&2; exit 1; }
machine_notes
echo "# postgresql: $(psql "$PG/postgres" -Atc 'SHOW server_version') at $PG (fsync $(psql "$PG/postgres" -Atc 'SHOW fsync'), synchronous_commit $(psql "$PG/postgres" -Atc 'SHOW synchronous_commit'))"
csv=$(living_population "$ROWS")
utf8="$WORK/living-$ROWS.utf8.csv"
[[ -s "$utf8" ]] || iconv -f CP949 -t UTF-8 "$csv" > "$utf8"
echo "# input: $ROWS rows, $(stat -c %s "$csv") bytes CP949 ($(stat -c %s "$utf8") bytes UTF-8)"

psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS bench_tmpl WITH (FORCE)" -c "CREATE DATABASE bench_tmpl" >/dev/null
"$MOKMIN" migrate --db "$PG/bench_tmpl?sslmode=disable" >/dev/null
"$MOKMIN" sample living-population --rows 1 --out "$WORK/.seed.csv" --db "$PG/bench_tmpl?sslmode=disable" >/dev/null
template_db "$WORK/template.sqlite"
columns=$(head -1 "$utf8" | python3 -c 'import sys,csv; print(", ".join("\"%s\" text" % c.replace("\"","") for c in next(csv.reader(sys.stdin))))')

echo "# run tool wall_s rows_per_s peak_rss_MiB"
p_wall=(); c_wall=(); s_wall=(); p_rss=()
for run in $(seq 1 "$RUNS"); do
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS bench_run WITH (FORCE)" -c "CREATE DATABASE bench_run TEMPLATE bench_tmpl" >/dev/null
  read -r wall rss < <(timed "$WORK/pg-import.log" "$MOKMIN" import "$csv" --dataset living-population \
    --title "생활인구 (합성)" --visibility public --db "$PG/bench_run?sslmode=disable")
  grep -q "published: living-population v1, $ROWS rows" "$WORK/pg-import.log" || { cat "$WORK/pg-import.log" >&2; exit 1; }
  p_wall+=("$wall"); p_rss+=("$rss")
  echo "$run mokmin-import-postgresql $wall $(python3 -c "print(round($ROWS/$wall))") $((rss / 1024))"

  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS bench_copy WITH (FORCE)" -c "CREATE DATABASE bench_copy" >/dev/null
  psql "$PG/bench_copy" -qc "CREATE TABLE living ($columns)" >/dev/null
  read -r wall rss < <(timed "$WORK/psql-copy.log" psql "$PG/bench_copy" -qc "\\copy living FROM '$utf8' WITH (FORMAT csv, HEADER true)")
  count=$(psql "$PG/bench_copy" -Atc 'SELECT count(*) FROM living')
  [[ "$count" == "$ROWS" ]] || { echo "psql copied $count rows" >&2; exit 1; }
  c_wall+=("$wall")
  echo "$run psql-\\copy-text $wall $(python3 -c "print(round($ROWS/$wall))") $((rss / 1024))"

  if [[ "$run" == 1 ]]; then
    db="$WORK/import-run.sqlite"
    rm -f "$db" "$db-wal" "$db-shm"; cp "$WORK/template.sqlite" "$db"
    read -r wall rss < <(timed "$WORK/sqlite-import.log" "$MOKMIN" import "$csv" --dataset living-population --title "생활인구 (합성)" --visibility public --db "$db")
    s_wall+=("$wall")
    echo "$run mokmin-import-sqlite $wall $(python3 -c "print(round($ROWS/$wall))") $((rss / 1024))"
    rm -f "$db" "$db-wal" "$db-shm"
  fi
done
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS bench_copy WITH (FORCE)" >/dev/null
pw=$(median "${p_wall[@]}"); cw=$(median "${c_wall[@]}"); pr=$(median "${p_rss[@]}")
python3 - "$ROWS" "$pw" "$cw" "$pr" "${s_wall[0]}" <<'PY'
import sys
rows, pw, cw, pr, sw = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
print(f"MEDIAN mokmin import into PostgreSQL: {pw:.2f} s, {rows/pw:,.0f} rows/s, peak RSS {pr/1024:.0f} MiB")
print(f"MEDIAN psql \\copy (text columns): {cw:.2f} s, {rows/cw:,.0f} rows/s")
print(f"RATIO mokmin-PostgreSQL / psql \\copy: {pw/cw:.2f}x (goal <= 1.5: {'met' if pw <= 1.5*cw else 'NOT met'})")
print(f"mokmin import into SQLite (one run): {sw:.2f} s; PostgreSQL/SQLite {pw/sw:.2f}x")
PY
