#!/usr/bin/env bash
# VM simulator benchmark (issue 6): create-to-agent-ready time of a user-mode Linux VM (median of
# RUNS fresh VMs: OS disk copy + grow to 30 GiB, netns + relays, boot, agent ready, provisioning)
# and the memory of one running guest (UML main process RSS; PSS of every process of the guest).
#   bench/vm_boot.sh            (AZEMU_BUILD_DIR=<build dir with vm_sim_tests>, RUNS=5)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${AZEMU_BUILD_DIR:-$ROOT/build}
RUNS=${RUNS:-5}
TESTS=$BUILD/tests/vm_sim_tests
[ -x "$TESTS" ] || { echo "build vm_sim_tests first: cmake --build $BUILD --target vm_sim_tests" >&2; exit 1; }

echo "== azemu VM boot bench $(date -u +%FT%TZ) on $(nproc) cores, $(uname -r), $RUNS runs"
out=$(BENCH_RUNS=$RUNS "$TESTS" -tc='bench: create to agent ready*' --no-skip 2> /dev/null)
echo "$out" | grep -E '^(create_to_ready_ms|guest_processes)='
echo "$out" | awk -F= '/^create_to_ready_ms=/ { print $2 }' | sort -n | awk '{ t[++n] = $1 }
  END {
    if (n == 0) { print "no runs measured"; exit 1 }
    m = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
    printf "create-to-agent-ready median: %d ms (min %d, max %d; goal < 3000)\n", m, t[1], t[n]
  }'
echo "$out" | awk '/^guest_processes=/ { split($2, r, "="); split($3, p, "=");
  printf "memory per running guest: main RSS %.1f MB, group PSS %.1f MB (goal < 100 MB)\n", r[2] / 1024, p[2] / 1024 }'
