#!/usr/bin/env bash
# Rehearses docs/DEPLOY.md on this machine, on loopback only: nginx with a self-signed
# certificate in front of TWO gunicorn app servers on ONE PostgreSQL database, with collected
# static files, migrate, the first organisation, a backup and restore, a graceful reload, and
# checks over HTTPS. Cleans up after itself (it stops only the processes it started).
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/forkant_rehearsal scripts/deploy_rehearsal.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to a scratch PostgreSQL database}"
command -v nginx >/dev/null || { echo "needs nginx (apt-get install nginx-light)" >&2; exit 1; }

tmp=$(mktemp -d)
pids=()
cleanup() {
  [ -f "$tmp/nginx.pid" ] && nginx -p "$tmp" -c "$tmp/nginx.conf" -s quit 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1" >&2; exit 1; fi; }

step "environment: only what docs/deploy/env.example lists (no DEBUG, no SECURE)"
export SECRET_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
export ALLOWED_HOSTS=localhost CSRF_TRUSTED_ORIGINS=https://localhost:8443
export BEHIND_PROXY=true SITE_URL=https://localhost:8443 DATABASE_URL
export EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend BACKUP_DIR="$tmp/backups"
export STATIC_ROOT="$tmp/static"
unset DEBUG SECURE CONN_MAX_AGE WHITENOISE_USE_FINDERS
PY=.venv/bin/python

step "deploy: check, collectstatic, migrate"
$PY manage.py check --deploy --fail-level WARNING
$PY manage.py collectstatic --no-input -v0
$PY manage.py migrate --no-input -v0

step "two app servers (gunicorn, 2 workers each) on one PostgreSQL"
for port in 8013 8014; do
  .venv/bin/gunicorn forkant.wsgi --workers 2 --bind 127.0.0.1:$port \
    --access-logfile "$tmp/access-$port.log" --pid "$tmp/gunicorn-$port.pid" \
    --access-logformat '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms' \
    --forwarded-allow-ips 127.0.0.1 2>"$tmp/gunicorn-$port.err" &
  pids+=($!)
done

step "nginx with TLS in front (docs/deploy/nginx.conf, self-signed certificate)"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -keyout "$tmp/privkey.pem" -out "$tmp/fullchain.pem" 2>/dev/null
mkdir -p "$tmp/logs"
sed -e "s#server 127.0.0.1:8000;#server 127.0.0.1:8013;\n    server 127.0.0.1:8014;#" \
    -e "s#listen 80;#listen 127.0.0.1:8080;#" -e "s#listen 443 ssl http2;#listen 127.0.0.1:8443 ssl http2;#" \
    -e "s#forkant.example.dk#localhost#g" -e "s#/etc/ssl/forkant/#$tmp/#g" \
    -e "s#/var/log/nginx/#$tmp/logs/#g" \
    -e 's#return 301 https://$host$request_uri;#return 301 https://$host:8443$request_uri;#' \
    docs/deploy/nginx.conf > "$tmp/site.conf"
cat > "$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log $tmp/logs/error.log;
events {}
http {
  access_log $tmp/logs/access.log;
  client_body_temp_path $tmp; proxy_temp_path $tmp; fastcgi_temp_path $tmp;
  uwsgi_temp_path $tmp; scgi_temp_path $tmp;
  include $tmp/site.conf;
}
CONF
nginx -p "$tmp" -c "$tmp/nginx.conf"
for _ in $(seq 100); do
  [ "$(curl -sk -o /dev/null -w '%{http_code}' https://localhost:8443/sundhed/)" = 200 ] && break
  sleep 0.2
done

step "checks over HTTPS"
curl_=(curl -sk --max-time 10)
check "health over plain HTTP for the load balancer" \
  '[ "$("${curl_[@]}" -o /dev/null -w "%{http_code}" http://localhost:8080/sundhed/)" = 200 ]'
check "plain HTTP redirects to HTTPS" \
  '"${curl_[@]}" -o /dev/null -w "%{http_code} %{redirect_url}" http://localhost:8080/log-ind/ | grep -q "^301 https://localhost:8443/log-ind/"'
"${curl_[@]}" -D "$tmp/h" -o "$tmp/login.html" -c "$tmp/jar" https://localhost:8443/log-ind/
check "login page over HTTPS" 'grep -q "^HTTP/[0-9.]* 200" "$tmp/h"'
check "HSTS header" 'grep -qi "^strict-transport-security: max-age=31536000" "$tmp/h"'
check "strict CSP header" 'grep -qi "^content-security-policy: .*script-src .self." "$tmp/h"'
check "CSRF cookie is Secure" 'grep -i "^set-cookie: csrftoken" "$tmp/h" | grep -qi secure'
check "static files served (collected, compressed)" \
  '[ "$("${curl_[@]}" -o /dev/null -w "%{http_code}" -H "Accept-Encoding: gzip" https://localhost:8443/static/css/app.css)" = 200 ]'

step "the operator's first step: create_organisation (the link uses SITE_URL)"
name="Øvelse $(date +%s)"
$PY manage.py create_organisation "$name" --admin "admin-$(date +%s)@example.dk" > "$tmp/org.out"
link=$(grep -o 'https://localhost:8443/invitation/[^ ]*' "$tmp/org.out" | head -1)
code=$("${curl_[@]}" -o "$tmp/invitation.html" -w "%{http_code}" "$link")
check "invitation link answers over HTTPS ($code)" '[ "$code" = 200 ] && grep -q "Opret konto" "$tmp/invitation.html"'

step "log in over HTTPS through the proxy (session cookie Secure, HttpOnly)"
$PY manage.py shell -c "
from forkant.models import User
u = User.objects.filter(email='drift@example.dk').first() or User.objects.create_user('drift@example.dk')
u.set_password('en-lang-drifts-kode-2026'); u.save()" 
token=$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' "$tmp/login.html" | head -1 | sed 's/.*value="//;s/"//')
"${curl_[@]}" -D "$tmp/h2" -o /dev/null -b "$tmp/jar" -c "$tmp/jar" -e https://localhost:8443/log-ind/ \
  --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "username=drift@example.dk" \
  --data-urlencode "password=en-lang-drifts-kode-2026" https://localhost:8443/log-ind/
check "login redirects to the dashboard ($(head -1 "$tmp/h2" | tr -d '\r'))" \
  'grep -qi "^location: /\s*$" "$tmp/h2"'
check "session cookie is Secure and HttpOnly" \
  'grep -i "^set-cookie: sessionid" "$tmp/h2" | grep -i secure | grep -qi httponly'
check "the dashboard answers with the session" \
  '[ "$("${curl_[@]}" -o /dev/null -w "%{http_code}" -b "$tmp/jar" https://localhost:8443/)" = 200 ]'

step "a search's words are in no log (nginx's and gunicorn's log the path only)"
check "the search answers" \
  '[ "$("${curl_[@]}" -o /dev/null -w "%{http_code}" -b "$tmp/jar" "https://localhost:8443/soeg/?q=hemmeligtsoegeord")" = 200 ]'
check "the search was logged, by its path" 'grep -q "GET /soeg/ " "$tmp"/logs/forkant.access.log'
check "its words were not" '! grep -rq hemmeligtsoegeord "$tmp"/logs "$tmp"/access-*.log'

step "both app servers answered"
for _ in $(seq 20); do "${curl_[@]}" -o /dev/null https://localhost:8443/sundhed/; done
check "app server 8013 served requests" '[ -s "$tmp/access-8013.log" ]'
check "app server 8014 served requests" '[ -s "$tmp/access-8014.log" ]'

step "backup and restore while the servers run"
$PY manage.py backup --output "$tmp/backups/rehearsal.pgdump"
check "backup file written" '[ -s "$tmp/backups/rehearsal.pgdump" ]'
$PY manage.py restore "$tmp/backups/rehearsal.pgdump" --no-input
check "health after restore" \
  '[ "$("${curl_[@]}" -o /dev/null -w "%{http_code}" https://localhost:8443/sundhed/)" = 200 ]'

step "upgrade: migrate, then a graceful reload of each app server (HUP)"
$PY manage.py migrate --no-input -v0
for port in 8013 8014; do kill -HUP "$(cat "$tmp/gunicorn-$port.pid")"; done
sleep 2
check "health after the reload" \
  '[ "$("${curl_[@]}" -o /dev/null -w "%{http_code}" https://localhost:8443/sundhed/)" = 200 ]'

echo; echo "Deploy rehearsal passed."
