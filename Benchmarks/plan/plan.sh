#!/usr/bin/env bash
# The innovation plan's speed goals (issue 14), on the release binary:
# 1. the plan overview and the readiness view for 64 tasks × 4 indicators × 8 quarters of reports: p50/p99 with wrk
#    (2 connections, 20 s each) against `mokmin serve` on 127.0.0.1, signed in with an API token;
# 2. recomputing 4 indicators computed from a 1,000,000-row dataset when a new version is published, as the server logs
#    it, beside the same four aggregates written as plain GROUP BY queries in the sqlite3 shell on the same table;
# 3. the review-meeting briefing as PDF (`mokmin plan briefing`) for that plan, with hyperfine.
# Env: ROWS (1000000), DURATION (20s). The two pages are measured in three alternating rounds.
source "$(dirname "$0")/../datahub/common.sh"
ROWS=${ROWS:-1000000}
DURATION=${DURATION:-20s}
for tool in wrk hyperfine chromium; do command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 1; }; done
machine_notes
db="$WORK/plan.sqlite"
template_db "$WORK/template.sqlite"
cp "$WORK/template.sqlite" "$db"

# The 1,000,000-row dataset: a day over 36 months, a 구분 of 8 values, a count and a running total.
python3 - "$WORK/rides.csv" "$ROWS" <<'PY'
import sys, datetime
path, rows = sys.argv[1], int(sys.argv[2])
start = datetime.date(2018, 1, 1)
with open(path, "w") as f:
    f.write("일자,구분,건수,누계\n")
    total = 0
    for i in range(rows):
        day = start + datetime.timedelta(days=(i * 1096) // rows)
        n = (i * 7919) % 97
        total += n
        f.write(f"{day.isoformat()},유형{i % 8},{n},{total}\n")
PY
"$MOKMIN" import "$WORK/rides.csv" --db "$db" --dataset rides --title "이용 실적 (벤치마크)" >/dev/null

# The plan: 4 areas × 16 tasks, each with 4 indicators (the first task's four are computed from `rides`), 3 milestones,
# and an evaluation framework of 10 indicators.
python3 - "$WORK" <<'PY'
import sys
work = sys.argv[1]
with open(f"{work}/evaluation.csv", "w") as f:
    f.write("평가영역,지표번호,평가지표,배점,증빙\n")
    for i in range(10):
        f.write(f"영역{i // 3 + 1},{i // 3 + 1}-{i % 3 + 1},평가지표 {i + 1},10,증빙 {i + 1}\n")
header = "역점분야,과제번호,과제명,담당부서,담당자,시작일,종료일,마일스톤,평가지표,성과지표,단위,기준값,목표값,방향,가중치,데이터셋,집계,값열,날짜열,주기"
computed = [("월 건수 합계", "합계", "건수"), ("월 평균 건수", "평균", "건수"), ("월 행 수", "건수", ""), ("누계", "최근값", "누계")]
with open(f"{work}/tasks.csv", "w") as f:
    f.write(header + "\n")
    for t in range(64):
        code = f"{t // 16 + 1}-{t % 16 + 1}"
        task = f"분야{t // 16 + 1},{code},과제 {t + 1},부서{t % 12 + 1},담당자,2019-01-01,2020-12-31,2019-06-30 착수 (완료 2019-06-20); 2020-06-30 중간; 2020-12-15 완료,{(t % 10) // 3 + 1}-{(t % 10) % 3 + 1}"
        for k in range(4):
            first = task if k == 0 else f",{code},,,,,,,"
            if t == 0:
                name, agg, col = computed[k]
                f.write(f"{first},{name},건,0,1000000,높을수록,1,rides,{agg},{col},일자,월\n")
            else:
                f.write(f"{first},지표{k + 1},%,0,100,높을수록,{k + 1},,,,,\n")
PY
"$MOKMIN" plan evaluation "$WORK/evaluation.csv" --db "$db" --year 2020 --title "평가 (벤치마크)" >/dev/null
"$MOKMIN" plan import "$WORK/tasks.csv" --db "$db" --year 2020 --organisation "벤치시" --title "혁신계획 (벤치마크)" >/dev/null

port=$(free_port)
start_server "$db" "$port"
echo "bench-password-1" | "$MOKMIN" user add --db "$db" --login bench --name 벤치 --role admin --password-stdin >/dev/null 2>&1 || true
token=$("$MOKMIN" token create --db "$db" --login bench --label bench 2>&1 | grep -oE 'mkm_[A-Za-z0-9_-]+' | head -1)
# 8 quarters of reports with the typed values of every task (63 × 8 = 504 reports, 4 values each), through the API.
python3 - "http://127.0.0.1:$port" "$token" <<'PY'
import json, sys, urllib.request
base, token = sys.argv[1:3]
def call(path, body=None):
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(), method="GET" if body is None else "POST",
                                 headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req))
