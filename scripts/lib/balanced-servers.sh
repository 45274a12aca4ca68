# Shared by scripts/multi-server-drill and scripts/pg-failover-drill (sourced, not run): starts
# `selfdirect serve` processes and Debian's nginx in front of them, all as this user with their
# files in $DIR. The caller sets BINARY, NGINX and DIR, keeps the array PIDS (every process
# started is added to it, to be stopped by the caller's cleanup) and has `set -euo pipefail`.
# nginx connects to the servers from 127.0.0.2 (proxy_bind), the only address whose
# X-Forwarded-For they trust; clients reach nginx from 127.0.0.1.

# start_server NAME ARGS...: starts `selfdirect serve ARGS` on a free port, logging to
# $DIR/NAME.log; its port goes in PORT and its process id in SERVER_PID.
start_server() {
  local name=$1
  shift
  "$BINARY" serve "$@" --listen 127.0.0.1:0 --trusted-proxy 127.0.0.2 >"$DIR/$name.log" 2>&1 &
  SERVER_PID=$!
  PIDS+=("$SERVER_PID")
  PORT=""
  local i
  for i in $(seq 1 200); do
    PORT=$(sed -n 's/.*"event":"listening","address":"[^"]*","port":\([0-9]*\).*/\1/p' "$DIR/$name.log" | head -n 1)
    [ -n "$PORT" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "server $name did not start" >&2
  cat "$DIR/$name.log" >&2
  exit 1
}

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# start_nginx PORT...: nginx on a free port (in PORT_LB), round robin over the servers' ports.
start_nginx() {
  PORT_LB=$(free_port)
  mkdir -p "$DIR/nginx/tmp"
  local user_line="" servers="" port i
  [ "$(id -u)" = 0 ] && user_line="user root;"
  for port in "$@"; do servers+="    server 127.0.0.1:$port;"$'\n'; done
  cat >"$DIR/nginx/nginx.conf" <<CONF
$user_line
worker_processes 1;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $DIR/nginx/tmp/body;
  proxy_temp_path $DIR/nginx/tmp/proxy;
  fastcgi_temp_path $DIR/nginx/tmp/fastcgi;
  uwsgi_temp_path $DIR/nginx/tmp/uwsgi;
  scgi_temp_path $DIR/nginx/tmp/scgi;
  client_max_body_size 2m;
  upstream selfdirect {
    # Round robin (nginx's default): no stickiness, so every request may land on either server.
$servers    keepalive 16;
  }
  server {
    listen 127.0.0.1:$PORT_LB;
    location / {
      proxy_pass http://selfdirect;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_bind 127.0.0.2;
    }
  }
}
CONF
  "$NGINX" -e "$DIR/nginx/error.log" -p "$DIR/nginx" -c nginx.conf \
    -g "daemon off; pid $DIR/nginx/nginx.pid; error_log $DIR/nginx/error.log;" &
  PIDS+=($!)
  for i in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT_LB/" && return 0
    kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$DIR/nginx/error.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "nginx did not start" >&2
  exit 1
}
