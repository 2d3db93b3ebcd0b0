#!/usr/bin/env bash
# e2e: the whole workflow of ../shared/design/WORKFLOW.md with the real `az` (2.45, or 2.74 with AZEMU_AZ=2.74),
# on real user-mode Linux guests: the doc's setup (provider register, group, vault enabled for
# disk encryption, key, create-for-rbac, set-policy --spn), `az vm create` with a data disk, a file
# written to the data disk through run-command, `az vm encryption enable --aad-client-id ...
# --volume-type all` (dual pass: the handler in the guest wraps and stores the BEK as the SP, az
# writes osDisk.encryptionSettings, the platform reads + unwraps the secret and attaches the BEK
# volume, the handler encrypts the data volume in place and asks for the OS volume), `vm encryption
# show` through EncryptionInProgress and VMRestartPending, `az vm restart`, both Encrypted, the file
# still readable. Host-side: the images are LUKS, the file's bytes are absent from them, the BEK
# secret unwrapped with the KEK through the vault API opens the keyslot, and the audit log shows
# KeyWrap + SecretSet by the SP and SecretGet + KeyUnwrap by the platform at the restart.
# With az 2.74 also: the extension PUT az 2.74 sends without its client fix is Azure's 400
# InvalidRequestContent (az274/shim/README.md), the extension GET carries instanceView only with
# $expand=instanceView (as Azure's), and `vm encryption disable` reaches the handler, which refuses it.
# Usage: [AZEMU_AZ=2.74] az_ade_workflow_test.sh [proxy|cloud]   (AZEMU_BIN from ctest)
#   proxy: public-cloud host names through azemu as HTTPS proxy, az's latest profile (az-shim)
#   cloud: `az cloud register` under azemu.localhost (az 2.45: the 2020-09-01-hybrid profile; az 2.74:
#          latest, as today's users register a cloud); the guest's handler reaches
#          https://<vault>.vault.azemu.localhost:<port> through the relayed proxy
source "$(dirname "$0")/lib.sh"
MODE=${1:-proxy}
if [ "$MODE" = cloud ] && [ "$AZEMU_AZ" = 2.45 ]; then PROFILE=2020-09-01-hybrid; else PROFILE=latest; fi
e2e_setup "ade-wf-$AZEMU_AZ-$MODE" --runtime uml --clean -- --mode "$MODE" --az-profile "$PROFILE"
KV=adewf$$kv
CANARY="AZEMU-WORKFLOW-CANARY-$$-$RANDOM"
echo "# az $AZEMU_AZ, vault $KV"
T0=$(date +%s.%N)

# --- the doc's setup ----------------------------------------------------------------------------
check "az login" az login -u "$AZEMU_ADMIN_USER" -p "$AZEMU_ADMIN_PASSWORD"
check "provider register Microsoft.KeyVault" az provider register -n Microsoft.KeyVault
check "group create" az group create --name myResourceGroup --location WestUS
check "keyvault create --enabled-for-disk-encryption ${KV_ACCESS_POLICIES[*]}" \
  az keyvault create --name "$KV" --resource-group myResourceGroup --location WestUS --enabled-for-disk-encryption True \
    "${KV_ACCESS_POLICIES[@]}"
check "keyvault key create" az keyvault key create --vault-name "$KV" --name myKey --protection software
{ read -r SP_ID; read -r SP_PW; } < <(az ad sp create-for-rbac --query "[appId,password]" -o tsv 2>/dev/null)
SP_OID=$(az ad sp show --id "$SP_ID" --query id -o tsv 2>/dev/null)
[ -n "$SP_OID" ] && ok "service principal $SP_ID" || not_ok "create-for-rbac" "no SP"
# The 2020-09-01-hybrid profile's Key Vault API has no "all": name what ADE needs (disk-encryption-key-vault-aad).
if [ "$PROFILE" != latest ]; then PERMS=(--key-permissions wrapKey unwrapKey get --secret-permissions set get)
else PERMS=(--key-permissions all --secret-permissions all); fi
check "set-policy --spn ${PERMS[*]}" az keyvault set-policy --name "$KV" --spn "$SP_ID" "${PERMS[@]}"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/id_ed25519"
check "vm create with a data disk (UML guest)" \
  az vm create -g myResourceGroup -n myVM --image OpenLogic:CentOS:7.2n:7.2.20160629 \
    --admin-username azureuser --ssh-key-value "$WORK/id_ed25519.pub" --data-disk-sizes-gb 1
