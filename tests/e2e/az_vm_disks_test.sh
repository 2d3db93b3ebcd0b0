#!/usr/bin/env bash
# e2e: `azemu vm disks NAME` (the teaching view of a VM's disks, their LUKS headers, BEK secret, KEK
# and audit records) and its admin endpoint GET /_azemu/vms/{name}/disks, on a VM made by the real
# `az vm create` (guestless runtime: no disk files, no encryption, so the view shows the model's
# disks with null header facts). Checked while azemu runs (SQLite WAL reader) and after it stopped.
source "$(dirname "$0")/lib.sh"

e2e_setup "vm-disks" --runtime guestless
check "az login --service-principal" \
  az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
check "group create" az group create -n rg -l westus
ssh-keygen -q -t rsa -b 2048 -N '' -f "$WORK/id_rsa"
check "vm create (one 5 GB data disk)" \
  az vm create -g rg -n myVM --image OpenLogic:CentOS:7.2n:7.2.20160629 --admin-username azureuser \
    --ssh-key-value "$WORK/id_rsa.pub" --data-disk-sizes-gb 5
OS_DISK=$(az vm show -g rg -n myVM --query storageProfile.osDisk.name -o tsv)
DATA_DISK=$(az vm show -g rg -n myVM --query "storageProfile.dataDisks[0].name" -o tsv)
OS_SIZE=$(az vm show -g rg -n myVM --query storageProfile.osDisk.diskSizeGb -o tsv)


# --- while azemu runs -----------------------------------------------------------------------------
TEXT=$("$AZEMU_BIN" vm disks myVM --data-dir "$DATA" 2>&1)
printf '%s\n' "$TEXT" | sed 's/^/#   /'
check "text: names the VM and its group" grep -q "^VM myVM  (resource group rg," <<< "$TEXT"
check "text: no encryption settings" grep -q "^Disk encryption: none" <<< "$TEXT"
check "text: the OS disk row" grep -Eq "^os +$OS_DISK +$OS_SIZE GiB +no file +-\$" <<< "$TEXT"
check "text: the data disk row (LUN 0, 5 GiB)" grep -Eq "^data 0 +$DATA_DISK +5 GiB +no file" <<< "$TEXT"
check "text: the fields are explained" grep -q "^LUKS HEADER: read from the image file" <<< "$TEXT"

check "--json while running" bash -c "'$AZEMU_BIN' vm disks MYVM -g RG --json --data-dir '$DATA' > '$WORK/cli.json'"
check_eq "json: two disks, OS first" "os data" jq -r '[.disks[].role] | join(" ")' "$WORK/cli.json"
check_eq "json: OS disk name" "$OS_DISK" jq -r '.disks[0].name' "$WORK/cli.json"
check_eq "json: LUNs" "null 0" jq -r '[.disks[].lun | tostring] | join(" ")' "$WORK/cli.json"
check_eq "json: no image, no LUKS, no keys, no audit (guestless, unencrypted)" "null null null null 0" \
  jq -r '.disks[0] | [.imagePath, .luks, .bekSecretUrl, .kek, (.audit | length)] | map(tostring) | join(" ")' "$WORK/cli.json"
check_eq "json: disk ids are the ARM ids az shows" \
  "$(az vm show -g rg -n myVM --query storageProfile.osDisk.managedDisk.id -o tsv)" jq -r '.disks[0].diskId' "$WORK/cli.json"

ADMIN="https://localhost:$PORT/_azemu/vms"
check "admin endpoint: 200" bash -c "curl -sf --noproxy '*' --cacert '$DATA/ca.pem' '$ADMIN/myVM/disks?resourceGroup=rg' > '$WORK/admin.json'"
check_eq "admin endpoint: the same report as the CLI" "true" \
  jq -n --slurpfile cli "$WORK/cli.json" --slurpfile admin "$WORK/admin.json" '$cli == $admin'
check_eq "admin endpoint: unknown VM is 404 ResourceNotFound" "404 ResourceNotFound" \
  bash -c "curl -s --noproxy '*' --cacert '$DATA/ca.pem' -o '$WORK/err.json' -w '%{http_code}' '$ADMIN/nope/disks'; echo -n ' '; jq -r .error.code '$WORK/err.json'"
check_fails_with "CLI: unknown VM" "virtualMachines/nope' under resource group '\(any\)' was not found" \
  "$AZEMU_BIN" vm disks nope --data-dir "$DATA"
check_fails_with "CLI: wrong group" "under resource group 'other' was not found" \
  "$AZEMU_BIN" vm disks myVM -g other --data-dir "$DATA"

# --- dual pass by hand: the Key Vault calls of the ADE handler, then the CLI's model update -------
# (ade.md §1.3) wrapkey and PUT secrets with api-version 2015-06-01 exactly as the DP handler sends
# them (az 2.45 on Debian cannot run `az keyvault secret`), then `az vm update` writes
# osDisk.encryptionSettings; the platform then reads and unwraps the secret (audited).
KV=vmdisks$RANDOM
# The SP's key and secret calls below rely on the access policy a vault's creator gets; az 2.74 creates RBAC vaults
# by default (no data role for anyone: ForbiddenByRbac), so under 2.74 the vault asks for access policies (lib.sh).
check "keyvault create --enabled-for-disk-encryption" \
  az keyvault create --name "$KV" -g rg -l westus --enabled-for-disk-encryption True "${KV_ACCESS_POLICIES[@]}"
