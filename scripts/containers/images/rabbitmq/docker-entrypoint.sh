#!/usr/bin/env bash
# The official rabbitmq image's environment contract, as far as Aspire's AddRabbitMQ(...).WithManagementPlugin()
# uses it:
#   RABBITMQ_DEFAULT_USER, RABBITMQ_DEFAULT_PASS   the user created on first start (default guest/guest)
#   RABBITMQ_DEFAULT_VHOST                         its virtual host (default /)
# AMQP listens on 5672 and the management UI/API on 15672, on every interface; data lives in /var/lib/rabbitmq
# (mnesia); logs go to stdout. The broker runs as the rabbitmq user and stops within a few seconds of SIGTERM.
set -euo pipefail
exec 2>&1

if [ "${1:0:1}" = '-' ]; then set -- rabbitmq-server "$@"; fi
if [ "$1" != rabbitmq-server ]; then exec "$@"; fi
shift

as_rabbitmq=()
if [ "$(id -u)" = 0 ]; then
  as_rabbitmq=(setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups)
  mkdir -p /var/lib/rabbitmq
  chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
fi

# As the official image: guest may log in from anywhere (it is only created when no other user is given).
conf=/etc/rabbitmq/rabbitmq.conf
(umask 027; {
  echo "loopback_users.guest = false"
  echo "listeners.tcp.default = 5672"
  echo "management.tcp.port = 15672"
  echo "default_user = ${RABBITMQ_DEFAULT_USER:-guest}"
  echo "default_pass = ${RABBITMQ_DEFAULT_PASS:-guest}"
  [ -z "${RABBITMQ_DEFAULT_VHOST:-}" ] || echo "default_vhost = $RABBITMQ_DEFAULT_VHOST"
} > "$conf")
[ "$(id -u)" != 0 ] || chown root:rabbitmq "$conf"
unset RABBITMQ_DEFAULT_USER RABBITMQ_DEFAULT_PASS RABBITMQ_DEFAULT_VHOST

# /usr/lib/rabbitmq/bin/rabbitmq-server runs as its caller (/usr/sbin's switches user itself).
"${as_rabbitmq[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server "$@" &
broker=$!

# The broker has flushed its stores within a second or two of SIGTERM but the VM may linger for several
# seconds more; Docker waits 10 s before it kills. After 5 s the broker is killed here; when this script (PID 1)
# exits, the kernel ends every other process of the container (epmd included).
stopping=0
stop() {
  stopping=1
  kill -TERM "$broker" 2>/dev/null || true
  (sleep 5; kill -KILL "$broker") >/dev/null 2>&1 &
}
trap stop TERM INT
status=0
wait "$broker" || status=$?
while kill -0 "$broker" 2>/dev/null; do status=0; wait "$broker" || status=$?; done
# Stopped on request: a clean stop, however the VM ended.
[ "$stopping" = 0 ] || status=0
exit "$status"