guest() {
  az vm run-command invoke -g myResourceGroup -n myVM --command-id RunShellScript --scripts "$1" \
    --query 'value[0].message' -o tsv 2>&1
}
OUT=$(guest "mkfs.ext4 -q /dev/sdc && mkdir -p /datadisk && mount /dev/sdc /datadisk && echo $CANARY > /datadisk/hello.txt && echo '/dev/sdc /datadisk ext4 defaults,nofail 0 2' >> /etc/fstab && sync && cat /datadisk/hello.txt")
[[ $OUT == *"$CANARY"* ]] && ok "file written to the data disk through run-command" || not_ok "write data disk" "$OUT"

# --- encryption, dual pass ------------------------------------------------------------------------
KEK=$(az keyvault key show --vault-name "$KV" --name myKey --query key.kid -o tsv)
if [ "$AZEMU_AZ" = 2.74 ]; then
  # az 2.74 unfixed (upstream azure-cli #31885): a uuid.UUID in the settings, a form-encoded body, Azure's 400.
  check_fails_with "az 2.74 without its client fix: the form-encoded extension PUT gets 400 InvalidRequestContent" \
    "InvalidRequestContent" env AZEMU_AZ274_NO_SHIM=1 az vm encryption enable --resource-group myResourceGroup \
      --name myVM --aad-client-id "$SP_ID" --aad-client-secret "$SP_PW" --disk-encryption-keyvault "$KV" \
      --key-encryption-key "$KEK" --volume-type all
fi
T_ENABLE=$(date +%s.%N)
OUT=$(az vm encryption enable --resource-group myResourceGroup --name myVM \
  --aad-client-id "$SP_ID" --aad-client-secret "$SP_PW" \
  --disk-encryption-keyvault "$KV" --key-encryption-key "$KEK" --volume-type all 2>&1)
if [ $? -eq 0 ]; then ok "vm encryption enable --volume-type all"; else not_ok "vm encryption enable" "$OUT"; fi
[[ $OUT == *"VMRestartPending"* ]] && ok "enable warns about VMRestartPending" || not_ok "enable's warning" "$OUT"
# `show` until the OS volume waits for the restart; every state seen is kept.
SEEN=""
for _ in $(seq 1 120); do
  SHOW=$(az vm encryption show --resource-group myResourceGroup --name myVM -o json 2>/dev/null)
  STATE=$(jq -r '"\(.osDisk) \(.dataDisk)"' <<<"$SHOW" 2>/dev/null)
  [[ " $SEEN " == *" ${STATE// /,} "* ]] || SEEN="$SEEN ${STATE// /,}"
  [ "$STATE" = "VMRestartPending Encrypted" ] && break
  sleep 1
done
echo "# states seen by vm encryption show:$SEEN"
[[ $SEEN == *EncryptionInProgress* ]] && ok "show passed through EncryptionInProgress" || not_ok "EncryptionInProgress seen" "$SEEN"
check_eq "show: osDisk VMRestartPending, dataDisk Encrypted" "VMRestartPending Encrypted" echo "$STATE"
MSG=$(jq -r .progressMessage <<<"$SHOW")
check_eq "show: progressMessage asks for a reboot" "OS disk successfully encrypted, please reboot the VM" echo "$MSG"
# Azure's extension GET has no instanceView unless asked for ($expand=instanceView, az's --instance-view).
check_eq "extension GET without \$expand: no instanceView" "" \
  az vm extension show -g myResourceGroup --vm-name myVM -n AzureDiskEncryptionForLinux --query instanceView -o tsv
