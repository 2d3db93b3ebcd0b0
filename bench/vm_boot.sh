#!/usr/bin/env bash
# VM simulator benchmark (issue 6): create-to-agent-ready time of a user-mode Linux VM (median and
# max of RUNS fresh VMs: OS disk copy + grow to 30 GiB, netns + relays, boot, agent ready,
# provisioning), the same with a warm guest (issue 17, `--warm-guests 1`: the create adopts a
# pre-booted spare, hot-plugs its data disk and provisions it; the refill is not timed),
# and the memory of one running guest (UML main process RSS; PSS of every process of the guest);
# then, in one guest with a 1 GiB data disk, the in-place encryption time of that disk (cryptsetup
# reencrypt --encrypt --reduce-device-size 32M, pbkdf2 1000 iterations: research/uml-ade.md) and the
# dm-crypt write throughput through an opened mapping, as a share of the host's `openssl speed -evp
# aes-256-xts` (16384-byte column, measured in the same run).
#   bench/vm_boot.sh            (AZEMU_BUILD_DIR=<build dir with vm_sim_tests>, RUNS=20)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${AZEMU_BUILD_DIR:-$ROOT/build}
RUNS=${RUNS:-20}
TESTS=$BUILD/tests/vm_sim_tests
[ -x "$TESTS" ] || { echo "build vm_sim_tests first: cmake --build $BUILD --target vm_sim_tests" >&2; exit 1; }

echo "== azemu VM boot bench $(date -u +%FT%TZ) on $(nproc) cores, $(uname -r), $RUNS runs"
out=$(BENCH_RUNS=$RUNS "$TESTS" -tc='bench: create to agent ready*' --no-skip 2> /dev/null)
echo "$out" | grep -E '^(create_to_ready_ms|create_to_ready_warm_ms|guest_processes)='
# summary KEY LABEL GOAL_MS: median, min and max of the KEY= lines.
summary() {
  echo "$out" | awk -F= -v key="$1" '$1 == key { print $2 }' | sort -n | awk -v label="$2" -v goal="$3" '{ t[++n] = $1 }
    END {
      if (n == 0) { print label ": no runs measured"; exit 1 }
      m = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
      printf "%s: median %d ms, max %d ms (min %d, %d runs; goal < %d)\n", label, m, t[n], t[1], n, goal
    }'
}
summary create_to_ready_ms "create-to-agent-ready, cold" 2500
summary create_to_ready_warm_ms "create-to-agent-ready, warm guest" 1000
echo "$out" | awk '/^guest_processes=/ { split($2, r, "="); split($3, p, "=");
  printf "memory per running guest: main RSS %.1f MB, group PSS %.1f MB (goal < 100 MB)\n", r[2] / 1024, p[2] / 1024 }'

crypt=$("$TESTS" -tc='bench: in-guest dm-crypt*' --no-skip 2> /dev/null)
echo "$crypt" | grep -E '^(encrypt_1gib_ms|dmcrypt_write_mib)='
# openssl prints 1000s of bytes per second; the last column is 16384-byte blocks.
host_kbs=$(openssl speed -evp aes-256-xts -seconds 1 2> /dev/null | awk '/^AES-256-XTS/ { v = $NF; sub(/k$/, "", v); print v }')
echo "host openssl aes-256-xts (16384-byte blocks): $host_kbs k/s"
echo "$crypt" | awk -v host_kbs="$host_kbs" '
  /^encrypt_1gib_ms=/ { split($1, e, "="); printf "in-place encryption of a 1 GiB data disk in the guest: %.2f s\n", e[2] / 1000 }
  /^dmcrypt_write_mib=/ { split($1, m, "="); split($2, t, "=")
    mbs = m[2] * 1048576 / (t[2] / 1000) / 1e6
    printf "in-guest dm-crypt write (dd conv=fsync): %.1f MB/s = %.1f %% of host openssl aes-256-xts (%.0f MB/s)\n",
      mbs, 100 * mbs / (host_kbs / 1000), host_kbs / 1000 }'
