#!/usr/bin/env bash
# e2e: Azure Disk Encryption dual pass (0.1, with an AAD app) run by the guest agent INSIDE a
# user-mode Linux VM, driven by the real `az` 2.45 in proxy mode (latest profile through az-shim):
# the doc's setup (vault enabled for disk encryption, KEK, create-for-rbac, set-policy --spn),
# `az vm create` with a data disk, then `az vm encryption enable --aad-client-id ... --volume-type DATA`.
# The guest image carries azemu-ade-handler and its HandlerManifest.json; the runtime gives the guest
# azemu's CA (/etc/azemu/ca.pem) and the proxy (waagent.conf HttpProxy = 10.0.2.2:443, relayed to
# azemu's port) at provisioning; the agent lays out the handler folder and runs `enable`, which wraps
# the passphrase with the KEK and sets the BEK secret through azemu as the service principal.
# Checks: enable succeeds, `vm encryption show` prints the extension's status, `vm show` carries
# osDisk.encryptionSettings.diskEncryptionKey.secretUrl (the handler's secret URL), and the audit log
# shows KeyWrap + SecretSet by the SP; after the platform attaches the BEK volume pass 2 runs and, with
# no data volume mounted, reports success with data "NotMounted". Usage: az_ade_guest_test.sh   (AZEMU_BIN from ctest)
source "$(dirname "$0")/lib.sh"
e2e_setup "ade-guest" --runtime uml --clean -- --mode proxy --az-profile latest
KV=adeg$$kv
echo "# vault $KV"

# --- the doc's setup ----------------------------------------------------------------------------
check "admin login" az login -u "$AZEMU_ADMIN_USER" -p "$AZEMU_ADMIN_PASSWORD"
check "group create" az group create -n adeGroup -l EastUS
check "keyvault create --enabled-for-disk-encryption" \
  az keyvault create -n "$KV" -g adeGroup -l EastUS --enabled-for-disk-encryption True
