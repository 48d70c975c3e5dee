#!/usr/bin/env bash
# Installs what is missing, then measures the pipeline against this machine's limits and against the same durable
# work done raw (about 13 minutes), and writes docs/benchmarks.md and docs/benchmarks.json. Options: --duration S
# --concurrency 1,8,32 --backlog N --smtp-connections N --output DIR; or --drain-only (the drain into the sink beside
# the floor's, about 4 minutes, logged, no report). Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

# Postfix's smtp-sink, the fast SMTP server the benchmark sends to (the package's own mail service is not used), and
# ss (iproute2), which counts the round trips to PostgreSQL.
missing=()
[ -x /usr/sbin/smtp-sink ] || missing+=(postfix)
command -v ss >/dev/null || missing+=(iproute2)
if [ ${#missing[@]} -gt 0 ]; then
  echo "benchmark: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  $sudo service postfix stop >/dev/null 2>&1 || true
fi
exec dotnet run -c Release --project bench/TrainingProgram.Benchmarks -- "$@"
