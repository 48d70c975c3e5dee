#!/usr/bin/env bash
# Installs what TrainingProgram needs on a Debian 12 machine and is quiet when everything is there:
# the PostgreSQL and RabbitMQ servers for the local infrastructure mode, jq, curl and openssl for the README
# walkthrough (scripts/token.sh), libfaketime for the tests that run a service with its clock off, and the dotnet
# local tools (smtp4dev, dotnet-ef).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -n "$(ls /usr/lib/postgresql/*/bin/postgres 2>/dev/null)" ] || missing+=(postgresql)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v setpriv >/dev/null || missing+=(util-linux)
command -v jq >/dev/null || missing+=(jq)
command -v curl >/dev/null || missing+=(curl)
command -v openssl >/dev/null || missing+=(openssl)
[ -n "$(ls /usr/lib/*/faketime/libfaketimeMT.so.1 2>/dev/null)" ] || missing+=(libfaketime)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The AppHost runs its own servers on free loopback ports; the packages' system services are not used.
  for service in postgresql rabbitmq-server; do
    $sudo service "$service" stop >/dev/null 2>&1 || true
  done
  # Installing rabbitmq-server also starts a system `epmd -daemon` (port 4369) that outlives the service; the
  # AppHost's broker runs its own epmd on its own port.
  if command -v epmd >/dev/null; then
    env -u ERL_EPMD_PORT epmd -kill >/dev/null 2>&1 || true
  fi
fi

# The OpenAPI lint (TrainingProgram.Tests/Enrollments/ApiDocumentTests.cs runs the pinned @redocly/cli with npx) needs
# Node.js 20.19+ or 22.12+ with npm (Debian 12's own nodejs is 18). Fetching the pinned version into npm's cache here
# keeps the download out of the test's time limit on a brand-new machine.
redocly_cli=@redocly/cli@2.77.0   # the same pin as ApiDocumentTests.RedoclyCli
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number);
              process.exit((a === 20 && b >= 19) || (a === 22 && b >= 12) || a > 22 ? 0 : 1)' 2>/dev/null; then
  echo "setup: the OpenAPI lint needs Node.js 20.19+ or 22.12+ with npm (e.g. NodeSource's nodejs 22); found: $(node --version 2>/dev/null || echo none)" >&2
  exit 1
fi
npx --yes "$redocly_cli" --version >/dev/null 2>&1

# dotnet-ef comes before rnwood.smtp4dev in dotnet-tools.json on purpose: with empty tool caches, SDK 10 checks
# the tool restored after a RID-specific package (smtp4dev) against that package's commands and fails. CI restores
# the tools under empty caches on every run (.ci/run) to keep that proven.
if ! output=$(dotnet tool restore 2>&1); then
  echo "$output"
  echo "setup: 'dotnet tool restore' failed"
  exit 1
fi
echo "setup: PostgreSQL, RabbitMQ, smtp4dev and the OpenAPI linter are ready"
