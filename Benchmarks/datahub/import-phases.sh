#!/usr/bin/env bash
# Where the import's time goes (diagnosis for measurement 1):
#  a) the publishing transaction's SQL after the rows are in (column profile: COUNT DISTINCT, histograms, top
#     values per column; the _region index), timed in the sqlite3 shell on the imported 1,000,000-row table;
#  b) with CALLGRIND=1: a callgrind profile of `mokmin import` on a small input (PROFILE_ROWS, default 20000), top
#     functions by inclusive cost. On the benchmark machine (valgrind 3.19, Swift 6.3 release binary) valgrind aborts
#     (first on the DWARF 5 debug info, then, with it stripped, inside valgrind itself), so this is off by default.
# SKIP_SQL=1 skips a). Reuses $MOKMIN_BENCH_WORK/living-$ROWS.sqlite when import.sh left it there.
source "$(dirname "$0")/common.sh"
ROWS=${ROWS:-1000000}
PROFILE_ROWS=${PROFILE_ROWS:-20000}
machine_notes
db=$(living_database "$ROWS")
table=$(sqlite3 "$db" "SELECT tableName FROM datasetVersion ORDER BY id DESC LIMIT 1")
sqlite3 "$db" "SELECT json_group_array(json_object('c', j.value->>'sqlName', 't', j.value->>'type')) FROM datasetVersion v, json_each(v.columns) j WHERE v.tableName = '$table'" >"$WORK/columns.json"
# The statements ColumnProfiler runs, in the order it runs them.
python3 - "$table" "$WORK/columns.json" "$db" >"$WORK/profile.sql" <<'PY'
import json, sys, sqlite3
table, cols, db = sys.argv[1], json.load(open(sys.argv[2])), sqlite3.connect(sys.argv[3])
print(".timer on\n.output /dev/null")
for c in cols:
    n = f'"{c["c"]}"'
    print(f'SELECT COUNT({n}), COUNT(DISTINCT {n}), MIN({n}), MAX({n}), AVG({n}) FROM "{table}";')
    if c["t"] in ("integer", "decimal"):
        lo, hi = db.execute(f'SELECT MIN({n}), MAX({n}) FROM "{table}"').fetchone()
        w = (hi - lo) / 12 or 1
        print(f'SELECT MIN(11, CAST(({n} - {lo}) / {w} AS INTEGER)) AS b, COUNT(*) FROM "{table}" WHERE {n} IS NOT NULL GROUP BY b;')
    else:
        print(f'SELECT {n}, COUNT(*) AS n FROM "{table}" WHERE {n} IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 5;')
print(f'BEGIN; CREATE INDEX bench_region ON "{table}" (_region);')
print('ROLLBACK;')
PY
if [[ -z "${SKIP_SQL:-}" ]]; then
echo "# a) column-profile SQL of the publishing transaction on $table ($(sqlite3 "$db" "SELECT COUNT(*) FROM \"$table\"") rows), sqlite3 shell:"
sqlite3 "$db" <"$WORK/profile.sql" 2>&1 | python3 -c '
import re, sys
t = [float(x) for x in re.findall(r"Run Time: real ([0-9.]+)", sys.stdin.read())]
# The last 2 timings are CREATE INDEX (inside BEGIN ... ROLLBACK) and ROLLBACK.
prof = t[:-3]
print(f"PROFILE_SQL {len(prof)} statements, {sum(prof):.2f} s total; slowest {max(prof):.2f} s")
print(f"REGION_INDEX {sum(t[-3:]):.2f} s")'
fi

if [[ -n "${CALLGRIND:-}" ]] && command -v valgrind >/dev/null; then
  csv=$(living_population "$PROFILE_ROWS")
  pdb="$WORK/profile.sqlite"; rm -f "$pdb"*; cp "$WORK/template.sqlite" "$pdb"
  echo "# b) callgrind of mokmin import, $PROFILE_ROWS rows (inclusive share of all instructions):"
  # Valgrind 3.19 cannot read the DWARF 5 debug info Swift 6 writes: profile a copy without it (symbols stay).
  objcopy --strip-debug "$MOKMIN" "$WORK/mokmin-nodebug"
  ( cd "$WORK" && valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind.out" "$WORK/mokmin-nodebug" import "$csv" \
      --dataset profile --visibility public --db "$pdb" >"$WORK/callgrind.log" 2>&1 ) || { tail "$WORK/callgrind.log" >&2; exit 1; }
  callgrind_annotate --inclusive=yes --threshold=100 "$WORK/callgrind.out" 2>/dev/null | swift demangle --simplified |
    python3 -c '
import re, sys
lines = sys.stdin.read().splitlines()
total = None
for l in lines:
    m = re.match(r"\s*([\d,]+)\s+\(100\.0%\)\s+PROGRAM TOTALS", l)
    if m: total = int(m.group(1).replace(",", ""))
shown = 0
wanted = re.compile(r"ImportService|TypeInference|ValueParser|RowReader|DelimitedReader|CSVScanner|Iconv|UTF8Stream|iconv|sqlite3VdbeExec|sqlite3_step|"
                    r"StatementRowWriter|ColumnProfiler|RegionLinker|RegionService|RegionRegistry|reload|publish|execute|sqlite3BtreeInsert|"
                    r"sqlite3PagerCommit|walFrames|decode|malloc|free|swift_retain|swift_release|swift_bridgeObject|String|Array|Dictionary")
for l in lines:
    m = re.match(r"\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(?:\*\s+)?(.*)", l)
    if not m or "PROGRAM TOTALS" in l: continue
    pct, name = float(m.group(2)), m.group(3)
    name = re.sub(r"^[^:]*:", "", name, count=1) if name.startswith("???") or "/" in name.split(" ")[0] else name
    if pct >= 2.0 and wanted.search(name):
        print(f"CG {pct:5.1f}%  {name[:150]}")
        shown += 1
        if shown >= 45: break'
fi