KEK=$(az keyvault key create --vault-name "$KV" -n myKEK --protection software --query key.kid -o tsv 2>&1)
if [[ $KEK =~ ^https://$KV\.vault\.azure\.net/keys/myKEK/[0-9a-f]{32}$ ]]; then ok "KEK created: $KEK"; else not_ok "KEK create" "$KEK"; fi
{ read -r SP_ID; read -r SP_PW; } < <(az ad sp create-for-rbac -n ade-guest-sp --query "[appId,password]" -o tsv 2>/dev/null)
SP_OID=$(az ad sp show --id "$SP_ID" --query id -o tsv 2>/dev/null)
[ -n "$SP_OID" ] && ok "service principal $SP_ID (object $SP_OID)" || not_ok "create-for-rbac" "no SP"
check "set-policy --spn (wrapKey; secrets set)" az keyvault set-policy -n "$KV" --spn "$SP_ID" \
  --key-permissions wrapKey unwrapKey get --secret-permissions set get
ssh-keygen -q -t ed25519 -N '' -f "$WORK/id_ed25519"

# --- a VM with a real guest ---------------------------------------------------------------------
check "vm create (UML guest, one 1 GB data disk)" \
  az vm create -g adeGroup -n myVM --image OpenLogic:CentOS:7.2n:7.2.20160629 --admin-username azureuser \
    --ssh-key-value "$WORK/id_ed25519.pub" --data-disk-sizes-gb 1
check_eq "guest agent is the in-guest agent" "2.2.53-azemu" \
  az vm get-instance-view -g adeGroup -n myVM --query "instanceView.vmAgent.vmAgentVersion" -o tsv
# What the platform gave the guest at provisioning (run-command, output's last line).
guest() {
  az vm run-command invoke -g adeGroup -n myVM --command-id RunShellScript --scripts "$1" \
    --query 'value[0].message' -o tsv 2>&1
}
CA_SUM=$(sha256sum "$DATA/ca.pem" | cut -c1-64)
OUT=$(guest 'grep HttpProxy /etc/waagent.conf | tr "\n" " "; echo; sha256sum /etc/azemu/ca.pem
test -x /usr/sbin/azemu-ade-handler && echo handler-ok
test -f /usr/lib/azemu/extensions/Microsoft.Azure.Security.AzureDiskEncryptionForLinux-0.1/HandlerManifest.json && echo manifest-ok')
for want in "HttpProxy.Host=10.0.2.2 HttpProxy.Port=443" "$CA_SUM  /etc/azemu/ca.pem" handler-ok manifest-ok; do
  if [[ $OUT == *"$want"* ]]; then ok "guest: $want"; else not_ok "guest: $want" "$OUT"; fi
done

# --- encryption ----------------------------------------------------------------------------------
VAULT_ID=$(az keyvault show -n "$KV" --query id -o tsv)
OUT=$(az vm encryption enable -g adeGroup -n myVM --aad-client-id "$SP_ID" --aad-client-secret "$SP_PW" \
  --disk-encryption-keyvault "$KV" --key-encryption-key "$KEK" --volume-type DATA 2>&1)
if [ $? -eq 0 ]; then ok "vm encryption enable --aad-client-id ... --volume-type DATA"
else not_ok "vm encryption enable" "$OUT"; az vm run-command invoke -g adeGroup -n myVM --command-id RunShellScript \
  --scripts 'cat /var/lib/waagent/*/handler.log /var/lib/waagent/*/log/* 2>&1 | tail -40' --query 'value[0].message' -o tsv; fi
check_eq "extension provisioningState" "Succeeded" \
  az vm extension show -g adeGroup --vm-name myVM -n AzureDiskEncryptionForLinux --query provisioningState -o tsv
check_eq "extension handler version 0.1 (dual pass)" "0.1" \
  az vm extension show -g adeGroup --vm-name myVM -n AzureDiskEncryptionForLinux --query typeHandlerVersion -o tsv
SECRET_URL=$(az vm show -g adeGroup -n myVM --query storageProfile.osDisk.encryptionSettings.diskEncryptionKey.secretUrl -o tsv 2>&1)
if [[ $SECRET_URL =~ ^https://$KV\.vault\.azure\.net/secrets/[0-9a-f-]{36}/[0-9a-f]{32}$ ]]; then ok "osDisk.encryptionSettings secretUrl: $SECRET_URL"
else not_ok "osDisk.encryptionSettings secretUrl" "$SECRET_URL"; fi
check_eq "encryptionSettings: KEK url" "$KEK" \
  az vm show -g adeGroup -n myVM --query storageProfile.osDisk.encryptionSettings.keyEncryptionKey.keyUrl -o tsv
check_eq "encryptionSettings: source vault" "${VAULT_ID,,}" \
  bash -c "az vm show -g adeGroup -n myVM --query storageProfile.osDisk.encryptionSettings.diskEncryptionKey.sourceVault.id -o tsv | tr A-Z a-z"
# Debian's az 2.45 cannot run `keyvault secret` commands (azure.keyvault lacks KeyVaultAuthentication):
# read the secret through the vault API as the SP, as tests/e2e/ade_handler_test.sh does.
TOKEN=$(curl -sf --proxy "http://127.0.0.1:$PORT" --cacert "$DATA/ca.pem" \
  -d "grant_type=client_credentials&client_id=$SP_ID&client_secret=$SP_PW&scope=https%3A%2F%2Fvault.azure.net%2F.default" \
  "https://login.microsoftonline.com/$AZEMU_TENANT_ID/oauth2/v2.0/token" | jq -r .access_token)
SECRET=$(curl -s --proxy "http://127.0.0.1:$PORT" --cacert "$DATA/ca.pem" -H "Authorization: Bearer $TOKEN" "$SECRET_URL?api-version=7.4")
check_eq "BEK secret written by the guest's handler: ADE's tags, no contentType" \
  '{"DiskEncryptionKeyEncryptionAlgorithm":"RSA-OAEP","DiskEncryptionKeyFileName":"LinuxPassPhraseFileName"} null' \
  jq -r '"\(.tags | to_entries | sort_by(.key) | from_entries | tojson) \(.contentType)"' <<<"$SECRET"
# Pass 2 runs once the platform attached the BEK volume (az wrote the encryption settings). This VM's
# data disk was never formatted or mounted, so there is no data volume to encrypt: ADE finishes
# with "Encryption succeeded for data volumes" and reports data "NotMounted" (ade.md §1.5).
for _ in $(seq 1 90); do
  SHOW=$(az vm encryption show -g adeGroup -n myVM 2>&1)
  [[ $SHOW == *'Encryption succeeded for data volumes'* ]] && break
  sleep 1
done
echo "$SHOW" | sed 's/^/#   /'
# az 2.45 (legacy ADE) builds `show` from the extension's instance view: progressMessage is the
# status message, dataDisk/osDisk come from the handler's substatus JSON {"os": .., "data": ..}.
show_field() { jq -r --arg f "$1" '.[$f]' <<<"$SHOW"; }
check_eq "vm encryption show: progressMessage is the handler's final message" "Encryption succeeded for data volumes" show_field progressMessage
check_eq "vm encryption show: osDisk (not requested)" "NotEncrypted" show_field osDisk
check_eq "vm encryption show: dataDisk from the handler's substatus (nothing mounted)" "NotMounted" show_field dataDisk
check_eq "vm encryption show: osDiskEncryptionSettings.secretUrl" "$SECRET_URL" \
  jq -r .osDiskEncryptionSettings.diskEncryptionKey.secretUrl <<<"$SHOW"
OUT=$(guest 'ls /var/lib/waagent/Microsoft.Azure.Security.AzureDiskEncryptionForLinux-0.1/ | tr "\n" " "')
for want in HandlerManifest.json HandlerEnvironment.json config status; do
  if [[ $OUT == *"$want"* ]]; then ok "guest handler folder has $want"; else not_ok "guest handler folder has $want" "$OUT"; fi
done

# --- audit: the handler in the guest acted as the service principal -------------------------------
AUDIT=$("$AZEMU_BIN" audit --data-dir "$DATA" --vault "$KV" --json 2>&1)
audit_has() {  # OPERATION STATUS OID: a record with that operation, HTTP status and caller object id
  AUDIT_TEXT=$AUDIT python3 - "$1" "$2" "$3" <<'PY'
import json, os, sys
op, status, oid = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = os.environ["AUDIT_TEXT"].strip()
recs = json.loads(text) if text.startswith("[") else [json.loads(l) for l in text.splitlines() if l.strip()]
hit = [r for r in recs if r["operationName"] == op and r["httpStatusCode"] == status
       and oid in ((r.get("identity") or {}).get("claim") or {}).values()]
sys.exit(0 if hit else 1)
PY
}
check "audit: KeyWrap by the SP (200)" audit_has KeyWrap 200 "$SP_OID"
check "audit: SecretSet by the SP (200)" audit_has SecretSet 200 "$SP_OID"
finish
