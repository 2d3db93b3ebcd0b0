#!/usr/bin/env bash
# e2e: an RBAC-authorized vault, as az 2.74 makes by default, driven by the real az 2.74 (proxy mode). Its data plane
# is governed by role assignments (az role assignment create/list/delete) with the built-in Key Vault data roles at
# vault and key/secret scope; a caller without a role gets Azure's 403 ForbiddenByRbac text. A second service
# principal and a user, each logged in with its own AZURE_CONFIG_DIR, show what a non-owner can do. Roles do nothing
# on an access-policy vault until enableRbacAuthorization is turned on. Last, `az ad sp create-for-rbac` twice with
# one --name: same appId, a new password, the first one stops working.
# Not for az 2.45 (its key and secret commands need the track-1 SDK Debian lacks). Usage: AZEMU_AZ=2.74 az_keyvault_rbac_test.sh
source "$(dirname "$0")/lib.sh"
[ "$AZEMU_AZ" = 2.74 ] || { echo "FATAL: this suite drives az 2.74: run it with AZEMU_AZ=2.74" >&2; exit 1; }
e2e_setup "kvrbac"
KV=kvr$$e2e
DOMAIN=${AZEMU_ADMIN_USER#*@}
AZ_CLI_APP=04b07795-8ddb-461a-bbee-02f9e1bf7b46  # the appid az's user tokens carry
echo "# vault $KV"

# The second principals each keep their own az profile, as a separate machine would.
SP_CFG=$WORK/sp-config USER_CFG=$WORK/user-config
mkdir -p "$SP_CFG" "$USER_CFG"
as_sp() { AZURE_CONFIG_DIR=$SP_CFG az "$@"; }
as_user() { AZURE_CONFIG_DIR=$USER_CFG az "$@"; }
assign() {  # assign ROLE OBJECT_ID TYPE SCOPE: prints the assignment id
  az role assignment create --role "$1" --assignee-object-id "$2" --assignee-principal-type "$3" --scope "$4" \
    --query id -o tsv
}
lower() { tr '[:upper:]' '[:lower:]' <<<"$1"; }

# denied DESC ACTION RESOURCE CMD...: the command fails with ForbiddenByRbac naming ACTION and RESOURCE (lower case).
denied() {
  local desc=$1 action=$2 resource; resource=$(lower "$3"); shift 3
  local out
  if out=$("$@" 2>&1); then not_ok "$desc (unexpected success)" "$out"
  elif grep -q "ForbiddenByRbac" <<<"$out" && grep -qF "Action: '$action'" <<<"$out" &&
    grep -qF "Resource: '$resource'" <<<"$out"; then ok "$desc"
  else not_ok "$desc: not ForbiddenByRbac for $action on $resource" "$out"; fi
}

check "admin login" az login -u "$AZEMU_ADMIN_USER" -p "$AZEMU_ADMIN_PASSWORD"
check "group create" az group create -n kvRbacGroup -l WestUS

# --- a default vault is an RBAC vault ---------------------------------------------------------
check_eq "keyvault create (no options): enableRbacAuthorization true" "true" \
  az keyvault create --name "$KV" -g kvRbacGroup -l WestUS --query properties.enableRbacAuthorization -o tsv
check_eq "no access policy for the creator" "0" az keyvault show -n "$KV" --query "length(properties.accessPolicies)" -o tsv
VID=$(az keyvault show -n "$KV" --query id -o tsv 2>/dev/null)
ME=$(az ad signed-in-user show --query id -o tsv 2>/dev/null)

# Owner of the subscription, but Owner has no dataActions: the data plane says ForbiddenByRbac, in Azure's words.
denied "Owner without a data role: key create is ForbiddenByRbac" "Microsoft.KeyVault/vaults/keys/create/action" \
  "$VID/keys/k1" az keyvault key create --vault-name "$KV" -n k1
TOKEN=$(az account get-access-token --resource https://vault.azure.net --query accessToken -o tsv 2>/dev/null)
RAW=$(curl -s --proxy "$HTTPS_PROXY" --cacert "$REQUESTS_CA_BUNDLE" -H "Authorization: Bearer $TOKEN" -X POST \
  -H 'content-type: application/json' -d '{"kty":"RSA"}' "https://$KV.vault.azure.net/keys/k1/create?api-version=7.6")
EXPECTED="Caller is not authorized to perform action on resource.\r\nIf role assignments, deny assignments or role \
definitions were changed recently, please observe propagation time.\r\nCaller: appid=$AZ_CLI_APP;oid=$ME;\
iss=https://sts.windows.net/$AZEMU_TENANT_ID/\r\nAction: 'Microsoft.KeyVault/vaults/keys/create/action'\r\n\
Resource: '$(lower "$VID/keys/k1")'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: null \r\n\
Vault: $KV;location=westus\r\n"
if python3 - "$RAW" "$EXPECTED" <<'PY'
import json, sys
body, expected = json.loads(sys.argv[1]), sys.argv[2].encode().decode("unicode_escape")
e = body["error"]
sys.exit(0 if (e["code"], e["innererror"]["code"], e["message"]) == ("Forbidden", "ForbiddenByRbac", expected) else 1)
PY
then ok "the 403 body is Azure's ForbiddenByRbac text, word for word"; else not_ok "the 403 body is Azure's ForbiddenByRbac text" "$RAW"; fi

# --- Key Vault Administrator for the admin user (principal type User) -------------------------
ADMIN_RA=$(assign "Key Vault Administrator" "$ME" User "$VID" 2>&1)
if [[ $ADMIN_RA == "$VID/providers/Microsoft.Authorization/roleAssignments/"* ]]; then ok "assign Key Vault Administrator (User) at vault scope"
else not_ok "assign Key Vault Administrator (User) at vault scope" "$ADMIN_RA"; fi
check_eq "role assignment list --scope VAULT" "Key Vault Administrator" \
  az role assignment list --scope "$VID" --query "[?principalId=='$ME'].roleDefinitionName" -o tsv
check "Administrator: key create k1" az keyvault key create --vault-name "$KV" -n k1
check "Administrator: key create k2" az keyvault key create --vault-name "$KV" -n k2
check_eq "Administrator: secret set" "top-secret" az keyvault secret set --vault-name "$KV" -n s1 --value top-secret --query value -o tsv

# --- a second service principal, logged in separately ------------------------------------------
{ read -r SP_ID; read -r SP_PW; } < <(az ad sp create-for-rbac -n "kvrbac-sp-$$" --query "[appId,password]" -o tsv 2>/dev/null)
SP_OID=$(az ad sp show --id "$SP_ID" --query id -o tsv 2>/dev/null)
check "SP login (own config dir, no subscription)" \
  as_sp login --service-principal -u "$SP_ID" -p "$SP_PW" --tenant "$AZEMU_TENANT_ID" --allow-no-subscriptions
denied "SP without a role: secret show is ForbiddenByRbac" "Microsoft.KeyVault/vaults/secrets/getSecret/action" \
  "$VID/secrets/s1" as_sp keyvault secret show --vault-name "$KV" -n s1
denied "SP without a role: key list is ForbiddenByRbac at vault scope" "Microsoft.KeyVault/vaults/keys/read" "$VID" \
  as_sp keyvault key list --vault-name "$KV"

# Secrets User: read values, not write them.
SU_RA=$(assign "Key Vault Secrets User" "$SP_OID" ServicePrincipal "$VID" 2>/dev/null)
check_eq "Secrets User: secret show" "top-secret" as_sp keyvault secret show --vault-name "$KV" -n s1 --query value -o tsv
check_eq "Secrets User: secret list (readMetadata)" "s1" as_sp keyvault secret list --vault-name "$KV" --query "[].name" -o tsv
denied "Secrets User: secret set is ForbiddenByRbac" "Microsoft.KeyVault/vaults/secrets/setSecret/action" "$VID/secrets/s1" \
  as_sp keyvault secret set --vault-name "$KV" -n s1 --value changed
denied "Secrets User: key show is ForbiddenByRbac" "Microsoft.KeyVault/vaults/keys/read" "$VID/keys/k1" \
  as_sp keyvault key show --vault-name "$KV" -n k1
check_eq "role assignment list --assignee (SP)" "Key Vault Secrets User" \
  az role assignment list --assignee "$SP_ID" --scope "$VID" --query "[].roleDefinitionName" -o tsv
check "role assignment delete --ids" az role assignment delete --ids "$SU_RA"
check_eq "assignment gone" "0" az role assignment list --assignee "$SP_ID" --scope "$VID" --query "length(@)" -o tsv
denied "after the delete the SP is denied again" "Microsoft.KeyVault/vaults/secrets/getSecret/action" "$VID/secrets/s1" \
  as_sp keyvault secret show --vault-name "$KV" -n s1

# Secrets Officer: everything on secrets, nothing on keys.
SO_RA=$(assign "Key Vault Secrets Officer" "$SP_OID" ServicePrincipal "$VID" 2>/dev/null)
check_eq "Secrets Officer: secret set" "by-officer" as_sp keyvault secret set --vault-name "$KV" -n s2 --value by-officer --query value -o tsv
check_eq "Secrets Officer: secret set-attributes (secrets/update/action)" "false" \
  as_sp keyvault secret set-attributes --vault-name "$KV" -n s2 --enabled false --query attributes.enabled -o tsv
check "Secrets Officer: secret delete" as_sp keyvault secret delete --vault-name "$KV" -n s2
check_eq "Secrets Officer: secret list-deleted" "s2" as_sp keyvault secret list-deleted --vault-name "$KV" --query "[].name" -o tsv
check "Secrets Officer: secret purge" as_sp keyvault secret purge --vault-name "$KV" -n s2
denied "Secrets Officer: key create is ForbiddenByRbac" "Microsoft.KeyVault/vaults/keys/create/action" "$VID/keys/k3" \
  as_sp keyvault key create --vault-name "$KV" -n k3
az role assignment delete --ids "$SO_RA" > /dev/null 2>&1

# Crypto User scoped to one key: that key only.
CU_RA=$(assign "Key Vault Crypto User" "$SP_OID" ServicePrincipal "$VID/keys/k1" 2>&1)
if [[ $CU_RA == "$VID/keys/k1/providers/Microsoft.Authorization/roleAssignments/"* ]]; then ok "assign Crypto User at key scope"
else not_ok "assign Crypto User at key scope" "$CU_RA"; fi
check_fails_with "no role at the scope of a key that does not exist (ResourceNotFound, as for any missing resource)" \
  "ResourceNotFound" assign "Key Vault Crypto User" "$SP_OID" ServicePrincipal "$VID/keys/nokey"
check_eq "role assignment list --scope KEY" "Key Vault Crypto User" \
  az role assignment list --scope "$VID/keys/k1" --query "[?principalId=='$SP_OID'].roleDefinitionName" -o tsv
DIGEST=$(printf 'rbac' | openssl dgst -sha256 -binary | base64 -w0)
check_eq "Crypto User on k1: sign k1" "RS256" \
  as_sp keyvault key sign --vault-name "$KV" -n k1 -a RS256 --digest "$DIGEST" --query algorithm -o tsv
check_eq "Crypto User on k1: set-attributes k1 (keys/update/action)" "rbac" \
  as_sp keyvault key set-attributes --vault-name "$KV" -n k1 --tags owner=rbac --query tags.owner -o tsv
denied "Crypto User on k1: sign k2 is ForbiddenByRbac" "Microsoft.KeyVault/vaults/keys/sign/action" "$VID/keys/k2" \
  as_sp keyvault key sign --vault-name "$KV" -n k2 -a RS256 --digest "$DIGEST"
denied "Crypto User on k1: key list needs the vault scope" "Microsoft.KeyVault/vaults/keys/read" "$VID" \
  as_sp keyvault key list --vault-name "$KV"
denied "Crypto User on k1: key delete k1 is ForbiddenByRbac" "Microsoft.KeyVault/vaults/keys/delete" "$VID/keys/k1" \
  as_sp keyvault key delete --vault-name "$KV" -n k1
az role assignment delete --ids "$CU_RA" > /dev/null 2>&1

# Crypto Service Encryption User: read keys, wrap and unwrap (az rest: az 2.74 has no wrap command), nothing else.
CSEU_RA=$(assign "Key Vault Crypto Service Encryption User" "$SP_OID" ServicePrincipal "$VID" 2>/dev/null)
check_eq "Crypto Service Encryption User: key show" "RSA" as_sp keyvault key show --vault-name "$KV" -n k2 --query key.kty -o tsv
CEK=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8
WRAPPED=$(as_sp rest --method post --url "https://$KV.vault.azure.net/keys/k2/wrapkey?api-version=7.4" \
  --resource https://vault.azure.net --body "{\"alg\":\"RSA-OAEP\",\"value\":\"$CEK\"}" --query value -o tsv 2>&1)
check_eq "Crypto Service Encryption User: wrapkey, then unwrapkey gives the key back" "$CEK" \
  as_sp rest --method post --url "https://$KV.vault.azure.net/keys/k2/unwrapkey?api-version=7.4" \
  --resource https://vault.azure.net --body "{\"alg\":\"RSA-OAEP\",\"value\":\"$WRAPPED\"}" --query value -o tsv
denied "Crypto Service Encryption User: sign is ForbiddenByRbac" "Microsoft.KeyVault/vaults/keys/sign/action" "$VID/keys/k2" \
  as_sp keyvault key sign --vault-name "$KV" -n k2 -a RS256 --digest "$DIGEST"
az role assignment delete --ids "$CSEU_RA" > /dev/null 2>&1

# Crypto Officer: every key operation (keys/* and keyrotationpolicies/*), no secrets.
CO_RA=$(assign "Key Vault Crypto Officer" "$SP_OID" ServicePrincipal "$VID" 2>/dev/null)
check "Crypto Officer: key create" as_sp keyvault key create --vault-name "$KV" -n k3
check_eq "Crypto Officer: rotation-policy update (keyrotationpolicies/write)" "P90D" \
  as_sp keyvault key rotation-policy update --vault-name "$KV" -n k3 \
  --value '{"lifetimeActions":[{"trigger":{"timeBeforeExpiry":"P30D"},"action":{"type":"Notify"}}],"attributes":{"expiryTime":"P90D"}}' \
  --query expiresIn -o tsv
check_eq "Crypto Officer: rotation-policy show (keyrotationpolicies/read)" "P90D" \
  as_sp keyvault key rotation-policy show --vault-name "$KV" -n k3 --query expiresIn -o tsv
check "Crypto Officer: key rotate" as_sp keyvault key rotate --vault-name "$KV" -n k3
check "Crypto Officer: key delete" as_sp keyvault key delete --vault-name "$KV" -n k3
check_eq "Crypto Officer: key show-deleted" "https://$KV.vault.azure.net/deletedkeys/k3" \
  as_sp keyvault key show-deleted --vault-name "$KV" -n k3 --query recoveryId -o tsv
check "Crypto Officer: key recover (keys/recover/action)" as_sp keyvault key recover --vault-name "$KV" -n k3
check "Crypto Officer: key delete again" as_sp keyvault key delete --vault-name "$KV" -n k3
check "Crypto Officer: key purge (keys/purge/action)" as_sp keyvault key purge --vault-name "$KV" -n k3
denied "Crypto Officer: secret show is ForbiddenByRbac" "Microsoft.KeyVault/vaults/secrets/getSecret/action" "$VID/secrets/s1" \
  as_sp keyvault secret show --vault-name "$KV" -n s1
az role assignment delete --ids "$CO_RA" > /dev/null 2>&1

# Key Vault Reader: metadata only.
RD_RA=$(assign "Key Vault Reader" "$SP_OID" ServicePrincipal "$VID" 2>/dev/null)
check_eq "Reader: key list" "k1 k2" bash -c "AZURE_CONFIG_DIR=$SP_CFG az keyvault key list --vault-name $KV --query '[].name' -o tsv | sort | paste -sd ' '"
check_eq "Reader: key show (public material)" "RSA" as_sp keyvault key show --vault-name "$KV" -n k1 --query key.kty -o tsv
check_eq "Reader: secret list" "s1" as_sp keyvault secret list --vault-name "$KV" --query "[].name" -o tsv
denied "Reader: secret show (the value) is ForbiddenByRbac" "Microsoft.KeyVault/vaults/secrets/getSecret/action" \
  "$VID/secrets/s1" as_sp keyvault secret show --vault-name "$KV" -n s1
denied "Reader: sign is ForbiddenByRbac" "Microsoft.KeyVault/vaults/keys/sign/action" "$VID/keys/k1" \
  as_sp keyvault key sign --vault-name "$KV" -n k1 -a RS256 --digest "$DIGEST"
denied "Reader: key set-attributes is ForbiddenByRbac" "Microsoft.KeyVault/vaults/keys/update/action" "$VID/keys/k1" \
  as_sp keyvault key set-attributes --vault-name "$KV" -n k1 --enabled false
check "role assignment delete --assignee --role --scope" \
  az role assignment delete --assignee "$SP_ID" --role "Key Vault Reader" --scope "$VID"

# Management roles carry no dataActions; data roles are inherited from the resource group like any role.
KC_RA=$(assign "Key Vault Contributor" "$SP_OID" ServicePrincipal "$VID" 2>/dev/null)
denied "Key Vault Contributor (management only): secret show is ForbiddenByRbac" \
  "Microsoft.KeyVault/vaults/secrets/getSecret/action" "$VID/secrets/s1" as_sp keyvault secret show --vault-name "$KV" -n s1
az role assignment delete --ids "$KC_RA" > /dev/null 2>&1
RG_ID=${VID%/providers/*}
RG_RA=$(assign "Key Vault Secrets User" "$SP_OID" ServicePrincipal "$RG_ID" 2>/dev/null)
check_eq "Secrets User at resource-group scope: inherited by the vault" "top-secret" \
  as_sp keyvault secret show --vault-name "$KV" -n s1 --query value -o tsv
az role assignment delete --ids "$RG_RA" > /dev/null 2>&1

# --- a user (principal type User) with Secrets User at secret scope ---------------------------
check "ad user create" az ad user create --display-name "KV Reader" --password 'Passw0rd-kv-e2e!' \
  --user-principal-name "kvuser@$DOMAIN"
USER_OID=$(az ad user show --id "kvuser@$DOMAIN" --query id -o tsv 2>/dev/null)
check "assign Secrets User (User) at secret scope" assign "Key Vault Secrets User" "$USER_OID" User "$VID/secrets/s1"
check "user login (own config dir)" as_user login -u "kvuser@$DOMAIN" -p 'Passw0rd-kv-e2e!' --allow-no-subscriptions
check_eq "user: secret show s1" "top-secret" as_user keyvault secret show --vault-name "$KV" -n s1 --query value -o tsv
check "Administrator: secret set s3" az keyvault secret set --vault-name "$KV" -n s3 --value other
denied "user: secret show s3 (another secret) is ForbiddenByRbac" "Microsoft.KeyVault/vaults/secrets/getSecret/action" \
  "$VID/secrets/s3" as_user keyvault secret show --vault-name "$KV" -n s3
OUT=$(as_user keyvault secret show --vault-name "$KV" -n s3 2>&1)
if grep -qF "Caller: appid=$AZ_CLI_APP;oid=$USER_OID;iss=https://sts.windows.net/$AZEMU_TENANT_ID/" <<<"$OUT"
then ok "user: the 403 names the user as caller"; else not_ok "user: the 403 names the user as caller" "$OUT"; fi

# --- the permission model is the vault's: roles do nothing on an access-policy vault; switching applies at once ----
KV_AP=kvap$$e2e
check "keyvault create --enable-rbac-authorization false (the creator gets an access policy)" \
  az keyvault create --name "$KV_AP" -g kvRbacGroup -l WestUS "${KV_ACCESS_POLICIES[@]}"
VID_AP=$(az keyvault show -n "$KV_AP" --query id -o tsv 2>/dev/null)
check "assign Key Vault Administrator to the SP on the access-policy vault" \
  assign "Key Vault Administrator" "$SP_OID" ServicePrincipal "$VID_AP"
check_fails_with "access-policy vault: the role grants nothing (AccessDenied, no secrets get permission)" \
  "does not have secrets get permission on key vault '$KV_AP;location=westus'" \
  as_sp keyvault secret show --vault-name "$KV_AP" -n nothing
check "creator (access policy): secret set" az keyvault secret set --vault-name "$KV_AP" -n ap --value by-policy
check "keyvault update --enable-rbac-authorization true" az keyvault update -n "$KV_AP" --enable-rbac-authorization true
check_eq "after the switch the SP's role applies" "by-policy" \
  as_sp keyvault secret show --vault-name "$KV_AP" -n ap --query value -o tsv
denied "after the switch the creator's access policy no longer counts" "Microsoft.KeyVault/vaults/secrets/getSecret/action" \
  "$VID_AP/secrets/ap" az keyvault secret show --vault-name "$KV_AP" -n ap

# --- create-for-rbac twice with one --name ------------------------------------------------------
# azure-cli's create_service_principal_for_rbac finds the app by display name, removes its passwords and adds a new
# one, and reuses the service principal: same appId, the old password stops working.
NAME="kvrbac-twice-$$"
{ read -r APP1; read -r PW1; } < <(az ad sp create-for-rbac -n "$NAME" --role "Key Vault Secrets User" --scopes "$VID" \
  --query "[appId,password]" -o tsv 2>/dev/null)
SECOND=$(az ad sp create-for-rbac -n "$NAME" --role "Key Vault Secrets User" --scopes "$VID" \
  --query "[appId,password]" -o tsv 2>"$WORK/second.err")
APP2=$(sed -n 1p <<<"$SECOND") PW2=$(sed -n 2p <<<"$SECOND")
if [ -n "$APP1" ] && [ "$APP1" = "$APP2" ]; then ok "second create-for-rbac returns the same appId"; else not_ok "same appId" "$APP1 / $SECOND"; fi
if [ -n "$PW2" ] && [ "$PW1" != "$PW2" ]; then ok "second create-for-rbac returns a new password"; else not_ok "a new password"; fi
if grep -q "Found an existing application instance" "$WORK/second.err" && grep -q "Role assignment already exists" "$WORK/second.err"
then ok "az patched the existing app and found the role assignment already there (RoleAssignmentExists)"
else not_ok "az patched the existing app and found the role assignment already there" "$(cat "$WORK/second.err")"; fi
check_eq "one application, one service principal, one password" "1 1 1" bash -c \
  "echo \$(az ad app list --display-name $NAME --query 'length(@)' -o tsv) \$(az ad sp list --display-name $NAME --query 'length(@)' -o tsv) \
  \$(az ad app list --display-name $NAME --query '[0].length(passwordCredentials)' -o tsv)"
check_eq "one role assignment" "1" az role assignment list --assignee "$APP1" --scope "$VID" --query "length(@)" -o tsv
TWICE_CFG=$WORK/twice-config
check_fails_with "the first password no longer logs in (AADSTS7000215)" "AADSTS7000215" \
  env AZURE_CONFIG_DIR="$TWICE_CFG" az login --service-principal -u "$APP1" -p "$PW1" --tenant "$AZEMU_TENANT_ID" --allow-no-subscriptions
# Without --allow-no-subscriptions: a role inside a subscription (here at vault scope) makes it visible, as in Azure.
check_eq "the second password logs in and sees the subscription its role is in" "$AZEMU_SUBSCRIPTION_ID" \
  env AZURE_CONFIG_DIR="$TWICE_CFG" az login --service-principal -u "$APP2" -p "$PW2" --tenant "$AZEMU_TENANT_ID" \
  --query "[0].id" -o tsv
check_eq "and reads the secret through its role" "top-secret" \
  env AZURE_CONFIG_DIR="$TWICE_CFG" az keyvault secret show --vault-name "$KV" -n s1 --query value -o tsv

finish
