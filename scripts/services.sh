#!/usr/bin/env bash
# Install (from Debian's packages) and start the servers the tests and a production-like run need:
# PostgreSQL and Redis on loopback. Idempotent: a server that already answers is left alone.
#
#   scripts/services.sh start     # prints DATABASE_URL=… and REDIS_URL=… as its last lines
#   scripts/services.sh stop
#
# PostgreSQL runs as a cluster of its own (as root: under the postgres system user's home, which
# that user can reach; otherwise under var/services/pg), trusting loopback connections only;
# Redis keeps nothing on disk.
set -euo pipefail
cd "$(dirname "$0")/.."

PGPORT="${PGPORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"
STATE_DIR="$(pwd)/var/services"
if [ "$(id -u)" = "0" ]; then
  PGDATA="${BANGFU_PGDATA:-/var/lib/postgresql/bangfu-$PGPORT}"
else
  PGDATA="${BANGFU_PGDATA:-$STATE_DIR/pg}"
fi

apt_install() {
  if [ "$(id -u)" != "0" ]; then
    echo "services: $* missing and not root: install them with apt-get" >&2
    return 1
  fi
  if [ -z "${_APT_UPDATED:-}" ]; then
    apt-get update -qq >/dev/null
    _APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$dir" ] && echo "$dir"
}

pg_answers() {
  pg_isready -q -h 127.0.0.1 -p "$PGPORT" 2>/dev/null
}

start_postgres() {
  if ! command -v pg_isready >/dev/null 2>&1 || [ -z "$(pg_bindir)" ]; then
    echo "==> installing PostgreSQL (Debian packages)" >&2
    apt_install postgresql postgresql-contrib
  fi
  if pg_answers; then
    return 0
  fi
  local bin
  bin="$(pg_bindir)"
  mkdir -p "$STATE_DIR"
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    echo "==> creating a PostgreSQL cluster in $PGDATA" >&2
    mkdir -p "$PGDATA"
    chown -R postgres:postgres "$PGDATA" 2>/dev/null || true
    chmod 700 "$PGDATA"
    as_postgres "$bin/initdb" -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$PGDATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$PGDATA'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 512MB
EOF
  fi
  as_postgres "$bin/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 start >/dev/null
  pg_answers || { echo "services: PostgreSQL did not start; see $PGDATA/server.log" >&2; return 1; }
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    # The server refuses to run as root: hand it to the postgres system user (made by the package).
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

start_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "==> installing Redis (Debian package)" >&2
    apt_install redis-server
  fi
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    return 0
  fi
  mkdir -p "$STATE_DIR"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --dir "$STATE_DIR" --logfile "$STATE_DIR/redis.log" --pidfile "$STATE_DIR/redis.pid" >/dev/null
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "services: Redis did not start; see var/services/redis.log" >&2
  return 1
}

stop_all() {
  local bin
  bin="$(pg_bindir || true)"
  if [ -n "$bin" ] && [ -s "$PGDATA/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null || true
  fi
  if [ -s "$STATE_DIR/redis.pid" ]; then
    kill "$(cat "$STATE_DIR/redis.pid")" 2>/dev/null || true
  fi
}

case "${1:-start}" in
  start)
    start_postgres
    start_redis
    echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/bangfu"
    echo "REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
    ;;
  stop) stop_all ;;
  *) echo "usage: scripts/services.sh start|stop" >&2; exit 2 ;;
esac
