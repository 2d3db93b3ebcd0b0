#!/usr/bin/env bash
# e2e: the identity fabric with the real `az` (proxy mode): Microsoft Graph users, applications and
# service principals (create-for-rbac, credential reset), RBAC role assignments and definitions, and
# ARM authorization of a service principal created through Graph; then the Azure SDK for JavaScript
# logs in as that principal. Usage: az_identity_test.sh
source "$(dirname "$0")/lib.sh"
ensure_js_deps || exit 1
e2e_setup "identity"
SUB=/subscriptions/$AZEMU_SUBSCRIPTION_ID
DOMAIN=${AZEMU_ADMIN_USER#*@}

admin_login() { az login -u "$AZEMU_ADMIN_USER" -p "$AZEMU_ADMIN_PASSWORD" > /dev/null; }
check "admin login" admin_login

# --- Graph: signed-in user and users -----------------------------------------------------------
check_eq "ad signed-in-user show" "$AZEMU_ADMIN_USER" az ad signed-in-user show --query userPrincipalName -o tsv
check_eq "ad user create" "Test User" az ad user create --display-name "Test User" \
  --password 'Passw0rd-e2e!' --user-principal-name "tuser@$DOMAIN" --query displayName -o tsv
check_eq "ad user show by UPN" "tuser@$DOMAIN" az ad user show --id "tuser@$DOMAIN" --query userPrincipalName -o tsv
check_eq "ad user list --upn" "1" az ad user list --upn "tuser@$DOMAIN" --query "length(@)" -o tsv
check_fails_with "ad user create: unverified domain" "domain|Request_BadRequest|Property" az ad user create \
  --display-name X --password 'Passw0rd-e2e!' --user-principal-name "x@not-our-domain.example"

# --- Graph: applications ----------------------------------------------------------------------
APP_ID=$(az ad app create --display-name azemu-e2e-app --query appId -o tsv 2>&1)
check_eq "ad app list --display-name" "$APP_ID" az ad app list --display-name azemu-e2e-app --query "[0].appId" -o tsv
check_eq "ad app show --id" "azemu-e2e-app" az ad app show --id "$APP_ID" --query displayName -o tsv
RESET_PW=$(az ad app credential reset --id "$APP_ID" --query password -o tsv 2>/dev/null)
if [ -n "$RESET_PW" ]; then ok "ad app credential reset returns a new secret"; else not_ok "ad app credential reset returns a new secret"; fi
check "ad app delete" az ad app delete --id "$APP_ID"
check_fails_with "deleted app is gone" "does not exist|ResourceNotFound|not found" az ad app show --id "$APP_ID"
check_fails_with "Graph: malformed \$filter is a 400" "Bad Request|BadRequest|400|UnsupportedQuery|filter" \
  az rest --method get --url "https://graph.microsoft.com/v1.0/applications?\$filter=displayName%20eq%20"

# --- service principal without a role -----------------------------------------------------------
{ read -r SP_ID; read -r SP_PW; } < <(az ad sp create-for-rbac -n azemu-e2e-sp --query "[appId,password]" -o tsv 2>/dev/null)
if [ -n "${SP_PW:-}" ]; then ok "ad sp create-for-rbac (no role) returns appId and password"; else not_ok "ad sp create-for-rbac (no role)"; fi
check_eq "ad sp list --display-name" "$SP_ID" az ad sp list --display-name azemu-e2e-sp --query "[0].appId" -o tsv
check_eq "ad sp show --id" "$SP_ID" az ad sp show --id "$SP_ID" --query appId -o tsv
check_fails_with "SP without any role sees no subscription" "No subscriptions found" \
  az login --service-principal -u "$SP_ID" -p "$SP_PW" --tenant "$AZEMU_TENANT_ID"

# --- RBAC: Reader can log in but not write; Contributor can -----------------------------------
check "admin login" admin_login
check_eq "role definition list --name Reader" "acdd72a7-3385-48ef-bd42-f606fba81ae7" \
  az role definition list --name Reader --query "[0].name" -o tsv
check "role assignment create Reader" az role assignment create --assignee "$SP_ID" --role Reader --scope "$SUB"
check "SP login with its Graph-created secret" \
  az login --service-principal -u "$SP_ID" -p "$SP_PW" --tenant "$AZEMU_TENANT_ID"
check_fails_with "Reader SP: group create is AuthorizationFailed" "AuthorizationFailed" \
  az group create -n rbacGroup -l westus
check "admin login" admin_login
check "role assignment create Contributor" az role assignment create --assignee "$SP_ID" --role Contributor --scope "$SUB"
check_eq "role assignment list --assignee" "2" az role assignment list --assignee "$SP_ID" --query "length(@)" -o tsv
check "SP login again" az login --service-principal -u "$SP_ID" -p "$SP_PW" --tenant "$AZEMU_TENANT_ID"
check_eq "Contributor SP: group create succeeds" "Succeeded" \
  az group create -n rbacGroup -l westus --query properties.provisioningState -o tsv
if out=$(cd "$E2E_DIR/js" && JS_CLIENT_ID=$SP_ID JS_CLIENT_SECRET=$SP_PW node --test arm_identity.test.mjs 2>&1); then
  ok "Azure SDK for JavaScript: ClientSecretCredential with the new SP, token accepted by ARM"
else
  not_ok "Azure SDK for JavaScript with the new SP" "$out"
fi

check "admin login" admin_login
check "role assignment delete Reader" az role assignment delete --assignee "$SP_ID" --role Reader --scope "$SUB"
check_eq "one assignment left" "Contributor" az role assignment list --assignee "$SP_ID" --query "[].roleDefinitionName | [0]" -o tsv
check_fails_with "unknown role id: RoleDefinitionDoesNotExist" "RoleDefinitionDoesNotExist" \
  az role assignment create --assignee "$SP_ID" --role 00000000-0000-0000-0000-000000000001 --scope "$SUB"
check_fails_with "unknown principal: PrincipalNotFound" "PrincipalNotFound" \
  az role assignment create --assignee-object-id 0f0f0f0f-0000-4000-8000-000000000000 \
  --assignee-principal-type ServicePrincipal --role Reader --scope "$SUB"

# --- create-for-rbac with a role; delete the SP ----------------------------------------------
{ read -r SP2_ID; read -r SP2_PW; } < <(az ad sp create-for-rbac -n azemu-e2e-sp2 --role Contributor --scopes "$SUB" \
  --query "[appId,password]" -o tsv 2>/dev/null)
check_eq "create-for-rbac --role Contributor assigns it" "Contributor" \
  az role assignment list --assignee "$SP2_ID" --query "[0].roleDefinitionName" -o tsv
check "SP2 login" az login --service-principal -u "$SP2_ID" -p "$SP2_PW" --tenant "$AZEMU_TENANT_ID"
check "admin login" admin_login
check "ad sp delete" az ad sp delete --id "$SP2_ID"
# az 2.74's MSAL (>= 1.23) answers a client_credentials login from its persisted token cache ("Cache hit an AT"):
# the token SP2 got above is still valid, so its login would never reach the token service, against Azure too.
# Signing SP2 out drops that token, and the login below must then ask the token service. az 2.45 has no such cache.
if [ "$AZEMU_AZ" = 2.74 ]; then check "logout SP2 (drops its cached token)" az logout --username "$SP2_ID"; fi
check_fails_with "deleted SP can no longer log in: AADSTS7000229 (its application stays)" "AADSTS7000229" \
  az login --service-principal -u "$SP2_ID" -p "$SP2_PW" --tenant "$AZEMU_TENANT_ID"

finish
