#!/usr/bin/env bash
# e2e: the Azure SDK for Python against a running azemu in proxy mode: Debian 13's python3-azure (azure-identity,
# azure-mgmt-resource/-keyvault/-network/-compute, azure-keyvault-keys/-secrets) and python3-cryptography, run
# from the cached Debian 13 root (az274/ensure-root.sh, az274/run-in-root.sh) with `azemu env`'s environment.
# The tests are tests/e2e/python/test_*.py (unittest, the only runner the root has). VMs are real user-mode Linux
# guests (single-pass ADE needs a guest): test_compute_ade.py runs alongside the other modules to keep the suite
# to a few minutes; each process prints its own unittest report.
# Usage: python_sdk_test.sh   (AZEMU_BIN from ctest)
source "$(dirname "$0")/lib.sh"
"$E2E_DIR/az274/ensure-root.sh" > /dev/null || { echo "FATAL: cannot prepare the Debian 13 root" >&2; exit 1; }
e2e_setup "python" --no-az --runtime uml --clean
export AZEMU_PORT=$PORT
# The asynchronous clients' aiohttp transport trusts what OpenSSL's default paths say, which SSL_CERT_FILE
# overrides; the bundle is the system's CAs plus azemu's (`azemu env` names it for requests).
export SSL_CERT_FILE=$REQUESTS_CA_BUNDLE

# run_tests NAME MODULE...: one python3 in the root running those test modules; its report goes to $WORK/NAME.log.
run_tests() {
  local name=$1; shift
  # aiohttp's sockets closed by the garbage collector are no finding about azemu.
  ROOT_PYTHONPATH=/azemu-e2e/python "$E2E_DIR/az274/run-in-root.sh" python3 -W ignore::ResourceWarning -m unittest -v "$@" \
    > "$WORK/$name.log" 2>&1
}
started=$(date +%s)
run_tests compute test_compute_ade &
compute_pid=$!
run_tests services test_identity test_resources test_keyvault_mgmt test_keys test_secrets test_async
services_rc=$?
wait "$compute_pid"
compute_rc=$?
for name in services compute; do
  echo "# --- $name ---"
  sed 's/^/# /' "$WORK/$name.log"
done
report() { if [ "$1" -eq 0 ]; then ok "$2"; else not_ok "$2" "$(grep -E '^(FAIL|ERROR):' "$WORK/$3.log")"; fi; }
report "$services_rc" "identity, resource groups, Key Vault management, keys, secrets, async clients" services
report "$compute_rc" "network, compute, single-pass ADE on a UML guest" compute
echo "# $(($(date +%s) - started)) s"
finish
