#!/usr/bin/env bash
# Directory search under load (issue 7): 100,000 services (COUNT), then wrk at 16 connections
# for SECONDS each on
#   /openreferral/services?search=...            (full text; a common word, a rare one, three words)
#   /openreferral/service_at_locations?postcode=  (5 miles from a postcode, nearest first)
#   /directory?search=...&postcode=...&miles=5    (the public page, HTML)
# three times: as served (recent answers kept until the directory changes; each URL is asked
# once before wrk starts, as a popular search would have been); with `--directory-cache 0`, so
# that every request runs its search on the in-memory index; and with `--directory-cache 0
# --no-directory-index`, so that the database runs every search. Target: p99 under 50 ms.
# Prints Markdown tables and the index's build time and the server's memory.
# Usage: bench/directory.sh [COUNT] [SECONDS]. Installs wrk with apt if missing. Needs a release
# build (scripts/setup).
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-100000}
DURATION=${2:-10}
PORT=18191
SERVER_PID=
command -v wrk >/dev/null || { apt-get update -q >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk >/dev/null; }
WORK=$(mktemp -d /tmp/selfdirect-dirbench.XXXXXX)
cleanup() { kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
DB="sqlite:$WORK/bench.db"
build/selfdirect demo --database "$DB" --people 200 --password-file "$WORK/pw.json" >/dev/null
echo "Seeding: $(build/bench/directory_seed "$DB" "$COUNT")"
start() {  # start EXTRA-SERVE-ARGS...
  build/selfdirect serve --database "$DB" --listen "127.0.0.1:$PORT" --no-access-log "$@" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
}

run() {  # run LABEL PATH
  local total out
  total=$(curl -s "http://127.0.0.1:$PORT$2" | head -c 200 | grep -oE '"total_items":[0-9]+' | cut -d: -f2 || true)
  out=$(wrk -t1 -c16 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT$2" 2>&1)
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  echo "| $1 | ${total:--} | $rps | $p50 | $p99 |"
}
table() {
  echo "| request | matches | req/s | p50 | p99 |"
  echo "|---|---:|---:|---:|---:|"
  run "services?search=lunch (common word)" "/openreferral/services?search=lunch"
  run "services?search=canal (no match)" "/openreferral/services?search=canal"
  run "services?search=walking football leominster" "/openreferral/services?search=walking%20football%20leominster"
  run "service_at_locations, 5 miles of HR1 1AB" "/openreferral/service_at_locations?postcode=HR1%201AB&proximity=8047"
  run "/directory page, lunch within 5 miles of HR6 1AB" "/directory?search=lunch&postcode=HR6+1AB&miles=5"
}
echo "Machine: $(nproc) cores; $(uname -srm); wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'); $COUNT services; 16 connections, ${DURATION} s each"
echo
echo "As served (recent answers kept):"
echo
start
table
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
echo
echo "Every request searched on the index (--directory-cache 0):"
echo
start --directory-cache 0
table
echo
echo "Index: $(grep -o '"entries":[0-9]*,"ms":[0-9]*' "$WORK/server.log"); server memory after the run: $(grep -E 'VmRSS|RssAnon' /proc/$SERVER_PID/status | tr -s ' \t\n' ' ')"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
echo
echo "Every request searched by the database (--directory-cache 0 --no-directory-index):"
echo
start --directory-cache 0 --no-directory-index
table
