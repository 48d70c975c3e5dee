#!/usr/bin/env bash
# Runs one AppHost run's PostgreSQL server in the foreground, for the local infrastructure mode.
# Environment: PG_BIN, PGDATA, PGPORT, POSTGRES_PASSWORD (set by LocalPostgresBuilderExtensions); optional
# POSTGRES_SERVER_OPTIONS, more server arguments (the benchmark loads pg_stat_statements with it).
set -euo pipefail

# initdb and postgres refuse to run as root: as root, run them as the postgres user.
as_server_user=()
if [ "$(id -u)" = 0 ]; then as_server_user=(setpriv --reuid=postgres --regid=postgres --init-groups); fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA"
  pwfile="$PGDATA.pw"
  (umask 077; printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile")
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDATA" "$pwfile"; fi
  "${as_server_user[@]}" "$PG_BIN/initdb" --pgdata="$PGDATA" --username=postgres --pwfile="$pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
fi

# Logs go to stdout (the dashboard shows stderr as errors); the socket lives in the data folder.
"${as_server_user[@]}" "$PG_BIN/postgres" -D "$PGDATA" -c listen_addresses=127.0.0.1 -p "$PGPORT" \
  -c unix_socket_directories="$PGDATA" -c log_line_prefix='%m [%p] ' ${POSTGRES_SERVER_OPTIONS:-} 2>&1 &
server=$!

# DCP stops an executable with SIGTERM, which makes postgres wait for pooled clients to leave ("smart"
# shutdown). SIGINT is the "fast" shutdown: it ends client sessions and stops at once.
trap 'kill -INT "$server" 2>/dev/null' TERM INT
status=0
wait "$server" || status=$?
if kill -0 "$server" 2>/dev/null; then status=0; wait "$server" || status=$?; fi
exit "$status"
