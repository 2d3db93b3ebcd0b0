#!/usr/bin/env bash
# e2e (issue 13): kill -9 of azemu while a UML guest encrypts its data volume in place. Single-pass
# ADE (`az vm encryption enable --volume-type DATA`, real az in proxy mode) on a 2 GB data disk holding
# a file; when the extension reports "Encrypting data volume 1/1: NN%" part-way, azemu is killed with
# SIGKILL. No guest process may outlive it (the guests die with their parent), and after a restart on
# the same data dir: the interrupted extension operation has ended (no LRO stuck), the VM boots again
# by itself, the handler resumes the interrupted re-encryption (LUKS2's reencrypt journal), the
# substatus reaches data Encrypted, the file's checksum is unchanged, the image is LUKS without the
# plaintext, and a second `az vm encryption enable` succeeds.
# Usage: ade_crash_test.sh   (AZEMU_BIN from ctest)
source "$(dirname "$0")/lib.sh"
E2E_ON_EXIT='[ -n "${ENABLE_PID:-}" ] && kill "$ENABLE_PID" 2>/dev/null'
e2e_setup "ade-crash" --runtime uml --clean -- --mode proxy --az-profile latest
KV=adecrash$$kv
echo "# vault $KV"

check "az login --service-principal" \
  az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
SUB=$(az account show --query id -o tsv)
check "group create" az group create --name crashGroup --location WestUS
check "keyvault create --enabled-for-disk-encryption" \
  az keyvault create --name "$KV" --resource-group crashGroup --location WestUS --enabled-for-disk-encryption True \
    "${KV_ACCESS_POLICIES[@]}"
KEK=$(az keyvault key create --vault-name "$KV" --name myKey --protection software --query key.kid -o tsv)
ssh-keygen -q -t ed25519 -N '' -f "$WORK/id_ed25519"
check "vm create with a 2 GB data disk (UML guest)" \
  az vm create -g crashGroup -n crashVM --image OpenLogic:CentOS:7.2n:7.2.20160629 \
    --admin-username azureuser --ssh-key-value "$WORK/id_ed25519.pub" --data-disk-sizes-gb 2

