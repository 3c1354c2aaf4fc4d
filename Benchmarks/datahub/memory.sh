#!/usr/bin/env bash
# Measurement 4: peak memory (GNU time) while importing ~100 MB and ~1 GB living-population inputs (CP949), the
# streaming claim. Each input is generated with `mokmin sample`, imported into a fresh database, then deleted.
# Env: SIZES_MB ("100 1000"): the input sizes in MB (10^6 bytes).
source "$(dirname "$0")/common.sh"
SIZES_MB=${SIZES_MB:-100 1000}
machine_notes
template_db "$WORK/template.sqlite"
probe=$(living_population 10000)
bytes_per_row=$(python3 -c "print($(stat -c %s "$probe") / 10000)")
echo "# $bytes_per_row bytes per row (CP949); disk before: $(df -h "$WORK" | awk 'NR==2 {print $4 " free"}')"
echo "# size_MB rows file_bytes generate_s import_wall_s rows_per_s peak_rss_MiB db_bytes"
for mb in $SIZES_MB; do
  rows=$(python3 -c "print(int($mb * 1e6 / $bytes_per_row))")
  start=$(date +%s.%N)
  csv=$(living_population "$rows")
  gen=$(python3 -c "print(round($(date +%s.%N) - $start, 1))")
  db="$WORK/memory-$mb.sqlite"
  rm -f "$db" "$db-wal" "$db-shm"; cp "$WORK/template.sqlite" "$db"
  read -r wall rss < <(timed "$WORK/memory-import.log" "$MOKMIN" import "$csv" --dataset living-population \
    --title "생활인구 (합성)" --visibility public --db "$db")
  grep -q "published: living-population v1, $rows rows" "$WORK/memory-import.log" || { cat "$WORK/memory-import.log" >&2; exit 1; }
  size=$(( $(stat -c %s "$db") + $(stat -c %s "$db-wal" 2>/dev/null || echo 0) ))
  echo "$mb $rows $(stat -c %s "$csv") $gen $wall $(python3 -c "print(round($rows / $wall))") $((rss / 1024)) $size"
  echo "# disk with input and database: $(df -h "$WORK" | awk 'NR==2 {print $4 " free"}')"
  rm -f "$csv" "$db" "$db-wal" "$db-shm"
done
