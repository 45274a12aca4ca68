#!/usr/bin/env bash
# The practitioners' review list (issue 23: under 50 ms p99 for a council of 6,000 people with a
# budget). Makes a demo council of PEOPLE people, gives every one of them an agreed plan in force
# (agreed over the last two years), a review held for two in three (about 6 to 14 months ago), a
# direct payment for those the demo pays, and an open request for one in fifty; serves it and
# measures with wrk at 1 and 8 connections: the practitioner's list (their team: overdue and due
# soon, and everyone), and the administrator's JSON list of every team.
# Usage: bench/reviews.sh [SECONDS] [PEOPLE]   (defaults 10 s, 6,000 people)
# Installs wrk with apt if missing. Needs a release build (scripts/setup).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
PEOPLE=${2:-6000}
PORT=18184
command -v wrk >/dev/null || { apt-get update -q >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk >/dev/null; }
WORK=$(mktemp -d /tmp/selfdirect-reviews.XXXXXX)
cleanup() { kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
SERVER_PID=
trap cleanup EXIT
DB="$WORK/bench.db"
build/selfdirect demo --database "sqlite:$DB" --people "$PEOPLE" --password-file "$WORK/pw.json" >/dev/null
# Everyone without a plan in force gets one (the demo agrees plans for about four in ten), agreed
# on a day spread over two years; two in three have had a review since; one in fifty asked for one.
# (The triggers of migration 0022 keep each plan's last review and open request as these go in.)
sqlite3 "$DB" <<SQL
INSERT INTO review_plans (council_id, person_id, plan_id, plan_version, agreed_on, plan_review_date, team_id)
SELECT council_id, person_id, 1000000 + person_id, 2, date('now', '-' || (person_id * 37 % 730) || ' days'), NULL, team_id
FROM people WHERE person_id NOT IN (SELECT person_id FROM review_plans);
INSERT INTO reviews (council_id, person_id, plan_id, plan_version, reason, due, held_on, took_part, working,
  not_working, outcomes_json, answers_json, money_position, outcome, outcome_reason, recorded_by_user_id, recorded_at)
SELECT council_id, person_id, plan_id, plan_version, 'yearly', agreed_on,
  max(agreed_on, date('now', '-' || (180 + person_id * 13 % 250) || ' days')), 'The person', 'Most things', '', '[]', '[]', '',
  'no_change', '', NULL, 0
FROM review_plans WHERE person_id % 3 <> 0;
INSERT INTO review_requests (council_id, person_id, reason, detail, due, requested_by_user_id, requested_at)
SELECT council_id, person_id, 'hospital_stay', 'Home after a fall', date('now', '+' || (person_id % 20) || ' days'), NULL, 0
FROM review_plans WHERE person_id % 50 = 0;
SQL
PLANS=$(sqlite3 "$DB" "SELECT COUNT(*) FROM review_plans")
build/selfdirect serve --database "sqlite:$DB" --listen "127.0.0.1:$PORT" --no-access-log >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
cookie() {
  local role=$1
  local email password
  email=$(node -e "console.log(require('$WORK/pw.json').$role.email)")
  password=$(node -e "console.log(require('$WORK/pw.json').$role.password)")
  curl -s -D - -o /dev/null -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"$password\"}" "http://127.0.0.1:$PORT/api/v1/sessions" \
    | grep -i '^set-cookie: sd_session=' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*);.*/\1/'
}
printf 'wrk.headers["Cookie"] = "%s"\n' "$(cookie practitioner)" >"$WORK/practitioner.lua"
printf 'wrk.headers["Cookie"] = "%s"\n' "$(cookie administrator)" >"$WORK/administrator.lua"
TEAM=$(sqlite3 "$DB" "SELECT COUNT(*) FROM review_plans r JOIN people p USING (person_id) WHERE p.team_id = (SELECT team_id FROM users WHERE email LIKE 'practitioner@%')")
echo "Machine: $(nproc) cores; $(uname -srm); wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
echo "Council: $PEOPLE people, $PLANS with an agreed plan; the practitioner's team has $TEAM"
echo
echo "| target | connections | req/s | p50 | p99 | non-2xx | bytes |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for target in "practitioner /reviews" "practitioner /reviews?show=all" "administrator /api/v1/reviews?show=all"; do
  role=${target%% *}
  path=${target#* }
  bytes=$(curl -s -H "cookie: $(sed -E 's/.*"Cookie"\] = "(.*)"/\1/' "$WORK/$role.lua")" "http://127.0.0.1:$PORT$path" | wc -c)
  for c in 1 8; do
    out=$(wrk -t1 -c"$c" -d"${DURATION}s" --latency -s "$WORK/$role.lua" "http://127.0.0.1:$PORT$path" 2>&1)
    printf '| GET %s (%s) | %s | %s | %s | %s | %s | %s |\n' "$path" "$role" "$c" \
      "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" "$(echo "$out" | awk '$1=="50%" {print $2}')" \
      "$(echo "$out" | awk '$1=="99%" {print $2}')" "$(echo "$out" | awk '/Non-2xx/ {print $5}')" "$bytes"
  done
done
