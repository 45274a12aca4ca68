#!/usr/bin/env bash
# PA search under load (issue 21): COUNT personal assistants (default 100,000, about every PA in
# England) spread over England, each with a travel distance, rate, free times and skills, then wrk
# at 1 and 8 connections for SECONDS each on GET /api/v1/pas (signed in as the demo budget
# holder) near three demo postcodes: a day, time and skill; any time; and a language, an interest
# and a top rate. Target: p99 under 50 ms. Prints a Markdown table.
# Usage: bench/pa_search.sh [COUNT] [SECONDS]. Installs wrk with apt if missing. Needs a release
# build (scripts/setup) and sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-100000}
DURATION=${2:-10}
PORT=18193
SERVER_PID=
command -v wrk >/dev/null || { apt-get update -q >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk >/dev/null; }
WORK=$(mktemp -d /tmp/selfdirect-pabench.XXXXXX)
cleanup() { kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
build/selfdirect demo --database "sqlite:$WORK/bench.db" --people 200 --password-file "$WORK/pw.json" >/dev/null
# England lies within about 50.0-55.8 N and 5.7 W-1.8 E; every PA gets a point in that box, 1-25
# miles of travel, £12.71-£17.50 an hour, each time of the week free with probability 0.45 and
# each of the first eight skills with probability 0.3 (the same shape as the demo's PAs).
sqlite3 "$WORK/bench.db" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $COUNT)
INSERT INTO users (council_id, email, display_name, role, password_hash, created_at)
SELECT 1, 'bench.pa.' || i || '@example.org', 'PA ' || i, 'personal_assistant', '!', 0 FROM n;
INSERT INTO pa_profiles (council_id, user_id, first_name, postcode, latitude_e6, longitude_e6,
  travel_miles, hourly_rate_pence, availability, skills, interests, languages, about, listed,
  dbs_level, created_at, updated_at)
SELECT 1, user_id, 'PA', 'HR1 1AA', 50000000 + abs(random()) % 5800000,
  -5700000 + abs(random()) % 7500000, 1 + abs(random()) % 25, 1271 + abs(random()) % 480,
  abs(random()) % 2097152,
  rtrim((CASE WHEN abs(random()) % 10 < 3 THEN 'personal_care' || char(10) ELSE '' END) ||
        (CASE WHEN abs(random()) % 10 < 3 THEN 'medication' || char(10) ELSE '' END) ||
        (CASE WHEN abs(random()) % 10 < 3 THEN 'driving' || char(10) ELSE '' END) ||
        (CASE WHEN abs(random()) % 10 < 3 THEN 'going_out' || char(10) ELSE '' END), char(10)),
  CASE WHEN abs(random()) % 10 < 3 THEN 'gardening' ELSE 'music' END,
  CASE WHEN abs(random()) % 10 < 2 THEN 'English' || char(10) || 'Polish' ELSE 'English' END,
  '', 1, 'enhanced', 0, 0
FROM users WHERE email LIKE 'bench.pa.%';
COMMIT;
SQL
build/selfdirect serve --database "sqlite:$WORK/bench.db" --listen "127.0.0.1:$PORT" --no-access-log >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
EMAIL=$(node -e "console.log(require('$WORK/pw.json').budget_holder.email)")
PASSWORD=$(node -e "console.log(require('$WORK/pw.json').budget_holder.password)")
COOKIE=$(curl -s -D - -o /dev/null -H 'content-type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$PORT/api/v1/sessions" \
  | grep -i '^set-cookie: sd_session=' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*);.*/\1/')
echo "wrk.headers[\"Cookie\"] = \"$COOKIE\"" >"$WORK/cookie.lua"
run() {  # run LABEL PATH CONNECTIONS
  local found out rps p50 p99
  found=$(curl -s -H "cookie: $COOKIE" "http://127.0.0.1:$PORT$2" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(j.considered+" in reach, "+j.pas.length+" shown")})')
  out=$(wrk -t1 -c"$3" -d"${DURATION}s" --latency -s "$WORK/cookie.lua" "http://127.0.0.1:$PORT$2" 2>&1)
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  echo "| $1 | $3 | $found | $rps | $p50 | $p99 |"
}
echo "Machine: $(nproc) cores; $(uname -srm); wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'); $COUNT PAs over England (+301 demo PAs); ${DURATION} s each"
echo
echo "| search | connections | PAs | req/s | p50 | p99 |"
echo "|---|---:|---|---:|---:|---:|"
for c in 1 8; do
  run "HR1 1AB, Monday morning, personal care" "/api/v1/pas?postcode=HR1%201AB&day=mon&part=morning&skill=personal_care" "$c"
  run "HR6 1AB, any time" "/api/v1/pas?postcode=HR6%201AB" "$c"
  run "HR4 1AB, Polish, gardening, up to 15.00, 100 shown" "/api/v1/pas?postcode=HR4%201AB&language=Polish&interests=gardening&max_rate=15.00&limit=100" "$c"
done
