#!/usr/bin/env bash
# Support plan costing throughput (planning issue): 1,000,000 plans of 10 lines each read from a
# JSON-lines file and streamed through `selfdirect plan cost`, pinned to one core; best of 3.
# Usage: bench/plan.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
WORK=$(mktemp -d /tmp/selfdirect-plan-bench.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
# Realistic plans: a PA for some people, home care for others, and a mix of catalogue items and
# the person's own items across every frequency, with an indicative budget to check against.
node -e '
let seed = 20261122
const rnd = n => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
const out = require("fs").createWriteStream(process.argv[1])
const items = ["gym-month", "walking-group", "lunch-club", "art-class", "day-centre-day", "meals-delivered",
  "taxi-trip", "tablet", "swim-session", "community-cafe", "choir", "respite-night", "theatre-ticket"]
const managed = ["direct_payment", "direct_payment", "council_managed", "individual_service_fund"]
const pers = ["week", "week", "fortnight", "four_weeks", "month"]
let chunk = ""
for (let i = 0; i < Number(process.argv[2]); i++) {
  const lines = []
  if (rnd(2)) lines.push({ item: "pa-hour", quantity: String(5 + rnd(30)) + (rnd(2) ? ".5" : ""), unit_cost: (12.71 + rnd(300) / 100).toFixed(2) })
  else lines.push({ item: "home-care-hour", quantity: (0.5 + rnd(4) / 4).toFixed(2), times: 7, managed_as: managed[rnd(4)] })
  while (lines.length < 10) {
    if (rnd(5) === 0) lines.push({ description: "Own item " + rnd(100), category: "leisure", unit: "session", unit_cost: (rnd(3000) / 100).toFixed(2), per: pers[rnd(5)] })
    else { const l = { item: items[rnd(items.length)], times: 1 + rnd(3) }; if (rnd(4) === 0) l.managed_as = managed[rnd(4)]; lines.push(l) }
  }
  chunk += JSON.stringify({ person: "P" + i, costing_date: rnd(2) ? "2025-09-01" : "2026-05-04",
    indicative_weekly_budget: (150 + rnd(600)).toFixed(2), payroll_service: rnd(3) === 0, lines }) + "\n"
  if (chunk.length > 1 << 20) { out.write(chunk); chunk = "" }
}
out.end(chunk)
' "$WORK/in.jsonl" "$N"
BYTES=$(wc -c <"$WORK/in.jsonl")
echo "Input: $N plans of 10 lines, $BYTES bytes ($(nproc) cores; pinned to core 0)"
best=""
for run in 1 2 3; do
  start=$(date +%s.%N)
  taskset -c 0 build/selfdirect plan cost --input "$WORK/in.jsonl" >"$WORK/out.jsonl"
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc)
  if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then best=$secs; fi
  echo "  run $run: ${secs} s"
done
echo "plan cost to a file: best of 3 ${best} s ($(echo "$N / $best" | bc) plans per second)"
echo "Output: $(wc -l <"$WORK/out.jsonl") lines, $(wc -c <"$WORK/out.jsonl") bytes;" \
  "$(grep -c '"needs_approval":true' "$WORK/out.jsonl" || true) need an approver;" \
  "$(grep -c '"error"' "$WORK/out.jsonl" || true) errors"
