#!/usr/bin/env bash
# Webhook load test on this machine, loopback only (127.0.0.1): a throwaway PostgreSQL cluster, nginx in front of
# 3 replicas of the bot, a fake Telegram delivering 2,000 updates from 200 chats (with re-deliveries to other
# replicas), one replica killed mid-run. Prints the report as JSON; exit 0 when every update was answered exactly once.
# Needs root (PostgreSQL runs as the postgres user), PostgreSQL and nginx from Debian:
#   apt-get install -y postgresql nginx
# Usage: deploy/loadtest/run.sh [updates] [chats] [kill: true|false]
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO="$PWD"
UPDATES="${1:-2000}"
CHATS="${2:-200}"
KILL="${3:-true}"
PG_PORT=55432
PROXY_PORT=18080
PORTS=(18081 18082 18083)

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 2; }
command -v nginx >/dev/null || { echo "nginx is not installed: apt-get install -y nginx" >&2; exit 2; }

WORK="$(mktemp -d /tmp/bot-loadtest-XXXXXX)"
chmod 755 "$WORK"
mkdir -p "$WORK/pg" "$WORK/nginx"
chown postgres:postgres "$WORK/pg"
cleanup() {
  nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true
  [ -n "${KEEP_WORK:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT

echo "Building (Release)…" >&2
dotnet build src/Bot/Bot.csproj -c Release -v quiet -nologo >/dev/null
dotnet build tools/Bot.LoadTest/Bot.LoadTest.csproj -c Release -v quiet -nologo >/dev/null

echo "PostgreSQL on 127.0.0.1:$PG_PORT…" >&2
runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log.txt" -w start \
  -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=300" >/dev/null
runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres bot

echo "nginx on 127.0.0.1:$PROXY_PORT…" >&2
UPSTREAMS=""
for port in "${PORTS[@]}"; do UPSTREAMS+=" server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"; done
sed -e "s|@UPSTREAMS@|$UPSTREAMS|" -e "s|@LISTEN@|127.0.0.1:$PROXY_PORT|" -e "s|@PREFIX@|$WORK/nginx|g" \
  deploy/loadtest/nginx.conf.template > "$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"

IFS=,; PORT_LIST="${PORTS[*]}"; unset IFS
dotnet tools/Bot.LoadTest/bin/Release/net10.0/Bot.LoadTest.dll \
  --bot "$REPO/src/Bot/bin/Release/net10.0/Bot.dll" --repo "$REPO" --work "$WORK" \
  --postgres "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bot;Maximum Pool Size=40" \
  --proxy "http://127.0.0.1:$PROXY_PORT" --ports "$PORT_LIST" --updates "$UPDATES" --chats "$CHATS" --timeout 180 --kill "$KILL"
