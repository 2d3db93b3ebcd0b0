#!/bin/sh
# Azure disk names for UML's ubd disks (research/uml-guest.md §4.1): /dev/sdX device nodes with the
# ubd major:minor (mknod, not symlinks, so realpath keeps the Azure name), and
# /dev/disk/azure/{root,resource,scsi1/lunN} links. ubda is the OS disk, ubdb the resource disk,
# ubdp (/dev/sdp) the BEK volume when the VM has one (no LUN: found by its label);
# a data disk's LUN comes from its ubd serial "lunN" (set at boot) or from an argument
# "ubdX=N" (hot-plugged disks: UML's runtime config cannot set a serial).
# QEMU guests (vm-sim/qemu/) have real SCSI disks and no ubd: their names come from SCSI addresses.
[ -e /sys/block/ubda ] || [ ! -e /sys/class/scsi_host ] || exec /usr/lib/azemu/azdisks-scsi.sh "$@"
mkdir -p /dev/disk/azure/scsi1
for arg in "$@"; do echo "${arg#*=}" > "/run/azemu-lun-${arg%%=*}"; done
for sys in /sys/block/ubd*; do
  [ -e "$sys" ] || continue
  ubd=${sys##*/}
  letter=${ubd#ubd}
  sd=sd$letter
  IFS=: read -r major minor < "$sys/dev"
  rm -f "/dev/$sd"; mknod "/dev/$sd" b "$major" "$minor"
  for part in "$sys"/"$ubd"[0-9]*; do
    [ -e "$part" ] || continue
    n=${part##*/"$ubd"}
    IFS=: read -r pmaj pmin < "$part/dev"
    rm -f "/dev/$sd$n"; mknod "/dev/$sd$n" b "$pmaj" "$pmin"
  done
  case $letter in
    a) ln -sfn ../../sda /dev/disk/azure/root ;;
    b) ln -sfn ../../sdb /dev/disk/azure/resource ;;
    p) ;;
    *)
      lun=
      [ -r "/run/azemu-lun-$ubd" ] && read -r lun < "/run/azemu-lun-$ubd"
      if [ -z "$lun" ] && [ -r "$sys/serial" ]; then read -r serial < "$sys/serial"; lun=${serial#lun}; fi
      [ -n "$lun" ] && ln -sfn "../../../$sd" "/dev/disk/azure/scsi1/lun$lun"
      ;;
  esac
done
# Nodes and links of disks that went away (detach): drop them.
for n in /dev/sd[a-p]*; do
  [ -e "$n" ] || continue
  base=${n#/dev/sd}
  [ -e "/sys/block/ubd${base%%[0-9]*}" ] || rm -f "$n"
done
for l in /dev/disk/azure/scsi1/lun*; do [ -e "$l" ] || rm -f "$l"; done
exit 0