# run-command's stdout (the message after "[stdout]", up to "[stderr]").
guest() {
  az vm run-command invoke -g crashGroup -n crashVM --command-id RunShellScript --scripts "$1" \
    --query 'value[0].message' -o tsv 2>&1 | sed -n '/^\[stdout\]/,/^\[stderr\]/p' | sed '1d;$d'
}
# 64 MB of random bytes plus a known line, so both a torn block and a lost tail would show.
CANARY="AZEMU-CRASH-CANARY-$$-$RANDOM"
SUM_BEFORE=$(guest "set -e
d=/dev/disk/azure/scsi1/lun0
mkfs.ext4 -q -F \$d >/dev/null 2>&1
mkdir -p /datadisk && mount \$d /datadisk
head -c 64M /dev/urandom > /datadisk/random.bin && echo $CANARY > /datadisk/hello.txt
echo \"\$d /datadisk ext4 defaults,nofail 0 2\" >> /etc/fstab && sync
cat /datadisk/random.bin /datadisk/hello.txt | sha256sum | cut -d' ' -f1")
[[ $SUM_BEFORE =~ ^[0-9a-f]{64}$ ]] && ok "64 MB + a canary written to the data disk" || not_ok "write data disk" "$SUM_BEFORE"

# The extension's instance view straight from ARM (through the proxy, as az goes): one curl per poll
# instead of an az start-up, so the poll sees the progress messages as the handler writes them.
TOKEN=$(sp_token https://management.azure.com/.default)
EXT_URL="https://management.azure.com/subscriptions/$SUB/resourceGroups/crashGroup/providers/Microsoft.Compute/virtualMachines/crashVM/extensions/AzureDiskEncryptionForLinux?api-version=2024-07-01&\$expand=instanceView"
ext_view() { curl -s --cacert "$DATA/ca.pem" -H "Authorization: Bearer $TOKEN" "$EXT_URL"; }
# ext_field state|message|substatus: the provisioning state, or the messages of the statuses or substatuses joined
# by " | "; nothing while ARM's answer is not JSON.
ext_field() {
  local list=${1/message/statuses}; list=${list/substatus/substatuses}
  if [ "$1" = state ]; then ext_view | jq -r '.properties.provisioningState // ""' 2>/dev/null
  else ext_view | jq -r --arg l "$list" '[.properties.instanceView[$l][]? | .message // ""] | join(" | ")' 2>/dev/null; fi
}

# --- single pass on the data volume, killed part-way ------------------------------------------------
az vm encryption enable -g crashGroup -n crashVM --disk-encryption-keyvault "$KV" --key-encryption-key "$KEK" \
  --volume-type DATA > "$WORK/enable.out" 2>&1 &
ENABLE_PID=$!
PCT=
for _ in $(seq 1 600); do
  MSG=$(ext_field message)
  if [[ $MSG =~ Encrypting\ data\ volume\ 1/1:\ ([0-9]+)% ]] && [ "${BASH_REMATCH[1]}" -ge 5 ]; then
    PCT=${BASH_REMATCH[1]}
    break
  fi
  sleep 0.2
done
if [ -n "$PCT" ] && [ "$PCT" -lt 95 ]; then ok "in-place encryption under way ($PCT %): kill -9 azemu"; else not_ok "saw progress part-way" "${MSG:-} $(cat "$WORK/enable.out")"; fi
kill9_azemu
kill "$ENABLE_PID" 2>/dev/null
wait "$ENABLE_PID" 2>/dev/null
ENABLE_PID=
# The guests' UML processes name the data dir on their command line; they die with azemu (an event:
# pidwait returns when the last one is gone).
timeout 30 pidwait -f -- "$DATA/" 2>/dev/null
guests_alive() { pgrep -f -- "$DATA/" > /dev/null && echo yes || echo no; }
check_eq "kill -9: no UML process outlives azemu" "no" guests_alive

AZEMU_START_ARGS="--vm-runtime uml" start_azemu "$DATA" "$PORT" || exit 1
TOKEN=$(sp_token https://management.azure.com/.default)
STATE=$(ext_field state)
[ "$STATE" != "Creating" ] && [ "$STATE" != "Updating" ] && ok "after restart: the interrupted extension operation has ended ($STATE)" \
  || not_ok "extension still in flight after restart" "$STATE"
for _ in $(seq 1 900); do
  SUBST=$(ext_field substatus)
  [[ $SUBST == *'"data": "Encrypted"'* ]] && break
  sleep 0.2
done
[[ $SUBST == *'"data": "Encrypted"'* ]] && ok "after restart: the encryption resumed and the data volume is Encrypted" \
  || not_ok "substatus after restart" "$SUBST | $(ext_field message) | $(guest 'tail -n 15 /var/lib/waagent/*/log/extension.log')"
check_eq "after restart: the file's checksum is unchanged" "$SUM_BEFORE" guest \
  "cat /datadisk/random.bin /datadisk/hello.txt | sha256sum | cut -d' ' -f1"
OUT=$(guest "grep ' /datadisk ' /proc/mounts; cat /etc/crypttab")
[[ $OUT == *"/dev/mapper/"*" /datadisk "* ]] && ok "/datadisk is on a dm-crypt mapping" || not_ok "datadisk on dm-crypt" "$OUT"
check "a second vm encryption enable succeeds" \
  az vm encryption enable -g crashGroup -n crashVM --disk-encryption-keyvault "$KV" --key-encryption-key "$KEK" --volume-type DATA

# --- host side: the data disk's image is LUKS and holds no plaintext --------------------------------
DISKS=$("$AZEMU_BIN" vm disks crashVM --data-dir "$DATA" --json 2>&1)
DATA_IMG=$(jq -r '[.disks[] | select(.lun == 0) | .imagePath][0] // empty' <<<"$DISKS" 2>/dev/null)
if [ -n "$DATA_IMG" ]; then
  check "isLuks: $(basename "$DATA_IMG")" "$AZEMU_BIN" disk inspect "$DATA_IMG"
  if grep -q -a "$CANARY" "$DATA_IMG"; then not_ok "canary absent from the data image" "found"; else ok "the canary's bytes are absent from the data image"; fi
else
  not_ok "data disk image path" "$DISKS"
fi
finish
