#!/usr/bin/env bash
# e2e (issue 13): a hostile client cannot crash, hang or bloat azemu, and a stop in the middle of
# work leaves nothing stuck. Reproductions are in hardening_probe.py (raw TLS through the proxy);
# this script adds what needs az or a restart: sealed protectedSettings, PBKDF2 client secrets,
# owner-only database files, a quick SIGTERM after hostile requests, and start-up recovery of a
# deployment and a VM operation that a previous process left running.
source "$(dirname "$0")/lib.sh"
export AZEMU_LOG_LEVEL=info
e2e_setup "hardening" --runtime guestless
export PORT DATA AZEMU_PID AZEMU_LOG="$DATA.err"
PROBE=$E2E_DIR/hardening_probe.py

probe() {
  local out
  out=$(python3 "$PROBE" "$1" 2>&1)
  printf '%s\n' "$out" | grep -v '^ok - \|^not ok - \|^#' | sed 's/^/#   /'
  PASS=$((PASS + $(printf '%s\n' "$out" | grep -c '^ok - ')))
  FAIL=$((FAIL + $(printf '%s\n' "$out" | grep -c '^not ok - ')))
  printf '%s\n' "$out" | grep '^ok - \|^not ok - \|^#'
  # A probe that died without reporting is a failure too.
  printf '%s\n' "$out" | grep -q 'Traceback' && not_ok "probe $1 crashed"
  return 0
}

probe requests
probe steady
BURSTS=${HARDENING_BURSTS:-3} probe burst
check "azemu still running after the hostile phase" kill -0 "$AZEMU_PID"

# --- 5. secrets at rest ---------------------------------------------------------------------------
check "az login" az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
check "group create" az group create -n rg -l westus
ssh-keygen -q -t rsa -b 2048 -N '' -f "$WORK/id_rsa"
check "vm create (guestless)" az vm create -g rg -n vm1 --image OpenLogic:CentOS:7.2n:7.2.20160629 \
  --admin-username azureuser --ssh-key-value "$WORK/id_rsa.pub"
CANARY="CANARY-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
check "vm extension set with protectedSettings" az vm extension set -g rg --vm-name vm1 -n CustomScript \
  --publisher Microsoft.Azure.Extensions --version 2.1 --protected-settings "{\"commandToExecute\":\"echo $CANARY\"}"
check_eq "the extension does not return protectedSettings" "" \
  az vm extension show -g rg --vm-name vm1 -n CustomScript --query properties.protectedSettings -o tsv
if grep -a -q "$CANARY" "$DATA"/azemu.db*; then
  not_ok "protectedSettings canary absent from azemu.db*" "$(grep -a -l "$CANARY" "$DATA"/azemu.db*)"
else
  ok "protectedSettings canary absent from azemu.db* (sealed with the master key)"
fi
if grep -a -q "$CANARY" "$DATA.out" "$DATA.err"; then not_ok "canary absent from the log"; else ok "canary absent from the log"; fi
check "ad sp create-for-rbac (a new client secret)" az ad sp create-for-rbac -n hardening-sp
check_eq "every client secret hashed with >= 100k PBKDF2 iterations" "0" python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute('SELECT count(*) FROM aad_password_credentials WHERE secret_iterations < 100000').fetchone()[0])" \
  "$DATA/azemu.db"
check_eq "azemu.db* files are 0600" "600" sh -c "stat -c %a '$DATA'/azemu.db* | sort -u"

# --- 2. start-up recovery --------------------------------------------------------------------------
echo '{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","resources":[]}' > "$WORK/empty.json"
check "deployment group create (empty template)" az deployment group create -g rg -n interrupted --template-file "$WORK/empty.json"
started=$(date +%s%N)
stop_azemu
stopped=$(date +%s%N)
ms=$(( (stopped - started) / 1000000 ))
if [ "$ms" -lt 3000 ]; then ok "SIGTERM after hostile requests stops in ${ms} ms (nothing left in flight)"; else not_ok "SIGTERM took ${ms} ms"; fi
# Put the database in the state a kill -9 leaves mid-work: the deployment Running, the VM's create
# operation InProgress and the VM Creating.
VM_OP=$(python3 - "$DATA/azemu.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE arm_deployments SET state='Running', ended_ms=NULL WHERE id_key LIKE '%/deployments/interrupted'")
db.execute("UPDATE arm_operations SET status='InProgress', result=NULL, error=NULL, ended_at=NULL "
           "WHERE id IN (SELECT operation_id FROM arm_deployments WHERE id_key LIKE '%/deployments/interrupted')")
op = db.execute("SELECT id FROM arm_operations WHERE kind='virtualMachineCreate' ORDER BY started_at DESC").fetchone()[0]
db.execute("UPDATE arm_operations SET status='InProgress', result=NULL, error=NULL, ended_at=NULL WHERE id=?", (op,))
db.execute("UPDATE arm_resources SET body=json_set(body, '$.properties.provisioningState', 'Creating') "
           "WHERE id_key LIKE '%/virtualmachines/vm1'")
db.commit()
print(op)
PY
)
AZEMU_START_ARGS="--vm-runtime guestless" start_azemu "$DATA" "$PORT" || exit 1
check_eq "an interrupted deployment is Failed right after start" "Failed" \
  az deployment group show -g rg -n interrupted --query properties.provisioningState -o tsv
check_eq "... with DeploymentInterrupted" "DeploymentInterrupted" \
  az deployment group show -g rg -n interrupted --query properties.error.code -o tsv
check_eq "an interrupted VM operation polls as Failed (InternalExecutionError)" "Failed InternalExecutionError" \
  az rest --method get --url "https://management.azure.com/subscriptions/$AZEMU_SUBSCRIPTION_ID/providers/Microsoft.Compute/locations/westus/operations/$VM_OP?api-version=2024-07-01" \
    --query "join(' ', [status, error.code])" -o tsv
check_eq "the VM left Creating is Failed" "Failed" az vm show -g rg -n vm1 --query provisioningState -o tsv
check "a VM left Failed can be deleted" az vm delete -g rg -n vm1 --yes
finish
