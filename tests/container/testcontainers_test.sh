#!/usr/bin/env bash
# The Testcontainers example (tests/container/testcontainers/: npm `testcontainers`, a GenericContainer waiting on
# /health, the JS SDK through the proxy) against podman's Docker API socket: `podman system service` with
# docker/podman/containers.conf (the runtime adjustments of this machine class). Ryuk, Testcontainers' reaper, is
# an image from Docker Hub, which is not reachable here: it is disabled and the test stops its container itself.
# Run by `docker/dev.sh image-test` (AZEMU_IMAGE).
source "$(dirname "$0")/../e2e/lib.sh"
DIR=$E2E_DIR/../container/testcontainers
export CONTAINERS_CONF=${CONTAINERS_CONF:-$REPO_ROOT/docker/podman/containers.conf}
SOCK=/run/azemu-podman-$$.sock
podman system service --time=0 "unix://$SOCK" > /dev/null 2>&1 &
SERVICE=$!
trap 'kill "$SERVICE" 2> /dev/null; wait "$SERVICE" 2> /dev/null; rm -f "$SOCK"' EXIT
for _ in $(seq 1 100); do curl -sf --unix-socket "$SOCK" http://d/_ping > /dev/null && break; sleep 0.1; done
check "podman's Docker API answers /_ping on $SOCK" curl -sf --unix-socket "$SOCK" http://d/_ping
# node_modules from the lockfile, once per lockfile (the marker holds its sha256), as tests/e2e/js does.
(cd "$DIR" && flock /tmp/azemu-npm-tc.lock sh -c '
  want=$(sha256sum package-lock.json | cut -d" " -f1)
  [ "$(cat node_modules/.azemu-complete 2>/dev/null)" = "$want" ] ||
    { npm ci --no-audit --no-fund > /dev/null && echo "$want" > node_modules/.azemu-complete; }') ||
  { echo "FATAL: npm ci failed in $DIR" >&2; exit 1; }
OUT=$(cd "$DIR" && DOCKER_HOST=unix://$SOCK TESTCONTAINERS_RYUK_DISABLED=true timeout 300 node --test 2>&1)
rc=$?
if [ $rc -eq 0 ] && printf '%s\n' "$OUT" | grep -q '^# pass 2$'; then ok "node --test: the Testcontainers example (2 tests)"
else not_ok "node --test: the Testcontainers example (exit $rc)" "$OUT"; fi
finish
