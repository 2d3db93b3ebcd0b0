# Shared helpers for e2e tests that drive the real `az` CLI against a running azemu.
# Each check prints "ok - ..." or "not ok - ..." (with the command output indented); finish()
# prints the closing "N passed, M failed" line and fails the script on any failure.
set -u

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$E2E_DIR/../.." && pwd)
AZEMU_BIN=${AZEMU_BIN:-$REPO_ROOT/build/bin/azemu}
PASS=0
FAIL=0
# Which `az` the suite drives (README "Clients tested"):
#   AZEMU_AZ unset or 2.45: Debian 12's az 2.45 on PATH, with the environment fixes of az-shim/ (its packaging
#     bugs, see az-shim/README.md);
#   AZEMU_AZ=2.74: Debian 13's az 2.74 run from a cached root (az274/bin/az, az274/ensure-root.sh), with only its
#     own shim (az274/shim/README.md). It sees the host's /tmp only, so every file handed to it (CA bundle, config
#     dir, ssh keys) must live under /tmp — every suite keeps its data dir there.
AZEMU_AZ=${AZEMU_AZ:-2.45}
case "$AZEMU_AZ" in
  2.45) export PYTHONPATH=$E2E_DIR/az-shim${PYTHONPATH:+:$PYTHONPATH} ;;
  2.74)
    "$E2E_DIR/az274/ensure-root.sh" > /dev/null || { echo "FATAL: cannot prepare the az 2.74 root" >&2; exit 1; }
    # bench/ade_workflow.sh AZ274=1 puts its timing shim (which runs az274/bin/az) first on PATH and says so.
    [ -n "${AZEMU_AZ_TIMED:-}" ] || export PATH=$E2E_DIR/az274/bin:$PATH
    ;;
  *) echo "FATAL: AZEMU_AZ must be 2.45 or 2.74, not '$AZEMU_AZ'" >&2; exit 1 ;;
esac
export AZEMU_AZ
# az 2.74's `keyvault create` makes RBAC-authorized vaults by default; suites written for access policies (the
# doc's set-policy) ask for an access-policy vault as a 2.74 user following the doc must:
#   az keyvault create ... "${KV_ACCESS_POLICIES[@]}"
KV_ACCESS_POLICIES=()
[ "$AZEMU_AZ" = 2.74 ] && KV_ACCESS_POLICIES=(--enable-rbac-authorization false)

ok() { echo "ok - $1"; PASS=$((PASS + 1)); }
not_ok() {
  echo "not ok - $1"
  if [ -n "${2:-}" ]; then printf '%s\n' "$2" | tail -n 20 | sed 's/^/#   /'; fi
  FAIL=$((FAIL + 1))
}

# check DESC CMD...: the command succeeds.
check() {
  local desc=$1; shift
  local out
  if out=$("$@" 2>&1); then ok "$desc"; else not_ok "$desc" "$out"; fi
}

# check_eq DESC EXPECTED CMD...: the command succeeds and prints exactly EXPECTED (trimmed).
check_eq() {
  local desc=$1 expected=$2; shift 2
  local out
  if ! out=$("$@" 2>/tmp/azemu-e2e-stderr.$$); then
    not_ok "$desc (command failed)" "$out$(cat /tmp/azemu-e2e-stderr.$$)"
  elif [ "$(printf '%s' "$out" | tr -d '\r' | sed -e 's/[[:space:]]*$//')" = "$expected" ]; then
    ok "$desc"
  else
    not_ok "$desc: expected '$expected', got '$out'" "$(cat /tmp/azemu-e2e-stderr.$$)"
  fi
  rm -f /tmp/azemu-e2e-stderr.$$
}

