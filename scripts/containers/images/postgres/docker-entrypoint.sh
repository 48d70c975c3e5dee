#!/usr/bin/env bash
# The official postgres image's environment contract, as far as Aspire's AddPostgres uses it:
#   POSTGRES_PASSWORD       superuser password (required unless POSTGRES_HOST_AUTH_METHOD=trust)
#   POSTGRES_USER           superuser name (default postgres)
#   POSTGRES_DB             database created on first start (default: POSTGRES_USER)
#   POSTGRES_INITDB_ARGS    extra initdb arguments (Aspire: --auth-host=scram-sha-256 --auth-local=scram-sha-256)
#   POSTGRES_HOST_AUTH_METHOD  pg_hba method for TCP connections from anywhere (Aspire: scram-sha-256)
#   PGDATA                  data directory (default /var/lib/postgresql/data)
# The server runs as the postgres user, listens on 5432 on every interface, logs to stdout, and stops
# with a fast shutdown on SIGTERM or SIGINT. /docker-entrypoint-initdb.d scripts are not supported.
set -euo pipefail
exec 2>&1

if [ "${1:0:1}" = '-' ]; then set -- postgres "$@"; fi
if [ "$1" != postgres ]; then exec "$@"; fi
shift

as_postgres=()
if [ "$(id -u)" = 0 ]; then as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups); fi

PGDATA=${PGDATA:-/var/lib/postgresql/data}
POSTGRES_USER=${POSTGRES_USER:-postgres}
POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
POSTGRES_HOST_AUTH_METHOD=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
export PGDATA

if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
    echo "error: the database is not initialized and POSTGRES_PASSWORD is not set (or set POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi
  pwfile=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:-}" > "$pwfile"
  [ "$(id -u)" != 0 ] || chown postgres:postgres "$pwfile"
  pwarg=()
  [ -z "${POSTGRES_PASSWORD:-}" ] || pwarg=(--pwfile="$pwfile")
  # shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS is a list of arguments, as in the official image
  "${as_postgres[@]}" initdb --pgdata="$PGDATA" --username="$POSTGRES_USER" "${pwarg[@]}" \
    --encoding=UTF8 --locale=C.UTF-8 ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$pwfile"
  {
    echo "listen_addresses = '*'"
    echo "log_line_prefix = '%m [%p] '"
  } >> "$PGDATA/postgresql.conf"
  echo "host all all all $POSTGRES_HOST_AUTH_METHOD" >> "$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    echo "CREATE DATABASE \"${POSTGRES_DB//\"/\"\"}\"" | "${as_postgres[@]}" postgres --single -D "$PGDATA" postgres >/dev/null
  fi
  echo "entrypoint: initialized $PGDATA (superuser $POSTGRES_USER, database $POSTGRES_DB, host auth $POSTGRES_HOST_AUTH_METHOD)"
fi

"${as_postgres[@]}" postgres -D "$PGDATA" "$@" &
server=$!

# SIGTERM makes postgres wait for every client to leave ("smart" shutdown); SIGINT ends client sessions and
# stops at once ("fast"). Docker sends STOPSIGNAL (SIGINT) or SIGTERM: both become SIGINT here.
trap 'kill -INT "$server" 2>/dev/null' TERM INT
trap 'kill -QUIT "$server" 2>/dev/null' QUIT
status=0
wait "$server" || status=$?
while kill -0 "$server" 2>/dev/null; do status=0; wait "$server" || status=$?; done
exit "$status"