KID=$(az keyvault key create --vault-name "$KV" -n kek --protection software --query key.kid -o tsv)
KV_TOKEN=$(az account get-access-token --resource https://vault.azure.net --query accessToken -o tsv)
kv_call() {  # kv_call METHOD URL BODY: prints the JSON answer (through azemu's proxy, HTTPS_PROXY)
  curl -sf --cacert "$DATA/ca.pem" -X "$1" -H "Authorization: Bearer $KV_TOKEN" -H 'content-type: application/json' -d "$3" "$2"
}
WRAPPED=$(kv_call POST "$KID/wrapkey?api-version=2015-06-01" \
  "{\"alg\":\"RSA-OAEP\",\"value\":\"$(printf 'a passphrase' | base64)\"}" | jq -r .value)
SECRET_NAME=$(cat /proc/sys/kernel/random/uuid)
SID=$(kv_call PUT "https://$KV.vault.azure.net/secrets/$SECRET_NAME?api-version=2015-06-01" \
  "{\"value\":\"$WRAPPED\",\"attributes\":{\"enabled\":\"true\"},\"tags\":{\"DiskEncryptionKeyEncryptionAlgorithm\":\"RSA-OAEP\",\"DiskEncryptionKeyFileName\":\"LinuxPassPhraseFileName\"}}" \
  | jq -r .id)
VAULT_ID=$(az keyvault show -n "$KV" --query id -o tsv)
SETTINGS="{\"diskEncryptionKey\":{\"secretUrl\":\"$SID\",\"sourceVault\":{\"id\":\"$VAULT_ID\"}},\"keyEncryptionKey\":{\"keyUrl\":\"$KID\",\"sourceVault\":{\"id\":\"$VAULT_ID\"}},\"enabled\":true}"
check "vm update --set storageProfile.osDisk.encryptionSettings" \
  az vm update -g rg -n myVM --set "storageProfile.osDisk.encryptionSettings=$SETTINGS"
check "--json with encryption settings" bash -c "'$AZEMU_BIN' vm disks myVM --json --data-dir '$DATA' > '$WORK/enc.json'"
check_eq "json: one BEK secret for both disks (dual pass)" "$SID $SID vm" \
  jq -r '[.disks[].bekSecretUrl, .disks[1].encryptionSettingsSource] | join(" ")' "$WORK/enc.json"
check_eq "json: the KEK's name, version and vault" "kek ${KID##*/} $KV" \
  jq -r '.disks[0].kek | [.name, .version, .vault] | join(" ")' "$WORK/enc.json"
check_eq "json: the handler's calls (key create, wrap, secret set) by the SP" "KeyCreate:kek KeyWrap:kek SecretSet:bek" \
  jq -r --arg app "$AZEMU_CLIENT_ID" \
    '[.disks[0].audit[] | select(.caller.appId == $app and .operation != "KeyGet") | .operation + ":" + .touches] | join(" ")' \
    "$WORK/enc.json"
check_eq "json: then the platform read the secret and unwrapped it" "SecretGet:bek:200 KeyUnwrap:kek:200" \
  jq -r '[.disks[0].audit[] | select(.caller.platform) | .operation + ":" + .touches + ":" + (.httpStatusCode | tostring)][:2] | join(" ")' \
    "$WORK/enc.json"
check_eq "json: no anonymous challenge rows" "0" \
  jq '[.disks[0].audit[] | select(.httpStatusCode == 401)] | length' "$WORK/enc.json"
TEXT=$("$AZEMU_BIN" vm disks myVM --data-dir "$DATA" 2>&1)
printf '%s\n' "$TEXT" | sed 's/^/#   /'
check "text: dual pass" grep -q "^Disk encryption: dual pass (ADE 0.1)" <<< "$TEXT"
check "text: both disks share the keys" grep -q "^Keys of os, data 0:" <<< "$TEXT"
check "text: the BEK secret" grep -qF "  BEK secret  $SID  (vault $KV, secret $SECRET_NAME, version ${SID##*/})" <<< "$TEXT"
check "text: the KEK" grep -qF "  KEK         $KID  (vault $KV, key kek, version ${KID##*/})" <<< "$TEXT"
check "text: an audit line" grep -Eq "^    [0-9T:.-]+Z  SecretSet +BEK  200 Success +app $AZEMU_CLIENT_ID\$" <<< "$TEXT"

# --- after azemu stopped --------------------------------------------------------------------------
stop_azemu
check "text after stop" bash -c "'$AZEMU_BIN' vm disks myVM --data-dir '$DATA' | grep -Eq '^data 0 +$DATA_DISK'"
finish