check_eq "extension GET with \$expand=instanceView: the handler's status" "ProvisioningState/succeeded" \
  az vm extension show -g myResourceGroup --vm-name myVM -n AzureDiskEncryptionForLinux --instance-view \
    --query "instanceView.statuses[0].code" -o tsv
T_PENDING=$(date +%s.%N)

check "vm restart" az vm restart --resource-group myResourceGroup --name myVM
for _ in $(seq 1 60); do
  SHOW=$(az vm encryption show --resource-group myResourceGroup --name myVM -o json 2>/dev/null)
  STATE=$(jq -r '"\(.osDisk) \(.dataDisk)"' <<<"$SHOW" 2>/dev/null)
  [ "$STATE" = "Encrypted Encrypted" ] && break
  sleep 1
done
check_eq "show after restart: osDisk Encrypted, dataDisk Encrypted" "Encrypted Encrypted" echo "$STATE"
T_DONE=$(date +%s.%N)
OUT=$(guest "cat /datadisk/hello.txt; grep ' / ' /proc/mounts; grep /datadisk /proc/mounts")
[[ $OUT == *"$CANARY"* ]] && ok "the file is readable after the restart" || not_ok "file after restart" "$OUT"
[[ $OUT == *"/dev/mapper/osencrypt / "* ]] && ok "/ is on /dev/mapper/osencrypt" || not_ok "root on osencrypt" "$OUT"
[[ $OUT == *"/dev/mapper/"*" /datadisk "* ]] && ok "/datadisk is on a dm-crypt mapping" || not_ok "datadisk on mapper" "$OUT"

# --- host-side checks ---------------------------------------------------------------------------
DISKS=$("$AZEMU_BIN" vm disks myVM --data-dir "$DATA" --json 2>&1)
images() { jq -r '(if type == "object" then .disks else . end)[].imagePath | select(. != null and . != "")' <<<"$DISKS"; }
IMAGES=$(images)
[ "$(echo "$IMAGES" | grep -c .)" -ge 2 ] && ok "azemu vm disks lists the images" || not_ok "vm disks" "$DISKS"
SECRET_URL=$(az vm show -g myResourceGroup -n myVM --query storageProfile.osDisk.encryptionSettings.diskEncryptionKey.secretUrl -o tsv)
# The vault API as the SP, the way each mode reaches azemu (proxy: public names through azemu as
# proxy; cloud: azemu's own names, *.localhost resolving to loopback).
if [ "$MODE" = cloud ]; then
  CURL=(curl -s --cacert "$DATA/ca.pem"); LOGIN="https://login.azemu.localhost:$PORT"
else
  CURL=(curl -s --proxy "http://127.0.0.1:$PORT" --cacert "$DATA/ca.pem"); LOGIN="https://login.microsoftonline.com"
fi
TOKEN=$("${CURL[@]}" -d "grant_type=client_credentials&client_id=$SP_ID&client_secret=$SP_PW&scope=https%3A%2F%2Fvault.azure.net%2F.default" \
  "$LOGIN/$AZEMU_TENANT_ID/oauth2/v2.0/token" | jq -r .access_token)
kvcall() { "${CURL[@]}" -H "Authorization: Bearer $TOKEN" "$@"; }
WRAPPED=$(kvcall "$SECRET_URL?api-version=7.4" | jq -r .value)
PASSPHRASE=$(kvcall -H 'Content-Type: application/json' -d "{\"alg\":\"RSA-OAEP\",\"value\":\"$WRAPPED\"}" "$KEK/unwrapkey?api-version=7.4" |
  jq -r .value | base64url_decode)
