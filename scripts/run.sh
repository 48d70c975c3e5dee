#!/usr/bin/env bash
# Installs what is missing, then launches the whole topology; the AppHost prints the dashboard's login URL.
# Pass AppHost settings as arguments, e.g.: scripts/run.sh --Infrastructure:Mode=local
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec dotnet run --project TrainingProgram.AppHost --launch-profile http -- "$@"
