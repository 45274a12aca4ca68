#!/usr/bin/env bash
# The outcomes benchmark (issue 22): `selfdirect outcomes analyse` on the 1,000,000 survey
# responses of ../shared/bench-data/gen_survey.py against R's survey package on the same file
# (`read.csv`, `svydesign(ids = ~1, strata = ~stratum, weights = ~weight)`, `svyglm(...,
# family = quasibinomial())`), whole processes run in turn (A B A B ...) so that drift in the
# machine's speed hits both alike. The estimates and standard errors are compared first and must
# agree to a relative 1e-6. Target: at least 10 times faster than R.
# Installs r-base-core and r-cran-survey if they are missing (scripts/setup installs them too).
# Usage: bench/outcomes.sh [ROWS] [RUNS]   (defaults 1000000 and 3; SELFDIRECT_BINARY=... for another build)
#        GEN_SURVEY=path/to/gen_survey.py bench/outcomes.sh   (default ../shared/bench-data/;
#        without it, the port tests/outcomes/gen_survey.mjs writes the same bytes)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
RUNS=${2:-3}
BIN=${SELFDIRECT_BINARY:-$PWD/build/selfdirect}
GEN=${GEN_SURVEY:-$PWD/../shared/bench-data/gen_survey.py}
WORK=$(mktemp -d /tmp/selfdirect-outcomes-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
if ! Rscript -e 'library(survey)' >/dev/null 2>&1; then
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get install -y --no-install-recommends r-base-core r-cran-survey >/dev/null
fi
CSV=$WORK/survey.csv
if [ -f "$GEN" ]; then python3 "$GEN" "$ROWS" "$CSV"; else node tests/outcomes/gen_survey.mjs "$ROWS" "$CSV"; fi
PREDICTORS=easy_process,views_included,easy_information,in_control
OURS=("$BIN" outcomes analyse --input "$CSV" --outcome good_outcome --predictors "$PREDICTORS"
  --weights weight --strata stratum)

cat >"$WORK/svyglm.R" <<'R'
suppressMessages(library(survey))
d <- read.csv(commandArgs(TRUE)[1])
design <- svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = d)
m <- svyglm(good_outcome ~ easy_process + views_included + easy_information + in_control,
            design = design, family = quasibinomial())
f <- function(x) sprintf("%.17g", x)
cat("{\"n\":", nrow(d), ",\"estimate\":[", paste(f(coef(m)), collapse = ","),
    "],\"std_error\":[", paste(f(sqrt(diag(vcov(m)))), collapse = ","), "]}\n", sep = "")
R
R_CMD=(Rscript "$WORK/svyglm.R" "$CSV")

# Equal results first.
"${OURS[@]}" >"$WORK/ours.json"
"${R_CMD[@]}" >"$WORK/r.json"
node -e '
const fs = require("fs")
const ours = JSON.parse(fs.readFileSync(process.argv[1])), r = JSON.parse(fs.readFileSync(process.argv[2]))
let worst = 0
if (ours.n !== r.n) throw new Error(`n: ${ours.n} vs R ${r.n}`)
ours.coefficients.forEach((c, j) => {
  worst = Math.max(worst, Math.abs(c.estimate - r.estimate[j]) / Math.abs(r.estimate[j]),
    Math.abs(c.std_error - r.std_error[j]) / Math.abs(r.std_error[j]))
})
console.log(`equal to R: ${ours.coefficients.length} estimates and standard errors, largest relative difference ${worst.toExponential(2)} (at most 1e-6)`)
if (worst > 1e-6) process.exit(1)
' "$WORK/ours.json" "$WORK/r.json"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "input: $ROWS rows, $(du -h "$CSV" | cut -f1)"
time_of() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
for i in $(seq "$RUNS"); do
  a=$(time_of "${OURS[@]}")
  b=$(time_of "${R_CMD[@]}")
  echo "run $i: selfdirect ${a}s, R read.csv + svyglm ${b}s, R / selfdirect = $(echo "scale=1; $b / $a" | bc)"
done