plan = call("/api/plan")
count = 0
for task in plan["tasks"]:
    detail = call(f"/api/plan/tasks/{task['id']}")
    typed = [i["indicator"]["id"] for i in detail["indicators"] if "manual" in i["indicator"]["source"]]
    for q, period in enumerate([f"{y}Q{n}" for y in (2019, 2020) for n in (1, 2, 3, 4)]):
        if not typed: continue
        call(f"/api/plan/tasks/{task['id']}/reports/{period}",
             {"narrative": f"{period} 실적", "values": {str(i): (q + 1) * 11 + k for k, i in enumerate(typed)}, "submit": True})
        count += 1
print(f"# reports written: {count}")
PY
for round in 1 2 3; do
  for page in "/plan?period=2020Q4" "/plan/readiness?period=2020Q4"; do
    echo "## round $round: GET $page (wrk, 2 connections, $DURATION; load $(cut -d' ' -f1 /proc/loadavg))"
    wrk -t 2 -c 2 -d "$DURATION" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port$page" | grep -E "50%|99%|Requests/sec|Non-2xx"
  done
done
stop_server

echo "## recompute after a new version of the 1,000,000-row dataset (4 indicators)"
"$MOKMIN" import "$WORK/rides.csv" --db "$db" --dataset rides --title "이용 실적 (벤치마크)" > "$WORK/import2.log" 2>&1
grep -o 'indicators=4 seconds=[0-9.]*' "$WORK/import2.log" || grep "plan indicators" "$WORK/import2.log"
table=$(sqlite3 "$db" "SELECT v.tableName FROM datasetVersion v JOIN dataset d ON d.id = v.datasetID WHERE d.slug = 'rides' ORDER BY v.number DESC LIMIT 1")
col() { sqlite3 "$db" "SELECT j.value->>'sqlName' FROM datasetVersion v, json_each(v.columns) j WHERE v.tableName = '$table' AND j.value->>'label' = '$1'"; }
d=$(col 일자); n=$(col 건수); t=$(col 누계)
echo "## the same four aggregates as plain SQL in the sqlite3 shell ($table)"
hyperfine -r 5 -N "sqlite3 $db \"SELECT substr($d,1,7), SUM($n) FROM $table GROUP BY 1; SELECT substr($d,1,7), AVG($n) FROM $table GROUP BY 1; SELECT substr($d,1,7), COUNT(*) FROM $table GROUP BY 1; SELECT substr($d,1,7), $t FROM (SELECT $d, $t, ROW_NUMBER() OVER (PARTITION BY substr($d,1,7) ORDER BY $d DESC, _row DESC) AS r FROM $table) WHERE r = 1;\"" 2>&1 | grep -E "Time|Range"

echo "## the same four aggregates in one plain GROUP BY (latest as SQLite's bare column beside MAX)"
hyperfine -r 5 -N "sqlite3 $db \"SELECT substr($d,1,7), SUM($n), AVG($n), COUNT(*), MAX($d || printf(' %020d', _row)), $t FROM $table GROUP BY 1;\"" 2>&1 | grep -E "Time|Range"

echo "## the briefing PDF"
hyperfine -r 5 -N "$MOKMIN plan briefing --db $db --period 2020Q4 --out $WORK/briefing.pdf" 2>&1 | grep -E "Time|Range"
python3 -c "import re,sys; d=open(sys.argv[1],'rb').read(); print('# briefing:', len(d), 'bytes,', len(re.findall(rb'/Type\s*/Page[^s]', d)), 'pages')" "$WORK/briefing.pdf"
