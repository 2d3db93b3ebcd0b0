#!/bin/sh
# The container's entry point: checks what the VM runtime can use in this container, says so in one
# line each, then runs `azemu start` (its options come from the AZEMU_* variables; arguments are
# passed on, e.g. `docker run IMAGE --access-log`). Another command runs as is: `docker run IMAGE azemu env`.
#
# VMs are user-mode Linux guests, started inside the container. What they need (README "Run it in a
# container", measured with podman/runc on Debian 12):
#   - guest RAM: an exec-mountable directory for UML's memory file (tmpfs for speed). Container
#     runtimes mount /dev/shm noexec and small; AZEMU_UML_TMPDIR picks another place, else this script
#     uses /dev/shm when it allows exec, or a directory under /tmp (the container's own file system).
#   - ptrace of its own child processes: allowed by the default seccomp profiles of docker and podman.
#   - guest network (SSH to the VM, the ADE extension talking to Key Vault): a network namespace and a
#     tap device per VM: root in the container, CAP_NET_ADMIN + CAP_SYS_ADMIN (ip netns add mounts
#     /run/netns/NAME) and the /dev/net/tun device. Without them VMs boot and run-command works
#     (the agent talks over a serial line), with no network. AZEMU_GUEST_NETWORK=required makes that
#     an error at start instead of a warning.
set -eu

say() { echo "azemu-entrypoint: $*" >&2; }

case "${1:-}" in
  "" | -*) ;;
  *) exec "$@" ;;
esac

data=${AZEMU_DATA_DIR:-/data}
if ! [ -w "$data" ]; then
  say "error: the data dir $data is not writable by uid $(id -u): use a named volume (-v azemu:$data), or make the host folder of a bind mount writable for uid $(id -u) (chown $(id -u)), or run with --user 0"
  exit 1
fi

runtime=${AZEMU_VM_RUNTIME:-auto}
uml=no
case "$runtime" in
  uml) uml=yes ;;
  auto) [ -x /usr/bin/linux.uml ] && uml=yes ;;
esac

# Effective capability bit N of this process.
has_cap() {
  eff=$(awk '/^CapEff:/ { print $2 }' /proc/self/status)
  [ $(((0x$eff >> $1) & 1)) -eq 1 ]
}

# The mount options of the file system holding $1.
mount_opts() {
  awk -v d="$1" '$5 == d { o = $6 } END { print o }' /proc/self/mountinfo
}

if [ "$uml" = yes ]; then
  # Guest RAM.
  ram=${AZEMU_UML_TMPDIR:-}
  if [ -z "$ram" ]; then
    why=
    case ",$(mount_opts /dev/shm)," in
      *,noexec,*) why="mounted noexec" ;;
      *) [ -w /dev/shm ] || why="not writable by uid $(id -u)" ;;
    esac
    if [ -n "$why" ]; then
      ram=/tmp/azemu-guest-ram
      say "guest RAM: /dev/shm is $why, using $ram (the container's file system; for tmpfs speed run with --tmpfs /dev/shm:rw,exec,size=2g,mode=1777 or set AZEMU_UML_TMPDIR to an exec tmpfs)"
    else
      ram=/dev/shm
    fi
  fi
  mkdir -p "$ram"
  if ! [ -w "$ram" ]; then
    say "error: guest RAM directory $ram is not writable by uid $(id -u); VMs cannot boot"
    exit 1
  fi
  export AZEMU_UML_TMPDIR=$ram

  # Guest network.
  why=
  if [ "$(id -u)" != 0 ]; then why="not root in the container (uid $(id -u))"
  elif ! has_cap 12; then why="no CAP_NET_ADMIN"
  elif ! has_cap 21; then why="no CAP_SYS_ADMIN (ip netns add mounts /run/netns)"
  elif ! [ -c /dev/net/tun ]; then why="no /dev/net/tun device"
  fi
  if [ -z "$why" ]; then
    say "VM runtime uml: guest RAM in $ram, guest network on (netns + tap per VM)"
  else
    msg="guest network off: $why. VMs boot and run-command works, but no SSH into VMs and no Azure Disk Encryption (the guest cannot reach Key Vault). For the network run the container with --user 0 --cap-add NET_ADMIN --cap-add SYS_ADMIN --device /dev/net/tun"
    if [ "${AZEMU_GUEST_NETWORK:-optional}" = required ]; then
      say "error: AZEMU_GUEST_NETWORK=required but $msg"
      exit 1
    fi
    say "VM runtime uml: guest RAM in $ram; $msg"
  fi
else
  say "VM runtime $runtime: VMs are records only"
fi

exec azemu start "$@"
