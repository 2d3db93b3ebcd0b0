#!/usr/bin/env bash
# e2e: single-pass Azure Disk Encryption (extension 1.1, no AAD app) with the real `az` 2.45 (or 2.74
# with AZEMU_AZ=2.74, its client fixes in az274/shim) in proxy mode on a user-mode Linux guest: `az vm encryption enable` without --aad-client-id; the
# platform makes the passphrase, wraps it with the KEK and writes one secret per disk (content type
# "Wrapped BEK", tags incl. MachineName) as itself, stamps encryptionSettingsCollection on the
# disks and attaches the BEK volume; the handler in the guest encrypts. `vm encryption show` lists
# disks[].statuses EncryptionState/encrypted; after `az vm restart` the substatus says both volumes
# Encrypted and the file on the data disk is readable. Also the platform's refusals: a vault not
# enabled for disk encryption (az --force skips its own check) fails the extension with
# VMExtensionProvisioningError; disabling encryption while the OS volume is encrypted is refused.
# Under 2.74 the VM is a Trusted Launch VM (Gen2 image, az's default), which ADE supports, with a second
# data disk, and the other single-pass requests az 2.74 sends run first on it, each answered as Azure answers
# it: --volume-type DATA (data volumes only, OS disk untouched, no "encryption request was accepted"
# warning), then --volume-type OS (the extension's precheck refuses a change of volume type other than to
# All, before anything is stamped), then --encrypt-format-all (the new, mounted second disk is formatted
# into LUKS, the encrypted first one is left alone), then ALL as above (an upgrade from DATA, allowed).
# Usage: [AZEMU_AZ=2.74] az_ade_single_pass_test.sh   (AZEMU_BIN from ctest)
source "$(dirname "$0")/lib.sh"
require_az
WORK=$(mktemp -d /tmp/azemu-e2e-ade-sp-$AZEMU_AZ-XXXXXX)
DATA=$WORK/data
PORT=$(free_port)
# The guests' disk images take GBs once encrypted: the work dir goes when every check passed.
trap 'stop_azemu; [ "$FAIL" -eq 0 ] && rm -rf "$WORK"' EXIT
AZEMU_START_ARGS="--vm-runtime uml" start_azemu "$DATA" "$PORT" || exit 1
eval "$("$AZEMU_BIN" env --data-dir "$DATA" --listen "127.0.0.1:$PORT" --mode proxy --az-profile latest)"
KV=adesp$$kv
CANARY="AZEMU-SINGLE-PASS-CANARY-$$-$RANDOM"
echo "# azemu on port $PORT, data $DATA, vault $KV"

check "az login" az login -u "$AZEMU_ADMIN_USER" -p "$AZEMU_ADMIN_PASSWORD"
check "group create" az group create --name spGroup --location WestUS
check "keyvault create --enabled-for-disk-encryption" \
  az keyvault create --name "$KV" --resource-group spGroup --location WestUS --enabled-for-disk-encryption True \
    "${KV_ACCESS_POLICIES[@]}"
KEK=$(az keyvault key create --vault-name "$KV" --name myKey --protection software --query key.kid -o tsv)
ssh-keygen -q -t ed25519 -N '' -f "$WORK/id_ed25519"
# az 2.74 turns Trusted Launch on for a Gen2 image (az_vm_test.sh); ADE is supported on Trusted Launch VMs
# (trusted-launch.md lists no ADE limitation), so the 2.74 run encrypts one: the Gen2 CentOS 7.9 image, which
# 2.74 creates with securityType TrustedLaunch. 2.45 keeps the doc's Gen1 CentOS 7.2 (no securityProfile).
if [ "$AZEMU_AZ" = 2.74 ]; then
  IMAGE=OpenLogic:CentOS:7_9-gen2:latest SECURITY=TrustedLaunch DATA_DISKS=(1 1)
else
  IMAGE=OpenLogic:CentOS:7.2n:7.2.20160629 SECURITY="" DATA_DISKS=(1)
fi
check "vm create $IMAGE with a data disk (UML guest)" \
  az vm create -g spGroup -n spVM --image "$IMAGE" \
    --admin-username azureuser --ssh-key-value "$WORK/id_ed25519.pub" --data-disk-sizes-gb "${DATA_DISKS[@]}"
check_eq "securityType: '$SECURITY'" "$SECURITY" az vm show -g spGroup -n spVM --query securityProfile.securityType -o tsv
guest() {
  az vm run-command invoke -g spGroup -n spVM --command-id RunShellScript --scripts "$1" --query 'value[0].message' -o tsv 2>&1
}
OUT=$(guest "mkfs.ext4 -q /dev/sdc && mkdir -p /datadisk && mount /dev/sdc /datadisk && echo $CANARY > /datadisk/hello.txt && echo '/dev/sdc /datadisk ext4 defaults,nofail 0 2' >> /etc/fstab && sync && cat /datadisk/hello.txt")
[[ $OUT == *"$CANARY"* ]] && ok "file written to the data disk" || not_ok "write data disk" "$OUT"

