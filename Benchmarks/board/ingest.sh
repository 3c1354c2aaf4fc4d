#!/usr/bin/env bash
# Ingest: sustained readings per second into the store, through `mokmin feed load` (the feed's parser, one
# transaction per file, each series' latest value, the feed's health and the live-stream event), against sqlite3
# loading the same readings into a table of the same shape in the same run.
#
#   bash Benchmarks/board/ingest.sh [FILES] [ROWS_PER_FILE]
# Each file is a generic-feed CSV of ROWS_PER_FILE rows × 10 value columns (= 10 readings per row) for 1,000 sensors.
source "$(dirname "$0")/common.sh"
FILES=${1:-10}
ROWS=${2:-10000}
DB="$WORK/ingest.sqlite"
"$MOKMIN" migrate --db "$DB" >/dev/null
MAPPING='{"mapping":{"format":"csv","seriesPrefix":"bench","seriesField":"sensor","valueFields":["v0","v1","v2","v3","v4","v5","v6","v7","v8","v9"],"timeField":"time"}}'
"$MOKMIN" feed add --db "$DB" --name bench --kind generic --url http://127.0.0.1:9/bench --every 60 --settings "$MAPPING" >/dev/null
python3 - "$WORK" "$FILES" "$ROWS" <<'PY'
import sys, random
work, files, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(7)
long = open(f"{work}/long.csv", "w")
long.write("seriesID,time,value\n")
step = 0
for f in range(files):
    with open(f"{work}/batch{f}.csv", "w") as out:
        out.write("sensor,time," + ",".join(f"v{i}" for i in range(10)) + "\n")
        for r in range(rows):
            sensor = r % 1000
            if sensor == 0: step += 1
            t = 1_790_000_000 + step * 60 + 9 * 3600
            day, rest = divmod(t, 86400)
            import datetime
            stamp = (datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=t)).strftime("%Y-%m-%dT%H:%M:%S")
            values = [f"{random.uniform(0, 100):.1f}" for _ in range(10)]
            out.write(f"s{sensor},{stamp}," + ",".join(values) + "\n")
            for i, v in enumerate(values):
                long.write(f"bench/s{sensor}/v{i},{stamp},{v}\n")
PY
echo "== mokmin feed load: $FILES files × $ROWS rows × 10 values"
total=0
stored=0
for f in $(seq 0 $((FILES - 1))); do
  line=$("$MOKMIN" feed load --db "$DB" bench "$WORK/batch$f.csv" | head -1)
  echo "$line"
  seconds=$(echo "$line" | sed -E 's/.* in ([0-9.]+) s .*/\1/')
  store=$(echo "$line" | sed -E 's/.*store ([0-9.]+) s.*/\1/')
  total=$(python3 -c "print($total + $seconds)")
  stored=$(python3 -c "print($stored + $store)")
done
readings=$((FILES * ROWS * 10))
echo "mokmin (parse + store): $readings readings in $total s = $(python3 -c "print(round($readings / $total))") readings/s"
echo "mokmin (store only: readings, latest values, health, event, one transaction per file): $stored s = $(python3 -c "print(round($readings / $stored))") readings/s"
echo "== sqlite3 .import of the same readings into (seriesID, time) WITHOUT ROWID"
REF="$WORK/ref.sqlite"
sqlite3 "$REF" "PRAGMA journal_mode=WAL; CREATE TABLE reading (seriesID TEXT NOT NULL, time TEXT NOT NULL, value REAL, grade INTEGER, flagged INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (seriesID, time)) WITHOUT ROWID;" >/dev/null
start=$(date +%s.%N)
# .import creates the staging table from the header row; the INSERT then fills the indexed table (one transaction).
sqlite3 "$REF" ".mode csv" ".import $WORK/long.csv reading_in" "INSERT INTO reading (seriesID, time, value) SELECT seriesID, time, value FROM reading_in;"
end=$(date +%s.%N)
ref=$(python3 -c "print(round($end - $start, 2))")
echo "sqlite3: $readings readings in $ref s = $(python3 -c "print(round($readings / ($end - $start)))") readings/s"
echo "stored: mokmin $(sqlite3 "$DB" 'SELECT COUNT(*) FROM reading'), sqlite3 $(sqlite3 "$REF" 'SELECT COUNT(*) FROM reading')"
