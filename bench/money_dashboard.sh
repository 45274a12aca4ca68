#!/usr/bin/env bash
# The money dashboard's two reads of the ledger (issue 24), before and after migration 0044, on
# one council of PEOPLE people made by the application on a throwaway PostgreSQL server:
#   totals    by team, client group, source and account: before, every posting of the council
#             joined to its transaction; after, ledger_source_totals (a few rows a person);
#   balances  the council's, for the surplus and the monitoring queue: before, every posting;
#             after, ledger_balances and the postings of transactions naming no person.
# Each pair must give the same rows (checked first); then each statement's execution time inside
# the server (EXPLAIN ANALYZE, median of RUNS) and, with farm-bench, the whole psql call A/B.
# Usage: bench/money_dashboard.sh [PEOPLE] [RUNS]   (defaults 6536, the national drill's council,
#        and 15)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SELFDIRECT_TEST_POSTGRES_URL:-}" ] || [ "${1:-}" != --inside ]; then
  exec scripts/with-postgres "$0" --inside "$@"
fi
shift
PEOPLE=${1:-6536}
RUNS=${2:-15}
BINARY=${SELFDIRECT_BINARY:-build/selfdirect}
URL=$SELFDIRECT_TEST_POSTGRES_URL
sql() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$URL" "$@"; }
say() { echo "money-dashboard: $*"; }

DIR=$(mktemp -d /tmp/selfdirect-money-dashboard.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
"$BINARY" demo --database "$URL" --people "$PEOPLE" --password-file "$DIR/passwords.json" >/dev/null
sql -c "VACUUM ANALYZE" >/dev/null
C=$(sql -c "SELECT council_id FROM councils WHERE code = 'demo'")
say "council of $PEOPLE people: $(sql -c "SELECT count(*) FROM ledger_postings WHERE council_id = $C") postings, $(sql -c "SELECT count(*) FROM ledger_source_totals WHERE council_id = $C") totals by source, $(sql -c "SELECT count(*) FROM ledger_balances WHERE council_id = $C") balances"

LEAF="substr(x.account, 8 + strpos(substr(x.account, 8), ':'))"
GROUPING="GROUP BY p.team_id, p.primary_support_reason, x.source, $LEAF ORDER BY 1, 2, 3, 4"
TOTALS_BEFORE="SELECT p.team_id, p.primary_support_reason, x.source, $LEAF, SUM(x.total) FROM (SELECT t.person_id, t.source, lp.account, SUM(lp.amount_pence) AS total FROM ledger_postings lp JOIN ledger_transactions t ON t.council_id = lp.council_id AND t.ledger_transaction_id = lp.ledger_transaction_id WHERE lp.council_id = $C AND lp.account LIKE 'People:%' GROUP BY t.person_id, t.source, lp.account) x JOIN people p ON p.council_id = $C AND p.person_id = x.person_id $GROUPING"
TOTALS_AFTER="SELECT p.team_id, p.primary_support_reason, x.source, $LEAF, SUM(x.amount_pence) FROM ledger_source_totals x JOIN people p ON p.council_id = x.council_id AND p.person_id = x.person_id WHERE x.council_id = $C $GROUPING"
BALANCES_BEFORE="SELECT account, SUM(amount_pence) FROM ledger_postings WHERE council_id = $C GROUP BY account ORDER BY account"
BALANCES_AFTER="SELECT account, SUM(amount) FROM (SELECT account, balance_pence AS amount FROM ledger_balances WHERE council_id = $C UNION ALL SELECT p.account, p.amount_pence FROM ledger_transactions t JOIN ledger_postings p ON p.council_id = t.council_id AND p.ledger_transaction_id = t.ledger_transaction_id WHERE t.council_id = $C AND t.person_id IS NULL) x GROUP BY account ORDER BY account"

for pair in TOTALS BALANCES; do
  before=${pair}_BEFORE after=${pair}_AFTER
  a=$(sql -c "${!before}" | md5sum) b=$(sql -c "${!after}" | md5sum)
  [ "$a" = "$b" ] || { say "FAIL: $pair differ before and after"; exit 1; }
  say "$(echo "$pair" | tr 'A-Z' 'a-z'): the same $(sql -c "${!after}" | wc -l) rows before and after"
done

# The server's execution time of one statement, median of RUNS (after one warm-up).
median_ms() {
  sql -c "EXPLAIN ANALYZE $1" >/dev/null
  for _ in $(seq "$RUNS"); do
    sql -c "EXPLAIN (ANALYZE, TIMING OFF) $1" | sed -n 's/^Execution Time: \([0-9.]*\) ms/\1/p'
  done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
timings() {
  for pair in TOTALS BALANCES; do
    before=${pair}_BEFORE after=${pair}_AFTER
    say "$1: $(echo "$pair" | tr 'A-Z' 'a-z') execution: before $(median_ms "${!before}") ms, after $(median_ms "${!after}") ms (median of $RUNS)"
  done
}
size() { sql -c "SELECT pg_size_pretty(pg_relation_size('$1'))"; }
# The demo writes each person's years of ledger in a few transactions, so each summary row is
# updated many times in one transaction and its table holds the dead versions' pages until it
# is rewritten. A council whose ledger grew over years (autovacuum reusing the space between
# payment runs), or a copy (the national drill), has compact tables: both are measured.
timings "as the demo wrote them (ledger_source_totals $(size ledger_source_totals), ledger_balances $(size ledger_balances))"
sql -c "VACUUM FULL ANALYZE ledger_source_totals, ledger_balances" >/dev/null
timings "compacted (ledger_source_totals $(size ledger_source_totals), ledger_balances $(size ledger_balances))"

if command -v farm-bench >/dev/null; then
  farm-bench -n "$RUNS" \
    --vs "psql -X -q -t -A -o /dev/null $URL -c \"$TOTALS_BEFORE\" -c \"$BALANCES_BEFORE\"" \
    -- psql -X -q -t -A -o /dev/null "$URL" -c "$TOTALS_AFTER" -c "$BALANCES_AFTER"
fi
