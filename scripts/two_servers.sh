#!/usr/bin/env bash
# Rehearses "past one server" (docs/DEPLOY.md §5b) on this machine, on loopback only: HAProxy
# from Debian in front of TWO gunicorn app servers on ONE PostgreSQL database and ONE Redis
# (CACHE_URL), with one background worker. Then checks through the load balancer and straight
# at each server (scripts/two_servers_check.py): both answer; a session, a CSRF token and a wall
# screen's pairing cookie from one hold on the other; a move through one is what the other
# serves next; login throttling and the idea form's rate limit count across both; and with one
# server stopped the load balancer takes it out and nothing fails. Cleans up after itself (it
# stops only the processes it started; it deletes only its own keys in Redis).
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/forkant_scale \
#   CACHE_URL=redis://127.0.0.1:6379/14 scripts/two_servers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to a scratch PostgreSQL database (its content is replaced)}"
: "${CACHE_URL:=redis://127.0.0.1:6379/14}"
command -v haproxy >/dev/null || { echo "needs HAProxy (apt-get install haproxy)" >&2; exit 1; }
LB_PORT=${LB_PORT:-8100} ONE_PORT=${ONE_PORT:-8101} TWO_PORT=${TWO_PORT:-8102}

tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }

export SECRET_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export ALLOWED_HOSTS=127.0.0.1,localhost SECURE=false BEHIND_PROXY=true DEBUG=false
export CACHE_URL CACHE_KEY_PREFIX="forkant-rehearsal-$$" DATABASE_URL
export WHITENOISE_USE_FINDERS=true LOG_LEVEL=ERROR
PY=.venv/bin/python

step "the scratch database: migrate, the demo workplace"
case "${DATABASE_URL##*/}" in
  forkant_*) ;;  # a scratch database is named forkant_something, never forkant itself
  *) echo "DATABASE_URL must name a scratch database forkant_…, it is emptied" >&2; exit 1 ;;
esac
psql "${DATABASE_URL%/*}/postgres" -qc "DROP DATABASE IF EXISTS ${DATABASE_URL##*/}" >/dev/null
psql "${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE ${DATABASE_URL##*/}" >/dev/null
$PY manage.py migrate --no-input -v0
$PY manage.py demo >/dev/null

step "two app servers (gunicorn, 2 workers each), one background worker"
for port in $ONE_PORT $TWO_PORT; do
  .venv/bin/gunicorn forkant.wsgi --workers 2 --bind 127.0.0.1:$port \
    --forwarded-allow-ips 127.0.0.1 --log-level warning 2>"$tmp/gunicorn-$port.err" &
  pids+=($!)
done
ONE_PID=${pids[0]}
nice -n 10 $PY manage.py db_worker 2>"$tmp/worker.err" &
pids+=($!)

step "HAProxy in front: round robin, health check /sundhed/, a failed server taken out"
cat > "$tmp/haproxy.cfg" <<CONF
global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  option forwardfor
  # A request that reached a server that has just gone away is tried on the other.
  retries 2
  option redispatch
  retry-on conn-failure empty-response
frontend forkant
  bind 127.0.0.1:$LB_PORT
  default_backend app
backend app
  balance roundrobin
  option httpchk GET /sundhed/
  # A busy server answers its health check late, not never: only a silent one is taken out.
  timeout check 5s
  http-check expect status 200
  http-response set-header X-Forkant-Server %s
  server one 127.0.0.1:$ONE_PORT check inter 1s fall 3 rise 2
  server two 127.0.0.1:$TWO_PORT check inter 1s fall 3 rise 2
CONF
haproxy -c -q -f "$tmp/haproxy.cfg"
haproxy -db -f "$tmp/haproxy.cfg" 2>"$tmp/haproxy.err" &
pids+=($!)
for port in $ONE_PORT $TWO_PORT $LB_PORT; do
  for _ in $(seq 150); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$port/sundhed/)" = 200 ] && break
    sleep 0.2
  done
done

step "checks"
ONE_PID=$ONE_PID $PY scripts/two_servers_check.py \
  "http://127.0.0.1:$LB_PORT" "http://127.0.0.1:$ONE_PORT" "http://127.0.0.1:$TWO_PORT"
status=$?
$PY -c "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'forkant.settings'); \
django.setup(); from django.core.cache import cache; cache.clear()"
exit $status
