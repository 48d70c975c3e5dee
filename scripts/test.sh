#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs the test suite against the real
# PostgreSQL, RabbitMQ and SMTP server that the AppHost starts, in two stages:
#   local       every test project of the solution (the unit tests, the distributed suite, the samples),
#               PostgreSQL and RabbitMQ as local processes (TEST_INFRASTRUCTURE_MODE, default local); extra
#               arguments go to its dotnet test, e.g. --filter
#   containers  the smoke test and the pipeline and recovery scenarios again, in the `containers` mode,
#               when a container engine answers `docker info` (and no extra arguments were given), or
#               always when TEST_CONTAINERS=1 (then a missing engine fails the run). TEST_CONTAINERS=0 skips it.
#               Images: the local builds of scripts/containers/build-images.sh (built when missing, in the
#               background while the local stage runs), unless
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

# A run starts some 70 .NET processes (each topology's services and smtp4dev, and again at every restart) on two
# cores, and is bound by CPU, most of it JIT: these processes live for minutes and do little, so recompiling their hot
# methods (tiered PGO's instrumented tier, then tier 1) costs more than it saves. Here a method is compiled once, at
# tier 0 (loops still move to optimized code on stack replacement), and the workstation GC has no per-core heaps and
# threads to spin. Measured with `TEST_CONTAINERS=0 scripts/test.sh` at 9fbda98: local stage 460 s without these,
# 349 s without tiered PGO and the server GC, 290 s with call counting off too. Figures of speed come from
# scripts/benchmark.sh, which runs the services as shipped. The services and smtp4dev inherit these variables.
export DOTNET_TieredPGO=${DOTNET_TieredPGO:-0} DOTNET_TC_CallCounting=${DOTNET_TC_CallCounting:-0} DOTNET_gcServer=${DOTNET_gcServer:-0}

# The classes the containers stage runs; a class that does not exist (yet) matches nothing and fails nothing.
containers_filter="FullyQualifiedName~TrainingProgram.Tests.Topology.TopologyTests"
# Of the restart tests, the health each server's outage leaves; how a service stops while a server is down does not
# depend on how the server runs, and the local stage covers it.
containers_filter+="|FullyQualifiedName~TrainingProgram.Tests.Topology.ResourceRestartTests.Each_service_reports"
# ... and that a restarted server keeps its data (the containers' named volumes).
containers_filter+="|FullyQualifiedName~TrainingProgram.Tests.Topology.ResourceRestartTests.Restarting_the_database_server"
containers_filter+="|FullyQualifiedName~TrainingProgram.Tests.Pipeline.PipelineTests"
containers_filter+="|FullyQualifiedName~TrainingProgram.Tests.Pipeline.PipelineFaultTests"

counter() { # trx files... name -> their summed count
  local name=${*: -1} sum=0 file value
  for file in "${@:1:$#-1}"; do
    value=$(grep -o '<Counters [^>]*>' "$file" | grep -o " $name=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0)
    sum=$((sum + value))
  done
  echo "$sum"
}
total_passed=0 total_failed=0 total_skipped=0
count_stage() { # stage seconds: sums the stage's result files, one per test project
  local files=("$results/$1"_*.trx)
  if [ ! -f "${files[0]}" ]; then echo "stage $1: no results (${2} s)"; return; fi
  local passed failed skipped
  passed=$(counter "${files[@]}" passed)
  failed=$(( $(counter "${files[@]}" failed) + $(counter "${files[@]}" error) + $(counter "${files[@]}" timeout) ))
  skipped=$(( $(counter "${files[@]}" total) - $(counter "${files[@]}" executed) ))  # xunit's skips are not executed
  total_passed=$((total_passed + passed)) total_failed=$((total_failed + failed)) total_skipped=$((total_skipped + skipped))
  echo "stage $1: $passed passed, $failed failed, $skipped skipped in ${2} s"
}
run_stage() { # stage target [dotnet test arguments...]
  local stage=$1 target=$2 began=$SECONDS stage_status=0
  shift 2
  echo "=== stage $stage ==="
  # Infrastructure__Mode: the AppHost's own switch, for test projects that do not pass a mode (samples/).
  Infrastructure__Mode=${TEST_INFRASTRUCTURE_MODE:-local} dotnet test "$target" --no-build --nologo --results-directory "$results" --logger "trx;LogFilePrefix=$stage" \
    --logger "console;verbosity=normal" "$@" || stage_status=$?
  count_stage "$stage" $((SECONDS - began))
  return "$stage_status"
}

# Whether the containers stage runs is decided first, so that its local images (when missing) build in the background
# while the local stage runs: on a fresh machine that is 2-2.5 minutes of debootstrap and apt-get, mostly waiting.
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
images_log=$results/images.log images_pid=""
mkdir -p "$results"
if [ "$containers" = 1 ] && [ "${TEST_CONTAINER_IMAGES:-local}" = local ] \
  && [ -z "${Infrastructure__Containers__PostgresImage:-}${Infrastructure__Containers__RabbitMQImage:-}" ] && engine_answers; then
  scripts/containers/build-images.sh >"$images_log" 2>&1 &
  images_pid=$!
  images_began=$SECONDS
fi

if [ "${TEST_LOCAL:-1}" != 0 ]; then
  run_stage local TrainingProgram.sln "$@" || status=$?
fi

if [ "$containers" = 1 ]; then
  began=$SECONDS
  if [ -n "$images_pid" ]; then
    if wait "$images_pid"; then
      grep -v '^export ' "$images_log"
      echo "images: ready $((SECONDS - images_began)) s after they began building (beside the local stage)"
      eval "$(grep '^export ' "$images_log")"
    else
      cat "$images_log"
      echo "stage containers: the local images could not be built"
      status=1
      containers=0
    fi
  fi
  if [ "$containers" = 1 ] && ! engine_answers; then
    echo "stage containers: TEST_CONTAINERS=1 but no container engine answers 'docker info' (scripts/containers/engine.sh start)"
    status=1
  elif [ "$containers" = 1 ]; then
    # Only the suite's project: the filter names its classes, and the other projects would start topologies for nothing.
    TEST_INFRASTRUCTURE_MODE=containers run_stage containers TrainingProgram.Tests/TrainingProgram.Tests.csproj --filter "$containers_filter" || status=$?
  fi
  echo "stage containers: $((SECONDS - began)) s in all (after the local stage; images waited for included)"
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