# check_fails_with DESC PATTERN CMD...: the command fails and its output matches PATTERN (grep -E).
check_fails_with() {
  local desc=$1 pattern=$2; shift 2
  local out
  if out=$("$@" 2>&1); then
    not_ok "$desc (unexpected success)" "$out"
  elif printf '%s' "$out" | grep -Eq -- "$pattern"; then
    ok "$desc"
  else
    not_ok "$desc: output does not match /$pattern/" "$out"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_line LOG PATTERN [SECONDS]: waits until the log file LOG (written by a background process) has a line
# matching PATTERN (default deadline 20 s). Event-driven: tail follows the log and grep exits on the line.
wait_line() {
  timeout "${3:-20}" grep -q -m1 "$2" <(tail -F -n +1 "$1" 2>/dev/null)
}

# wait_ready LOG: waits for azemu's ready line in its stdout log LOG.
wait_ready() { wait_line "$1" "azemu ready"; }

# start_azemu DATA_DIR PORT: starts azemu in the background and waits for its ready line.
start_azemu() {
  local data=$1 port=$2
  mkdir -p "$data"
  : > "$data.out"
  # AZEMU_START_ARGS: extra `azemu start` options (e.g. "--vm-runtime guestless"), word-split on purpose.
  # shellcheck disable=SC2086
  "$AZEMU_BIN" start --data-dir "$data" --listen "127.0.0.1:$port" --test-controls --log-level "${AZEMU_LOG_LEVEL:-warn}" \
    ${AZEMU_START_ARGS:-} >> "$data.out" 2>> "$data.err" &
  AZEMU_PID=$!
  if ! wait_ready "$data.out"; then
    echo "azemu did not become ready:" >&2
    cat "$data.out" "$data.err" >&2
    return 1
  fi
}

stop_azemu() {
  if [ -n "${AZEMU_PID:-}" ] && kill -0 "$AZEMU_PID" 2>/dev/null; then
    kill -TERM "$AZEMU_PID"
    wait "$AZEMU_PID" 2>/dev/null
  fi
  AZEMU_PID=
}

kill9_azemu() {
  kill -KILL "$AZEMU_PID"
  wait "$AZEMU_PID" 2>/dev/null
  AZEMU_PID=
}

# e2e_setup NAME [--runtime R] [--no-az] [--clean] [-- ENV_ARG...]: the start every suite shares. Checks for az
# (unless --no-az); WORK is a fresh /tmp/azemu-e2e-NAME-XXXXXX, DATA=$WORK/data, PORT a free port; the EXIT trap
# runs the suite's E2E_ON_EXIT (a command string, may be set later), stops azemu and, with --clean, removes WORK
# when no check failed (guests' disk images take GBs); azemu starts with --vm-runtime R (AZEMU_START_ARGS, when
# the caller sets it, wins) and `azemu env --data-dir ... --listen ... ENV_ARG...` is evaluated into the shell.
# `--mode cloud` among the ENV_ARGs needs *.azemu.localhost to resolve (libnss-myhostname).
e2e_setup() {
  local name=$1; shift
  local runtime="" az=1
  E2E_CLEAN=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --runtime) runtime=$2; shift 2 ;;
      --no-az) az=0; shift ;;
      --clean) E2E_CLEAN=1; shift ;;
      --) shift; break ;;
      *) echo "FATAL: e2e_setup: unknown option '$1'" >&2; exit 1 ;;
    esac
  done
  [ "$az" -eq 1 ] && require_az
  if [[ " $* " == *" --mode cloud "* ]] && ! getent hosts "login.azemu.localhost" > /dev/null; then
    echo "FATAL: *.azemu.localhost does not resolve; install libnss-myhostname (see README)" >&2
    exit 1
  fi
  WORK=$(mktemp -d "/tmp/azemu-e2e-$name-XXXXXX")
  DATA=$WORK/data
  PORT=$(free_port)
  trap e2e_exit EXIT
  AZEMU_START_ARGS=${AZEMU_START_ARGS:-${runtime:+--vm-runtime $runtime}} start_azemu "$DATA" "$PORT" || exit 1
  eval "$("$AZEMU_BIN" env --data-dir "$DATA" --listen "127.0.0.1:$PORT" "$@")"
  echo "# azemu on port $PORT, data $DATA${runtime:+, runtime $runtime}${*:+, env $*}"
}

e2e_exit() {
  [ -n "${E2E_ON_EXIT:-}" ] && eval "$E2E_ON_EXIT"
  stop_azemu
  [ "${E2E_CLEAN:-0}" -eq 1 ] && [ "$FAIL" -eq 0 ] && rm -rf "$WORK"
  return 0
}

