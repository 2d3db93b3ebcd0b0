#!/usr/bin/env bash
# e2e: the Azure SDK for JavaScript (npm @azure/identity, the ARM and Key Vault clients; node --test) against a
# running azemu in proxy mode. Installs tests/e2e/js/node_modules from the lockfile on first run. First,
# check-majors.mjs fails the run if a pinned SDK is more than one major behind npm's latest (live when the
# registry answers; otherwise a loud warning and the record of the last `npm run refresh`, js/README.md).
source "$(dirname "$0")/lib.sh"
ensure_js_deps || exit 1
(cd "$E2E_DIR/js" && node check-majors.mjs)
MAJORS=$?
# VMs here are records (guestless runtime): the SDK contract is what these tests check; real guests
# are driven by the az e2e tests (az_vm_test.sh) and vm_sim_tests.
e2e_setup "js" --no-az --runtime guestless
export AZEMU_PORT=$PORT
cd "$E2E_DIR/js" && node --test ./*.test.mjs
TESTS=$?
[ "$MAJORS" -eq 0 ] || echo "not ok - check-majors: a pinned SDK is more than one major behind npm's latest (see above)"
[ "$TESTS" -eq 0 ] && [ "$MAJORS" -eq 0 ]
