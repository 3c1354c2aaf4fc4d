#!/usr/bin/env bash
# Measurement 1: import of the living-population layout (default 1,000,000 rows, CP949), file -> published dataset,
# beside sqlite3's `.import --csv` of the same file converted to UTF-8, in the same run, alternating the tools.
# Two more references show what SQLite alone needs to store what mokmin stores (no file read, no parsing): the
# imported typed table copied row by row by `INSERT … SELECT` into a new database, (a) in WAL mode with the same indexes and the
# same settings as mokmin (synchronous NORMAL, 32 MiB cache) and (b) with sqlite3's defaults (rollback journal) and no
# index, as `.import` writes.
# Env: ROWS (1000000), RUNS (3). Prints one line per run and the medians.
source "$(dirname "$0")/common.sh"
ROWS=${ROWS:-1000000}
RUNS=${RUNS:-3}
machine_notes
template_db "$WORK/template.sqlite"
csv=$(living_population "$ROWS")
utf8="$WORK/living-$ROWS.utf8.csv"
read -r iconv_s iconv_rss < <(timed "$WORK/iconv.log" sh -c "iconv -f CP949 -t UTF-8 '$csv' > '$utf8'")
echo "# input: $ROWS rows, $(stat -c %s "$csv") bytes CP949 ($(stat -c %s "$utf8") bytes UTF-8); iconv to UTF-8 took ${iconv_s}s (not counted for sqlite3)"
echo "# run tool wall_s rows_per_s peak_rss_MiB db_bytes"
m_wall=(); m_rss=(); s_wall=(); s_rss=(); fw_wall=(); fd_wall=()
# Copies the newest version's table of database $1 into a new database, as in the header: $2 = wal-indexed|rollback-plain.
store_only() {
  local src=$1 variant=$2 out="$WORK/store-only.sqlite" table
  table=$(sqlite3 "$src" "SELECT tableName FROM datasetVersion ORDER BY id DESC LIMIT 1")
  rm -f "$out" "$out-wal" "$out-shm"
  {
    if [[ $variant == wal-indexed ]]; then echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768;"; fi
    echo "ATTACH '$src' AS src;"
    sqlite3 "$src" "SELECT sql || ';' FROM sqlite_master WHERE tbl_name = '$table' AND type = 'table'"
    if [[ $variant == wal-indexed ]]; then sqlite3 "$src" "SELECT sql || ';' FROM sqlite_master WHERE tbl_name = '$table' AND type = 'index'"; fi
    # The WHERE clause keeps SQLite from copying the stored records as they are (its transfer optimisation): each
    # row is decoded and encoded again, as when values are bound.
    echo "INSERT INTO main.\"$table\" SELECT * FROM src.\"$table\" WHERE _row IS NOT NULL;"
  } >"$WORK/store-only.sql"
  timed "$WORK/store-only.log" sh -c "sqlite3 '$out' < '$WORK/store-only.sql' >/dev/null"
  rm -f "$out" "$out-wal" "$out-shm"
}
for run in $(seq 1 "$RUNS"); do
  db="$WORK/import-run.sqlite"
  rm -f "$db" "$db-wal" "$db-shm"; cp "$WORK/template.sqlite" "$db"
  read -r wall rss < <(timed "$WORK/mokmin-import.log" "$MOKMIN" import "$csv" --dataset living-population \
    --title "생활인구 (합성)" --visibility public --db "$db")
  grep -q "published: living-population v1, $ROWS rows" "$WORK/mokmin-import.log" || { cat "$WORK/mokmin-import.log" >&2; exit 1; }
  size=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))
  m_wall+=("$wall"); m_rss+=("$rss")
  echo "$run mokmin-import $wall $(python3 -c "print(round($ROWS/$wall))") $((rss / 1024)) $size"
  read -r wall rss < <(store_only "$db" wal-indexed); fw_wall+=("$wall")
  echo "$run sqlite3-store-only-wal-indexed $wall $(python3 -c "print(round($ROWS/$wall))") $((rss / 1024)) -"
  read -r wall rss < <(store_only "$db" rollback-plain); fd_wall+=("$wall")
  echo "$run sqlite3-store-only-rollback-plain $wall $(python3 -c "print(round($ROWS/$wall))") $((rss / 1024)) -"
  if [[ "$run" == "$RUNS" && "$OWN_WORK" == 0 ]]; then
    sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null; mv "$db" "$WORK/living-$ROWS.sqlite"; rm -f "$db-wal" "$db-shm"
  else
    rm -f "$db" "$db-wal" "$db-shm"
  fi

  ref="$WORK/sqlite3-run.sqlite"
  rm -f "$ref"
  read -r wall rss < <(timed "$WORK/sqlite3-import.log" sqlite3 "$ref" ".import --csv '$utf8' living")
  count=$(sqlite3 "$ref" 'SELECT COUNT(*) FROM living')
  [[ "$count" == "$ROWS" ]] || { echo "sqlite3 imported $count rows" >&2; exit 1; }
  s_wall+=("$wall"); s_rss+=("$rss")
  echo "$run sqlite3-.import $wall $(python3 -c "print(round($ROWS/$wall))") $((rss / 1024)) $(stat -c %s "$ref")"
  rm -f "$ref"
done
mw=$(median "${m_wall[@]}"); sw=$(median "${s_wall[@]}"); mr=$(median "${m_rss[@]}"); sr=$(median "${s_rss[@]}")
fw=$(median "${fw_wall[@]}"); fd=$(median "${fd_wall[@]}")
echo "# report (mokmin, last run):"; python3 -c 'import sys; [print("#  ", l.rstrip()[:160]) for l in open(sys.argv[1])]' "$WORK/mokmin-import.log"
python3 - "$ROWS" "$mw" "$sw" "$mr" "$sr" "$fw" "$fd" <<'PY'
import sys
rows, mw, sw, mr, sr, fw, fd = int(sys.argv[1]), *map(float, sys.argv[2:])
print(f"MEDIAN mokmin import: {mw:.2f} s, {rows/mw:,.0f} rows/s, peak RSS {mr/1024:.0f} MiB")
print(f"MEDIAN sqlite3 .import: {sw:.2f} s, {rows/sw:,.0f} rows/s, peak RSS {sr/1024:.0f} MiB")
print(f"RATIO mokmin/sqlite3 wall time: {mw/sw:.2f}x  (goal < 1.00: {'met' if mw < sw else 'NOT met'});"
      f" peak RSS goal < 200 MB: {'met' if mr*1024 < 200e6 else 'NOT met'}")
print(f"MEDIAN SQLite alone storing mokmin's typed rows: {fw:.2f} s in WAL with its indexes, {fd:.2f} s with a rollback journal"
      f" and no index; mokmin/WAL-indexed {mw/fw:.2f}x, sqlite3 .import/WAL-indexed {sw/fw:.2f}x")
PY
