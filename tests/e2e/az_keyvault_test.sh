#!/usr/bin/env bash
# e2e: Key Vault with the real `az` (proxy mode): vaults through ARM (create as user and as service
# principal, show, list, update, delete, list-deleted, recover, purge, set-policy, delete-policy), keys
# and secrets through the data plane (with the az-shim for Debian's missing track-1 SDK), and the audit
# log. Usage: [AZEMU_AZ=2.74] az_keyvault_test.sh   (az 2.74 also lists keys and sets/shows/lists secrets)
source "$(dirname "$0")/lib.sh"
e2e_setup "kv"
KV=kv$$e2e
KV_SP=kvsp$$e2e
echo "# vault $KV"

check "admin login" az login -u "$AZEMU_ADMIN_USER" -p "$AZEMU_ADMIN_PASSWORD"
check "provider register" az provider register -n Microsoft.KeyVault
check "group create" az group create -n kvGroup -l WestUS
check_eq "keyvault create --enabled-for-disk-encryption (admin)" "true" \
  az keyvault create --name "$KV" -g kvGroup -l WestUS --enabled-for-disk-encryption True \
  "${KV_ACCESS_POLICIES[@]}" --query properties.enabledForDiskEncryption -o tsv
check_eq "vaultUri" "https://$KV.vault.azure.net/" az keyvault show -n "$KV" --query properties.vaultUri -o tsv
check_eq "creator got an access policy (via Graph /me)" "$(az ad signed-in-user show --query id -o tsv)" \
  az keyvault show -n "$KV" --query "properties.accessPolicies[0].objectId" -o tsv
check_eq "keyvault list" "$KV" az keyvault list -g kvGroup --query "[0].name" -o tsv
check_eq "keyvault update" "true" az keyvault update -n "$KV" --enabled-for-deployment true \
  --query properties.enabledForDeployment -o tsv
check_fails_with "name already taken" "already|VaultAlreadyExists|exist" \
  az keyvault create --name "$KV" -g kvGroup -l WestUS

# --- keys and secrets ------------------------------------------------------------------------
KID=$(az keyvault key create --vault-name "$KV" --name myKey --protection software --query key.kid -o tsv 2>&1)
if [[ $KID == https://$KV.vault.azure.net/keys/myKey/* ]]; then ok "key create: $KID"; else not_ok "key create" "$KID"; fi
check_eq "key show" "$KID" az keyvault key show --vault-name "$KV" -n myKey --query key.kid -o tsv
check "key create (second version)" az keyvault key create --vault-name "$KV" --name myKey --protection software
check_eq "key show returns the newest version" "false" \
  bash -c "az keyvault key show --vault-name '$KV' -n myKey --query key.kid -o tsv | grep -qx '$KID' && echo true || echo false"
openssl genrsa -out "$WORK/imported.pem" 2048 2> /dev/null
check_eq "key import --pem-file" "RSA" az keyvault key import --vault-name "$KV" -n imported --pem-file "$WORK/imported.pem" \
  --query key.kty -o tsv
# Not run with az 2.45: key list/list-versions/delete/recover/purge/backup/restore and every `az keyvault secret`
# command execute on the track-1 azure-keyvault 1.x SDK in az 2.45, which Debian does not package
# (research/az-wire.md §1.2); tests/e2e/js/keyvault.test.mjs covers those operations with the JS SDK.
# az 2.74 runs them on the track-2 SDKs (azure-keyvault-keys/-secrets, data plane 7.6-preview.2):
if [ "$AZEMU_AZ" = 2.74 ]; then
  check_eq "key list" "imported myKey" \
    bash -c "az keyvault key list --vault-name '$KV' --query '[].name' -o tsv | sort | paste -sd ' '"
  check_eq "key list-versions: both versions of myKey" "2" \
    az keyvault key list-versions --vault-name "$KV" -n myKey --query "length(@)" -o tsv
  check_eq "secret set" "s3cr3t-$$" az keyvault secret set --vault-name "$KV" -n mySecret --value "s3cr3t-$$" --query value -o tsv
  check_eq "secret show" "s3cr3t-$$" az keyvault secret show --vault-name "$KV" -n mySecret --query value -o tsv
  check_eq "secret list" "mySecret" az keyvault secret list --vault-name "$KV" --query "[].name" -o tsv
fi

# --- policies ------------------------------------------------------------------------------
{ read -r SP_ID; read -r SP_PW; } < <(az ad sp create-for-rbac -n kv-e2e-sp --role Contributor \
  --scopes "/subscriptions/$AZEMU_SUBSCRIPTION_ID" --query "[appId,password]" -o tsv 2>/dev/null)
check "set-policy --spn (keys: get, wrapKey only)" az keyvault set-policy --name "$KV" --spn "$SP_ID" \
  --key-permissions get wrapKey --secret-permissions get
SP_OID=$(az ad sp show --id "$SP_ID" --query id -o tsv 2>/dev/null)
check "set-policy --object-id" az keyvault set-policy --name "$KV" --object-id "$SP_OID" --key-permissions get wrapKey list
check "SP login" az login --service-principal -u "$SP_ID" -p "$SP_PW" --tenant "$AZEMU_TENANT_ID"
check_eq "SP with keys get can read a key" "RSA" az keyvault key show --vault-name "$KV" -n imported --query key.kty -o tsv
check_fails_with "SP without keys create: 403" "Forbidden|does not have keys create permission|403" \
  az keyvault key create --vault-name "$KV" -n denied --protection software
check_eq "keyvault create as a service principal" "$KV_SP" \
  az keyvault create --name "$KV_SP" -g kvGroup -l WestUS --enabled-for-disk-encryption True "${KV_ACCESS_POLICIES[@]}" \
    --query name -o tsv
check "admin login" az login -u "$AZEMU_ADMIN_USER" -p "$AZEMU_ADMIN_PASSWORD"
check "delete-policy" az keyvault delete-policy --name "$KV" --object-id "$SP_OID"
check_eq "policy gone" "0" az keyvault show -n "$KV" --query "length(properties.accessPolicies[?objectId=='$SP_OID'])" -o tsv

# --- soft delete of the vault -----------------------------------------------------------------
check "keyvault delete" az keyvault delete -n "$KV"
check_eq "keyvault list-deleted" "$KV" az keyvault list-deleted --query "[?name=='$KV'].name | [0]" -o tsv
check "keyvault recover" az keyvault recover -n "$KV"
check_eq "recovered vault keeps its keys" "RSA" az keyvault key show --vault-name "$KV" -n imported --query key.kty -o tsv
check "keyvault delete again" az keyvault delete -n "$KV"
check "keyvault purge" az keyvault purge -n "$KV"
check_eq "purged vault is gone from list-deleted" "" az keyvault list-deleted --query "[?name=='$KV'].name | [0]" -o tsv

# --- audit ---------------------------------------------------------------------------------
AUDIT=$("$AZEMU_BIN" audit --data-dir "$DATA" --vault "$KV" 2>&1)
if grep -q "KeyCreate" <<<"$AUDIT" && grep -q " 403 " <<<"$AUDIT"; then ok "azemu audit shows KeyCreate and the 403"
else not_ok "azemu audit shows KeyCreate and the 403" "$AUDIT"; fi

finish
