#!/usr/bin/env bash
# e2e: the real `az` (Debian azure-cli 2.45, or 2.74 with AZEMU_AZ=2.74) logs into azemu and manages
# accounts, providers and resource groups — in proxy mode (HTTPS_PROXY, public host names) or cloud mode
# (az cloud register, ADFS-style authority under azemu.localhost). Usage: [AZEMU_AZ=2.74] az_foundation_test.sh proxy|cloud
source "$(dirname "$0")/lib.sh"
MODE=${1:?usage: $0 proxy|cloud}

e2e_setup "$MODE" -- --mode "$MODE"

if [ "$MODE" = proxy ]; then
  VAULT_RESOURCE=https://vault.azure.net
else
  VAULT_RESOURCE=https://vault.azemu.localhost:$PORT
  check_eq "cloud mode: az uses the azemu cloud" "azemu" az cloud show --query name -o tsv
  check_eq "cloud mode: ADFS-style authority" "https://login.azemu.localhost:$PORT/adfs" \
    az cloud show --query endpoints.activeDirectory -o tsv
fi

# --- service principal login --------------------------------------------------------------
check "az login --service-principal (bootstrap SP)" \
  az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
check_eq "account show: subscription" "$AZEMU_SUBSCRIPTION_ID" az account show --query id -o tsv
check_eq "account show: tenant" "$AZEMU_TENANT_ID" az account show --query tenantId -o tsv
check_eq "account show: user type" "servicePrincipal" az account show --query user.type -o tsv
check_eq "account list: one enabled subscription" "Enabled" az account list --query "[0].state" -o tsv
TOKEN=$(az account get-access-token --query accessToken -o tsv 2>&1)
check_eq "get-access-token: ARM audience" "https://management.core.windows.net/" jwt_claim "$TOKEN" aud
check_eq "get-access-token: SP app id" "$AZEMU_CLIENT_ID" jwt_claim "$TOKEN" appid
KV_TOKEN=$(az account get-access-token --resource "$VAULT_RESOURCE" --query accessToken -o tsv 2>&1)
check_eq "get-access-token --resource vault: audience" "$VAULT_RESOURCE" jwt_claim "$KV_TOKEN" aud

# --- providers ----------------------------------------------------------------------------
check "provider register Microsoft.KeyVault" az provider register -n Microsoft.KeyVault
check_eq "provider show: Registered" "Registered" \
  az provider show -n Microsoft.KeyVault --query registrationState -o tsv
check_eq "provider list includes Microsoft.KeyVault" "Registered" \
  az provider list --query "[?namespace=='Microsoft.KeyVault'].registrationState | [0]" -o tsv
check_fails_with "provider show: unknown namespace" "InvalidResourceNamespace|not found|invalid" \
  az provider show -n Microsoft.Nope

# --- resource groups ----------------------------------------------------------------------
check_eq "group create (location normalised)" "westus" \
  az group create --name myResourceGroup --location WestUS --query location -o tsv
check_eq "group show" "Succeeded" az group show -n myResourceGroup --query properties.provisioningState -o tsv
check_eq "group list" "myResourceGroup" az group list --query "[?name=='myResourceGroup'].name | [0]" -o tsv
check_eq "group exists: yes" "true" az group exists -n myResourceGroup
check_eq "group exists: no" "false" az group exists -n noSuchGroup
check_eq "group update --tags" "dev" az group update -n myResourceGroup --tags env=dev --query tags.env -o tsv
check_eq "tags survive a show" "dev" az group show -n myResourceGroup --query tags.env -o tsv
check "group create (second)" az group create -n doomedGroup -l eastus
check "group delete --yes (LRO)" az group delete -n doomedGroup --yes
check_eq "deleted group no longer exists" "false" az group exists -n doomedGroup
check_fails_with "group show: missing group" "ResourceGroupNotFound" az group show -n doomedGroup

# --- durability: SIGKILL and restart on the same data dir ---------------------------------
check "group create before kill -9" az group create -n survivor -l westeurope --tags keep=yes
kill9_azemu
start_azemu "$DATA" "$PORT" || exit 1
check_eq "group survives kill -9 + restart" "yes" az group show -n survivor --query tags.keep -o tsv

# --- user login ---------------------------------------------------------------------------
check "az login -u/-p (admin user)" az login -u "$AZEMU_ADMIN_USER" -p "$AZEMU_ADMIN_PASSWORD"
check_eq "account show: user name" "$AZEMU_ADMIN_USER" az account show --query user.name -o tsv
check_eq "account show: user type" "user" az account show --query user.type -o tsv
check_eq "user can list groups" "survivor" az group list --query "[?name=='survivor'].name | [0]" -o tsv
USER_KV_TOKEN=$(az account get-access-token --resource "$VAULT_RESOURCE" --query accessToken -o tsv 2>&1)
check_eq "user token for vault (refresh_token grant)" "$AZEMU_ADMIN_USER" jwt_claim "$USER_KV_TOKEN" upn
check_fails_with "wrong user password: AADSTS50126" "AADSTS50126" \
  az login -u "$AZEMU_ADMIN_USER" -p "not-the-password"
check_fails_with "unknown user: AADSTS50034" "AADSTS50034" az login -u "nobody@$AZEMU_ADMIN_USER" -p x

# --- device code --------------------------------------------------------------------------
DEVLOG=$WORK/devicecode.log
az logout > /dev/null 2>&1
az login --use-device-code > "$WORK/devicecode.out" 2> "$DEVLOG" &
AZ_PID=$!
CODE=$(timeout 30 grep -m1 -oE "code [A-Z0-9-]{6,}" <(tail -F -n +1 "$DEVLOG" 2>/dev/null) | awk '{print $2}')
if [ -n "$CODE" ]; then
  check "azemu approve $CODE" "$AZEMU_BIN" approve "$CODE" --data-dir "$DATA"
  if timeout 60 bash -c "wait $AZ_PID" 2>/dev/null || wait "$AZ_PID"; then
    ok "az login --use-device-code completes"
  else
    not_ok "az login --use-device-code completes" "$(cat "$DEVLOG")"
  fi
  check_eq "device-code account is the admin" "$AZEMU_ADMIN_USER" az account show --query user.name -o tsv
else
  kill "$AZ_PID" 2>/dev/null
  not_ok "az login --use-device-code printed a code" "$(cat "$DEVLOG")"
fi

# --- errors -------------------------------------------------------------------------------
# MSAL (az 2.74's 1.32) answers a client-credentials login from its token cache without asking Entra when
# a token for that app is cached, so the cache goes first (as it would have to against Azure).
check "account clear (drops cached tokens)" az account clear
check_fails_with "wrong client secret: AADSTS7000215" "AADSTS7000215" \
  az login --service-principal -u "$AZEMU_CLIENT_ID" -p "wrong-secret" --tenant "$AZEMU_TENANT_ID"
check "login again" az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
check "group show with a fresh token" az group show -n survivor
# azemu's clock moves 2 hours ahead: az still holds its 1-hour token and sends it.
advance_time 7200
check_fails_with "expired token: ExpiredAuthenticationToken" "ExpiredAuthenticationToken" az group show -n survivor

finish
