#!/usr/bin/env bash
# Makes (once per machine) and caches the Debian 13 root that holds the newest `az` the project tests against:
# azure-cli 2.74 plus python3-azure (Python SDK suite), see /work/shared/research/az-274.md.
#   tests/e2e/az274/ensure-root.sh            ensure the root exists, print its path
# Safe to run concurrently (one flock) and after an aborted run: the root is built in a scratch folder and renamed
# into place only after a completion marker is written, so a half-built root is never used. ~6 min, ~2 GB.
set -euo pipefail

ROOT=${AZEMU_AZ274_ROOT:-/var/cache/azemu/trixie-root}
MARKER=$ROOT/.azemu-complete
# Bump when the package list changes: an older root is rebuilt.
RECIPE="v1 azure-cli ca-certificates libnss-myhostname python3-azure"
PACKAGES=(azure-cli ca-certificates libnss-myhostname python3-azure)

ready() { [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$RECIPE" ]; }

if ready; then
  echo "$ROOT"
  exit 0
fi

[ "$(id -u)" = 0 ] || { echo "ensure-root: debootstrap and chroot need root" >&2; exit 1; }
mkdir -p "$(dirname "$ROOT")"
exec 9> "$ROOT.lock"
flock 9
# Another run may have finished while this one waited for the lock.
if ready; then
  echo "$ROOT"
  exit 0
fi

# The mirror this machine already uses (deb822 sources first, then a one-line sources.list).
mirror() {
  local uri
  uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2> /dev/null || true)
  [ -n "$uri" ] || uri=$(awk '/^deb / && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list 2> /dev/null || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

if ! command -v debootstrap > /dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap > /dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap > /dev/null; }
fi

MIRROR=$(mirror)
WORK=$ROOT.building
started=$(date +%s)
echo "ensure-root: building Debian 13 root with az 2.74 at $ROOT from $MIRROR (once per machine, ~6 min)" >&2
# An aborted debootstrap can leave /proc or /sys mounted inside the scratch folder: unmount before deleting.
awk -v w="$WORK/" 'index($2, w) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r -n1 umount -l
rm -rf "$WORK"
# minbase: no init system; the root only ever runs `az` and python3 under chroot.
debootstrap --variant=minbase trixie "$WORK" "$MIRROR" > "$WORK.log" 2>&1 ||
  { echo "ensure-root: debootstrap failed, see $WORK.log" >&2; tail -20 "$WORK.log" >&2; exit 1; }

# apt-get inside the root needs /proc and /dev; a private mount namespace drops the mounts when it exits.
unshare -m sh -c '
  set -e
  mount -t proc proc "$1/proc"
  mount --rbind /dev "$1/dev"
  shift
  exec chroot "$0" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive sh -c "
    apt-get update -qq &&
    apt-get install -y -qq --no-install-recommends $* > /dev/null &&
    apt-get clean"
' "$WORK" "$WORK" "${PACKAGES[@]}" >> "$WORK.log" 2>&1 ||
  { echo "ensure-root: installing packages in the root failed, see $WORK.log" >&2; tail -20 "$WORK.log" >&2; exit 1; }
# libnss-myhostname's postinst edits nsswitch.conf inside the root; cloud mode (*.azemu.localhost) needs it.
grep -qE '^hosts:.*myhostname' "$WORK/etc/nsswitch.conf" ||
  sed -i -E 's/^(hosts:[[:space:]]+files)/\1 myhostname/' "$WORK/etc/nsswitch.conf"
# az --version would try the internet; importing the CLI core and the SDKs the Python suite uses (../python/)
# proves the Python side is whole.
chroot "$WORK" /usr/bin/python3 -c 'import azure.cli.core, azure.identity, azure.identity.aio, azure.mgmt.compute
import azure.mgmt.keyvault, azure.mgmt.network, azure.mgmt.resource, azure.keyvault.keys, azure.keyvault.secrets
import aiohttp, cryptography' ||
  { echo "ensure-root: azure-cli or the Python SDK does not import inside the new root" >&2; exit 1; }

echo "$RECIPE" > "$WORK/.azemu-complete"
rm -rf "$ROOT"
mv "$WORK" "$ROOT"
mv "$WORK.log" "$ROOT.log"
echo "ensure-root: root ready in $(($(date +%s) - started)) s" >&2
echo "$ROOT"
