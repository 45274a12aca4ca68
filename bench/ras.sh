#!/usr/bin/env bash
# Resource allocation benchmarks (resource allocation issue):
#  1. scoring: indicative budgets for 1,000,000 people's answers read from a file and streamed
#     through `selfdirect ras score` with the shipped adult table, pinned to one core;
#  2. calibration: least squares on a CSV of 1,000,000 rows with 10 predictors, end to end
#     (reading the CSV and fitting), `selfdirect ras calibrate` against R's `lm` on the same CSV
#     (`read.csv` then `lm`), both pinned to one core; the estimates are compared to 1e-8.
# Target: calibration at least 10 times faster than R. Installs r-base-core if it is missing.
# Usage: bench/ras.sh [ROWS]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
BIN=build/selfdirect
WORK=$(mktemp -d /tmp/selfdirect-ras-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
if ! command -v Rscript >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y --no-install-recommends r-base-core >/dev/null
  else sudo apt-get install -y --no-install-recommends r-base-core >/dev/null; fi
fi

node -e '
const codes = ["nutrition","personal_hygiene","toilet_needs","dressing","using_home_safely","habitable_home","relationships","work_training_education_volunteering","community_services_transport","caring_for_child"]
const reasons = ["without_assistance","pain_distress_anxiety","endangers_health_safety","significantly_longer"]
let seed = 20261122
const rnd = n => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n }
const fs = require("fs")
const n = Number(process.argv[3])
// Answers: 0 to 5 outcomes unmet with one or two reasons; some helped by an unpaid carer.
let out = fs.openSync(process.argv[1], "w"), chunk = ""
for (let i = 0; i < n; i++) {
  const a = {}
  const k = rnd(6)
  for (let j = 0; j < k; j++) {
    const c = codes[rnd(10)], r = [reasons[rnd(4)]]
    if (rnd(3) === 0) r.push(reasons[rnd(4)])
    a[c + ".able"] = false; a[c + ".reasons"] = [...new Set(r)]; a[c + ".carer_helps"] = rnd(2) === 0
  }
  chunk += JSON.stringify({ person: "P" + i, answers: a }) + "\n"
  if (chunk.length > 1 << 20) { fs.writeSync(out, chunk); chunk = "" }
}
fs.writeSync(out, chunk); fs.closeSync(out)
// Costed packages: weekly cost on ten predictors (points per domain), with noise.
out = fs.openSync(process.argv[2], "w"); chunk = "weekly_cost," + codes.join(",") + "\n"
for (let i = 0; i < n; i++) {
  const x = codes.map(() => rnd(10))
  let y = 30; x.forEach((v, k) => { y += (10 + k) * v })
  y += (rnd(20001) - 10000) / 100
  chunk += y.toFixed(2) + "," + x.join(",") + "\n"
  if (chunk.length > 1 << 20) { fs.writeSync(out, chunk); chunk = "" }
}
fs.writeSync(out, chunk); fs.closeSync(out)
' "$WORK/answers.jsonl" "$WORK/packages.csv" "$ROWS"

# seconds OUTPUT COMMAND...: runs COMMAND with its output to OUTPUT and prints the wall time.
seconds() { local out=$1 s e; shift; s=$(date +%s.%N); "$@" >"$out"; e=$(date +%s.%N); echo "$e - $s" | bc -l; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "answers: $(du -h "$WORK/answers.jsonl" | cut -f1), packages: $(du -h "$WORK/packages.csv" | cut -f1)"
for i in 1 2 3; do
  t=$(seconds "$WORK/scores.jsonl" taskset -c 0 "$BIN" ras score --table adult-ras --input "$WORK/answers.jsonl")
  echo "score $ROWS people: ${t}s"
done
test "$(wc -l <"$WORK/scores.jsonl")" -eq "$ROWS"

cat >"$WORK/lm.R" <<'R'
args <- commandArgs(TRUE)
d <- read.csv(args[1])
m <- lm(weekly_cost ~ ., data = d)
s <- summary(m)
f <- function(x) sprintf("%.17g", x)
co <- coef(m); se <- s$coefficients[, 2]
cat("{\"n\":", nrow(d), ",\"intercept\":", f(co[1]), ",\"coefficients\":{",
    paste0("\"", names(co)[-1], "\":", f(co[-1]), collapse = ","),
    "},\"std_errors\":{\"(intercept)\":", f(se[1]), ",",
    paste0("\"", names(se)[-1], "\":", f(se[-1]), collapse = ","),
    "},\"r_squared\":", f(s$r.squared), "}\n", sep = "")
R
ours=$(seconds "$WORK/ours.json" taskset -c 0 "$BIN" ras calibrate --input "$WORK/packages.csv")
for i in 1 2; do
  t=$(seconds "$WORK/ours.json" taskset -c 0 "$BIN" ras calibrate --input "$WORK/packages.csv")
  ours=$(echo "if ($t < $ours) $t else $ours" | bc -l)
done
r=$(seconds "$WORK/r.json" taskset -c 0 Rscript "$WORK/lm.R" "$WORK/packages.csv")
echo "calibrate $ROWS rows x 10 predictors: selfdirect ${ours}s (best of 3), R read.csv + lm ${r}s"
echo "ratio (R / selfdirect): $(echo "$r / $ours" | bc -l | cut -c1-6)"
node -e '
const a = JSON.parse(require("fs").readFileSync(process.argv[1])), b = JSON.parse(require("fs").readFileSync(process.argv[2]))
let worst = 0
const rel = (x, y) => Math.abs(x - y) / Math.max(1, Math.abs(y))
worst = Math.max(worst, rel(a.intercept, b.intercept), rel(a.r_squared, b.r_squared))
for (const k of Object.keys(b.coefficients)) worst = Math.max(worst, rel(a.coefficients[k], b.coefficients[k]))
for (const k of Object.keys(b.std_errors)) worst = Math.max(worst, rel(a.std_errors[k], b.std_errors[k]))
console.log("largest relative difference from R: " + worst.toExponential(2))
if (worst > 1e-8) process.exit(1)
' "$WORK/ours.json" "$WORK/r.json"
