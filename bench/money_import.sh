#!/usr/bin/env bash
# Importing card transactions (money issue): N rows of a prepaid-card file (date, merchant, amount,
# merchant category code; deterministic) into one person's direct payment account of a fresh demo
# database with `selfdirect money import`, timed end to end (parsing, matching, posting in
# 1,000-row transactions); then the same file again, which must post nothing.
# Usage: bench/money_import.sh [ROWS]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
BIN=$PWD/build/selfdirect
WORK=$(mktemp -d /tmp/selfdirect-import-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
DB="sqlite:$WORK/bench.db"
"$BIN" demo --database "$DB" --people 120 >/dev/null
PERSON=$(python3 - "$WORK/bench.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT person_id FROM payment_agreements WHERE account_kind = 'direct_payment' "
                "ORDER BY person_id LIMIT 1").fetchone()[0])
PY
)
python3 - "$ROWS" "$WORK/card.csv" <<'PY'
import datetime, sys
n, out = int(sys.argv[1]), sys.argv[2]
merchants = [("Vale Taxis", 4121), ("Vale Gym", 7997), ("Oakwood Home Care", 8099),
             ("Corner Shop", 5411), ("Wyvern Art Club", 7911), ("Lucky Bets", 7995)]
start = datetime.date(2020, 1, 1)
state = 20261204
with open(out, "w") as f:
    f.write("date,merchant,amount,merchant_category_code\n")
    for i in range(n):
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        name, mcc = merchants[(state >> 33) % len(merchants)]
        pence = 100 + (state >> 20) % 9900
        day = start + datetime.timedelta(days=i * 2555 // n)
        f.write(f"{day},{name} {i % 997},-{pence // 100}.{pence % 100:02d},{mcc}\n")
PY
echo "rows: $ROWS in $(du -h "$WORK/card.csv" | cut -f1) for person $PERSON"
s=$(date +%s.%N)
"$BIN" money import --database "$DB" --person "$PERSON" --format card-csv --file "$WORK/card.csv"
e=$(date +%s.%N)
echo "first import: $(echo "$e - $s" | bc) s, $(echo "$ROWS / ($e - $s)" | bc) rows/s"
s=$(date +%s.%N)
"$BIN" money import --database "$DB" --person "$PERSON" --format card-csv --file "$WORK/card.csv"
e=$(date +%s.%N)
echo "same file again (nothing posted): $(echo "$e - $s" | bc) s"
