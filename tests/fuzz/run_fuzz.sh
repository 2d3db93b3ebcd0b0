#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS from its committed seeds (tests/fuzz/corpus/<target>/, read
# only: new inputs go to a scratch copy) with its dictionary (tests/fuzz/dict/<target>.dict) when
# there is one. Exits non-zero on a crash, leak, timeout or OOM; the input is kept in
# $AZEMU_FUZZ_ARTIFACTS/<target>/ (default ./fuzz-artifacts). Used by ctest (label fuzz) and bench/fuzz.sh.
#   run_fuzz.sh BINARY SECONDS [extra libFuzzer flags...]
# AZEMU_FUZZ_CORPUS_DIR: keep the growing corpus there instead of a scratch dir (bench runs).
set -euo pipefail
bin=$1 seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
name=$(basename "$bin")
seeds=$here/corpus/$name
[ -d "$seeds" ] || { echo "run_fuzz.sh: no seed corpus $seeds" >&2; exit 2; }
artifacts=${AZEMU_FUZZ_ARTIFACTS:-$PWD/fuzz-artifacts}/$name
mkdir -p "$artifacts"
if [ -n "${AZEMU_FUZZ_CORPUS_DIR:-}" ]; then
  work=$AZEMU_FUZZ_CORPUS_DIR/$name
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
flags=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 -max_len=65536 -print_final_stats=1
  -artifact_prefix="$artifacts/")
[ -f "$here/dict/$name.dict" ] && flags+=(-dict="$here/dict/$name.dict")
# The targets' temp files (SQLite stacks, disk images) go to memory: fsync on tmpfs costs nothing.
[ -w /dev/shm ] && export TMPDIR=${AZEMU_FUZZ_TMPDIR:-/dev/shm}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec "$bin" "${flags[@]}" "$@" "$work" "$seeds"
