#!/usr/bin/env bash
# ADE workflow benchmark (issue 7): wall time of the whole WORKFLOW.md script with the real `az`
# (tests/e2e/az_ade_workflow_test.sh: setup, vm create, data disk, encryption enable, show until
# VMRestartPending, restart, show until Encrypted, host checks), split into
#   - time in `az` itself: every az call's Python start-up and CLI + command-module load, measured
#     per command as a no-op (the same command on an empty config dir stops before any request);
#   - time waiting on azemu: the rest of the time spent inside az calls (requests, LROs, guests);
#   - the script's own work (run-command output parsing, host checks, the 1 s pauses between
#     `vm encryption show` polls).
# Goal (issue 7, issue 17): azemu's share under 20 % of the wall time, with az 2.45 and az 2.74.
#   bench/ade_workflow.sh       (AZEMU_BUILD_DIR=<build dir with bin/azemu>)
#   AZ274=1 bench/ade_workflow.sh   the same with Debian 13's az 2.74 (tests/e2e/az274/bin/az, its chroot
#                                   start-up counted as az's own, as the no-op measures it)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${AZEMU_BUILD_DIR:-$ROOT/build}
WORK=$(mktemp -d /tmp/azemu-bench-ade-XXXXXX)
if [ -n "${AZ274:-}" ]; then
  "$ROOT/tests/e2e/az274/ensure-root.sh" > /dev/null || { echo "cannot prepare the az 2.74 root"; exit 1; }
  REAL_AZ=$ROOT/tests/e2e/az274/bin/az
  export AZEMU_AZ=2.74 AZEMU_AZ_TIMED=1  # tests/e2e/lib.sh keeps the shim below first on PATH
else
  REAL_AZ=$(command -v az)
fi
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

echo "== azemu ADE workflow bench $(date -u +%FT%TZ) on $(nproc) cores, az ${AZEMU_AZ:-2.45}"
start=$(date +%s%N)
PATH="$WORK/shim:$PATH" AZEMU_BIN=$BUILD/bin/azemu bash "$ROOT/tests/e2e/az_ade_workflow_test.sh" > "$WORK/workflow.out" 2>&1
rc=$?
wall_ms=$(( ($(date +%s%N) - start) / 1000000 ))
grep -E '^(not ok|# timing|# states)' "$WORK/workflow.out"
[ $rc -eq 0 ] || { echo "workflow failed (rc $rc): $WORK/workflow.out"; exit 1; }

# The no-op, per command group: az's start-up (Python, the CLI, the command module) is measured by
# running each command the workflow used (its first two words) on an empty config dir, where az
# loads everything and stops at "Please run 'az login'" before any request; median of 3.
calls=$(wc -l < "$LOG")
in_az_ms=$(awk '{ t += $1 } END { print t + 0 }' "$LOG")
startup_ms=0
while read -r n w1 w2; do
  times=()
  for _ in 1 2 3; do
    s=$(date +%s%N)
    # shellcheck disable=SC2086
    AZURE_CONFIG_DIR=$WORK/noop-config "$REAL_AZ" $w1 $w2 -o none > /dev/null 2>&1
    times+=($(( ($(date +%s%N) - s) / 1000000 )))
  done
  med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  echo "  no-op 'az $w1 $w2': $med ms x $n calls"
  startup_ms=$((startup_ms + med * n))
done < <(awk '{ print $2, $3 }' "$LOG" | sort | uniq -c)
noop_ms=$(( startup_ms / (calls > 0 ? calls : 1) ))
python3 - "$wall_ms" "$calls" "$in_az_ms" "$noop_ms" "$startup_ms" <<'PY'
import sys
wall, calls, in_az, noop, startup = map(int, sys.argv[1:])
azemu = max(0, in_az - startup)
script = wall - in_az
print(f"wall time of the workflow: {wall/1000:.1f} s, {calls} az calls")
print(f"  az itself (start-up, {noop} ms per call on average): {startup/1000:.1f} s = {100*startup/wall:.0f} %")
print(f"  waiting on azemu (inside az calls, beyond start-up): {azemu/1000:.1f} s = {100*azemu/wall:.0f} % (goal < 20 %)")
print(f"  the script itself (parsing, host checks, poll pauses): {script/1000:.1f} s = {100*script/wall:.0f} %")
PY
echo "slowest az calls (ms, command):"
sort -rn "$LOG" | head -8 | sed 's/^/  /'
cp "$LOG" /tmp/azemu-bench-last-az-calls.log; rm -rf "$WORK"
