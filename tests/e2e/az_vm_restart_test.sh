#!/usr/bin/env bash
# e2e: a VM survives an azemu restart (issue 6). With the UML runtime and the real `az` 2.45 or 2.74 (AZEMU_AZ=2.74; proxy
# mode): create a VM with a data disk, write a file on it, SIGTERM azemu — no guest process may
# outlive it — start azemu again on the same data dir, and the VM is running again by itself
# (PowerState/running, agent ready), run-command works and the file is still on the data disk. Then
# (az 2.45 run) a snapshot of the cloud with the running guest, a change, and a restore of the disk.
# Usage: az_vm_restart_test.sh   (AZEMU_BIN from ctest)
source "$(dirname "$0")/lib.sh"
e2e_setup "vm-restart" --runtime uml -- --mode proxy --az-profile latest
check "az login --service-principal" \
  az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
check "group create" az group create -n rg -l westus
ssh-keygen -q -t ed25519 -N '' -f "$WORK/id_ed25519"
check "vm create (UML guest, one 1 GB data disk)" \
  az vm create -g rg -n myVM --image OpenLogic:CentOS:7.2n:7.2.20160629 --admin-username azureuser \
    --ssh-key-value "$WORK/id_ed25519.pub" --data-disk-sizes-gb 1

# run-command's stdout (the message after "[stdout]", up to "[stderr]").
guest() {
  az vm run-command invoke -g rg -n myVM --command-id RunShellScript --scripts "$1" \
    --query 'value[0].message' -o tsv 2>&1 | sed -n '/^\[stdout\]/,/^\[stderr\]/p' | sed '1d;$d'
}
check_eq "write a file on the data disk (lun0)" "written" guest 'set -e
d=/dev/disk/azure/scsi1/lun0
mkfs.ext4 -q -F $d >/dev/null 2>&1 || mke2fs -q -F -t ext4 $d
mkdir -p /datadisk && mount $d /datadisk && echo before-restart > /datadisk/marker && sync && umount /datadisk
echo written'

# The guest's UML processes name the data dir on their command line (ubd0=<data>/disks/...).
guests_alive() { pgrep -f -- "$DATA/" >/dev/null && echo yes || echo no; }
check_eq "a UML guest runs" "yes" guests_alive
stop_azemu
check_eq "SIGTERM: no UML process outlives azemu" "no" guests_alive

AZEMU_START_ARGS="--vm-runtime uml" start_azemu "$DATA" "$PORT" || exit 1
# The boot runs in the background after "ready": wait for the transition to end (event: the state).
power() { az vm get-instance-view -g rg -n myVM --query "instanceView.statuses[?starts_with(code,'PowerState/')].code | [0]" -o tsv 2>&1; }
wait_booted() {
  for _ in $(seq 1 120); do
    P=$(power)
    [ "$P" = "PowerState/starting" ] || break
    sleep 1
  done
}
wait_booted
check_eq "after restart: PowerState/running" "PowerState/running" power
check_eq "after restart: agent Ready" "Ready" \
  az vm get-instance-view -g rg -n myVM --query "instanceView.vmAgent.statuses[0].displayStatus" -o tsv
check_eq "after restart: run-command reads the file written before" "before-restart" guest \
  'mkdir -p /datadisk && mount /dev/disk/azure/scsi1/lun0 /datadisk && cat /datadisk/marker; umount /datadisk'

# Snapshots with a real guest (issue 14; az-independent, so once): the running VM is stopped for the
# copy and booted again; a restore brings back the disk image as saved and boots the VM.
if [ "${AZEMU_AZ:-}" != "2.74" ]; then
  check_eq "snapshot save with a running UML guest stops it for the copy" "1" sh -c \
    "'$AZEMU_BIN' snapshot save with-guest --listen 127.0.0.1:$PORT | jq -r .vmsRunning"
  wait_booted
  check_eq "... and boots it again" "PowerState/running" power
  check_eq "change the data disk after the snapshot" "changed" guest \
    'mount /dev/disk/azure/scsi1/lun0 /datadisk && echo after-snapshot > /datadisk/marker && sync && umount /datadisk && echo changed'
  check "snapshot restore" ctl snapshot restore with-guest
  wait_booted
  check_eq "after the restore the VM runs" "PowerState/running" power
  check_eq "... and its data disk is the saved one" "before-restart" guest \
    'mkdir -p /datadisk && mount /dev/disk/azure/scsi1/lun0 /datadisk && cat /datadisk/marker; umount /datadisk'
fi
stop_azemu
check_eq "SIGTERM again: no UML process left" "no" guests_alive
finish
