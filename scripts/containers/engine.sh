#!/usr/bin/env bash
# A Docker engine on a Debian 12 machine without systemd (CI, a bare VM, a container with privileges).
#
#   scripts/containers/engine.sh start    installs docker.io when missing, starts dockerd in the background,
#                                         waits (with a deadline) until `docker info` answers
#   scripts/containers/engine.sh stop     removes the containers, networks and volumes of the run, then stops
#                                         the dockerd this script started (and the containerd it supervises)
#   scripts/containers/engine.sh status   says whether an engine answers, and whether this script started it
#
# When an engine already answers on start (Docker Desktop, a system service), it is used as it is: stop then
# neither removes anything nor stops it. Images are kept on stop: they are the build cache of build-images.sh.
# State lives in $TP_ENGINE_DIR (default /tmp/trainingprogram-engine): dockerd.pid, dockerd.log, exec-root.
set -euo pipefail

state=${TP_ENGINE_DIR:-/tmp/trainingprogram-engine}
pidfile=$state/dockerd.pid
logfile=$state/dockerd.log
start_deadline=${TP_ENGINE_START_TIMEOUT:-60}
stop_deadline=${TP_ENGINE_STOP_TIMEOUT:-30}

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"

say() { echo "engine: $*"; }
answers() { timeout 10 docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; }
ours() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

install_engine() {
  command -v dockerd >/dev/null && command -v docker >/dev/null && return 0
  say "installing docker.io"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends docker.io >/dev/null
  # The package's service is not used (no systemd here); make sure nothing it started keeps running.
  $sudo service docker stop >/dev/null 2>&1 || true
}

# Aspire's DCP (13.6.5: DCP 0.26) refuses a Docker CLI older than 25.0 ("docker CLI version 20.10.24 is not
# supported"), though it works with Debian's 20.10 engine. Machines of this kind ship a 28.x client in
# /usr/local/bin, ahead of Debian's /usr/bin/docker on PATH.
check_client() {
  local version
  version=$(docker version --format '{{.Client.Version}}' 2>/dev/null || true)
  if [ "${version%%.*}" -lt 25 ] 2>/dev/null; then
    say "the docker client first on PATH ($(command -v docker), version $version) is older than 25.0, which Aspire's DCP requires; put a newer Docker CLI first on PATH"
    return 1
  fi
}

start() {
  local began=$SECONDS
  if ours; then say "already running (pid $(cat "$pidfile"))"; check_client; return 0; fi
  if answers; then say "an engine already answers 'docker info'; using it as it is"; check_client; return 0; fi
  install_engine
  mkdir -p "$state"
  # Its own pid file and exec root, so that nothing here is confused with another engine or the package's.
  # No iptables rules and no IP forwarding: the host reaches published ports through docker-proxy (the
  # userland proxy) and containers reach each other on their bridge, which is all the AppHost needs; the
  # machine's firewall and sysctls are left as they were (image builds use the host's network).
  # TP_DOCKERD_ARGS replaces these flags.
  # shellcheck disable=SC2086
  $sudo setsid dockerd \
    --pidfile "$pidfile" \
    --exec-root "$state/exec" \
    --host unix:///var/run/docker.sock \
    ${TP_DOCKERD_ARGS:---iptables=false --ip-forward=false --userland-proxy=true} \
    >"$logfile" 2>&1 </dev/null &
  local deadline=$((SECONDS + start_deadline))
  until answers; do
    if [ $SECONDS -ge $deadline ]; then
      say "dockerd did not answer within ${start_deadline} s; last lines of $logfile:"
      tail -n 20 "$logfile" >&2
      stop || true
      return 1
    fi
    sleep 0.5
  done
  check_client
  say "dockerd $(docker info --format '{{.ServerVersion}}') is up (pid $(cat "$pidfile"), storage $(docker info --format '{{.Driver}}'), log $logfile) in $((SECONDS - began)) s"
}

cleanup_resources() {
  local containers networks
  containers=$(docker ps -aq 2>/dev/null || true)
  if [ -n "$containers" ]; then
    say "removing $(echo "$containers" | wc -l) container(s)"
    # shellcheck disable=SC2086
    docker rm -f -v $containers >/dev/null 2>&1 || true
  fi
  networks=$(docker network ls -q --filter type=custom 2>/dev/null || true)
  if [ -n "$networks" ]; then
    say "removing $(echo "$networks" | wc -l) network(s)"
    # shellcheck disable=SC2086
    docker network rm $networks >/dev/null 2>&1 || true
  fi
  # Only the run's own volumes: the test kit's (tp-test-...) and anonymous ones (64 hex digits). `docker volume prune`
  # would take named volumes too on this engine (20.10), the F5 data volumes of a developer among them.
  volumes=$(docker volume ls -q --filter dangling=true 2>/dev/null | grep -E '^(tp-test-|[0-9a-f]{64}$)' || true)
  if [ -n "$volumes" ]; then
    say "removing $(echo "$volumes" | wc -l) volume(s)"
    # shellcheck disable=SC2086
    docker volume rm $volumes >/dev/null 2>&1 || true
  fi
}

stop() {
  if ! ours; then
    rm -f "$pidfile"
    say "no engine started by this script is running; nothing to stop"
    return 0
  fi
  local pid
  pid=$(cat "$pidfile")
  answers && cleanup_resources
  $sudo kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + stop_deadline))
  while kill -0 "$pid" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      say "dockerd (pid $pid) did not stop within ${stop_deadline} s; killing it"
      $sudo kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.5
  done
  # dockerd supervises its own containerd; it exits with dockerd. Make sure, by the pid file it wrote.
  local containerd_pid
  for containerd_pidfile in "$state/exec/containerd/containerd.pid" /var/run/docker/containerd/containerd.pid; do
    [ -f "$containerd_pidfile" ] || continue
    containerd_pid=$(cat "$containerd_pidfile")
    if kill -0 "$containerd_pid" 2>/dev/null && grep -q containerd "/proc/$containerd_pid/comm" 2>/dev/null; then
      $sudo kill -TERM "$containerd_pid" 2>/dev/null || true
    fi
  done
  # The networks' bridges went with `docker network rm`; the default bridge (docker0) outlives dockerd.
  $sudo ip link delete docker0 2>/dev/null || true
  rm -f "$pidfile"
  say "stopped dockerd (pid $pid)"
}

status() {
  if answers; then
    if ours; then say "running, started by this script (pid $(cat "$pidfile"))"; else say "an engine answers; not started by this script"; fi
  else
    say "no engine answers"
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
