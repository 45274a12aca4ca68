#!/usr/bin/env bash
# HTTP load benchmark on loopback (issue: foundation). Measures req/s and latency percentiles with
# wrk at 1 and 64 connections for:
#   /healthz                      (JSON, touches the database)
#   GET /api/v1/people/{id}       (JSON read of a person, signed in; writes an audit row)
#   GET /people/{id}              (HTML page of a person with every section, money included)
#   GET /                          (HTML start page, public, no database)
#   nginx: a static file the size of the person page (the ceiling for serving those bytes)
# Prints a Markdown table. Usage: bench/http.sh [SECONDS]   (default 10 s per run)
# Installs wrk and nginx with apt if missing. Needs a release build (scripts/setup).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
PORT=18181
NGINX_PORT=18182
for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { apt-get update -q >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk nginx >/dev/null; }
done
WORK=$(mktemp -d /tmp/selfdirect-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers run as www-data and must read the page file.
cleanup() { kill "$SERVER_PID" 2>/dev/null || true; [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

build/selfdirect demo --database "sqlite:$WORK/bench.db" --password-file "$WORK/pw.json" >/dev/null
build/selfdirect serve --database "sqlite:$WORK/bench.db" --listen "127.0.0.1:$PORT" --no-access-log >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

EMAIL=$(node -e "console.log(require('$WORK/pw.json').practitioner.email)")
PASSWORD=$(node -e "console.log(require('$WORK/pw.json').practitioner.password)")
COOKIE=$(curl -s -D - -o "$WORK/signin.json" -H 'content-type: application/json' \
  -d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$PORT/api/v1/sessions" \
  | grep -i '^set-cookie: sd_session=' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*);.*/\1/')
# The demo budget holder: a person with assessments, a budget, charges, a plan and a direct payment
# account, so the page has every section, money included.
PERSON=$(sqlite3 "$WORK/bench.db" "SELECT person_id FROM users WHERE email LIKE 'budget.holder@%'")
curl -s -H "cookie: $COOKIE" "http://127.0.0.1:$PORT/people/$PERSON" >"$WORK/page.html"
PAGE_BYTES=$(wc -c <"$WORK/page.html")

mkdir -p "$WORK/www"
head -c "$PAGE_BYTES" /dev/urandom | base64 -w 100 | head -c "$PAGE_BYTES" >"$WORK/www/page.html"
cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp;
  uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
}
NGINX
mkdir -p "$WORK/tmp"
nginx -c "$WORK/nginx.conf"

# wrk's Lua script adds the session cookie to every request.
cat >"$WORK/cookie.lua" <<LUA
wrk.headers["Cookie"] = "$COOKIE"
LUA

run() {  # run NAME URL CONNECTIONS
  local out
  out=$(wrk -t1 -c"$3" -d"${DURATION}s" --latency -s "$WORK/cookie.lua" "$2" 2>&1)
  local rps p50 p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$3" "$rps" "$p50" "$p99" "${non2xx:-0}"
}

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -srm); wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), nginx $(nginx -v 2>&1 | awk -F/ '{print $2}')"
echo "Person page: $PAGE_BYTES bytes; ${DURATION}s per run; server: 1 I/O thread, access log off, SQLite WAL"
echo
echo "| target | connections | req/s | p50 | p99 | non-2xx |"
echo "| --- | --- | --- | --- | --- | --- |"
for c in 1 64; do
  run "GET /healthz" "http://127.0.0.1:$PORT/healthz" "$c"
  run "GET /api/v1/people/{id} (JSON, audited)" "http://127.0.0.1:$PORT/api/v1/people/$PERSON" "$c"
  run "GET /people/{id} (page, audited)" "http://127.0.0.1:$PORT/people/$PERSON" "$c"
  run "GET / (public page)" "http://127.0.0.1:$PORT/" "$c"
  run "nginx static file, same size as the person page" "http://127.0.0.1:$NGINX_PORT/page.html" "$c"
done
