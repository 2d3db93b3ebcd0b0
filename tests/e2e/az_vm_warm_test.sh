#!/usr/bin/env bash
# e2e: warm guests (issue 17). `azemu start --vm-runtime uml --warm-guests 1`, the real `az` (proxy
# mode): the spare boots in the background and is never a VM; `az vm create` of the default shape
# adopts it (the log says warm) and the guest is the VM (hostname, data disk at lun0); a file
# written by run-command survives `az vm restart`; `az vm delete` leaves no guest of the VM; the
# refilled spare ends with azemu.
# Usage: az_vm_warm_test.sh   (AZEMU_BIN from ctest)
source "$(dirname "$0")/lib.sh"
# info: the "spare guest ready" and "guest ready ... warm" lines are how this suite sees the pool.
AZEMU_LOG_LEVEL=info AZEMU_START_ARGS="--vm-runtime uml --warm-guests 1" \
  e2e_setup "vm-warm" -- --mode proxy --az-profile latest
check "az login --service-principal" \
  az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
check "group create" az group create -n rg -l westus
ssh-keygen -q -t ed25519 -N '' -f "$WORK/id_ed25519"

# The spare boots after start-up (the guest image may be built first): wait for its log line.
spare_ready() {
  for _ in $(seq 1 120); do
    grep -q '"msg":"spare guest ready"' "$DATA.err" && { echo yes; return; }
    sleep 1
  done
  echo no
}
check_eq "a spare guest boots in the background" "yes" spare_ready
check_eq "the spare is no VM" "0" az vm list --query 'length(@)' -o tsv

check "vm create (default size, one 1 GB data disk) adopts the spare" \
  az vm create -g rg -n myVM --image Ubuntu2204 --admin-username azureuser \
    --ssh-key-value "$WORK/id_ed25519.pub" --data-disk-sizes-gb 1
adopted() { grep '"msg":"guest ready"' "$DATA.err" | grep '"vm":"myVM"' | grep -c '"warm":true'; }
check_eq "the create took the warm guest" "1" adopted
check_eq "one VM is listed" "1" az vm list --query 'length(@)' -o tsv

# run-command's stdout (the message after "[stdout]", up to "[stderr]").
guest() {
  az vm run-command invoke -g rg -n myVM --command-id RunShellScript --scripts "$1" \
    --query 'value[0].message' -o tsv 2>&1 | sed -n '/^\[stdout\]/,/^\[stderr\]/p' | sed '1d;$d'
}
check_eq "the guest has the VM's hostname and its data disk at lun0" "myVM ../../../sdc" guest \
  'echo $(hostname) $(readlink /dev/disk/azure/scsi1/lun0)'
check_eq "run-command writes a file" "written" guest 'mkdir -p /var/lib/azemu-e2e && echo warm > /var/lib/azemu-e2e/marker && sync && echo written'

check "vm restart" az vm restart -g rg -n myVM
check_eq "after restart: the file is still there, same hostname" "warm myVM" guest 'echo $(cat /var/lib/azemu-e2e/marker) $(hostname)'
check_eq "after restart: PowerState/running" "PowerState/running" \
  az vm get-instance-view -g rg -n myVM --query "instanceView.statuses[?starts_with(code,'PowerState/')].code | [0]" -o tsv

vm_id=$(az vm show -g rg -n myVM --query vmId -o tsv)
check "vm delete" az vm delete -g rg -n myVM --yes
guests_of_vm() { pgrep -f -- "$DATA/vms/$vm_id" > /dev/null && echo yes || echo no; }
check_eq "no guest process of the VM is left" "no" guests_of_vm
check_eq "its folder is gone" "no" sh -c "[ -e '$DATA/vms/$vm_id' ] && echo yes || echo no"

# The refilled spare is azemu's to stop: SIGTERM leaves no guest and no spare folder behind.
# (functions, not sh -c: pgrep would find the sh whose command line holds the pattern)
spare_alive() { pgrep -f -- "$DATA/spares/" > /dev/null && echo yes || echo no; }
guests_alive() { pgrep -f -- "$DATA/" > /dev/null && echo yes || echo no; }
check_eq "a refilled spare runs" "yes" spare_alive
stop_azemu
check_eq "SIGTERM: no spare outlives azemu" "no" guests_alive
check_eq "SIGTERM: the spare's folder is gone" "0" sh -c "ls '$DATA/spares' | wc -l"
finish
