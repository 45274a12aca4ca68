#!/usr/bin/env bash
# Financial assessment throughput (charging issue): 1,000,000 assessments read from a JSON-lines
# file and streamed through `selfdirect charging assess` (the full contract output, explanation
# included, and with --summary: figures only, as the yearly re-assessment uses them), pinned to
# one core. Target: under 2 seconds. Usage: bench/charging.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
WORK=$(mktemp -d /tmp/selfdirect-charging-bench.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
# Realistic inputs: ages 18 to 95, households, premiums, two to five income items from the
# 2025/26 and 2026/27 benefit rates, capital from none to above the upper limit, housing and
# disability-related costs, a few who decline to disclose.
node -e '
let seed = 20261122
const rnd = n => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
const money = p => (p / 100).toFixed(2)
const out = require("fs").createWriteStream(process.argv[1])
const households = ["single", "single", "single", "couple", "lone_parent"]
let chunk = ""
for (let i = 0; i < Number(process.argv[2]); i++) {
  const age = 18 + rnd(78)
  const pension = age >= 66
  const income = []
  if (pension) {
    income.push({ type: "state_pension", weekly: money(17000 + rnd(6100)) })
    if (rnd(3) === 0) income.push({ type: "pension_credit_savings", weekly: money(rnd(1500)) })
    if (rnd(2) === 0) income.push({ type: "attendance_allowance", weekly: rnd(2) ? "110.40" : "73.90" })
    if (rnd(3) === 0) income.push({ type: "private_pension", weekly: money(rnd(20000)), joint: rnd(4) === 0 })
  } else {
    income.push({ type: rnd(2) ? "esa" : "universal_credit", weekly: money(9000 + rnd(20000)) })
    income.push({ type: "pip_daily_living", weekly: rnd(2) ? "110.40" : "73.90" })
    if (rnd(2) === 0) income.push({ type: "pip_mobility", weekly: rnd(2) ? "77.05" : "29.20" })
    if (rnd(5) === 0) income.push({ type: "earnings", weekly: money(rnd(30000)) })
  }
  const premiums = pension ? [] : rnd(2) ? ["disability", "enhanced_disability"] : ["disability"]
  if (rnd(8) === 0) premiums.push("carer")
  const capital = rnd(4) === 0 ? 1425000 + rnd(1000000) : rnd(1500000)
  chunk += JSON.stringify({
    person: "P" + i, assessment_date: rnd(2) ? "2025-09-01" : "2026-05-04", age,
    household: households[rnd(5)], premiums, dependent_children: rnd(10) === 0 ? 1 + rnd(2) : 0,
    weekly_cost_of_care: money(5000 + rnd(80000)), capital: money(capital), income,
    housing_costs_weekly: money(rnd(4000)), disability_related_expenditure_weekly: money(rnd(3000)),
    declined_to_disclose: rnd(50) === 0 }) + "\n"
  if (chunk.length > 1 << 20) { out.write(chunk); chunk = "" }
}
out.end(chunk)
' "$WORK/in.jsonl" "$N"
BYTES=$(wc -c <"$WORK/in.jsonl")
echo "Input: $N assessments, $BYTES bytes ($(nproc) cores; pinned to core 0)"
time_runs() {  # time_runs LABEL OUTPUT [FLAGS]
  local best="" secs start end
  for run in 1 2 3; do
    start=$(date +%s.%N)
    taskset -c 0 build/selfdirect charging assess ${3:-} --input "$WORK/in.jsonl" >"$2"
    end=$(date +%s.%N)
    secs=$(echo "$end - $start" | bc)
    if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then best=$secs; fi
    echo "  $1 run $run: ${secs} s"
  done
  echo "$1: best of 3 ${best} s ($(echo "$N / $best" | bc) assessments per second)"
}
time_runs "figures only (--summary), to /dev/null" /dev/null --summary
time_runs "figures only (--summary), to a file" "$WORK/summary.jsonl" --summary
time_runs "with explanations, to /dev/null" /dev/null
time_runs "with explanations, to a file" "$WORK/out.jsonl"
cmp <(sed 's/,"explanation".*//' "$WORK/out.jsonl") <(sed 's/,"explanation".*//' "$WORK/summary.jsonl") \
  && echo "Figures identical with and without explanations"
echo "Output: $(wc -l <"$WORK/out.jsonl") lines, $(wc -c <"$WORK/out.jsonl") bytes;" \
  "$(grep -c '"full_cost":true' "$WORK/out.jsonl" || true) full cost;" \
  "$(grep -c '"error"' "$WORK/out.jsonl" || true) errors"
