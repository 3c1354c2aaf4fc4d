#!/usr/bin/env bash
# Participatory-budgeting rules (issue 15): `mokmin pb` beside pabutools 1.2.3 on the bundled Pabulib files.
# For each file and rule: the rule's own time on both sides (each prints "seconds" without reading the file), the
# ratio pabutools / Mokmin, and whether both selected the same set. Then the geometric mean of the ratios per rule and
# the figures of the largest file.
# Env: RULES (default "mes-add1-greedy"; any of greedy,mes,mes-add1,mes-add1-greedy,mes-step, comma-separated),
#      FILES (default: every bundled .pb file; names or paths), MOKMIN (default: the release build in .build-bench),
#      REFERENCE (a JSON-lines file of earlier pabutools runs to reuse, as pabutools_reference.py prints them: pabutools
#      takes over 20 minutes per MES completion on Warszawa 2021 Bielany).
# Needs: python3 with pabutools==1.2.3 (pip install pabutools==1.2.3) unless REFERENCE covers every pair.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA="$ROOT/Tests/MokminBudgetTests/Resources/pabulib"
SCRIPT="$ROOT/Tests/MokminBudgetTests/Resources/pabutools_reference.py"
RULES=${RULES:-mes-add1-greedy}
MOKMIN=${MOKMIN:-$ROOT/.build-bench/release/mokmin}
if [[ -z "${SKIP_BUILD:-}" ]]; then
  (cd "$ROOT" && swift build -c release --product mokmin --scratch-path .build-bench >/dev/null)
fi
[[ -x "$MOKMIN" ]] || { echo "no release binary at $MOKMIN" >&2; exit 1; }
if [[ -n "${FILES:-}" ]]; then
  read -r -a files <<<"$FILES"
else
  files=("$DATA"/*.pb)
fi
WORK=$(mktemp -d /tmp/mokmin-pb.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(python3 -c 'import pabutools, importlib.metadata as m; print("pabutools", m.version("pabutools"))' 2>/dev/null || echo 'pabutools not installed')"
for f in "${files[@]}"; do
  [[ -f "$f" ]] || f="$DATA/$f"
  IFS=, read -r -a rules <<<"$RULES"
  for rule in "${rules[@]}"; do
    "$MOKMIN" pb "$f" --rule "$rule" >>"$WORK/mokmin.jsonl"
    name=$(basename "$f")
    if [[ -n "${REFERENCE:-}" ]] && grep -q "\"file\": \"$name\", \"rule\": \"$rule\"" "$REFERENCE"; then
      grep "\"file\": \"$name\", \"rule\": \"$rule\"" "$REFERENCE" | tail -1 >>"$WORK/pabutools.jsonl"
    else
      python3 "$SCRIPT" "$rule" "$f" >>"$WORK/pabutools.jsonl"
    fi
  done
done
python3 - "$WORK/mokmin.jsonl" "$WORK/pabutools.jsonl" "$DATA" <<'PY'
import json, math, os, sys
mine = [json.loads(l) for l in open(sys.argv[1])]
ref = {(d["file"], d["rule"]): d for d in map(json.loads, open(sys.argv[2]))}
print(f"{'file':58} {'rule':16} {'Mokmin s':>9} {'pabutools s':>12} {'ratio':>8}  same set")
ratios = {}
for m in mine:
    r = ref[(m["file"], m["rule"])]
    ratio = r["seconds"] / max(m["seconds"], 1e-6)
    ratios.setdefault(m["rule"], []).append((m["file"], ratio, m["seconds"], r["seconds"]))
    same = sorted(m["selected"]) == sorted(r["selected"])
    print(f"{m['file'][:58]:58} {m['rule']:16} {m['seconds']:9.4f} {r['seconds']:12.4f} {ratio:8.1f}  {'yes' if same else 'NO'}")
largest = max({m["file"] for m in mine}, key=lambda f: os.path.getsize(os.path.join(sys.argv[3], f)))
for rule, rows in ratios.items():
    geo = math.exp(sum(math.log(r) for _, r, _, _ in rows) / len(rows))
    print(f"{rule}: geometric mean of pabutools / Mokmin over {len(rows)} files: {geo:.1f}x")
    for f, r, ms, ps in rows:
        if f == largest:
            print(f"{rule}: largest file {f}: Mokmin {ms:.3f} s, pabutools {ps:.1f} s, {r:.0f}x")
PY
