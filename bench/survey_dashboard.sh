#!/usr/bin/env bash
# The analyst's survey dashboard over a large wave (issue 22: under 200 ms over 100,000
# responses). Makes the demo council, adds a closed wave from a council of POPULATION people with
# a budget (about 0.376 responses each: 266,000 give about 100,000), serves it, and times the
# dashboard page and the results JSON (bench/survey_dashboard.mjs). Prints a Markdown table.
# Usage: bench/survey_dashboard.sh [POPULATION] [RUNS]. Needs a release build (scripts/setup).
set -euo pipefail
cd "$(dirname "$0")/.."
POPULATION=${1:-266000}
RUNS=${2:-20}
PORT=18192
SERVER_PID=
WORK=$(mktemp -d /tmp/selfdirect-surveybench.XXXXXX)
cleanup() { kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
DB="sqlite:$WORK/bench.db"
build/selfdirect demo --database "$DB" --people 200 --password-file "$WORK/pw.json" >/dev/null
started=$(date +%s.%N)
WAVE=$(build/bench/survey_seed "$DB" "$POPULATION")
echo "Seeded wave $WAVE in $(echo "$(date +%s.%N) - $started" | bc) s"
build/selfdirect serve --database "$DB" --listen "127.0.0.1:$PORT" --no-access-log >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
echo "| Request | Responses | Median | Slowest of $RUNS | First (cold) |"
echo "|---|---|---|---|---|"
node bench/survey_dashboard.mjs "http://127.0.0.1:$PORT" "$WORK/pw.json" "$WAVE" "$RUNS"
# The analysis the server did before it listened (so the first request finds it kept).
grep -o '"event":"survey_results"[^}]*' "$WORK/server.log" || true
