#!/usr/bin/env bash
# e2e: the Azure SDK for JavaScript (npm @azure/identity + @azure/arm-resources, node --test) against a
# running azemu in proxy mode. Installs tests/e2e/js/node_modules from the lockfile on first run.
source "$(dirname "$0")/lib.sh"
WORK=$(mktemp -d /tmp/azemu-e2e-js-XXXXXX)
DATA=$WORK/data
PORT=$(free_port)
trap 'stop_azemu' EXIT
ensure_js_deps || exit 1
# VMs here are records (guestless runtime): the SDK contract is what these tests check; real guests
# are driven by the az e2e tests (az_vm_test.sh) and vm_sim_tests.
export AZEMU_START_ARGS="${AZEMU_START_ARGS:---vm-runtime guestless}"
start_azemu "$DATA" "$PORT" || exit 1
eval "$("$AZEMU_BIN" env --data-dir "$DATA" --listen "127.0.0.1:$PORT")"
export AZEMU_PORT=$PORT
cd "$E2E_DIR/js" && node --test ./*.test.mjs