# jwt_claim TOKEN CLAIM: prints one claim of a JWT's payload.
jwt_claim() {
  python3 - "$1" "$2" <<'PY'
import base64, json, sys
p = sys.argv[1].split('.')[1]
p += '=' * (-len(p) % 4)
print(json.loads(base64.urlsafe_b64decode(p))[sys.argv[2]])
PY
}

# sp_token SCOPE: a client_credentials token of the seeded service principal (after `azemu env`),
# straight from azemu's port (no proxy), e.g. sp_token https://management.azure.com/.default
sp_token() {
  curl -sf --noproxy '*' --cacert "$DATA/ca.pem" "https://localhost:$PORT/$AZEMU_TENANT_ID/oauth2/v2.0/token" \
    --data-urlencode grant_type=client_credentials --data-urlencode "client_id=$AZEMU_CLIENT_ID" \
    --data-urlencode "client_secret=$AZEMU_CLIENT_SECRET" --data-urlencode "scope=$1" | jq -r .access_token
}

# create_groups N PREFIX: N resource groups <PREFIX>0..<PREFIX>N-1 straight through ARM (one TLS connection,
# not N az start-ups), as the seeded service principal (after `azemu env`). Fails on any non-2xx.
create_groups() {
  E2E_DIR=$E2E_DIR python3 - "$PORT" "$DATA" "$(sp_token https://management.azure.com/.default)" "$AZEMU_SUBSCRIPTION_ID" "$1" "$2" <<'PY'
import os, sys
sys.path.insert(0, os.environ["E2E_DIR"])
port, data, token, sub, count, prefix = sys.argv[1:7]
os.environ.update(PORT=port, DATA=data)
import azemu_client as c
for i in range(int(count)):
    r = c.request("PUT", "management.azure.com", f"/subscriptions/{sub}/resourcegroups/{prefix}{i}?api-version=2022-09-01",
                  b'{"location":"westus"}', token)
    assert r.status in (200, 201), r.body
PY
}

# base64url_decode: decodes base64url text on stdin (padding optional, as JOSE writes it) to stdout.
base64url_decode() { jq -Rr '. + "=" * ((4 - length % 4) % 4)' | basenc --base64url -d; }

# ctl COMMAND ARG...: an azemu client command (faults, snapshot, reset, ...) against the running server.
ctl() { "$AZEMU_BIN" "$1" --listen "127.0.0.1:$PORT" "${@:2}"; }

# advance_time SECONDS: moves azemu's clock forward (needs --test-controls).
advance_time() {
  curl -sf --noproxy '*' --cacert "$DATA/ca.pem" -X POST -H 'content-type: application/json' \
    -d "{\"advanceSeconds\": $1}" "https://localhost:$PORT/_azemu/time" > /dev/null
}

finish() {
  stop_azemu
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ]
}

require_az() {
  if ! command -v az > /dev/null; then
    echo "FATAL: the az CLI is not installed (apt-get install azure-cli); e2e tests cannot run" >&2
    exit 1
  fi
}

# ensure_js_deps: installs tests/e2e/js/node_modules from the lockfile when missing.
ensure_js_deps() {
  if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
    echo "FATAL: node and npm are required for the JavaScript SDK e2e tests" >&2
    return 1
  fi
  # Two e2e scripts may start at once under ctest -j: the check and the install both run under one
  # lock, and a marker written after `npm ci` finished says the tree is complete (a directory that
  # merely exists may be one npm is still extracting). The marker holds the lockfile's sha256: a tree
  # installed from an older lockfile (the SDKs were moved) is installed again.
  (cd "$E2E_DIR/js" && flock /tmp/azemu-npm.lock sh -c '
    want=$(sha256sum package-lock.json | cut -d" " -f1)
    [ "$(cat node_modules/.azemu-complete 2>/dev/null)" = "$want" ] ||
      { npm ci --no-audit --no-fund > /dev/null && echo "$want" > node_modules/.azemu-complete; }') ||
    { echo "FATAL: npm ci failed in tests/e2e/js" >&2; return 1; }
}