# --- the platform refuses a vault that is not enabled for disk encryption --------------------------
check "keyvault create (not enabled for disk encryption)" \
  az keyvault create --name "${KV}x" --resource-group spGroup --location WestUS "${KV_ACCESS_POLICIES[@]}"
check_fails_with "az checks enabledForDiskEncryption itself" "is not enabled for disk encryption" \
  az vm encryption enable -g spGroup -n spVM --disk-encryption-keyvault "${KV}x" --volume-type DATA
check_fails_with "with --force the platform refuses: VMExtensionProvisioningError" "VMExtensionProvisioningError" \
  az vm encryption enable -g spGroup -n spVM --disk-encryption-keyvault "${KV}x" --volume-type DATA --force

wait_substatus() {  # wait_substatus OS DATA: until `vm encryption show` says {"os": OS, "data": DATA} (2 min)
  for _ in $(seq 1 120); do
    SUB=$(az vm encryption show -g spGroup -n spVM --query "substatus[0].message" -o tsv 2>/dev/null)
    [[ $SUB == *"\"os\": \"$1\""* && $SUB == *"\"data\": \"$2\""* ]] && return 0
    sleep 1
  done
  return 1
}
ade_settings() {
  az vm extension show -g spGroup --vm-name spVM -n AzureDiskEncryptionForLinux \
    --query "join(' ', [settings.VolumeType, settings.EncryptionOperation])" -o tsv
}
if [ "$AZEMU_AZ" = 2.74 ]; then
  OS_DISK=$(az vm show -g spGroup -n spVM --query storageProfile.osDisk.name -o tsv)
  DATA_DISK=$(az vm show -g spGroup -n spVM --query "storageProfile.dataDisks[?lun==\`0\`].name | [0]" -o tsv)
  # --- --volume-type DATA: the data volumes only ---------------------------------------------------
  OUT=$(az vm encryption enable -g spGroup -n spVM --disk-encryption-keyvault "$KV" --key-encryption-key "$KEK" --volume-type DATA 2>&1)
  if [ $? -eq 0 ]; then ok "vm encryption enable --volume-type DATA"; else not_ok "enable DATA" "$OUT"; fi
  # az warns "The encryption request was accepted..." only when the volume type is not DATA (encrypt_vm).
  [[ $OUT != *"encryption request was accepted"* ]] && ok "DATA: no 'encryption request was accepted' warning" || not_ok "DATA warning" "$OUT"
  check_eq "DATA: settings VolumeType DATA, EncryptionOperation EnableEncryption" "DATA EnableEncryption" ade_settings
  wait_substatus NotEncrypted Encrypted && ok "DATA: substatus os NotEncrypted, data Encrypted" || not_ok "substatus after DATA" "$SUB"
  check_eq "DATA: the data disk carries encryptionSettingsCollection 1.1" "1.1" \
    az disk show -g spGroup -n "$DATA_DISK" --query encryptionSettingsCollection.encryptionSettingsVersion -o tsv
  check_eq "DATA: the OS disk carries none" "" az disk show -g spGroup -n "$OS_DISK" --query encryptionSettingsCollection -o tsv
  check_eq "DATA: final status" "Encryption succeeded for data volumes" \
    az vm encryption show -g spGroup -n spVM --query "status[0].message" -o tsv
  OUT=$(guest "grep ' /datadisk ' /proc/mounts; cat /datadisk/hello.txt")
  [[ $OUT == *"/dev/mapper/"*" /datadisk "*"$CANARY"* ]] && ok "DATA: /datadisk is on dm-crypt and the file is still there" || not_ok "datadisk after DATA" "$OUT"

  # --- --volume-type OS after DATA: the extension refuses before the platform stamps ----------------
  check_fails_with "OS after DATA: VMExtensionProvisioningError 'Moving from volume type DATA to volume type OS is not allowed'" \
    "VMExtensionProvisioningError.*Moving from volume type DATA to volume type OS is not allowed" \
    az vm encryption enable -g spGroup -n spVM --disk-encryption-keyvault "$KV" --key-encryption-key "$KEK" --volume-type OS
  check_eq "OS refused: the OS disk still carries no encryptionSettingsCollection" "" \
    az disk show -g spGroup -n "$OS_DISK" --query encryptionSettingsCollection -o tsv
  wait_substatus NotEncrypted Encrypted && ok "OS refused: substatus still os NotEncrypted, data Encrypted" || not_ok "substatus after OS" "$SUB"

  # --- --encrypt-format-all: a newly mounted data disk is formatted, not copied ----------------------
  OUT=$(guest "mkfs.ext4 -q /dev/sdd && mkdir -p /scratch && mount /dev/sdd /scratch && echo old > /scratch/old.txt && echo '/dev/sdd /scratch ext4 defaults,nofail 0 2' >> /etc/fstab && sync && ls /scratch")
  [[ $OUT == *old.txt* ]] && ok "second data disk mounted at /scratch with a file" || not_ok "scratch disk" "$OUT"
  OUT=$(az vm encryption enable -g spGroup -n spVM --disk-encryption-keyvault "$KV" --key-encryption-key "$KEK" --volume-type DATA --encrypt-format-all 2>&1)
  if [ $? -eq 0 ]; then ok "vm encryption enable --volume-type DATA --encrypt-format-all"; else not_ok "enable format-all" "$OUT"; fi
  check_eq "format-all: EncryptionOperation EnableEncryptionFormatAll" "DATA EnableEncryptionFormatAll" ade_settings
  for _ in $(seq 1 60); do
    OUT=$(guest "grep ' /scratch ' /proc/mounts; ls -A /scratch; grep -c . /datadisk/hello.txt")
    [[ $OUT == *"/dev/mapper/"*" /scratch "* ]] && break
    sleep 1
  done
  [[ $OUT == *"/dev/mapper/"*" /scratch "* ]] && ok "format-all: /scratch is remounted on dm-crypt" || not_ok "scratch after format-all" "$OUT"
  [[ $OUT != *old.txt* ]] && ok "format-all: /scratch was formatted (its file is gone)" || not_ok "scratch formatted" "$OUT"
  wait_substatus NotEncrypted Encrypted && ok "format-all: substatus os NotEncrypted, data Encrypted" || not_ok "substatus after format-all" "$SUB"
  OUT=$(guest "grep ' /datadisk ' /proc/mounts; cat /datadisk/hello.txt")
  [[ $OUT == *"/dev/mapper/"*" /datadisk "*"$CANARY"* ]] && ok "format-all: the already encrypted /datadisk is untouched" || not_ok "datadisk after format-all" "$OUT"
