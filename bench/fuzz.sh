#!/usr/bin/env bash
# Runs every libFuzzer target (tests/fuzz/) for a while and reports, per target: runs, execs/s,
# coverage (edges) and features, corpus size, and whether it found anything. The corpus grows in
# build-fuzz/fuzz-corpus/<target>/ (kept between runs, not committed); findings go to
# build-fuzz/fuzz-artifacts/<target>/. Builds the sanitized tree first (docker/dev.sh sanitize
# does the installs).
#   bench/fuzz.sh                     every target, 10 minutes each, two at a time (2 cores)
#   FUZZ_MINUTES=2 bench/fuzz.sh fuzz_jwt_verify fuzz_odata_filter
# FUZZ_JOBS: targets run side by side (default: the number of cores).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${AZEMU_SANITIZED_BUILD_DIR:-$ROOT/build-fuzz}
MINUTES=${FUZZ_MINUTES:-10}
JOBS=${FUZZ_JOBS:-$(nproc)}
export CCACHE_BASEDIR=$ROOT CCACHE_NOHASHDIR=true
CC=clang-14 CXX=clang++-14 cmake -S "$ROOT" -B "$BUILD" -G Ninja -DAZEMU_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" > /dev/null
cmake --build "$BUILD" --target azemu_fuzz_all

if [ $# -gt 0 ]; then targets=("$@"); else
  mapfile -t targets < <(cd "$ROOT/tests/fuzz/corpus" && ls)
fi
LOGS=$BUILD/fuzz-logs
mkdir -p "$LOGS"
export AZEMU_FUZZ_CORPUS_DIR=$BUILD/fuzz-corpus AZEMU_FUZZ_ARTIFACTS=$BUILD/fuzz-artifacts

run_one() {
  local t=$1
  bash "$ROOT/tests/fuzz/run_fuzz.sh" "$BUILD/fuzz/$t" $((MINUTES * 60)) > "$LOGS/$t.log" 2>&1 && echo ok > "$LOGS/$t.status" ||
    echo "FOUND (exit $?)" > "$LOGS/$t.status"
}

echo "== azemu fuzz bench $(date -u +%FT%TZ): ${#targets[@]} targets x ${MINUTES} min, $JOBS at a time, $(nproc) cores"
running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait

printf '%-26s %10s %9s %8s %8s %7s  %s\n' target runs execs/s cov ft corpus result
for t in "${targets[@]}"; do
  log=$LOGS/$t.log
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -1)
  eps=$(grep -o 'stat::average_exec_per_sec: [0-9]*' "$log" | awk '{print $2}' | tail -1)
  # The last status line: "#N  DONE  cov: C ft: F corp: K/S ..." (or the last pulse before a crash).
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<< "$last")
  ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<< "$last")
  corp=$(sed -n 's/.*corp: \([0-9]*\).*/\1/p' <<< "$last")
  printf '%-26s %10s %9s %8s %8s %7s  %s\n' "$t" "${runs:--}" "${eps:--}" "${cov:--}" "${ft:--}" "${corp:--}" "$(cat "$LOGS/$t.status")"
done
echo "logs: $LOGS; corpus: $AZEMU_FUZZ_CORPUS_DIR; findings: $AZEMU_FUZZ_ARTIFACTS"
