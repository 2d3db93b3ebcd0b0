#!/bin/sh
# Azure disk names for QEMU guests (vm-sim/qemu/qemu_guest.hpp), whose disks are real SCSI disks:
# the kernel names them already (the initramfs binds sda = OS, sdb = resource, sdc.. = data disks),
# so this only adds /dev/disk/azure/{root,resource,scsi1/lunN} from each disk's SCSI address. The
# first virtio-scsi host is the OS controller (LUN 0 OS disk, 1 resource disk, 2 BEK volume), the
# second holds the data disks at their Azure LUNs. azdisks.sh runs this when there are no ubd disks.
# It also mounts the BEK volume read-only at /mnt/azure_bek_disk (rc.sysinit's BEK step looks for
# UML's ubdp), before rc.sysinit reads /etc/crypttab.
hosts=
for h in /sys/class/scsi_host/host*; do
  [ "$(cat "$h/proc_name" 2> /dev/null)" = virtio_scsi ] && hosts="$hosts ${h##*/host}"
done
set -- $(for h in $hosts; do echo "$h"; done | sort -n)
os_host=${1:-}
data_host=${2:-}
mkdir -p /dev/disk/azure/scsi1
# Rebuilt from scratch: after a detach and an attach, a kernel name can belong to another LUN.
rm -f /dev/disk/azure/root /dev/disk/azure/resource /dev/disk/azure/scsi1/lun*
bek=
for dev in /sys/block/sd*; do
  [ -e "$dev/device" ] || continue
  hctl=$(readlink -f "$dev/device")
  hctl=${hctl##*/}
  h=${hctl%%:*}
  lun=${hctl##*:}
  sd=${dev##*/}
  if [ "$h" = "$os_host" ]; then
    case $lun in
      0) ln -sfn ../../"$sd" /dev/disk/azure/root ;;
      1) ln -sfn ../../"$sd" /dev/disk/azure/resource ;;
      2) bek=/dev/$sd ;;
    esac
  elif [ "$h" = "$data_host" ]; then
    ln -sfn ../../../"$sd" "/dev/disk/azure/scsi1/lun$lun"
  fi
done
if [ -n "$bek" ] && ! grep -q ' /mnt/azure_bek_disk ' /proc/mounts; then
  mkdir -p /mnt/azure_bek_disk && mount -t vfat -o ro "$bek" /mnt/azure_bek_disk
fi
exit 0
