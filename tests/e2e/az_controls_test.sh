#!/usr/bin/env bash
# e2e (issue 14, first part): the control API with the real az 2.45 — CA download, fault injection
# that az's own retry rides out, a fault az reports as Azure's error, time travel past a soft-deleted
# vault's purge date, metrics that move with the traffic, and bad rules refused without a change.
source "$(dirname "$0")/lib.sh"
e2e_setup "controls" --runtime guestless

# --- 1. the CA, over plain HTTP and offline ------------------------------------------------------
check_eq "GET http://.../_azemu/ca.pem equals the CA" "$(cat "$DATA/ca.pem")" \
  curl -sf --noproxy '*' "http://127.0.0.1:$PORT/_azemu/ca.pem"
check_eq "azemu ca equals the CA" "$(cat "$DATA/ca.pem")" "$AZEMU_BIN" ca --data-dir "$DATA"
check_eq "GET /_azemu/health says ready" "ready" sh -c \
  "curl -sf --noproxy '*' http://127.0.0.1:$PORT/_azemu/health | jq -r .status"

check "azemu env --host NAME points the proxy at that name (clients in a container network)" sh -c \
  "'$AZEMU_BIN' env --data-dir '$DATA' --listen 0.0.0.0:$PORT --host azemu.test | grep -qx \"export HTTPS_PROXY='http://azemu.test:$PORT'\""

check "az login" az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"

# --- 5. faults -----------------------------------------------------------------------------------
check_fails_with "an unknown rule field is refused" "InvalidFaultRule.*unknown field 'sttus'" \
  ctl faults add '{"sttus":500}'
fault_rules() { ctl faults list | jq "$1"; }
check_eq "... and changes nothing" "0" fault_rules '.value | length'
check "faults add: one 429 with Retry-After on group PUT" \
  ctl faults add '{"method":"PUT","path":"/subscriptions/*/resourcegroups/*","status":429,"retryAfter":1,"count":1}'
check "az group create succeeds through az's own retry of the 429" az group create -n rg1 -l westus
check_eq "the rule was hit once" "1" fault_rules '.value[0].hits'
check "faults clear" ctl faults clear
check "faults add: a 409 Conflict with a message on group PUT" \
  ctl faults add '{"method":"PUT","path":"*/resourcegroups/rg2","status":409,"code":"ScopeLocked","message":"Injected lock for the exercise."}'
check_fails_with "az group create reports the injected code and message" "ScopeLocked.*Injected lock" \
  az group create -n rg2 -l westus
check "faults clear" ctl faults clear
check "az group create works again" az group create -n rg2 -l westus

# --- 6. time travel ------------------------------------------------------------------------------
VAULT=ctl$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
check "keyvault create" az keyvault create -n "$VAULT" -g rg1 -l westus
check "keyvault delete (soft delete, 90 days)" az keyvault delete -n "$VAULT"
check_eq "list-deleted shows it" "$VAULT" az keyvault list-deleted --query "[0].name" -o tsv
check_fails_with "time set into the past is refused" "only moves forward" ctl time set 2001-01-01T00:00:00Z
check "azemu time advance 91d" ctl time advance 91d
# az's cached token expired 91 days ago in azemu's time (ExpiredAuthenticationToken, as Azure says): log in again.
check "az login again after the time jump" sh -c "az account clear && az login --service-principal -u '$AZEMU_CLIENT_ID' -p '$AZEMU_CLIENT_SECRET' --tenant '$AZEMU_TENANT_ID'"
check_eq "the purge date passed: list-deleted is empty" "" az keyvault list-deleted --query "[].name" -o tsv

# --- 7. metrics ----------------------------------------------------------------------------------
before=$(ctl metrics | awk '/^azemu_requests_total\{service="arm"/ { n += $2 } END { print n + 0 }')
check "az group list" az group list
after=$(ctl metrics | awk '/^azemu_requests_total\{service="arm"/ { n += $2 } END { print n + 0 }')
if [ "$after" -gt "$before" ]; then ok "ARM request counters moved ($before -> $after)"; else not_ok "ARM counters did not move ($before -> $after)"; fi
check "metrics show injected faults" sh -c "'$AZEMU_BIN' metrics --listen 127.0.0.1:$PORT | grep -q '^azemu_faults_injected_total 2$'"
check "metrics show a histogram" sh -c "'$AZEMU_BIN' metrics --listen 127.0.0.1:$PORT | grep -q 'azemu_request_duration_seconds_bucket{service=\"arm\",le=\"+Inf\"}'"

# --- 2. reset ------------------------------------------------------------------------------------
check "az vm create (guestless, stopped afterwards)" az vm create -g rg1 -n vm1 --image OpenLogic:CentOS:7.2n:7.2.20160629 \
  --admin-username azureuser --generate-ssh-keys
check "az vm stop" az vm stop -g rg1 -n vm1
create_groups 100 many || not_ok "100 resource groups created for the reset"
check_eq "groups before reset: 102" "102" az group list --query "length(@)" -o tsv
reset_out=$(ctl reset 2>&1)
ms=$(printf '%s' "$reset_out" | jq '.milliseconds | floor' 2>/dev/null || echo 99999)
if [ "$ms" -lt 1000 ]; then ok "azemu reset with 100 groups and a stopped VM took ${ms} ms (< 1 s)"; else not_ok "reset took ${ms} ms" "$reset_out"; fi
check_eq "after reset: no groups" "0" az group list --query "length(@)" -o tsv
check_eq "after reset: the seeded service principal is back (Graph)" "$AZEMU_CLIENT_ID" \
  az ad sp show --id "$AZEMU_CLIENT_ID" --query appId -o tsv
check "after reset: a new group can be created" az group create -n fresh -l westus

# --- 4. fixed identities (flags, and the AZEMU_* variables azemu env printed) ---------------------
stop_azemu
FIXED_TENANT=11111111-2222-4333-8444-555555555555
AZEMU_START_ARGS="--vm-runtime guestless --tenant-id $FIXED_TENANT" start_azemu "$WORK/fixed" "$PORT" || exit 1
check_eq "a new data dir takes --tenant-id" "$FIXED_TENANT" sh -c \
  "'$AZEMU_BIN' env --data-dir '$WORK/fixed' | sed -n \"s/^export AZEMU_TENANT_ID='\\(.*\\)'/\\1/p\""
check_eq "... and AZEMU_SUBSCRIPTION_ID from the environment" "$AZEMU_SUBSCRIPTION_ID" sh -c \
  "'$AZEMU_BIN' env --data-dir '$WORK/fixed' | sed -n \"s/^export AZEMU_SUBSCRIPTION_ID='\\(.*\\)'/\\1/p\""
eval "$("$AZEMU_BIN" env --data-dir "$WORK/fixed" --listen "127.0.0.1:$PORT")"
check "az login with the fixed identities" az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" \
  --tenant "$FIXED_TENANT"
stop_azemu
check_fails_with "another --tenant-id on the same data dir is refused" "already has tenant '$FIXED_TENANT'" \
  "$AZEMU_BIN" start --data-dir "$WORK/fixed" --listen "127.0.0.1:$PORT" --tenant-id 99999999-2222-4333-8444-555555555555
check_fails_with "a malformed tenant id is refused" "is not a GUID" \
  "$AZEMU_BIN" start --data-dir "$WORK/fixed2" --listen "127.0.0.1:$PORT" --tenant-id not-a-guid
finish
