#!/usr/bin/env bash
# Builds what the QEMU runtime boots besides the guest's OS disk: Debian's x86-64 kernel (package
# linux-image-amd64, unpacked with `dpkg -x` by docker/dev.sh, not installed) and a tiny initramfs
# that loads the modules the Debian kernel needs for the simulated VM (virtio-scsi disks, ext4 root,
# virtio-net, dm-crypt, vfat for the BEK volume), then switch_roots to the OS disk, whose userland
# is the same image as the UML guests' (vm-sim/guest/build-guest.sh).
#
#   build-initramfs.sh --kernel-root DIR --out DIR
#
# --kernel-root: a folder holding boot/vmlinuz-<ver> and lib/modules/<ver>/ (a `dpkg -x` of
# linux-image-<ver>-amd64, or / when that package is installed).
# Output: OUT/<hash>/ with initrd.img and qemu.env (KERNEL=, INITRD=, KERNEL_VERSION=, HASH=); <hash>
# covers this script, busybox and the kernel, so an unchanged set is a cache hit (a few ms). The last
# line on stdout is the build directory; progress goes to stderr.
#
# The package has no modules.dep (depmod runs in its postinst, and the host has no kmod): each
# module's dependencies are read from its own .modinfo "depends=" field and written to the
# initramfs's modules.dep; the init loads them dependencies first.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
KROOT=
OUT=
while [ $# -gt 0 ]; do
  case $1 in
    --kernel-root) KROOT=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "usage: $0 --kernel-root DIR --out DIR" >&2; exit 2 ;;
  esac
done
[ -n "$KROOT" ] && [ -n "$OUT" ] || { echo "usage: $0 --kernel-root DIR --out DIR" >&2; exit 2; }

step() { echo "build-initramfs: $*" >&2; }
fail() { echo "build-initramfs: $*" >&2; exit 1; }

