#!/usr/bin/env bash
# Runs one command inside the Debian 13 root that ensure-root.sh caches (research/az-274.md): `az` 2.74 (bin/az)
# and the Python SDK suite (../python_sdk_test.sh) both go through here.
#   tests/e2e/az274/run-in-root.sh COMMAND [ARGS...]      e.g. run-in-root.sh python3 /azemu-e2e/python/run.py
# The command runs in a private mount namespace (nothing to unmount afterwards) chrooted into the root, with the
# host's /proc, /dev and /tmp, and tests/e2e read-only at /azemu-e2e. The environment passes through, so
# HTTPS_PROXY (loopback), REQUESTS_CA_BUNDLE, SSL_CERT_FILE and AZURE_CONFIG_DIR work unchanged: files under /tmp
# are visible as they are, and the config dir, the CA bundle's folder and the working directory are bind-mounted
# at their own paths when they live under /home, /root, /srv, /opt, /mnt, /work or /var/tmp (e.g. `azemu env`'s
# default ./.azemu). The host's PATH and PYTHONPATH mean nothing inside the root: PATH is the root's own and
# PYTHONPATH is ROOT_PYTHONPATH (a path inside the root, e.g. /azemu-e2e/az274/shim) or unset.
set -euo pipefail
E2E=$(cd "$(dirname "$0")/.." && pwd)
ROOT=${AZEMU_AZ274_ROOT:-/var/cache/azemu/trixie-root}
[ -f "$ROOT/.azemu-complete" ] || ROOT=$("$E2E/az274/ensure-root.sh")

# Host folders the root should see at the same path (only user-data locations: never /usr, /etc, ...).
binds=()
for dir in "${AZURE_CONFIG_DIR:-}" "$(dirname "${REQUESTS_CA_BUNDLE:-/}")" "$(dirname "${SSL_CERT_FILE:-/}")" "$PWD"; do
  case "$dir" in /home/* | /root | /root/* | /srv/* | /opt/* | /mnt/* | /work/* | /var/tmp/*) ;; *) continue ;; esac
  [ -d "$dir" ] && binds+=("$dir")
done

export PATH=/usr/sbin:/usr/bin:/sbin:/bin
if [ -n "${ROOT_PYTHONPATH:-}" ]; then export PYTHONPATH=$ROOT_PYTHONPATH; else unset PYTHONPATH; fi
unset ROOT_PYTHONPATH
exec unshare -m /bin/sh -c '
  set -e
  root=$1 e2e=$2 cwd=$3 nbinds=$4
  shift 4
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  mount --bind /tmp "$root/tmp"
  mkdir -p "$root/azemu-e2e"
  mount --bind -o ro "$e2e" "$root/azemu-e2e"
  while [ "$nbinds" -gt 0 ]; do
    mkdir -p "$root$1"
    mount --bind "$1" "$root$1"
    shift
    nbinds=$((nbinds - 1))
  done
  # Keep the working directory when the root can see it, as the command run on the host would.
  exec chroot "$root" /bin/sh -c "cd \"\$0\" 2> /dev/null || cd /; exec \"\$@\"" "$cwd" "$@"
' sh "$ROOT" "$E2E" "$PWD" "${#binds[@]}" "${binds[@]}" "$@"
