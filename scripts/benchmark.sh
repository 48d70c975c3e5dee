#!/usr/bin/env bash
# Installs what is missing, then measures the pipeline against this machine's limits (several minutes) and
# writes docs/benchmarks.md and docs/benchmarks.json. Options: --duration S --concurrency 1,8,32 --backlog N
# --smtp-connections N --output DIR. Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec dotnet run -c Release --project bench/TrainingProgram.Benchmarks -- "$@"
