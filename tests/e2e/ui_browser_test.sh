#!/usr/bin/env bash
# e2e (issue 16): the teaching UI in a real browser. Debian's chromium (headless), driven by
# puppeteer-core from npm pointed at the system browser (PUPPETEER_SKIP_DOWNLOAD: nothing else is
# downloaded), watches the doc's workflow run with the real az on a UML guest and asserts each state
# in the live page as it happens (ui/workflow.mjs): the VM running, EncryptionInProgress and
# VMRestartPending, Encrypted after the restart, the key chain KEK → BEK → two LUKS keyslots with
# the platform's KeyUnwrap row, the lab checklist all green (and GET /_azemu/lab), and a broken link
# after the BEK secret is disabled and the VM restarted; with --ui-console, a command typed into the guest's serial
# console from the page. Screenshots of every page go to
# $AZEMU_UI_SCREENSHOTS (default: build/ui-screenshots), named in the log.
source "$(dirname "$0")/lib.sh"
require_az
command -v chromium > /dev/null || { echo "FATAL: chromium is not installed (apt-get install chromium)" >&2; exit 1; }
WORK=$(mktemp -d /tmp/azemu-e2e-ui-XXXXXX)
DATA=$WORK/data
PORT=$(free_port)
trap 'stop_azemu; [ "$FAIL" -eq 0 ] && rm -rf "$WORK"' EXIT
# node_modules from the lockfile, once per lockfile (same scheme as ensure_js_deps; no browser download).
(cd "$E2E_DIR/ui" && PUPPETEER_SKIP_DOWNLOAD=1 flock /tmp/azemu-npm-ui.lock sh -c '
  want=$(sha256sum package-lock.json | cut -d" " -f1)
  [ "$(cat node_modules/.azemu-complete 2>/dev/null)" = "$want" ] ||
    { npm ci --no-audit --no-fund --loglevel=error > /dev/null && echo "$want" > node_modules/.azemu-complete; }') ||
  { echo "FATAL: npm ci failed in tests/e2e/ui" >&2; exit 1; }
SHOTS=${AZEMU_UI_SCREENSHOTS:-$(cd "$(dirname "$AZEMU_BIN")/.." && pwd)/ui-screenshots}
rm -rf "$SHOTS" && mkdir -p "$SHOTS"
echo "# screenshots: $SHOTS"
AZEMU_START_ARGS="--vm-runtime uml --ui-console" start_azemu "$DATA" "$PORT" || exit 1
eval "$("$AZEMU_BIN" env --data-dir "$DATA" --listen "127.0.0.1:$PORT")"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/id_ed25519"
export AZEMU_PORT=$PORT UI_SHOTS=$SHOTS UI_VAULT=uikv$$ UI_SSH_PUB=$WORK/id_ed25519.pub PUPPETEER_SKIP_DOWNLOAD=1
echo "# az $AZEMU_AZ, azemu on port $PORT, data $DATA, UI http://127.0.0.1:$PORT/ui/"
(cd "$E2E_DIR/ui" && node workflow.mjs)
RC=$?
[ "$RC" -eq 0 ] || FAIL=$((FAIL + 1))
stop_azemu
echo "# screenshots: $SHOTS"
exit "$RC"
