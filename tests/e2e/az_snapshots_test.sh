#!/usr/bin/env bash
# e2e (issue 14, item 3): `azemu snapshot` with the real az 2.45 — build a cloud (a group with a
# vault and a secret, a running guestless VM, 100 more groups), save it, break it (delete the
# group, add another, change the secret), restore it and find it as saved; save and restore each
# well under a second; bad names and unknown snapshots refused without a change.
source "$(dirname "$0")/lib.sh"
e2e_setup "snapshots" --runtime guestless
# az 2.45's `keyvault secret` needs a track-1 SDK Debian lacks: secrets go to the data plane with curl
# through azemu's proxy, as the seeded SP (the vault's creator, so in its access policy).
kv() {  # kv METHOD PATH [JSON]
  curl -sf --proxy "http://127.0.0.1:$PORT" --cacert "$DATA/ca.pem" -X "$1" -H "Authorization: Bearer $KV_TOKEN" \
    -H 'content-type: application/json' ${3:+-d "$3"} "https://$VAULT.vault.azure.net$2?api-version=7.4"
}
secret_value() { kv GET "/secrets/$1" | jq -r .value; }
secret_versions() { kv GET "/secrets/$1/versions" | jq '.value | length'; }
snapshots() { ctl snapshot list | jq -r "$1"; }

check "az login" az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"

# --- the cloud to keep ---------------------------------------------------------------------------
VAULT=snap$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
check "group create" az group create -n lab -l westus
check "keyvault create" az keyvault create -n "$VAULT" -g lab -l westus
KV_TOKEN=$(sp_token https://vault.azure.net/.default)
check "secret set (v1)" kv PUT /secrets/greeting '{"value":"saved-value"}'
check "az vm create (guestless, running)" az vm create -g lab -n vm1 --image OpenLogic:CentOS:7.2n:7.2.20160629 \
  --admin-username azureuser --generate-ssh-keys
create_groups 100 many || not_ok "100 resource groups created"
check_eq "groups before the snapshot: 101" "101" az group list --query "length(@)" -o tsv

# --- save ----------------------------------------------------------------------------------------
save_out=$(ctl snapshot save lab-start 2>&1)
ms=$(printf '%s' "$save_out" | jq .milliseconds 2>/dev/null | cut -d. -f1)
if [ -n "$ms" ] && [ "$ms" -lt 1000 ]; then ok "snapshot save of 100+ resources and a running VM took ${ms} ms (< 1 s)"
else not_ok "snapshot save" "$save_out"; fi
check_eq "the running VM was stopped for the copy" "1" jq .vmsRunning <<<"$save_out"
check "the snapshot is a folder under the data dir" test -f "$DATA/snapshots/lab-start/azemu.db"
check_eq "snapshot list shows it" "lab-start" snapshots '[.value[].name] | join(" ")'
check_eq "GET /_azemu/snapshots shows it too" "lab-start" sh -c \
  "curl -sf --noproxy '*' http://127.0.0.1:$PORT/_azemu/snapshots | jq -r '.value[0].name'"
check_eq "the VM is running again after the save" "VM running" \
  az vm get-instance-view -g lab -n vm1 --query "instanceView.statuses[?starts_with(code,'PowerState')].displayStatus | [0]" -o tsv

# --- break it ------------------------------------------------------------------------------------
check "secret set (v2)" kv PUT /secrets/greeting '{"value":"broken-value"}'
check_eq "the secret changed" "broken-value" secret_value greeting
check "group create (another)" az group create -n extra -l westus
check "group delete (the vault and the VM go with it)" az group delete -n lab --yes
check_eq "the group is gone" "false" az group exists -n lab

# --- restore -------------------------------------------------------------------------------------
restore_out=$(ctl snapshot restore lab-start 2>&1)
ms=$(printf '%s' "$restore_out" | jq .milliseconds 2>/dev/null | cut -d. -f1)
if [ -n "$ms" ] && [ "$ms" -lt 1000 ]; then ok "snapshot restore took ${ms} ms (< 1 s)"
else not_ok "snapshot restore" "$restore_out"; fi
check_eq "the group is back" "true" az group exists -n lab
check_eq "the added group is gone" "false" az group exists -n extra
check_eq "all 101 groups, nothing else" "101" az group list --query "length(@)" -o tsv
check_eq "the vault is back" "$VAULT" az keyvault show -n "$VAULT" --query name -o tsv
check_eq "the secret has its saved value" "saved-value" secret_value greeting
check_eq "the secret has one version again" "1" secret_versions greeting
check_eq "the VM is back and running" "VM running" \
  az vm get-instance-view -g lab -n vm1 --query "instanceView.statuses[?starts_with(code,'PowerState')].displayStatus | [0]" -o tsv
check "a new group can be created after the restore" az group create -n after -l westus
check "restored again (a lab restores it for every student)" ctl snapshot restore lab-start
check_eq "... and the group made since is gone" "false" az group exists -n after

# --- bad input -----------------------------------------------------------------------------------
check_fails_with "a name with path characters is refused (400)" "400.*InvalidSnapshotName" ctl snapshot save ../escape
check_fails_with "... over the API too" "InvalidSnapshotName" sh -c \
  "curl -s --noproxy '*' -X POST -H 'content-type: application/json' -d '{\"name\":\"a/b\"}' http://127.0.0.1:$PORT/_azemu/snapshots; exit 1"
check "... and nothing was written outside the snapshots folder" test ! -e "$DATA/escape"
check_fails_with "an unknown field is refused" "unknown field 'nmae'" sh -c \
  "curl -s --noproxy '*' -X POST -H 'content-type: application/json' -d '{\"name\":\"x\",\"nmae\":\"y\"}' http://127.0.0.1:$PORT/_azemu/snapshots; exit 1"
check_fails_with "saving over an existing name is refused" "409.*SnapshotExists" ctl snapshot save lab-start
check_fails_with "restoring an unknown snapshot is refused" "404.*SnapshotNotFound" ctl snapshot restore nope
check_fails_with "restore without a name is refused" "needs a NAME" ctl snapshot restore
check_eq "the cloud is unchanged by the refusals" "101" az group list --query "length(@)" -o tsv
check "snapshot delete" ctl snapshot delete lab-start
check_eq "snapshot list is empty" "0" snapshots '.value | length'
check_fails_with "deleting it again: not found" "404.*SnapshotNotFound" ctl snapshot delete lab-start

# --- offline: no server at --listen, the data dir is used directly --------------------------------
stop_azemu
check "offline snapshot save (no server running)" sh -c \
  "'$AZEMU_BIN' snapshot save offline1 --data-dir '$DATA' --listen 127.0.0.1:$PORT 2>&1 | grep -q 'using --data-dir'"
check_fails_with "offline: a bad name is refused the same way" "InvalidSnapshotName" \
  "$AZEMU_BIN" snapshot restore ../x --data-dir "$DATA" --listen "127.0.0.1:$PORT"
AZEMU_START_ARGS="--vm-runtime guestless" start_azemu "$DATA" "$PORT" || exit 1
check "group create (after the offline save)" az group create -n later -l westus
stop_azemu
check "offline snapshot restore" "$AZEMU_BIN" snapshot restore offline1 --data-dir "$DATA" --listen "127.0.0.1:$PORT"
AZEMU_START_ARGS="--vm-runtime guestless" start_azemu "$DATA" "$PORT" || exit 1
check_eq "the group made after the offline save is gone" "false" az group exists -n later
check_eq "the group from before is there" "true" az group exists -n lab
check_eq "... and the vault's secret" "saved-value" secret_value greeting
finish
