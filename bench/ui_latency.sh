#!/usr/bin/env bash
# The teaching UI (/ui/): page load time and event latency, rerunnable (numbers for issue 16's note).
#   page load:      a fresh browser context opens http://127.0.0.1:PORT/ui/#/cloud; navigation start →
#                   the first rendered page (window.__azemu.renders > 0), median of UI_BENCH_LOADS (10)
#   event latency:  a resource group PUT through ARM (HTTPS, the seeded service principal's token);
#                   the 2xx answer (the state changed in azemu) → the group visible in the open page
#                   (MutationObserver timestamp in the page; same machine clock), UI_BENCH_EVENTS (20) times
# Needs build/bin/azemu, Debian's chromium and tests/e2e/ui/node_modules (puppeteer-core; the browser
# suite or `docker/dev.sh test` installs it). VMs are guestless here: the path measured is
# store → live feed → server-sent event → fetch → DOM, not a guest.
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
AZEMU=${AZEMU_BIN:-$ROOT/build/bin/azemu}
WORK=$(mktemp -d /tmp/azemu-bench-ui-XXXXXX)
DATA=$WORK/data
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
[ -d "$ROOT/tests/e2e/ui/node_modules/puppeteer-core" ] ||
  (cd "$ROOT/tests/e2e/ui" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error > /dev/null)
PID=
cleanup() { [ -n "$PID" ] && kill -TERM "$PID" 2> /dev/null; wait 2> /dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
"$AZEMU" start --data-dir "$DATA" --listen "127.0.0.1:$PORT" --vm-runtime guestless --log-level warn > "$WORK/out" 2> "$WORK/err" &
PID=$!
timeout 20 grep -q -m1 "azemu ready" <(tail -F -n +1 "$WORK/out" 2> /dev/null)
eval "$("$AZEMU" env --data-dir "$DATA" --listen "127.0.0.1:$PORT")"
echo "== azemu UI bench $(date -u +%FT%TZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(chromium --version 2> /dev/null | head -1)"
AZEMU_PORT=$PORT AZEMU_CA=$DATA/ca.pem UI_NODE_MODULES=$ROOT/tests/e2e/ui node "$BENCH/ui_latency.mjs"
