#!/usr/bin/env bash
# ADE workflow benchmark (issue 7): wall time of the whole WORKFLOW.md script with the real `az`
# (tests/e2e/az_ade_workflow_test.sh: setup, vm create, data disk, encryption enable, show until
# VMRestartPending, restart, show until Encrypted, host checks), split into
#   - time in `az` itself: every az call's Python start-up and CLI load, measured as the median of
#     a no-op command (`az account show -o none`, no network) times the number of az calls;
#   - time waiting on azemu: the rest of the time spent inside az calls (requests, LROs, guests);
#   - the script's own work (run-command output parsing, host checks, the 1 s pauses between
#     `vm encryption show` polls).
# Goal (issue 7): azemu's share under 20 % of the wall time.
#   bench/ade_workflow.sh       (AZEMU_BUILD_DIR=<build dir with bin/azemu>)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${AZEMU_BUILD_DIR:-$ROOT/build}
WORK=$(mktemp -d /tmp/azemu-bench-ade-XXXXXX)
REAL_AZ=$(command -v az)
LOG=$WORK/az-calls.log
mkdir -p "$WORK/shim"
# A PATH shim that times every az call the workflow makes (subshells included).
cat > "$WORK/shim/az" <<SHIM
#!/usr/bin/env bash
s=\$(date +%s%N)
"$REAL_AZ" "\$@"
rc=\$?
echo "\$(( (\$(date +%s%N) - s) / 1000000 )) \$1 \${2:-}" >> "$LOG"
exit \$rc
SHIM
chmod +x "$WORK/shim/az"

echo "== azemu ADE workflow bench $(date -u +%FT%TZ) on $(nproc) cores"
start=$(date +%s%N)
PATH="$WORK/shim:$PATH" AZEMU_BIN=$BUILD/bin/azemu bash "$ROOT/tests/e2e/az_ade_workflow_test.sh" > "$WORK/workflow.out" 2>&1
rc=$?
wall_ms=$(( ($(date +%s%N) - start) / 1000000 ))
grep -E '^(not ok|# timing|# states)' "$WORK/workflow.out"
[ $rc -eq 0 ] || { echo "workflow failed (rc $rc): $WORK/workflow.out"; exit 1; }

# The no-op: az's start-up with the workflow's own profile dir is not available any more (the
# script's AZURE_CONFIG_DIR is gone), so measure on a fresh config dir; az account show then fails
# fast after loading the CLI, which is the start-up cost we want.
noop=()
for _ in 1 2 3 4 5; do
  s=$(date +%s%N)
  AZURE_CONFIG_DIR=$WORK/noop-config "$REAL_AZ" account show -o none > /dev/null 2>&1
  noop+=($(( ($(date +%s%N) - s) / 1000000 )))
done
noop_ms=$(printf '%s\n' "${noop[@]}" | sort -n | sed -n 3p)
calls=$(wc -l < "$LOG")
in_az_ms=$(awk '{ t += $1 } END { print t + 0 }' "$LOG")
python3 - "$wall_ms" "$calls" "$in_az_ms" "$noop_ms" <<'PY'
import sys
wall, calls, in_az, noop = map(int, sys.argv[1:])
startup = calls * noop
azemu = max(0, in_az - startup)
script = wall - in_az
print(f"wall time of the workflow: {wall/1000:.1f} s, {calls} az calls")
print(f"  az itself (start-up {noop} ms x {calls} calls): {startup/1000:.1f} s = {100*startup/wall:.0f} %")
print(f"  waiting on azemu (inside az calls, beyond start-up): {azemu/1000:.1f} s = {100*azemu/wall:.0f} % (goal < 20 %)")
print(f"  the script itself (parsing, host checks, poll pauses): {script/1000:.1f} s = {100*script/wall:.0f} %")
PY
echo "slowest az calls (ms, command):"
sort -rn "$LOG" | head -8 | sed 's/^/  /'
rm -rf "$WORK"