[ ${#PASSPHRASE} -eq 172 ] && ok "BEK secret unwrapped with the KEK through the vault API (172 characters)" || not_ok "unwrap" "${#PASSPHRASE}"
while read -r img; do
  [ -n "$img" ] || continue
  name=$(basename "$img")
  check "isLuks: $name" "$AZEMU_BIN" disk inspect "$img"
  check "the unwrapped BEK opens a keyslot of $name" bash -c "printf '%s\n' '$PASSPHRASE' | '$AZEMU_BIN' disk test-passphrase '$img'"
  if grep -q -a "$CANARY" "$img"; then not_ok "canary absent from $name" "found in the raw image"; else ok "the file's bytes are absent from $name"; fi
done <<< "$IMAGES"

AUDIT=$("$AZEMU_BIN" audit --data-dir "$DATA" --vault "$KV" --json 2>&1)
audit_count() {  # OPERATION OID: records with that operation, status 200 and caller object id
  AUDIT_TEXT=$AUDIT python3 - "$1" "$2" <<'PY'
import json, os, sys
op, oid = sys.argv[1], sys.argv[2]
text = os.environ["AUDIT_TEXT"].strip()
recs = json.loads(text) if text.startswith("[") else [json.loads(l) for l in text.splitlines() if l.strip()]
print(len([r for r in recs if r["operationName"] == op and r["httpStatusCode"] == 200
           and oid in ((r.get("identity") or {}).get("claim") or {}).values()]))
PY
}
PLATFORM=6a1c4d2e-0c0f-4d7b-9a3e-3b5f8e2a7c01
[ "$(audit_count KeyWrap "$SP_OID")" -ge 1 ] && ok "audit: KeyWrap by the SP" || not_ok "audit KeyWrap" "$AUDIT"
[ "$(audit_count SecretSet "$SP_OID")" -ge 1 ] && ok "audit: SecretSet by the SP" || not_ok "audit SecretSet" ""
[ "$(audit_count SecretGet $PLATFORM)" -ge 2 ] && ok "audit: SecretGet by the platform (attach + restart)" || not_ok "audit SecretGet by platform" "$(audit_count SecretGet $PLATFORM)"
[ "$(audit_count KeyUnwrap $PLATFORM)" -ge 2 ] && ok "audit: KeyUnwrap by the platform (attach + restart)" || not_ok "audit KeyUnwrap by platform" ""

# --- a second data disk, encrypted by a second enable (the doc's last step) -----------------------
check "vm disk attach --new --name myDataDisk2" \
  az vm disk attach --resource-group myResourceGroup --vm-name myVM --new --name myDataDisk2 --size-gb 1
CANARY2="$CANARY-second-disk"
OUT=$(guest "mkfs.ext4 -q /dev/disk/azure/scsi1/lun1 && mkdir -p /datadisk2 && mount /dev/disk/azure/scsi1/lun1 /datadisk2 && echo $CANARY2 > /datadisk2/hello.txt && echo '/dev/disk/azure/scsi1/lun1 /datadisk2 ext4 defaults,nofail 0 2' >> /etc/fstab && sync && cat /datadisk2/hello.txt")
[[ $OUT == *"$CANARY2"* ]] && ok "file written to the second data disk" || not_ok "write second disk" "$OUT"
OUT=$(az vm encryption enable --resource-group myResourceGroup --name myVM \
  --aad-client-id "$SP_ID" --aad-client-secret "$SP_PW" \
  --disk-encryption-keyvault "$KV" --key-encryption-key "$KEK" --volume-type all 2>&1)
if [ $? -eq 0 ]; then ok "second vm encryption enable --volume-type all"; else not_ok "second enable" "$OUT"; fi
for _ in $(seq 1 120); do
  SHOW=$(az vm encryption show --resource-group myResourceGroup --name myVM -o json 2>/dev/null)
  STATE=$(jq -r '"\(.osDisk) \(.dataDisk)"' <<<"$SHOW" 2>/dev/null)
  [ "$STATE" = "Encrypted Encrypted" ] && break
  sleep 1
done
check_eq "show after the second enable: both Encrypted" "Encrypted Encrypted" echo "$STATE"
OUT=$(guest "cat /datadisk/hello.txt /datadisk2/hello.txt; grep datadisk /proc/mounts")
[[ $OUT == *"$CANARY2"* && $OUT == *"$CANARY "* || $OUT == *"$CANARY"$'\n'* ]] && ok "both files readable" || not_ok "both files" "$OUT"
[ "$(grep -c '/dev/mapper/.* /datadisk' <<< "$OUT")" -eq 2 ] && ok "both data disks on dm-crypt" || not_ok "both on mapper" "$OUT"
DISKS=$("$AZEMU_BIN" vm disks myVM --data-dir "$DATA" --json 2>&1)
IMG2=$(jq -r '[.disks[] | select(.name == "myDataDisk2") | .imagePath][0]' <<<"$DISKS")
check "isLuks: myDataDisk2" "$AZEMU_BIN" disk inspect "$IMG2"
if grep -q -a "$CANARY2" "$IMG2"; then not_ok "canary absent from myDataDisk2" "found"; else ok "the second file's bytes are absent from myDataDisk2"; fi

# --- a disabled BEK secret: the next boot fails visibly, enabling it again boots -----------------
SECRET_NOW=$(az vm show -g myResourceGroup -n myVM --query storageProfile.osDisk.encryptionSettings.diskEncryptionKey.secretUrl -o tsv)
ENABLED=$(kvcall -X PATCH -H 'Content-Type: application/json' -d '{"attributes":{"enabled":false}}' "$SECRET_NOW?api-version=7.4" |
  jq -r .attributes.enabled)
check_eq "disable the BEK secret (vault API, as the SP)" "false" echo "$ENABLED"
check_fails_with "vm restart fails: the platform cannot read the secret, the guest cannot unlock" "ADE-BOOT-FAILURE.*(SecretDisabled|disabled)" \
  az vm restart --resource-group myResourceGroup --name myVM
POWER=$(az vm get-instance-view -g myResourceGroup -n myVM --query "instanceView.statuses[?starts_with(code,'PowerState')] | [0]" -o json)
check_eq "instance view: stopped, and says why" "PowerState/stopped true" \
  jq -r '"\(.code) \(.message // "" | contains("ADE-BOOT-FAILURE"))"' <<<"$POWER"
CONSOLE=$(ls "$DATA"/vms/*/console.log 2>/dev/null | head -1)
[ -n "$CONSOLE" ] && grep -q "ADE-BOOT-FAILURE" "$CONSOLE" && ok "the serial console shows the failure" || not_ok "console shows ADE-BOOT-FAILURE" "$CONSOLE"
kvcall -X PATCH -H 'Content-Type: application/json' -d '{"attributes":{"enabled":true}}' "$SECRET_NOW?api-version=7.4" > /dev/null
check "enabling the secret again, vm start boots" az vm start --resource-group myResourceGroup --name myVM
OUT=$(guest "cat /datadisk/hello.txt")
[[ $OUT == *"$CANARY"* ]] && ok "the file is readable after the failed boot and the start" || not_ok "file after start" "$OUT"

if [ "$AZEMU_AZ" = 2.74 ]; then
  # az 2.45 cannot send this (its extension model drops the type); az 2.74 can with its client fix.
  check_fails_with "vm encryption disable --volume-type DATA reaches the handler, which refuses (OS encrypted)" \
    "VMExtensionProvisioningError.*Disabling encryption is not supported when OS volume is encrypted" \
    az vm encryption disable --resource-group myResourceGroup --name myVM --volume-type DATA
fi

awk -v t0="$T0" -v a="$T_ENABLE" -v b="$T_PENDING" -v c="$T_DONE" \
  'BEGIN { printf "# timing: enable->VMRestartPending %.1fs, restart->Encrypted %.1fs, whole script so far %.1fs\n", b - a, c - b, c - t0 }'
finish
