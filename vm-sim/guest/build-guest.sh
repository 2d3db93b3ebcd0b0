#!/usr/bin/env bash
# Builds the guest OS image every simulated VM boots from, out of INSTALLED Debian packages only:
#   user-mode-linux (kernel + modules), busybox-static, cryptsetup-bin, e2fsprogs, dosfstools,
#   dropbear-bin, util-linux (lsblk, blkid, ...) and azemu's static guest agent.
# No mounting, no loop devices, no root needed for the image itself: the tree is assembled in a
# temporary folder and packed with `mke2fs -d` (research/uml-ade.md §1).
#
#   build-guest.sh --out DIR --agent PATH [--ade-handler PATH] [--size 2G]
#
# --ade-handler installs the static ADE extension handler as /usr/sbin/azemu-ade-handler and its
# HandlerManifest.json (vm-sim/ade/) under /usr/lib/azemu/extensions/<Publisher>.<Type>-<version>/
# (the dual-pass handler is version 0.1; a package per version, as Azure's repository has), where the
# agent copies it from into the handler folder when the extension's settings arrive (Azure's agent
# downloads the package instead; the guest has no extension repository to download from).
#
# Output: DIR/<hash>/ with os.img (sparse ext4, label cloudimg-rootfs), initramfs.cpio, guest.env
# (KERNEL=, INITRD=, HASH=, ...). <hash> is a content hash of every input (this script, the rootfs overlay, the agent binary,
# the versions of the packages copied, the module list), so an unchanged input set is a cache hit
# that costs a few milliseconds; older builds are removed. The last line on stdout is the build
# directory; progress goes to stderr.
#
# Plain VMs boot without an initramfs, straight from /dev/ubda (UML mounts root=98:0 itself). VMs
# whose OS disk is LUKS (Azure Disk Encryption) boot through initramfs.cpio: busybox, cryptsetup and
# the dm-crypt/vfat modules, whose /init (initramfs/init) unlocks the disk with the BEK volume's key
# (research/uml-ade.md §4). Uncompressed: UML reads it into memory in one go, and gunzip would cost
# boot time under UML for a few megabytes saved.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=
AGENT=
ADE_HANDLER=
SIZE=2G
ADE_MANIFEST=$HERE/../ade/HandlerManifest.json
ADE_EXTENSION_DIR=/usr/lib/azemu/extensions/Microsoft.Azure.Security.AzureDiskEncryptionForLinux-0.1
while [ $# -gt 0 ]; do
  case $1 in
    --out) OUT=$2; shift 2 ;;
    --agent) AGENT=$2; shift 2 ;;
    --ade-handler) ADE_HANDLER=$2; shift 2 ;;
    --size) SIZE=$2; shift 2 ;;
    *) echo "usage: $0 --out DIR --agent PATH [--ade-handler PATH] [--size 2G]" >&2; exit 2 ;;
  esac
done
[ -n "$OUT" ] && [ -n "$AGENT" ] || { echo "usage: $0 --out DIR --agent PATH [--ade-handler PATH] [--size 2G]" >&2; exit 2; }
[ -x "$AGENT" ] || { echo "build-guest: agent binary $AGENT missing (build target azemu-guest-agent)" >&2; exit 1; }
[ -z "$ADE_HANDLER" ] || [ -x "$ADE_HANDLER" ] ||
  { echo "build-guest: ADE handler $ADE_HANDLER missing (build target azemu-ade-handler)" >&2; exit 1; }
[ -z "$ADE_HANDLER" ] || [ -f "$ADE_MANIFEST" ] || { echo "build-guest: $ADE_MANIFEST missing" >&2; exit 1; }

PACKAGES=(user-mode-linux busybox-static cryptsetup-bin e2fsprogs dosfstools dropbear-bin util-linux libc6)
KERNEL=/usr/bin/linux.uml
# Module load order that works for dm-crypt under UML (research/dmcrypt.md §3: cbc/hmac are runtime
# crypto dependencies modules.dep does not list), then vfat for the BEK volume.
MODULES=(cbc hmac ecb xts dm-mod encrypted-keys dm-crypt fat vfat nls_cp437 nls_iso8859-1)
# Binaries copied with their ldd closure (UML runs ordinary x86-64 host binaries).
BINARIES=(/usr/sbin/cryptsetup /sbin/dmsetup /usr/sbin/mke2fs /usr/sbin/e2fsck /usr/sbin/resize2fs
  /usr/sbin/tune2fs /usr/sbin/dumpe2fs /usr/sbin/blkid /usr/bin/lsblk /usr/sbin/findfs /usr/sbin/wipefs
  /usr/sbin/fstrim /usr/sbin/mkfs.vfat /usr/sbin/fsck.vfat /usr/sbin/dropbear /usr/bin/dropbearkey)

