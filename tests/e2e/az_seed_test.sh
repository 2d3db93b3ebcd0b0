#!/usr/bin/env bash
# e2e (issue 14, item 4): a declarative seed with the real az 2.45 — `azemu start --seed` with fixed
# bootstrap identities, then the seeded objects used as a lab would: the seeded application signs in
# with its fixed id and secret and reads the seeded KEK and secret through its access policy, the
# seeded user signs in and sees the group as Reader; `azemu seed` again changes nothing; a snapshot
# of the seeded cloud, broken and restored, is found as seeded; malformed seeds are refused with
# InvalidSeed and change nothing (also when given to `start --seed`).
source "$(dirname "$0")/lib.sh"
require_az
WORK=$(mktemp -d /tmp/azemu-e2e-seed-XXXXXX)
DATA=$WORK/data
PORT=$(free_port)
trap 'stop_azemu' EXIT
VAULT=seed$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
sed "s/lab-kv-SUFFIX/$VAULT/" "$E2E_DIR/seed/lab.json" > "$WORK/lab.json"
# Fixed bootstrap identities, as a CI config hard-codes them (AZEMU_* variables).
export AZEMU_TENANT_ID=11111111-2222-4333-8444-555555555555 AZEMU_SUBSCRIPTION_ID=66666666-7777-4888-8999-000000000000
export AZEMU_CLIENT_ID=aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee AZEMU_CLIENT_SECRET=fixed-bootstrap-secret-0123456789
APP_ID=5e0d1f3a-0000-4000-8000-0000000000a1
APP_SECRET=ade-lab-secret-0123456789abcdef
ctl() { "$AZEMU_BIN" "$1" --listen "127.0.0.1:$PORT" "${@:2}"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# --- start --seed refuses a malformed file before serving ----------------------------------------
echo '{"vaults":[{"name":"x","resourceGroup":"lab-rg","keys":[{"name":"k","kyt":"RSA"}]}]}' > "$WORK/bad.json"
check_fails_with "start --seed with an unknown field exits with InvalidSeed, naming it" \
  "InvalidSeed: vaults\[0\].keys\[0\]: unknown field 'kyt'" \
  "$AZEMU_BIN" start --data-dir "$WORK/refused" --listen "127.0.0.1:$PORT" --seed "$WORK/bad.json"

AZEMU_START_ARGS="--vm-runtime guestless --seed $WORK/lab.json" start_azemu "$DATA" "$PORT" || exit 1
eval "$("$AZEMU_BIN" env --data-dir "$DATA" --listen "127.0.0.1:$PORT")"
check_eq "the fixed tenant id is the data dir's" "11111111-2222-4333-8444-555555555555" printenv AZEMU_TENANT_ID

# --- the seeded application: fixed id and secret, the vault's access policy ----------------------
check "az login as the seeded application (fixed appId and secret)" \
  az login --service-principal -u "$APP_ID" -p "$APP_SECRET" --tenant "$AZEMU_TENANT_ID" --allow-no-subscriptions
check_eq "the seeded KEK is readable through the seeded access policy" "RSA" \
  az keyvault key show --vault-name "$VAULT" -n kek --query key.kty -o tsv
app_token() {
  curl -sf --noproxy '*' --cacert "$DATA/ca.pem" "https://localhost:$PORT/$AZEMU_TENANT_ID/oauth2/v2.0/token" \
    --data-urlencode grant_type=client_credentials --data-urlencode "client_id=$APP_ID" \
    --data-urlencode "client_secret=$APP_SECRET" --data-urlencode "scope=https://vault.azure.net/.default" | field '["access_token"]'
}
# az 2.45's `keyvault secret` needs a track-1 SDK Debian lacks: the data plane with curl, as the app.
secret_value() {
  curl -sf --proxy "http://127.0.0.1:$PORT" --cacert "$DATA/ca.pem" -H "Authorization: Bearer $(app_token)" \
    "https://$VAULT.vault.azure.net/secrets/$1?api-version=7.4" | field '["value"]'
}
check_eq "the seeded secret has its value" "seeded" secret_value lab-note
check_fails_with "the policy gives the app no key create" "Forbidden" \
  az keyvault key create --vault-name "$VAULT" -n not-allowed

# --- the seeded user: password sign-in, Reader on the group ---------------------------------------
check "az login as the seeded user" az login -u student@azemu.onmicrosoft.com -p Student-Passw0rd! --allow-no-subscriptions
check_eq "the user sees the seeded group (Reader at its scope)" "ade" az group show -n lab-rg --query tags.lab -o tsv
check_fails_with "... and may not write it" "AuthorizationFailed" az group update -n lab-rg --set tags.x=y

# --- idempotent ----------------------------------------------------------------------------------
check "az login as the bootstrap SP (fixed id and secret)" \
  az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
again=$(ctl seed "$WORK/lab.json" 2>&1)
check_eq "azemu seed again creates nothing" "0" sh -c "printf '%s' '$again' | python3 -c \
  'import json,sys; a=json.load(sys.stdin)[\"applied\"]; print(sum(v[\"created\"] for v in a.values()))'"
check_eq "... and finds all 7 kinds of items in place" "7" sh -c "printf '%s' '$again' | python3 -c \
  'import json,sys; a=json.load(sys.stdin)[\"applied\"]; print(sum(1 for v in a.values() if v[\"unchanged\"] > 0))'"
secret_versions() {  # as the bootstrap SP: the seed gave it every secret permission, list included
  curl -sf --proxy "http://127.0.0.1:$PORT" --cacert "$DATA/ca.pem" -H "Authorization: Bearer $(sp_token https://vault.azure.net/.default)" \
    "https://$VAULT.vault.azure.net/secrets/$1/versions?api-version=7.4" | field '["value"].__len__()'
}
check_eq "the seeded secret still has one version (an equal value is not set again)" "1" secret_versions lab-note

# --- snapshot the seeded cloud, break it, restore it ---------------------------------------------
check "snapshot save seeded" ctl snapshot save seeded
check "break it: delete the seeded group (and its vault)" az group delete -n lab-rg --yes
check "break it: another group" az group create -n stray -l westus
check "snapshot restore seeded" ctl snapshot restore seeded
check_eq "the seeded group is back with its tags" "ade" az group show -n lab-rg --query tags.lab -o tsv
check_eq "the stray group is gone" "false" az group exists -n stray
check "the seeded app signs in again" \
  az login --service-principal -u "$APP_ID" -p "$APP_SECRET" --tenant "$AZEMU_TENANT_ID" --allow-no-subscriptions
check_eq "the seeded KEK is back" "RSA" az keyvault key show --vault-name "$VAULT" -n kek --query key.kty -o tsv
check_eq "the seeded secret is back" "seeded" secret_value lab-note

# --- bad input changes nothing -------------------------------------------------------------------
check "az login as the bootstrap SP" \
  az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
groups_before=$(az group list --query "length(@)" -o tsv)
cat > "$WORK/half-bad.json" << 'EOF'
{"resourceGroups": [{"name": "would-be-created", "location": "westus"}],
 "users": [{"userPrincipalName": "x@azemu.onmicrosoft.com", "id": "not-a-guid"}]}
EOF
check_fails_with "a bad id anywhere refuses the whole file" "InvalidSeed.*users\[0\].id: must be a GUID" ctl seed "$WORK/half-bad.json"
check_eq "... and the group before it was not created" "false" az group exists -n would-be-created
echo '{"tenants": [' > "$WORK/not-json.json"
check_fails_with "a file that is not JSON is refused" "InvalidSeed.*not valid JSON" ctl seed "$WORK/not-json.json"
check_fails_with "an unknown placeholder is refused" "unknown placeholder" sh -c \
  "echo '{\"resourceGroups\":[{\"name\":\"\${nope}\",\"location\":\"westus\"}]}' > $WORK/ph.json; '$AZEMU_BIN' seed $WORK/ph.json --listen 127.0.0.1:$PORT"
check_fails_with "a UPN owned by another id is refused" "belongs to user" sh -c \
  "echo '{\"users\":[{\"userPrincipalName\":\"student@azemu.onmicrosoft.com\",\"id\":\"00000000-0000-4000-8000-000000000099\"}]}' > $WORK/upn.json; '$AZEMU_BIN' seed $WORK/upn.json --listen 127.0.0.1:$PORT"
check_fails_with "a vault name ARM refuses is reported with the service's answer" "vaults\[0\]: 400" sh -c \
  "echo '{\"vaults\":[{\"name\":\"-bad-\",\"resourceGroup\":\"lab-rg\"}]}' > $WORK/vn.json; '$AZEMU_BIN' seed $WORK/vn.json --listen 127.0.0.1:$PORT"
check_eq "the number of groups did not change" "$groups_before" az group list --query "length(@)" -o tsv

# --- offline: the data dir itself ----------------------------------------------------------------
stop_azemu
echo '{"resourceGroups":[{"name":"offline-rg","location":"eastus"}]}' > "$WORK/offline.json"
check "azemu seed with no server applies to --data-dir" "$AZEMU_BIN" seed "$WORK/offline.json" --data-dir "$DATA" \
  --listen "127.0.0.1:$PORT"
AZEMU_START_ARGS="--vm-runtime guestless" start_azemu "$DATA" "$PORT" || exit 1
check_eq "... and the group is there after the start" "eastus" az group show -n offline-rg --query location -o tsv
finish
