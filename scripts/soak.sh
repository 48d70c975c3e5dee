#!/usr/bin/env bash
# Installs what is missing, then runs the whole topology (local mode, two Enrollment API replicas) under a steady load
# of enrollments and cancellations while stopping and starting its parts at random, and checks that every committed
# enrollment got its emails exactly once; writes docs/reliability.md. Options: --minutes N (30) --rate R (5 requests/s)
# --seed S (random; printed, to replay) --output DIR. Exit code 0 only if every check holds. `--minutes 2` takes ~4 min.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec dotnet run -c Release --project soak/TrainingProgram.Soak -- "$@"