step() { echo "build-guest: $*" >&2; }
fail() { echo "build-guest: $*" >&2; exit 1; }

for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q "install ok installed" ||
    fail "package $p is not installed (docker/dev.sh installs it: apt-get install $p)"
done
[ -x "$KERNEL" ] || fail "$KERNEL missing (package user-mode-linux)"
KVER=$(ls /usr/lib/uml/modules | head -n1)
MODDIR=/usr/lib/uml/modules/$KVER
[ -f "$MODDIR/modules.dep" ] || fail "no UML modules under $MODDIR"

hash=$(
  {
    sha256sum "$0" "$AGENT"
    # The ADE handler and its manifest are part of the image: a new handler is a new image.
    [ -z "$ADE_HANDLER" ] || sha256sum "$ADE_HANDLER" "$ADE_MANIFEST"
    (cd "$HERE/rootfs" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
    (cd "$HERE/rootfs" && find . -printf '%p %m\n' | sort)
    sha256sum "$HERE/initramfs/init"
    dpkg-query -W -f='${Package} ${Version}\n' "${PACKAGES[@]}"
    echo "${MODULES[*]} ${BINARIES[*]} $SIZE $KVER"
    dpkg-query -W -f='${Package} ${Version}\n' curl 2> /dev/null || true
  } | sha256sum | cut -c1-16
)
DEST=$OUT/$hash
if [ -f "$DEST/guest.env" ]; then
  step "guest image up to date ($DEST)"
  echo "$DEST"
  exit 0
fi

started=$(date +%s%N)
mkdir -p "$OUT"
WORK=$(mktemp -d "$OUT/.build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
TREE=$WORK/rootfs
mkdir -p "$TREE"

step "[1/6] base tree and busybox"
mkdir -p "$TREE"/{bin,sbin,usr/bin,usr/sbin,lib,lib64,proc,sys,dev,run,tmp,mnt,root,home,var/empty,etc/dropbear,var/lib/waagent}
chmod 1777 "$TREE/tmp"
chmod 700 "$TREE/root"
cp -a "$HERE/rootfs/." "$TREE/"
cp /bin/busybox "$TREE/bin/busybox"
# One link per applet, where the applet lives; real binaries copied below win over applets.
for applet in $(/bin/busybox --list-full); do
  [ -e "$TREE/$applet" ] || ln -s /bin/busybox "$TREE/$applet"
done

step "[2/6] tools and their shared libraries"
copy_with_libs() {
  local bin=$1 real root=${2:-$TREE}
  real=$(readlink -f "$bin")
  rm -f "$root$bin"
  mkdir -p "$root$(dirname "$bin")"
  cp "$real" "$root$bin"
  ldd "$real" 2> /dev/null | awk '/=> \//{print $3} /^[[:space:]]*\/lib/{print $1}' | while read -r lib; do
    [ -e "$root$lib" ] && continue
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
}
for b in "${BINARIES[@]}"; do copy_with_libs "$b"; done
# curl, when installed, lets the guest call azemu's HTTPS API (https://10.0.2.2:<port>/).
[ -x /usr/bin/curl ] && copy_with_libs /usr/bin/curl
ln -sf mke2fs "$TREE/usr/sbin/mkfs.ext4"
ln -sf mke2fs "$TREE/usr/sbin/mkfs.ext3"
ln -sf e2fsck "$TREE/usr/sbin/fsck.ext4"
ln -sf mkfs.vfat "$TREE/usr/sbin/mkfs.fat"
# Needed at run time but not by ldd: libgcc_s for pthread_cancel in cryptsetup's libraries.
for extra in /lib/x86_64-linux-gnu/libgcc_s.so.1; do
  [ -e "$extra" ] && cp -L "$extra" "$TREE$extra"
done
cp /etc/mke2fs.conf "$TREE/etc/mke2fs.conf" 2> /dev/null || true
install -m 0755 -s "$AGENT" "$TREE/usr/sbin/azemu-guest-agent"
if [ -n "$ADE_HANDLER" ]; then
  install -m 0755 -s "$ADE_HANDLER" "$TREE/usr/sbin/azemu-ade-handler"
  install -D -m 0644 "$ADE_MANIFEST" "$TREE$ADE_EXTENSION_DIR/HandlerManifest.json"
  # The same handler serves single pass (the version az asks for without an AAD app).
  install -D -m 0644 "$ADE_MANIFEST" "$TREE${ADE_EXTENSION_DIR%-0.1}-1.1/HandlerManifest.json"
fi

step "[3/6] kernel modules ($KVER)"
# Resolve dependencies from modules.dep (no kmod on the host), dependencies first, no duplicates.
: > "$TREE/etc/azemu/modules.load"
declare -A seen=()
add_module() {
  local path=$1 dep
  [ -n "${seen[$path]:-}" ] && return
  for dep in $(awk -v m="$path:" '$1 == m { for (i = 2; i <= NF; i++) print $i }' "$MODDIR/modules.dep"); do
    add_module "$dep"
  done
  seen[$path]=1
  mkdir -p "$TREE/lib/modules/$KVER/$(dirname "$path")"
  cp "$MODDIR/$path" "$TREE/lib/modules/$KVER/$path"
  grep "^$path:" "$MODDIR/modules.dep" >> "$TREE/lib/modules/$KVER/modules.dep"
  echo "$KVER/$path" >> "$TREE/etc/azemu/modules.load"
}
for m in "${MODULES[@]}"; do
  path=$(awk -F: -v a="/$m.ko" -v b="/${m//-/_}.ko" '{ n = length($1) } substr($1, n - length(a) + 1) == a || substr($1, n - length(b) + 1) == b { print $1; exit }' "$MODDIR/modules.dep")
  [ -n "$path" ] || fail "module $m not found in $MODDIR"
  add_module "$path"
done
cp "$MODDIR"/modules.builtin* "$MODDIR/modules.order" "$TREE/lib/modules/$KVER/" 2> /dev/null || true

step "[4/6] ext4 OS image ($SIZE, sparse)"
mkdir -p "$WORK/out"
# lazy_*_init: inode tables and journal are not zeroed, so the image stays sparse (copies are cheap).
mke2fs -q -F -t ext4 -L cloudimg-rootfs -E lazy_itable_init=1,lazy_journal_init=1 -d "$TREE" "$WORK/out/os.img" "$SIZE" >&2
step "[5/6] initramfs for LUKS OS disks"
RAMFS=$WORK/initramfs
mkdir -p "$RAMFS"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,run,bek,newroot,etc,lib}
cp /bin/busybox "$RAMFS/bin/busybox"
for applet in $(/bin/busybox --list-full); do
  [ -e "$RAMFS/$applet" ] || ln -s /bin/busybox "$RAMFS/$applet"
done
copy_with_libs /usr/sbin/cryptsetup "$RAMFS"
for extra in /lib/x86_64-linux-gnu/libgcc_s.so.1; do
  [ -e "$extra" ] && cp -L "$extra" "$RAMFS$extra"
done
cp -a "$TREE/lib/modules" "$RAMFS/lib/"
cp "$TREE/etc/azemu/modules.load" "$RAMFS/etc/modules.load"
install -m 0755 "$HERE/initramfs/init" "$RAMFS/init"
(cd "$RAMFS" && find . | sort | /bin/busybox cpio -o -H newc -R 0:0 > "$WORK/out/initramfs.cpio" 2> /dev/null)
{
  echo "HASH=$hash"
  echo "KERNEL=$KERNEL"
  echo "KERNEL_VERSION=$KVER"
  echo "OS_IMAGE=$DEST/os.img"
  echo "INITRD=$DEST/initramfs.cpio"
  echo "BUILT_AT=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} > "$WORK/out/guest.env"

step "[6/6] publishing"
rm -rf "$DEST"
mv "$WORK/out" "$DEST"
# Older builds are superseded; VMs own copies of the image, never the image itself.
for old in "$OUT"/*/; do
  old=${old%/}
  [ "$old" = "$DEST" ] || [ ! -f "$old/guest.env" ] || rm -rf "$old"
done
elapsed=$((($(date +%s%N) - started) / 1000000))
step "guest image built in ${elapsed} ms: $DEST/os.img ($(du -k --apparent-size "$DEST/os.img" | cut -f1) KiB apparent, $(du -k "$DEST/os.img" | cut -f1) KiB allocated)"
echo "$DEST"
