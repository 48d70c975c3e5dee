#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs the whole test suite against the
# real PostgreSQL, RabbitMQ and SMTP server that the AppHost starts (local mode unless
# TEST_INFRASTRUCTURE_MODE says otherwise). Extra arguments go to dotnet test, e.g. --filter.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

dotnet build TrainingProgram.sln --nologo -warnaserror -clp:ErrorsOnly

results=TrainingProgram.Tests/bin/TestResults
rm -rf "$results"
status=0
dotnet test TrainingProgram.sln --no-build --nologo --results-directory "$results" --logger "trx;LogFileName=tests.trx" \
  --logger "console;verbosity=normal" "$@" || status=$?

# One closing line that any CI reads, from the run's own result file.
if [ -f "$results/tests.trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$results/tests.trx")
  count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  echo "tests: $(count passed) passed, $(( $(count failed) + $(count error) + $(count timeout) )) failed, $(count notExecuted) skipped"
fi
if [ "$status" -ne 0 ]; then
  echo "Resource logs of each test app: TrainingProgram.Tests/bin/Debug/net10.0/TestResults/logs/"
fi
exit "$status"
