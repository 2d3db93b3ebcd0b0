#!/usr/bin/env bash
# e2e (issue 14): the control API with the real az 2.45 — CA download, fault injection that az's own
# retry rides out, a fault az reports as Azure's error, latency, a dropped connection, a failLro rule
# that fails `az vm create`, time travel past a soft-deleted vault's purge date, metrics that move with
# the traffic, bad rules refused without a change, and --admin-token enforced on the admin API.
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
fault_rules() { ctl faults list | jq "$@"; }
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

# --- 5b. latency, dropped connections, failed LROs ------------------------------------------------
# Before the reset below (which clears rules); after the metrics check (which counts the hits above).
elapsed_ms() { local t0 t1; t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N); echo $(((t1 - t0) / 1000000)); }
base_ms=$(elapsed_ms az group show -n rg2)
# 8 s: az's own start-up varies by seconds on a loaded CI machine; the delay must stand out of that.
check "faults add: 8 s of latency on one group GET" \
  ctl faults add '{"method":"GET","path":"*/resourcegroups/rg2","latencyMs":8000,"count":1}'
slow_ms=$(elapsed_ms az group show -n rg2)
if [ $((slow_ms - base_ms)) -ge 5000 ]; then ok "the latency rule delayed az group show (${base_ms} ms -> ${slow_ms} ms)"
else not_ok "the latency rule did not delay az group show (${base_ms} ms -> ${slow_ms} ms)"; fi
check_eq "the latency rule was hit once and is listed with latencyMs" "1 8000" \
  fault_rules -r '.value[-1] | "\(.hits) \(.latencyMs)"'
check "faults clear" ctl faults clear
check "faults add: drop every connection that asks for rg2" \
  ctl faults add '{"method":"GET","path":"*/resourcegroups/rg2","drop":true}'
check_fails_with "az group show reports a connection error (after its own retries)" \
  "Connection aborted|RemoteDisconnected|EOF occurred|ConnectionError|connection" az group show -n rg2
check "faults clear" ctl faults clear
check "az group show works again" az group show -n rg2
check_fails_with "a bad failLro value is refused and names the field" "InvalidFaultRule.*failLro.afterPolls" \
  ctl faults add '{"operation":"Microsoft.Compute/virtualMachines/write","failLro":{"code":"X","afterPolls":0}}'
check "faults add: failLro on Microsoft.Compute/virtualMachines/write" \
  ctl faults add '{"operation":"Microsoft.Compute/virtualMachines/write","count":1,"failLro":{"code":"OSProvisioningTimedOut","message":"Injected: the VM agent did not report ready.","afterPolls":2}}'
check_fails_with "az vm create fails with the injected code and message" \
  '"code": ?"OSProvisioningTimedOut".*"message": ?"Injected: the VM agent did not report ready.' \
  az vm create -g rg2 -n vmFail --image OpenLogic:CentOS:7.2n:7.2.20160629 --admin-username azureuser --generate-ssh-keys
check_eq "the VM is there with provisioningState Failed, as Azure leaves it" "Failed" \
  az vm show -g rg2 -n vmFail --query provisioningState -o tsv
check_eq "the failLro rule was hit once" "1" sh -c \
  "'$AZEMU_BIN' faults list --listen 127.0.0.1:$PORT | jq '.value[0].hits'"
check "faults clear" ctl faults clear

# Guest faults: no request of their own, so `path` globs the VM's ARM id.
check_fails_with "a guestFailure rule naming a request field is refused" "InvalidFaultRule.*guestFailure" \
  ctl faults add '{"method":"PUT","guestFailure":{"on":"boot"}}'
check_fails_with "a guestFailure with an unknown event is refused" "InvalidFaultRule.*guestFailure.on" \
  ctl faults add '{"guestFailure":{"on":"reboot"}}'
check "faults add: the guest of vmNoBoot fails to boot" \
  ctl faults add '{"path":"*/virtualMachines/vmNoBoot","count":2,"guestFailure":{"on":"boot"}}'
check_fails_with "az vm create fails with Azure's OSProvisioningTimedOut" "OSProvisioningTimedOut" \
  az vm create -g rg2 -n vmNoBoot --image OpenLogic:CentOS:7.2n:7.2.20160629 --admin-username azureuser --generate-ssh-keys
check_eq "... and the VM is left Failed" "Failed" az vm show -g rg2 -n vmNoBoot --query provisioningState -o tsv
check_fails_with "az vm start fails the same way while the rule lasts" "OSProvisioningTimedOut" az vm start -g rg2 -n vmNoBoot
check "once the rule is used up, az vm start boots it" az vm start -g rg2 -n vmNoBoot
check_eq "... and it runs" "VM running" \
  az vm get-instance-view -g rg2 -n vmNoBoot --query "instanceView.statuses[?starts_with(code,'PowerState')].displayStatus | [0]" -o tsv
