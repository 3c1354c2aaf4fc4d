#!/usr/bin/env bash
# A poll with 100,000 votes: casting a vote (POST /participate/polls/1/vote, a verified resident each time) measured
# with wrk while a second wrk reads the live results page and the results JSON, on loopback against a release build.
# Reference in the same run: /health under the same load (the server's floor: routing, middleware, no database).
#
#   bash Benchmarks/participation/vote.sh            # builds release into .build-bench, then measures
#   MOKMIN=/path/to/mokmin bash Benchmarks/participation/vote.sh
#
# The 100,000 cast ballots and the 30,000 residents who vote during the run are written straight into the database
# with Python's sqlite3 (the same rows the service writes: "has voted", the ballot with its random key, the choice, the
# tallies), and each resident gets a participation session whose cookie and CSRF token wrk sends.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
if [ -z "${MOKMIN:-}" ]; then
    swift build -c release --product mokmin --scratch-path .build-bench >/dev/null
    MOKMIN="$root/.build-bench/release/mokmin"
fi
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/vote.sqlite"
port=18455
cast=100000
voters=30000

"$MOKMIN" migrate --db "$db" >/dev/null
python3 - "$db" "$cast" "$voters" "$work/sessions.txt" <<'PY'
import hashlib, os, random, sqlite3, sys, datetime
db, cast, voters, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
c = sqlite3.connect(db)
now = datetime.datetime.utcnow()
fmt = lambda d: d.strftime("%Y-%m-%d %H:%M:%S.000")
emds = ["3611051000", "3611052000", "3611053000", "3611054000", "3611055000", "3611025000", "3611031000", "3611032000"]
c.execute("INSERT INTO poll (question, description, multipleChoice, maxChoices, opensAt, closesAt, minAge, liveResults, isNamed, createdBy, createdAt) VALUES ('벤치마크 투표', '', 0, 1, ?, ?, 0, 1, 0, 'bench', ?)",
          (fmt(now - datetime.timedelta(days=1)), fmt(now + datetime.timedelta(days=30)), fmt(now)))
for i, label in enumerate(["가", "나", "다", "라"]):
    c.execute("INSERT INTO pollOption (pollID, position, label) VALUES (1, ?, ?)", (i + 1, label))
rnd = random.Random(15)
rows = [("code", emds[i % len(emds)], 1940 + i % 66, fmt(now), fmt(now)) for i in range(cast + voters)]
c.executemany("INSERT INTO resident (source, emdCode, birthYear, createdAt, verifiedAt) VALUES (?, ?, ?, ?, ?)", rows)
c.executemany("INSERT INTO pollParticipation (pollID, residentID) VALUES (1, ?)", [(i + 1,) for i in range(cast)])
ballots = [(os.urandom(16), emds[i % len(emds)], (((2026 - (1940 + i % 66)) // 10) * 10) if (2026 - (1940 + i % 66)) < 70 else 70) for i in range(cast)]
c.executemany("INSERT INTO pollBallot (id, pollID, emdCode, ageBand) VALUES (?, 1, ?, ?)", ballots)
c.executemany("INSERT INTO pollBallotChoice (ballotID, optionID) VALUES (?, ?)", [(b[0], rnd.randint(1, 4)) for b in ballots])
# The tallies the casting transaction keeps (as migration v10 fills them from existing ballots).
c.execute("INSERT INTO pollTally (pollID, optionID, emdCode, ageBand, votes) SELECT b.pollID, c.optionID, b.emdCode, b.ageBand, COUNT(*) FROM pollBallot b JOIN pollBallotChoice c ON c.ballotID = b.id GROUP BY 1, 2, 3, 4")
c.execute("INSERT INTO pollTurnout (pollID, emdCode, ageBand, ballots) SELECT pollID, emdCode, ageBand, COUNT(*) FROM pollBallot GROUP BY 1, 2, 3")
with open(out, "w") as f:
    for r in range(cast + 1, cast + voters + 1):
        cookie = os.urandom(24).hex()
        csrf = os.urandom(16).hex()
        c.execute("INSERT INTO residentSession (idHash, residentID, csrfToken, expiresAt) VALUES (?, ?, ?, ?)",
                  (hashlib.sha256(cookie.encode()).hexdigest(), r, csrf, fmt(now + datetime.timedelta(days=1))))
        f.write(f"{cookie} {csrf}\n")
c.commit()
PY

"$MOKMIN" serve --db "$db" --port $port --log-level warning >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done

cat >"$work/vote.lua" <<'LUA'
local sessions = {}
local n = 0
function init(args)
  for line in io.lines(args[1]) do
    local cookie, csrf = line:match("(%S+) (%S+)")
    table.insert(sessions, {cookie, csrf})
  end
  -- Each thread takes its own slice, so that no resident votes twice.
  n = tonumber(args[2]) * math.floor(#sessions / tonumber(args[3]))
end
function request()
  n = n + 1
  local s = sessions[n]
  if s == nil then return wrk.format("GET", "/health") end
  local body = "option=" .. tostring((n % 4) + 1) .. "&csrf_token=" .. s[2]
  return wrk.format("POST", "/participate/polls/1/vote",
    {["Cookie"] = "mokmin_resident=" .. s[1], ["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
local codes = {}
function response(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
end
function done(summary, latency, requests)
  io.write(string.format("vote p50 %.2f ms  p99 %.2f ms  max %.2f ms  requests %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.requests))
end
LUA
# wrk gives each thread its own Lua state; pass the thread's index through a setup hook.
cat >"$work/setup.lua" <<'LUA'
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
LUA

echo "== reference: /health, 2 connections, 10 s"
wrk -t1 -c2 -d10s --latency "http://127.0.0.1:$port/health" | grep -E "50%|99%|Requests/sec"
echo "== results read alone: /participate/polls/1 (live results, 100,000 ballots), 2 connections, 10 s"
wrk -t1 -c2 -d10s --latency "http://127.0.0.1:$port/participate/polls/1" | grep -E "50%|99%|Requests/sec"
for voters_c in 1 4; do
    echo "== casting on $voters_c connection(s) while the results page and the JSON are read (2 connections each)"
    wrk -t1 -c2 -d17s --latency "http://127.0.0.1:$port/participate/polls/1" >"$work/read.txt" &
    reader=$!
    wrk -t1 -c2 -d17s --latency "http://127.0.0.1:$port/api/polls/1" >"$work/readjson.txt" &
    reader2=$!
    sleep 1
    # Each run takes its own half of the residents, so nobody votes twice.
    wrk -t1 -c$voters_c -d15s --latency -s "$work/vote.lua" "http://127.0.0.1:$port" -- "$work/sessions.txt" $([ "$voters_c" = 1 ] && echo 0 || echo 1) 2 \
        | grep -E "Requests/sec|vote p"
    wait $reader $reader2
    echo "-- results page during the casting:"; grep -E "99%|Requests/sec" "$work/read.txt"
    echo "-- results JSON during the casting:"; grep -E "99%|Requests/sec" "$work/readjson.txt"
done
echo "== the count after the run (one ballot per resident, no error rows)"
sqlite3 "$db" "SELECT (SELECT COUNT(*) FROM pollBallot) AS ballots, (SELECT COUNT(*) FROM pollParticipation) AS voted;"
