#!/usr/bin/env bash
# e2e: the Azure SDK for JavaScript (npm @azure/identity + @azure/arm-resources, node --test) against a
# running azemu in proxy mode. Installs tests/e2e/js/node_modules from the lockfile on first run.
source "$(dirname "$0")/lib.sh"
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
  echo "FATAL: node and npm are required for the JavaScript SDK e2e tests" >&2
  exit 1
fi
WORK=$(mktemp -d /tmp/azemu-e2e-js-XXXXXX)
DATA=$WORK/data
PORT=$(free_port)
trap 'stop_azemu' EXIT
if [ ! -d "$E2E_DIR/js/node_modules/@azure/identity" ]; then
  (cd "$E2E_DIR/js" && npm ci --no-audit --no-fund > /dev/null) || { echo "FATAL: npm ci failed" >&2; exit 1; }
fi
start_azemu "$DATA" "$PORT" || exit 1
eval "$("$AZEMU_BIN" env --data-dir "$DATA" --listen "127.0.0.1:$PORT")"
cd "$E2E_DIR/js" && node --test ./*.test.mjs
