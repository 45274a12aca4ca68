#!/usr/bin/env bash
# The ledger benchmark (money issue): `selfdirect money balance` over the 1,000,000-transaction
# direct-payment journal of ../shared/bench-data/gen_ledger.py against `hledger balance --flat -E`
# and `ledger balance` on the same file, run in turn (A B C A B C ...) so that drift in the
# machine's speed hits all three alike; every balance is compared to the penny first.
# Target: at least 10 times faster than both.
# Usage: bench/money.sh [TRANSACTIONS] [RUNS]   (defaults 1000000 and 3)
#        GEN_LEDGER=path/to/gen_ledger.py bench/money.sh    (default ../shared/bench-data/)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
RUNS=${2:-3}
BIN=$PWD/build/selfdirect
GEN=${GEN_LEDGER:-$PWD/../shared/bench-data/gen_ledger.py}
WORK=$(mktemp -d /tmp/selfdirect-money-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
J=$WORK/dp.journal
python3 "$GEN" "$N" "$J" >/dev/null

# Equal balances: ours, hledger's and ledger's, account by account.
"$BIN" money balance --journal "$J" > "$WORK/ours.json"
hledger -f "$J" balance --flat -E -O csv --no-total > "$WORK/hledger.csv"
python3 - "$WORK/ours.json" "$WORK/hledger.csv" "${J%.journal}.expected.json" <<'PY'
import csv, json, sys
ours = {a["account"]: a["balance"] for a in json.load(open(sys.argv[1]))["accounts"]}
theirs = {r["account"]: r["balance"].replace("£", "").replace(",", "")
          for r in csv.DictReader(open(sys.argv[2]))}
assert ours == theirs, "hledger's balances differ"
expected = json.load(open(sys.argv[3]))["totals_pence"]
for account, pence in expected.items():
    assert round(float(ours[account]) * 100) == pence, account
print(f"equal balances: {len(ours)} accounts, as hledger and the generator's totals")
PY

time_of() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
for i in $(seq "$RUNS"); do
  a=$(time_of "$BIN" money balance --journal "$J")
  b=$(time_of hledger -f "$J" balance --flat -E)
  c=$(time_of ledger -f "$J" balance)
  echo "run $i: selfdirect ${a}s, hledger ${b}s ($(echo "$b / $a" | bc) x), ledger ${c}s ($(echo "$c / $a" | bc) x)"
done
