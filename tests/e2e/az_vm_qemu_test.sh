#!/usr/bin/env bash
# e2e: `azemu start --vm-runtime qemu` (issue 6, QEMU backend) with the real `az` 2.45 (proxy mode):
# `az vm create` boots a QEMU guest (Debian's x86-64 kernel; TCG without a usable KVM, so the create
# takes about a minute), `az vm run-command invoke` runs in it and shows the Debian kernel and the SCSI
# disk names, the guest reaches azemu at 10.0.2.2 (directly and as its HTTPS proxy), and `az vm delete` leaves no QEMU process.
# Usage: az_vm_qemu_test.sh   (AZEMU_BIN from ctest)
source "$(dirname "$0")/lib.sh"
if [ ! -x "${AZEMU_QEMU:-/usr/bin/qemu-system-x86_64}" ]; then
  # Loud: CI installs QEMU (docker/dev.sh test), so this should never be seen there.
  echo "SKIPPED: qemu-system-x86_64 not installed (apt-get install qemu-system-x86; docker/dev.sh test does)"
  exit 0
fi
e2e_setup "vm-qemu" --runtime qemu -- --mode proxy --az-profile latest
check "az login --service-principal" \
  az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
check "group create" az group create -n rg -l westus
ssh-keygen -q -t ed25519 -N '' -f "$WORK/id_ed25519"
started=$(date +%s)
check "vm create (QEMU guest, one 1 GB data disk)" \
  az vm create -g rg -n qemuVM --image OpenLogic:CentOS:7.2n:7.2.20160629 --admin-username azureuser \
    --ssh-key-value "$WORK/id_ed25519.pub" --data-disk-sizes-gb 1
echo "# az vm create took $(($(date +%s) - started)) s"

guest() {
  az vm run-command invoke -g rg -n qemuVM --command-id RunShellScript --scripts "$1" \
    --query 'value[0].message' -o tsv 2>&1 | sed -n '/^\[stdout\]/,/^\[stderr\]/p' | sed '1d;$d'
}
KVER=$(ls /var/cache/azemu/qemu-kernel/boot 2> /dev/null | sed -n 's/^vmlinuz-//p' | head -n1)
[ -n "${AZEMU_QEMU_KERNEL_DIR:-}" ] && KVER=$(ls "$AZEMU_QEMU_KERNEL_DIR/boot" | sed -n 's/^vmlinuz-//p' | head -n1)
check_eq "run-command: Debian's kernel" "$KVER" guest 'uname -r'
check_eq "run-command: the QEMU runtime booted it" "azemu.runtime=qemu" guest 'grep -o "azemu.runtime=qemu" /proc/cmdline'
check_eq "run-command: SCSI disks sda sdb sdc" "/dev/sda /dev/sdb /dev/sdc" guest 'echo $(ls /dev/sd*)'
check_eq "run-command: data disk at LUN 0 is sdc" "../../../sdc" guest 'readlink /dev/disk/azure/scsi1/lun0'
# 10.0.2.2:443 is azemu's one port (plain HTTP there answers GET /health and CONNECT, the guest's proxy).
check_eq "the guest reaches azemu at 10.0.2.2:443 (GET /health)" "200" guest \
  'curl -s -o /dev/null -w "%{http_code}" http://10.0.2.2:443/health'
check_eq "and through it as its proxy, Azure over TLS with azemu's CA" "ok" guest \
  'curl -s -o /dev/null --proxy http://10.0.2.2:443 --cacert /etc/azemu/ca.pem https://management.azure.com/metadata/endpoints?api-version=2019-05-01 && echo ok'
check_eq "instance view: agent Ready" "Ready" \
  az vm get-instance-view -g rg -n qemuVM --query "instanceView.vmAgent.statuses[0].displayStatus" -o tsv
guests_alive() { pgrep -f -- "$DATA/" > /dev/null && echo yes || echo no; }
check_eq "a QEMU guest runs" "yes" guests_alive
check "vm delete" az vm delete -g rg -n qemuVM --yes
check_eq "after delete: no QEMU process left" "no" guests_alive
finish
