#!/usr/bin/env bash
# "My money" with seven years of transactions (issue 20): builds a demo database, gives the demo
# budget holder's direct payment account seven years of statement rows (about 30 a week, through
# `selfdirect money import`), then measures GET /people/{id}/money signed in as the budget holder
# with wrk at 1 and 8 connections (p50, p99). Target: p99 under 50 ms.
# Usage: bench/my_money.sh [SECONDS] [ROWS_PER_WEEK]   (defaults 10 s, 30 rows a week)
# Installs wrk with apt if missing. Needs a release build (scripts/setup).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
PER_WEEK=${2:-30}
PORT=18183
command -v wrk >/dev/null || { apt-get update -q >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk >/dev/null; }
WORK=$(mktemp -d /tmp/selfdirect-my-money.XXXXXX)
cleanup() { kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
SERVER_PID=
trap cleanup EXIT

build/selfdirect demo --database "sqlite:$WORK/bench.db" --people 300 --password-file "$WORK/pw.json" >/dev/null
PERSON=$(sqlite3 "$WORK/bench.db" "SELECT person_id FROM users WHERE email LIKE 'budget.holder@%'")
# Seven years of a budget holder's spending, oldest first: PA wages, an agency, the gym, taxis, a
# club, each a payee taught once (as the person would from the page); now and then a shop that
# needs an explanation.
for rule in "PA wages|Personal assistant" "Vale Leisure Centre|Gym or fitness" "Vale Taxis|Transport" \
            "Riverside Walking Club|Club or society" "Oakwood Home Care|Home care"; do
  sqlite3 "$WORK/bench.db" "INSERT INTO money_match_rules (council_id, person_id, payee_words, category, created_at) SELECT council_id, person_id, '${rule%%|*}', '${rule##*|}', 0 FROM people WHERE person_id = $PERSON"
done
node -e "
const payees = ['PA wages', 'Oakwood Home Care', 'Vale Leisure Centre gym', 'Vale Taxis', 'Riverside Walking Club'];
const weeks = 7 * 52, perWeek = ${PER_WEEK};
const start = Date.now() - weeks * 7 * 86400000;
let out = 'date,description,amount\n';
for (let w = 0; w < weeks; w++) for (let i = 0; i < perWeek; i++) {
  const d = new Date(start + (w * 7 + (i % 7)) * 86400000).toISOString().slice(0, 10);
  const pence = 150 + ((w * 31 + i * 17) % 9000);
  const payee = (w % 13 === 0 && i === 0) ? 'Corner Shop' : payees[(w + i) % payees.length] + ' ' + (i % 3);
  out += d + ',' + payee + ',-' + (pence / 100).toFixed(2) + '\n';
}
process.stdout.write(out);
" >"$WORK/seven-years.csv"
ROWS=$(($(wc -l <"$WORK/seven-years.csv") - 1))
build/selfdirect money import --database "sqlite:$WORK/bench.db" --person "$PERSON" --format bank-csv --file "$WORK/seven-years.csv" >/dev/null
TRANSACTIONS=$(sqlite3 "$WORK/bench.db" "SELECT COUNT(*) FROM ledger_transactions WHERE person_id = $PERSON")

build/selfdirect serve --database "sqlite:$WORK/bench.db" --listen "127.0.0.1:$PORT" --no-access-log >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
EMAIL=$(node -e "console.log(require('$WORK/pw.json').budget_holder.email)")
PASSWORD=$(node -e "console.log(require('$WORK/pw.json').budget_holder.password)")
COOKIE=$(curl -s -D - -o /dev/null -H 'content-type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$PORT/api/v1/sessions" \
  | grep -i '^set-cookie: sd_session=' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*);.*/\1/')
printf 'wrk.headers["Cookie"] = "%s"\n' "$COOKIE" >"$WORK/cookie.lua"
URL="http://127.0.0.1:$PORT/people/$PERSON/money"
BYTES=$(curl -s -H "cookie: $COOKIE" "$URL" | wc -c)
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "cookie: $COOKIE" "$URL")

echo "Machine: $(nproc) cores; $(uname -srm); wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
echo "Account: $ROWS statement rows over 7 years imported; the person has $TRANSACTIONS ledger transactions; page $BYTES bytes (HTTP $STATUS)"
echo
echo "| target | connections | req/s | p50 | p99 | non-2xx |"
echo "| --- | --- | --- | --- | --- | --- |"
for c in 1 8; do
  out=$(wrk -t1 -c"$c" -d"${DURATION}s" --latency -s "$WORK/cookie.lua" "$URL" 2>&1)
  printf '| GET /people/{id}/money (My money) | %s | %s | %s | %s | %s |\n' "$c" \
    "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" "$(echo "$out" | awk '$1=="50%" {print $2}')" \
    "$(echo "$out" | awk '$1=="99%" {print $2}')" "$(echo "$out" | awk '/Non-2xx/ {print $5}')"
done
