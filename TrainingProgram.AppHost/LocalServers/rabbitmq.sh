#!/usr/bin/env bash
# Runs one AppHost run's RabbitMQ broker in the foreground, for the local infrastructure mode.
# Environment (set by LocalRabbitMQBuilderExtensions): RABBITMQ_SERVER, RABBITMQ_BASE, RABBITMQ_NODE_PORT,
# RABBITMQ_DIST_PORT, ERL_EPMD_PORT, RABBITMQ_MANAGEMENT_PORT, RABBITMQ_DEFAULT_USER, RABBITMQ_DEFAULT_PASS.
set -euo pipefail

mkdir -p "$RABBITMQ_BASE/mnesia" "$RABBITMQ_BASE/log"
export HOME="$RABBITMQ_BASE"
export RABBITMQ_NODENAME="rabbit-$RABBITMQ_NODE_PORT@localhost"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_MNESIA_BASE="$RABBITMQ_BASE/mnesia"
export RABBITMQ_LOG_BASE="$RABBITMQ_BASE/log"
export RABBITMQ_LOGS=-
export RABBITMQ_ENABLED_PLUGINS_FILE="$RABBITMQ_BASE/enabled_plugins"
export RABBITMQ_CONFIG_FILE="$RABBITMQ_BASE/rabbitmq"
export ERL_EPMD_ADDRESS=127.0.0.1
# No scheduler busy-waiting: the broker shares a few cores with the rest of the topology (and test runs start
# several topologies at once), where spinning schedulers only take CPU from the others.
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1} +sbwt none +sbwtdcpu none +sbwtdio none"

echo '[rabbitmq_management].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
(umask 077; cat > "$RABBITMQ_CONFIG_FILE.conf" <<CONF
default_user = $RABBITMQ_DEFAULT_USER
default_pass = $RABBITMQ_DEFAULT_PASS
loopback_users = none
listeners.tcp.default = 127.0.0.1:$RABBITMQ_NODE_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $RABBITMQ_MANAGEMENT_PORT
CONF
)
unset RABBITMQ_DEFAULT_USER RABBITMQ_DEFAULT_PASS

# This run's own epmd, on its own port, started here so that it is stopped here: the one Erlang would
# start by itself outlives the broker.
epmd -address 127.0.0.1 -port "$ERL_EPMD_PORT" &
epmd=$!

"$RABBITMQ_SERVER" &
broker=$!

# DCP gives an executable ~12 s to stop. The broker has flushed its stores within a second or two of
# SIGTERM but then lingers for ~8 s (more on a busy machine) before the VM exits, so after 4 s it is killed.
stop() {
  kill -TERM "$broker" 2>/dev/null || true
  (sleep 4; pkill -KILL -P "$broker"; kill -KILL "$broker") >/dev/null 2>&1 &
}
trap stop TERM INT
status=0
wait "$broker" || status=$?
if kill -0 "$broker" 2>/dev/null; then status=0; wait "$broker" || status=$?; fi
kill "$epmd" 2>/dev/null || true
wait "$epmd" 2>/dev/null || true
exit "$status"