fi

# --- single pass ----------------------------------------------------------------------------------
OUT=$(az vm encryption enable -g spGroup -n spVM --disk-encryption-keyvault "$KV" --key-encryption-key "$KEK" --volume-type all 2>&1)
if [ $? -eq 0 ]; then ok "vm encryption enable (no AAD app) --volume-type all"; else not_ok "enable" "$OUT"; fi
[[ $OUT == *"encryption request was accepted"* ]] && ok "ALL: az warns 'The encryption request was accepted'" || not_ok "ALL warning" "$OUT"
check_eq "extension handler version 1.1" "1.1" \
  az vm extension show -g spGroup --vm-name spVM -n AzureDiskEncryptionForLinux --query typeHandlerVersion -o tsv
SHOW=$(az vm encryption show -g spGroup -n spVM -o json 2>&1)
disk_states() { python3 -c 'import json,sys; s=json.loads(sys.argv[1]); print(" ".join(",".join(x["code"] for x in d["statuses"]) or "-" for d in s["disks"]))' "$SHOW"; }
EXPECTED_STATES=$(printf 'EncryptionState/encrypted %.0s' OS "${DATA_DISKS[@]}")
check_eq "show: every disk EncryptionState/encrypted (OS, data)" "${EXPECTED_STATES% }" disk_states
SECRET_URL=$(python3 -c 'import json,sys; s=json.loads(sys.argv[1]); print(s["disks"][1]["encryptionSettings"][0]["diskEncryptionKey"]["secretUrl"])' "$SHOW")
[[ $SECRET_URL =~ ^https://$KV\.vault\.azure\.net/secrets/[0-9a-f-]{36}/[0-9a-f]{32}$ ]] && ok "data disk's secret: $SECRET_URL" || not_ok "secret url" "$SHOW"
check_eq "disk resource carries encryptionSettingsCollection 1.1, enabled" '["1.1", true]' \
  bash -c "az disk list -g spGroup --query \"[?contains(name,'disk2')].encryptionSettingsCollection | [0].[encryptionSettingsVersion, enabled]\" -o json --only-show-errors | tr -d ' \n' | sed 's/,/, /'"
for _ in $(seq 1 120); do
  SUB=$(az vm encryption show -g spGroup -n spVM --query "substatus[0].message" -o tsv 2>/dev/null)
  [[ $SUB == *'"os": "VMRestartPending"'* && $SUB == *'"data": "Encrypted"'* ]] && break
  sleep 1
done
[[ $SUB == *'"os": "VMRestartPending"'* && $SUB == *'"data": "Encrypted"'* ]] && ok "substatus: os VMRestartPending, data Encrypted" || not_ok "substatus before restart" "$SUB"
check "vm restart" az vm restart -g spGroup -n spVM
for _ in $(seq 1 60); do
  SUB=$(az vm encryption show -g spGroup -n spVM --query "substatus[0].message" -o tsv 2>/dev/null)
  [[ $SUB == *'"os": "Encrypted"'* && $SUB == *'"data": "Encrypted"'* ]] && break
  sleep 1
done
[[ $SUB == *'"os": "Encrypted"'* && $SUB == *'"data": "Encrypted"'* ]] && ok "after restart: os and data Encrypted" || not_ok "substatus after restart" "$SUB"
# Debian's az 2.45 cannot send `vm encryption disable` with the latest profile (its extension model
# drops the type: "Required parameter 'type' is missing", which Azure answers too); the same
# settings go through `vm extension set`, and the handler refuses as ADE does. az 2.74 sends it itself.
if [ "$AZEMU_AZ" = 2.74 ]; then
  DISABLE=(az vm encryption disable -g spGroup -n spVM --volume-type DATA)
else
  DISABLE=(az vm extension set -g spGroup --vm-name spVM -n AzureDiskEncryptionForLinux --publisher Microsoft.Azure.Security
    --version 1.1 --settings '{"VolumeType": "DATA", "EncryptionOperation": "DisableEncryption", "SequenceVersion": "d1"}')
fi
check_fails_with "DisableEncryption while the OS volume is encrypted is refused by the handler" \
  "VMExtensionProvisioningError.*Disabling encryption is not supported when OS volume is encrypted" "${DISABLE[@]}"
OUT=$(guest "cat /datadisk/hello.txt; grep ' / ' /proc/mounts")
[[ $OUT == *"$CANARY"* ]] && ok "the file is readable after the restart" || not_ok "file after restart" "$OUT"
[[ $OUT == *"/dev/mapper/osencrypt / "* ]] && ok "/ is on /dev/mapper/osencrypt" || not_ok "root on osencrypt" "$OUT"
if [ "$AZEMU_AZ" = 2.74 ]; then
  OUT=$(guest "grep ' /scratch ' /proc/mounts")
  [[ $OUT == *"/dev/mapper/"*" /scratch "* ]] && ok "after the restart /scratch (format-all) is opened from crypttab" || not_ok "scratch after restart" "$OUT"
fi

# --- host side: the platform's secrets and audit rows ---------------------------------------------
DISKS=$("$AZEMU_BIN" vm disks spVM --data-dir "$DATA" --json 2>&1)
while read -r img; do
  [ -n "$img" ] || continue
  check "isLuks: $(basename "$img")" "$AZEMU_BIN" disk inspect "$img"
  if grep -q -a "$CANARY" "$img"; then not_ok "canary absent from $(basename "$img")" "found"; else ok "the file's bytes are absent from $(basename "$img")"; fi
done < <(python3 -c 'import json,sys; print("\n".join(x["imagePath"] for x in json.loads(sys.argv[1])["disks"] if x.get("imagePath")))' "$DISKS")
AUDIT=$("$AZEMU_BIN" audit --data-dir "$DATA" --vault "$KV" --json 2>&1)
count() {
  AUDIT_TEXT=$AUDIT python3 - "$1" <<'PY'
import json, os, sys
text = os.environ["AUDIT_TEXT"].strip()
recs = json.loads(text) if text.startswith("[") else [json.loads(l) for l in text.splitlines() if l.strip()]
print(len([r for r in recs if r["operationName"] == sys.argv[1] and r["httpStatusCode"] == 200
           and "6a1c4d2e-0c0f-4d7b-9a3e-3b5f8e2a7c01" in ((r.get("identity") or {}).get("claim") or {}).values()]))
PY
}
[ "$(count KeyWrap)" -ge 1 ] && ok "audit: KeyWrap by the platform" || not_ok "KeyWrap by platform" "$(count KeyWrap)"
[ "$(count SecretSet)" -ge 2 ] && ok "audit: SecretSet by the platform (one per disk)" || not_ok "SecretSet by platform" "$(count SecretSet)"
[ "$(count KeyUnwrap)" -ge 2 ] && ok "audit: KeyUnwrap by the platform at the restart" || not_ok "KeyUnwrap by platform" "$(count KeyUnwrap)"
finish
