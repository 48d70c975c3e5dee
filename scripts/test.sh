#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs the test suite against the real
# PostgreSQL, RabbitMQ and SMTP server that the AppHost starts, in two stages:
#   local       the whole suite, PostgreSQL and RabbitMQ as local processes (TEST_INFRASTRUCTURE_MODE,
#               default local); extra arguments go to its dotnet test, e.g. --filter
#   containers  the smoke test and the pipeline and recovery scenarios again, in the `containers` mode,
#               when a container engine answers `docker info` (and no extra arguments were given), or
#               always when TEST_CONTAINERS=1 (then a missing engine fails the run). TEST_CONTAINERS=0 skips it.
#               Images: the local builds of scripts/containers/build-images.sh (built when missing), unless
#               Infrastructure__Containers__* are set already or TEST_CONTAINER_IMAGES=standard (Aspire's own,
#               pulled from Docker Hub). TEST_LOCAL=0 skips the local stage. See docs/containers-mode.md.
# The last line counts both stages: "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

dotnet build TrainingProgram.sln --nologo -warnaserror -clp:ErrorsOnly

results=TrainingProgram.Tests/bin/TestResults
rm -rf "$results"
status=0

# The classes the containers stage runs; a class that does not exist (yet) matches nothing and fails nothing.
containers_filter="FullyQualifiedName~TrainingProgram.Tests.Topology.TopologyTests"
# Of the restart tests, the health each server's outage leaves; how a service stops while a server is down does not
# depend on how the server runs, and the local stage covers it.
containers_filter+="|FullyQualifiedName~TrainingProgram.Tests.Topology.ResourceRestartTests.Each_service_reports"
containers_filter+="|FullyQualifiedName~TrainingProgram.Tests.Pipeline.PipelineTests"
containers_filter+="|FullyQualifiedName~TrainingProgram.Tests.Pipeline.PipelineFaultTests"

counter() { # trx name -> its count
  grep -o '<Counters [^>]*>' "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0
}
total_passed=0 total_failed=0 total_skipped=0
count_stage() { # stage trx seconds
  if [ ! -f "$2" ]; then echo "stage $1: no results (${3} s)"; return; fi
  local passed failed skipped
  passed=$(counter "$2" passed)
  failed=$(( $(counter "$2" failed) + $(counter "$2" error) + $(counter "$2" timeout) ))
  skipped=$(( $(counter "$2" total) - $(counter "$2" executed) ))  # xunit's skips are not executed
  total_passed=$((total_passed + passed)) total_failed=$((total_failed + failed)) total_skipped=$((total_skipped + skipped))
  echo "stage $1: $passed passed, $failed failed, $skipped skipped in ${3} s"
}
run_stage() { # stage [dotnet test arguments...]
  local stage=$1 began=$SECONDS stage_status=0
  shift
  echo "=== stage $stage ==="
  dotnet test TrainingProgram.sln --no-build --nologo --results-directory "$results" --logger "trx;LogFileName=$stage.trx" \
    --logger "console;verbosity=normal" "$@" || stage_status=$?
  count_stage "$stage" "$results/$stage.trx" $((SECONDS - began))
  return "$stage_status"
}

if [ "${TEST_LOCAL:-1}" != 0 ]; then
  run_stage local "$@" || status=$?
fi

engine_answers() { timeout 10 docker info >/dev/null 2>&1; }
containers=${TEST_CONTAINERS:-auto}
if [ "$containers" = auto ]; then
  if [ $# -gt 0 ]; then
    containers=0
    echo "stage containers: not run (arguments were given to the local stage; TEST_CONTAINERS=1 runs it)"
  elif engine_answers; then
    containers=1
  else
    containers=0
    echo "stage containers: not run (no container engine answers 'docker info'; see docs/containers-mode.md)"
  fi
fi
if [ "$containers" = 1 ]; then
  began=$SECONDS
  if ! engine_answers; then
    echo "stage containers: TEST_CONTAINERS=1 but no container engine answers 'docker info' (scripts/containers/engine.sh start)"
    status=1
  else
    if [ "${TEST_CONTAINER_IMAGES:-local}" = local ] && [ -z "${Infrastructure__Containers__PostgresImage:-}${Infrastructure__Containers__RabbitMQImage:-}" ]; then
      if images=$(scripts/containers/build-images.sh); then
        echo "$images" | grep -v '^export '
        eval "$(echo "$images" | grep '^export ')"
      else
        echo "$images"
        echo "stage containers: the local images could not be built"
        status=1
        containers=0
      fi
    fi
    if [ "$containers" = 1 ]; then
      TEST_INFRASTRUCTURE_MODE=containers run_stage containers --filter "$containers_filter" || status=$?
    fi
  fi
  echo "stage containers: $((SECONDS - began)) s in all (images included)"
fi

if [ "$status" -ne 0 ]; then
  # CI shows the end of the output: repeat each failure there, with its message.
  for trx in "$results"/*.trx; do [ -f "$trx" ] && awk -v max=60 -f scripts/failed-tests.awk "$trx"; done
  echo "Resource logs of each test app: TrainingProgram.Tests/bin/Debug/net10.0/TestResults/logs/"
fi
# One closing line that any CI reads, from the runs' own result files.
if compgen -G "$results/*.trx" >/dev/null; then
  echo "tests: $total_passed passed, $total_failed failed, $total_skipped skipped"
fi
exit "$status"
