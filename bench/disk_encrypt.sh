#!/usr/bin/env bash
# Disk engine benchmark (issue 6): host-side in-place LUKS2 encryption of a 1 GiB sparse ext4 image
# holding DATA_MIB of random data (`azemu disk encrypt`: shrink, offline reencryption with data
# shift, hole punching), against `openssl speed -evp aes-256-xts` in the same run.
#   bench/disk_encrypt.sh            (AZEMU_BIN=<azemu>, RUNS=3, SIZE_MIB=1024, DATA_MIB=400)
# Needs: azemu, e2fsprogs (mke2fs), openssl, python3. The image lives in $TMPDIR (page cache), so
# the time measures CPU work, as the research numbers do (research/uml-ade.md §3).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
AZEMU=${AZEMU_BIN:-$ROOT/build/bin/azemu}
RUNS=${RUNS:-3}
SIZE_MIB=${SIZE_MIB:-1024}
DATA_MIB=${DATA_MIB:-400}
WORK=$(mktemp -d /tmp/azemu-disk-bench-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

echo "== azemu disk bench $(date -u +%FT%TZ) on $(nproc) cores, $(uname -r)"
echo "image: ${SIZE_MIB} MiB sparse ext4 with ${DATA_MIB} MiB of data; ${RUNS} runs"
mkdir -p "$WORK/tree"
head -c $((DATA_MIB << 20)) /dev/urandom > "$WORK/tree/random.bin"
times=()
for run in $(seq 1 "$RUNS"); do
  img=$WORK/disk-$run.img
  truncate -s "${SIZE_MIB}M" "$img"
  mke2fs -q -F -t ext4 -d "$WORK/tree" "$img"
  sync
  before=$(du -k "$img" | cut -f1)
  start=$(date +%s.%N)
  echo "bench-passphrase" | "$AZEMU" disk encrypt --quiet "$img"
  end=$(date +%s.%N)
  after=$(du -k "$img" | cut -f1)
  secs=$(python3 -c "print(f'{$end - $start:.2f}')")
  times+=("$secs")
  echo "run $run: encrypt ${secs} s; allocated ${before} KiB -> ${after} KiB"
  echo "bench-passphrase" | "$AZEMU" disk test-passphrase "$img" > /dev/null
  rm -f "$img"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p")
mibs=$(python3 -c "print(f'{$SIZE_MIB / $median:.0f}')")
echo "in-place encryption, ${SIZE_MIB} MiB image: median ${median} s (${mibs} MiB/s of device)"

# openssl's largest block size row: bytes per second in thousands, the last column.
openssl_kbs=$(openssl speed -seconds 3 -evp aes-256-xts 2> /dev/null | awk '/^AES-256-XTS|^aes-256-xts/ {print $NF}' | tr -d k)
if [ -n "$openssl_kbs" ]; then
  openssl_mibs=$(python3 -c "print(f'{$openssl_kbs * 1000 / 1048576:.0f}')")
  ratio=$(python3 -c "print(f'{$mibs / ($openssl_kbs * 1000 / 1048576):.2f}')")
  echo "openssl speed -evp aes-256-xts (largest block): ${openssl_mibs} MiB/s; encryption/openssl ratio ${ratio}"
else
  echo "openssl speed -evp aes-256-xts: no result"
fi
