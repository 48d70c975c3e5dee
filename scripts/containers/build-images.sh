#!/usr/bin/env bash
# Builds the local PostgreSQL and RabbitMQ images for the `containers` infrastructure mode on a machine that
# reaches no image registry, from Debian bookworm's packages:
#   trainingprogram/debian:bookworm-HASH    debootstrap --variant=minbase + docker import
#   trainingprogram/postgres:15-HASH        PostgreSQL 15 (images/postgres)
#   trainingprogram/rabbitmq:3.10-HASH      RabbitMQ 3.10 with the management plugin (images/rabbitmq)
# HASH is a hash of the files an image is made from (and of its base), so an image whose tag exists is reused
# as it is. Needs a running engine (scripts/containers/engine.sh start).
#
#   scripts/containers/build-images.sh          builds what is missing; last lines: the AppHost overrides
#   scripts/containers/build-images.sh --env    prints only the overrides (export lines), building nothing
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
images=$here/images

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"

hash_of() { # files/dirs and strings -> 12 hex digits
  local input=""
  for item in "$@"; do
    if [ -e "$item" ]; then
      input+=$(cd "$item" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
    else
      input+=$item
    fi
    input+=$'\n'
  done
  printf '%s' "$input" | sha256sum | cut -c1-12
}

base_image=trainingprogram/debian:bookworm-$(hash_of "$images/base")
postgres_image=trainingprogram/postgres:15-$(hash_of "$images/postgres" "$base_image")
rabbitmq_image=trainingprogram/rabbitmq:3.10-$(hash_of "$images/rabbitmq" "$base_image")

print_env() {
  echo "export Infrastructure__Containers__PostgresImage=$postgres_image"
  echo "export Infrastructure__Containers__RabbitMQImage=$rabbitmq_image"
}

if [ "${1:-}" = --env ]; then print_env; exit 0; fi

exists() { docker image inspect "$1" >/dev/null 2>&1; }
say() { echo "images: $*"; }

build_base() {
  exists "$base_image" && { say "$base_image (cached)"; return 0; }
  local began=$SECONDS
  command -v debootstrap >/dev/null || {
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  }
  local rootfs
  rootfs=$(mktemp -d /var/tmp/trainingprogram-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' RETURN
  $sudo bash "$images/base/rootfs.sh" "$rootfs"
  $sudo tar -C "$rootfs" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' \
    --change 'LABEL org.opencontainers.image.title="trainingprogram/debian" org.opencontainers.image.description="Debian bookworm (debootstrap --variant=minbase from Debian packages), built locally by TrainingProgram scripts/containers for CI; not the official debian image" org.opencontainers.image.version="12"' \
    - "$base_image" >/dev/null
  say "$base_image built in $((SECONDS - began)) s"
}

build_image() { # image context
  exists "$1" && { say "$1 (cached)"; return 0; }
  local began=$SECONDS log
  log=$(mktemp)
  # The legacy builder works with every client/engine pair here; host networking reaches the Debian mirror
  # without depending on the bridge's NAT.
  if ! DOCKER_BUILDKIT=0 docker build --network host --build-arg "BASE=$base_image" -t "$1" "$2" >"$log" 2>&1; then
    say "building $1 failed:"
    tail -n 40 "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  say "$1 built in $((SECONDS - began)) s"
}

began=$SECONDS
build_base
# The two images share nothing but the base: build them side by side.
build_image "$postgres_image" "$images/postgres" & postgres_build=$!
build_image "$rabbitmq_image" "$images/rabbitmq" & rabbitmq_build=$!
status=0
wait "$postgres_build" || status=1
wait "$rabbitmq_build" || status=1
[ "$status" = 0 ] || exit 1
# Older builds of these images (other content hashes) are only disk: remove them.
for repository in trainingprogram/debian trainingprogram/postgres trainingprogram/rabbitmq; do
  for old in $(docker image ls --format '{{.Repository}}:{{.Tag}}' "$repository"); do
    case "$old" in "$base_image" | "$postgres_image" | "$rabbitmq_image") ;; *) docker image rm "$old" >/dev/null 2>&1 || true ;; esac
  done
done
say "ready in $((SECONDS - began)) s"
print_env
