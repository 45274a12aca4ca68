#!/usr/bin/env bash
# Eligibility throughput (needs-assessment issue): determinations for 1,000,000 adult cases read
# from a file and streamed through `selfdirect assessment eligibility`, pinned to one core.
# Target: under 1 second. Usage: bench/eligibility.sh [CASES]  (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-1000000}
WORK=$(mktemp -d /tmp/selfdirect-elig-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# Realistic cases: 0 to 5 of the 10 outcomes unmet with one or two reasons, the three conditions
# mostly met.
node -e '
const codes = ["nutrition","personal_hygiene","toilet_needs","dressing","using_home_safely","habitable_home","relationships","work_training_education_volunteering","community_services_transport","caring_for_child"]
const reasons = ["without_assistance","pain_distress_anxiety","endangers_health_safety","significantly_longer"]
let seed = 20261122
const rnd = n => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
const out = require("fs").createWriteStream(process.argv[1])
let chunk = ""
for (let i = 0; i < Number(process.argv[2]); i++) {
  const outcomes = {}
  const k = rnd(6)
  for (let j = 0; j < k; j++) {
    const r = [reasons[rnd(4)]]; if (rnd(3) === 0) r.push(reasons[rnd(4)])
    outcomes[codes[rnd(10)]] = { unable: true, reasons: [...new Set(r)] }
  }
  chunk += JSON.stringify({ kind: "adult", needs_from_impairment_or_illness: rnd(10) !== 0, outcomes, significant_impact_on_wellbeing: rnd(5) !== 0 }) + "\n"
  if (chunk.length > 1 << 20) { out.write(chunk); chunk = "" }
}
out.end(chunk)
' "$WORK/cases.jsonl" "$CASES"
BYTES=$(wc -c <"$WORK/cases.jsonl")
echo "Input: $CASES adult cases, $BYTES bytes ($(nproc) cores; pinned to core 0)"
time_runs() {  # time_runs LABEL OUTPUT -> prints three runs and the best
  local best="" secs start end
  for run in 1 2 3; do
    start=$(date +%s.%N)
    taskset -c 0 build/selfdirect assessment eligibility --input "$WORK/cases.jsonl" >"$2"
    end=$(date +%s.%N)
    secs=$(echo "$end - $start" | bc)
    if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then best=$secs; fi
    echo "  $1 run $run: ${secs} s"
  done
  echo "$1: best of 3 ${best} s ($(echo "$CASES / $best" | bc) cases per second)"
}
time_runs "to /dev/null" /dev/null
time_runs "to a file" "$WORK/out.jsonl"
lines=$(wc -l <"$WORK/out.jsonl")
eligible=$(grep -c '"eligible":true' "$WORK/out.jsonl" || true)
echo "Output: $lines decisions ($(wc -c <"$WORK/out.jsonl") bytes), $eligible eligible"