check "faults add: CustomScript fails on vmNoBoot" \
  ctl faults add '{"path":"*/vmNoBoot","guestFailure":{"on":"extension","extension":"CustomScript","message":"Injected: the script exited with 1."}}'
check_fails_with "az vm extension set fails with VMExtensionProvisioningError and the handler's message" \
  "VMExtensionProvisioningError.*Injected: the script exited with 1" \
  az vm extension set -g rg2 --vm-name vmNoBoot -n CustomScript --publisher Microsoft.Azure.Extensions --version 2.1 \
  --settings '{"commandToExecute":"true"}'
check_eq "the extension's instance view shows the error" "ProvisioningState/failed" \
  az vm get-instance-view -g rg2 -n vmNoBoot --query "instanceView.extensions[?name=='CustomScript'].statuses[0].code | [0]" -o tsv
check_eq "the guest rules were hit 3 times" "3" sh -c \
  "'$AZEMU_BIN' faults list --listen 127.0.0.1:$PORT | jq '[.value[].hits] | add'"
check "faults clear" ctl faults clear
check "with the rules gone, the extension succeeds (new settings: delivered again)" \
  az vm extension set -g rg2 --vm-name vmNoBoot -n CustomScript --publisher Microsoft.Azure.Extensions --version 2.1 \
  --settings '{"commandToExecute":"true again"}'

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

# --- 7b. --admin-token: the admin API needs the token, /_azemu/health does not -------------------
ADMIN_TOKEN=e2e-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
AZEMU_START_ARGS="--vm-runtime guestless --admin-token $ADMIN_TOKEN --kv-throttling azure" start_azemu "$WORK/admin" "$PORT" || exit 1
check_eq "without the token GET /_azemu/faults is 401" "401" \
  curl -s -o /dev/null -w '%{http_code}' --noproxy '*' "http://127.0.0.1:$PORT/_azemu/faults"
check_eq "a wrong token is 401 too" "401" \
  curl -s -o /dev/null -w '%{http_code}' --noproxy '*' -H "Authorization: Bearer wrong" "http://127.0.0.1:$PORT/_azemu/faults"
check_eq "with the token it is 200" "200" \
  curl -s -o /dev/null -w '%{http_code}' --noproxy '*' -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$PORT/_azemu/faults"
check_eq "/_azemu/health needs no token" "200" \
  curl -s -o /dev/null -w '%{http_code}' --noproxy '*' "http://127.0.0.1:$PORT/_azemu/health"
check_fails_with "azemu faults add without the token is refused (nothing added)" "401.*AdminTokenRequired" \
  "$AZEMU_BIN" faults add '{"status":500}' --listen "127.0.0.1:$PORT"
check "azemu faults list --admin-token TOKEN" "$AZEMU_BIN" faults list --listen "127.0.0.1:$PORT" --admin-token "$ADMIN_TOKEN"
check_eq "AZEMU_ADMIN_TOKEN works too, and the refused add changed nothing" "0" sh -c \
  "AZEMU_ADMIN_TOKEN='$ADMIN_TOKEN' '$AZEMU_BIN' faults list --listen 127.0.0.1:$PORT | jq '.value | length'"

# --- 5c. --kv-throttling azure (same server): Key Vault's 20 key CREATEs per 10 s per vault ----------
# EC P-256 keys (the same limit as RSA 2,048): generated in microseconds, so the 21 creates fit in the
# 10 s window even on a loaded CI machine (21 RSA key generations did not, once).
DATA=$WORK/admin
eval "$("$AZEMU_BIN" env --data-dir "$DATA" --listen "127.0.0.1:$PORT")"
check "az login (throttled azemu)" az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
TVAULT=thr$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
check "group + vault for throttling" sh -c "az group create -n thr -l westus >/dev/null && az keyvault create -n $TVAULT -g thr -l westus ${KV_ACCESS_POLICIES[*]} >/dev/null"
VTOKEN=$(sp_token https://vault.azure.net/.default)
check_eq "21 key creates in 10 s: 20 pass, the 21st gets 429 Throttled with Retry-After" "201x20 429 Throttled retry" \
  env E2E_DIR="$E2E_DIR" PORT="$PORT" DATA="$DATA" python3 - "$TVAULT" "$VTOKEN" <<'PY'
import json, os, sys
sys.path.insert(0, os.environ["E2E_DIR"])
import azemu_client as c
vault, token = sys.argv[1:3]
codes = []
for i in range(21):
    r = c.request("POST", f"{vault}.vault.azure.net", f"/keys/k{i}/create?api-version=7.4", b'{"kty":"EC","crv":"P-256"}', token)
    codes.append(r.status)
ok = codes[:20] == [200] * 20
body = json.loads(r.body)
retry = "retry-after" in r.headers
print(("201x20" if ok else f"codes {codes}") + f" {r.status} {body.get('error', {}).get('code')}" + (" retry" if retry else ""))
PY
stop_azemu
finish