# The newest kernel that has its modules next to it.
KERNEL= KVER=
for k in $(ls -v "$KROOT"/boot/vmlinuz-* 2> /dev/null); do
  v=${k##*/vmlinuz-}
  [ -d "$KROOT/lib/modules/$v/kernel" ] && { KERNEL=$k; KVER=$v; }
done
[ -n "$KERNEL" ] || fail "no boot/vmlinuz-<ver> with lib/modules/<ver> under $KROOT (docker/dev.sh unpacks linux-image-amd64 there)"
[ -r "$KERNEL" ] || fail "$KERNEL is not readable"
MODDIR=$KROOT/lib/modules/$KVER
[ -x /bin/busybox ] || fail "/bin/busybox missing (package busybox-static)"

# Wanted modules, in the order they should load once their dependencies are in. virtio_scsi comes
# before sd_mod: the SCSI scan is synchronous (scsi_mod.scan=sync), so every disk exists before sd
# names them, in controller and LUN order (OS, resource, data disks).
MODULES=(virtio_pci virtio_scsi sd_mod crc32c_generic crc32c-intel ext4 virtio_net virtio_rng
  af_alg algif_skcipher algif_hash cbc ecb xts hmac sha256_generic aesni-intel dm-mod dm-crypt
  fat vfat nls_cp437 nls_iso8859-1)

hash=$(
  {
    sha256sum "$0" /bin/busybox "$KERNEL"
    echo "$KVER ${MODULES[*]}"
  } | sha256sum | cut -c1-16
)
DEST=$OUT/$hash
if [ -f "$DEST/qemu.env" ]; then
  step "initramfs up to date ($DEST)"
  echo "$DEST"
  exit 0
fi

started=$(date +%s%N)
mkdir -p "$OUT"
WORK=$(mktemp -d "$OUT/.build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
TREE=$WORK/tree
mkdir -p "$TREE"/{bin,dev,proc,sys,newroot,lib/modules}
cp /bin/busybox "$TREE/bin/busybox"
for applet in sh mount umount insmod switch_root sleep cat mkdir ls grep sort; do ln -s busybox "$TREE/bin/$applet"; done

step "modules for $KVER"
# name (with '-' and '_' alike) -> path relative to MODDIR
declare -A path_of=() loaded=()
while read -r p; do
  n=${p##*/}; n=${n%.ko}; path_of[${n//-/_}]=$p
done < <(cd "$MODDIR" && find kernel -name '*.ko')
: > "$TREE/lib/modules/modules.load"
: > "$TREE/lib/modules/modules.dep"
add_module() {
  local name=${1//-/_} p deps dep
  [ -n "${loaded[$name]:-}" ] && return
  p=${path_of[$name]:-}
  if [ -z "$p" ]; then
    # Built into this kernel (cbc, hmac, ... in Debian's config): nothing to load.
    grep -qE "/${name//_/[-_]}\.ko\$" "$MODDIR/modules.builtin" && return
    fail "module $1 not in $MODDIR"
  fi
  loaded[$name]=1
  deps=$(tr '\0' '\n' < "$MODDIR/$p" | sed -n 's/^depends=//p' | head -n1 | tr ',' ' ')
  for dep in $deps; do add_module "$dep"; done
  cp "$MODDIR/$p" "$TREE/lib/modules/${p##*/}"
  echo "${p##*/}: $(for dep in $deps; do printf '%s ' "${path_of[${dep//-/_}]##*/}"; done)" >> "$TREE/lib/modules/modules.dep"
  echo "${p##*/}" >> "$TREE/lib/modules/modules.load"
}
for m in "${MODULES[@]}"; do add_module "$m"; done

cat > "$TREE/init" << 'EOF'
#!/bin/sh
# azemu QEMU initramfs: load the modules (dependencies first, modules.load), mount the OS disk
# named by root= (the SCSI disk at LUN 0 of the first controller, /dev/sda), switch_root to its init.
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# Errors stay visible on the console (an aesni module on a CPU without AES-NI is expected to fail).
#
# sd probes disks asynchronously, so names would follow whichever probe wins (the resource disk
# could become sda). Instead nothing binds by itself: virtio_scsi's synchronous scan creates every
# SCSI device, then each is bound to sd by hand in (controller, LUN) order, which makes the names
# sda = OS, sdb = resource, sdc.. = data disks by LUN. Autoprobe is back on for hot-plugged disks.
while read -r ko; do
  [ "$ko" = sd_mod.ko ] && echo 0 > /sys/bus/scsi/drivers_autoprobe
  insmod "/lib/modules/$ko" || echo "initramfs: insmod $ko failed"
done < /lib/modules/modules.load
all=$(ls /sys/bus/scsi/devices | grep -E '^[0-9]+:[0-9]+:[0-9]+:[0-9]+$' | sort -t: -k1,1n -k2,2n -k3,3n -k4,4n)
first=${all%%:*}
bind() { echo "$1" > /sys/bus/scsi/drivers/sd/bind || echo "initramfs: cannot bind $1 to sd"; }
# OS and resource disk (first controller, LUN 0 and 1), the data disks, then the rest (BEK volume).
for hctl in $all; do case $hctl in "$first":*:*:0 | "$first":*:*:1) bind "$hctl" ;; esac; done
for hctl in $all; do case $hctl in "$first":*) ;; *) bind "$hctl" ;; esac; done
for hctl in $all; do case $hctl in "$first":*:*:0 | "$first":*:*:1) ;; "$first":*) bind "$hctl" ;; esac; done
echo 1 > /sys/bus/scsi/drivers_autoprobe
root=/dev/sda
for word in $(cat /proc/cmdline); do
  case $word in root=*) root=${word#root=} ;; esac
done
tries=0
until [ -b "$root" ]; do
  tries=$((tries + 1))
  [ $tries -gt 200 ] && { echo "initramfs: $root did not appear"; ls /dev; exec sh; }
  sleep 0.05
done
# The node can appear a moment before sd has read the capacity (EINVAL meanwhile): retry briefly.
tries=0
until mount -t ext4 -o rw "$root" /newroot 2> /dev/null; do
  tries=$((tries + 1))
  [ $tries -gt 40 ] && { echo "initramfs: cannot mount $root"; mount -t ext4 -o rw "$root" /newroot; exec sh; }
  sleep 0.05
done
# The image's rc.sysinit skips its own (UML) module list when dm_crypt is loaded, as it is here.
mount --move /dev /newroot/dev
umount /sys /proc
exec switch_root /newroot /sbin/init
EOF
chmod 755 "$TREE/init"

step "packing"
mkdir -p "$WORK/out"
(cd "$TREE" && find . | /bin/busybox cpio -o -H newc 2> /dev/null | gzip -1 > "$WORK/out/initrd.img")
{
  echo "HASH=$hash"
  echo "KERNEL=$KERNEL"
  echo "KERNEL_VERSION=$KVER"
  echo "INITRD=$DEST/initrd.img"
  echo "BUILT_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} > "$WORK/out/qemu.env"
rm -rf "$DEST"
mv "$WORK/out" "$DEST"
for old in "$OUT"/*/; do
  old=${old%/}
  [ "$old" = "$DEST" ] || [ ! -f "$old/qemu.env" ] || rm -rf "$old"
done
elapsed=$((($(date +%s%N) - started) / 1000000))
step "initramfs built in ${elapsed} ms: $DEST/initrd.img ($(du -k "$DEST/initrd.img" | cut -f1) KiB, ${#loaded[@]} modules)"
echo "$DEST"
