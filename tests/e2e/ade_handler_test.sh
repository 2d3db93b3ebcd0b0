#!/usr/bin/env bash
# e2e: the ADE extension handler (azemu-ade-handler, dual pass 0.1) on the host against a running
# azemu, set up with the real `az` (proxy mode) as in the Azure doc: a vault enabled for disk
# encryption, a KEK, a service principal with set-policy --spn. The handler runs in a handler folder
# laid out as the guest agent lays it out, with AZEMU_PROXY=127.0.0.1:<port>, and must: write a
# success status whose message is the versioned BEK secret URL; leave KeyWrap + SecretSet by the SP
# in the audit log; create the secret with ADE's tags and no contentType; store a value that unwraps
# (with the KEK, through the vault API) to a 172-character ADE passphrase; never write that
# passphrase to disk; re-report on a repeated sequence number; and report "Enable failed." (code 13)
# for an SP without wrapKey. Usage: ade_handler_test.sh   (AZEMU_BIN, ADE_HANDLER_BIN from ctest)
source "$(dirname "$0")/lib.sh"
ADE_HANDLER_BIN=${ADE_HANDLER_BIN:-$(dirname "$AZEMU_BIN")/azemu-ade-handler}
[ -x "$ADE_HANDLER_BIN" ] || { echo "FATAL: $ADE_HANDLER_BIN missing (build target azemu-ade-handler)" >&2; exit 1; }
e2e_setup "ade"
KV=ade$$kv
echo "# vault $KV"

# --- the doc's setup with the real az ---------------------------------------------------------
check "admin login" az login -u "$AZEMU_ADMIN_USER" -p "$AZEMU_ADMIN_PASSWORD"
check "group create" az group create -n adeGroup -l EastUS
check "keyvault create --enabled-for-disk-encryption" \
  az keyvault create -n "$KV" -g adeGroup -l EastUS --enabled-for-disk-encryption True
KEK=$(az keyvault key create --vault-name "$KV" -n myKEK --protection software --query key.kid -o tsv 2>&1)
if [[ $KEK =~ ^https://$KV\.vault\.azure\.net/keys/myKEK/[0-9a-f]{32}$ ]]; then ok "KEK created: $KEK"; else not_ok "KEK create" "$KEK"; fi
{ read -r SP_ID; read -r SP_PW; } < <(az ad sp create-for-rbac -n ade-e2e-sp --query "[appId,password]" -o tsv 2>/dev/null)
SP_OID=$(az ad sp show --id "$SP_ID" --query id -o tsv 2>/dev/null)
check "set-policy --spn (wrapKey unwrapKey get; secrets set get)" az keyvault set-policy -n "$KV" --spn "$SP_ID" \
  --key-permissions wrapKey unwrapKey get --secret-permissions set get
{ read -r BAD_ID; read -r BAD_PW; } < <(az ad sp create-for-rbac -n ade-e2e-nowrap --query "[appId,password]" -o tsv 2>/dev/null)
check "set-policy for an SP without wrapKey" az keyvault set-policy -n "$KV" --spn "$BAD_ID" \
  --key-permissions get --secret-permissions set get

# --- a handler folder as the guest agent writes it --------------------------------------------
# make_handler DIR CLIENT_ID CLIENT_SECRET: HandlerEnvironment.json and config/0.settings (the
# extension PUT body of research/az-wire.md §4.8).
make_handler() {
  local dir=$1 client_id=$2 secret=$3
  mkdir -p "$dir/config" "$dir/status" "$dir/log"
  cat > "$dir/HandlerEnvironment.json" <<JSON
[{"name":"AzureDiskEncryptionForLinux","version":1.0,"handlerEnvironment":{"logFolder":"$dir/log",
  "configFolder":"$dir/config","statusFolder":"$dir/status","heartbeatFile":"$dir/heartbeat.log"}}]
JSON
  cat > "$dir/config/0.settings" <<JSON
{"runtimeSettings":[{"handlerSettings":{"protectedSettingsCertThumbprint":null,
  "protectedSettings":{"AADClientSecret":"$secret"},
  "publicSettings":{"KeyVaultURL":"https://$KV.vault.azure.net","VolumeType":"ALL","EncryptionOperation":"EnableEncryption",
    "KeyEncryptionKeyURL":"$KEK","KeyEncryptionAlgorithm":"RSA-OAEP","SequenceVersion":"$(cat /proc/sys/kernel/random/uuid)",
    "AADClientID":"$client_id","AADClientCertThumbprint":null}}}]}
JSON
}
# run_handler DIR ROOT: runs `enable` as the agent does (cwd = handler folder, ConfigSequenceNumber).
run_handler() {
  (cd "$1" && env -i PATH=/usr/bin:/bin HOME="$WORK" ConfigSequenceNumber=0 AZEMU_PROXY="127.0.0.1:$PORT" \
    AZEMU_CA_FILE="$DATA/ca.pem" AZEMU_ADE_ROOT="$2" "$ADE_HANDLER_BIN" enable) > "$1/handler.log" 2>&1
}
# status_field FILE JQ: JQ applied to the status object of a handler status file.
status_field() { jq -r ".[0].status | $2" "$1"; }

H=$WORK/good/Microsoft.Azure.Security.AzureDiskEncryptionForLinux-0.1
ROOT=$WORK/good/root
mkdir -p "$ROOT"
make_handler "$H" "$SP_ID" "$SP_PW"
if run_handler "$H" "$ROOT"; then ok "handler enable exits 0"; else not_ok "handler enable exits 0" "$(cat "$H/handler.log")"; fi
STATUS=$H/status/0.status
check_eq "status: success" "success" status_field "$STATUS" '.status'
check_eq "status: code 0, operation EnableEncryption" "0 EnableEncryption" status_field "$STATUS" '.code + " " + .operation'
check_eq "status: name" "Microsoft.Azure.Security.AzureDiskEncryptionForLinux" status_field "$STATUS" '.name'
SECRET_URL=$(status_field "$STATUS" '.formattedMessage.message' 2>&1)
if [[ $SECRET_URL =~ ^https://$KV\.vault\.azure\.net/secrets/[0-9a-f-]{36}/[0-9a-f]{32}$ ]]; then ok "status message is the versioned secret URL: $SECRET_URL"
else not_ok "status message is the versioned secret URL" "$SECRET_URL$(cat "$H/handler.log")"; fi
check_eq "substatus: ADE's JSON (marker set, volume type ALL)" '{"os": "EncryptionInProgress", "data": "EncryptionInProgress"}' \
  status_field "$STATUS" '.substatus[0].formattedMessage.message'
check "encryption config and marker written" test -s "$ROOT/var/lib/azure_disk_encryption_config/azure_crypt_config.ini" \
  -a -s "$ROOT/var/lib/azure_disk_encryption_config/azure_crypt_request_queue.ini"

# --- what Key Vault saw -----------------------------------------------------------------------
AUDIT=$("$AZEMU_BIN" audit --data-dir "$DATA" --vault "$KV" --json 2>&1)
audit_has() {  # OPERATION STATUS OID [URI_SUFFIX]: a record with that operation, HTTP status, caller oid
  AUDIT_TEXT=$AUDIT python3 - "$1" "$2" "$3" "${4:-}" <<'PY'
import json, os, sys
op, status, oid, suffix = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
text = os.environ["AUDIT_TEXT"].strip()
recs = json.loads(text) if text.startswith("[") else [json.loads(l) for l in text.splitlines() if l.strip()]
hit = [r for r in recs if r["operationName"] == op and r["httpStatusCode"] == status
       and r["requestUri"].endswith(suffix)
       and (oid == "-" or oid in ((r.get("identity") or {}).get("claim") or {}).values())]
sys.exit(0 if hit else 1)
PY
}
check "audit: the unauthenticated GET /keys? probe (Authentication 401)" audit_has Authentication 401 - "/keys?"
check "audit: KeyWrap by the SP (200)" audit_has KeyWrap 200 "$SP_OID"
check "audit: SecretSet by the SP (200)" audit_has SecretSet 200 "$SP_OID"

TOKEN=$(curl -sf --proxy "http://127.0.0.1:$PORT" --cacert "$DATA/ca.pem" \
  -d "grant_type=client_credentials&client_id=$SP_ID&client_secret=$SP_PW&scope=https%3A%2F%2Fvault.azure.net%2F.default" \
  "https://login.microsoftonline.com/$AZEMU_TENANT_ID/oauth2/v2.0/token" | jq -r .access_token)
kv() {  # METHOD URL [BODY]
  curl -s --proxy "http://127.0.0.1:$PORT" --cacert "$DATA/ca.pem" -X "$1" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' ${3:+-d "$3"} "$2"
}
SECRET=$(kv GET "$SECRET_URL?api-version=7.4")
check_eq "secret tags are ADE's (algorithm + key file name), no contentType" \
  '{"DiskEncryptionKeyEncryptionAlgorithm":"RSA-OAEP","DiskEncryptionKeyFileName":"LinuxPassPhraseFileName"} null' \
  jq -r '"\(.tags | to_entries | sort_by(.key) | from_entries | tojson) \(.contentType)"' <<<"$SECRET"
WRAPPED=$(jq -r .value <<<"$SECRET")
UNWRAPPED=$(kv POST "$KEK/unwrapkey?api-version=7.4" "{\"alg\":\"RSA-OAEP\",\"value\":\"$WRAPPED\"}")
PASSPHRASE=$(jq -r .value <<<"$UNWRAPPED" | base64url_decode 2>&1)
check_eq "unwrapped secret is an ADE passphrase (172 chars, base64 of 127 bytes)" "127" \
  bash -c '[ ${#1} -eq 172 ] && [[ $1 == *== ]] && printf %s "$1" | base64 -d | wc -c' _ "$PASSPHRASE"
if [ ${#PASSPHRASE} -eq 172 ] && ! grep -rqF -- "$PASSPHRASE" "$WORK/good"; then ok "the passphrase is not on disk (handler folder, logs, state)"
else not_ok "the passphrase is not on disk" "$(grep -rlF -- "$PASSPHRASE" "$WORK/good" 2>&1)"; fi
if ! grep -rqF -- "$SP_PW" "$H/log" "$H/handler.log" "$H/status" "$ROOT"; then ok "the client secret is not logged"; else not_ok "the client secret is not logged"; fi

# Pass 2 (enable again with the same sequence number, the marker present): ADE starts its daemon
# and reports success with the stored secret URL; the daemon then finds no BEK volume on this host
# and reports "Passphrase file not found." (code 15). No second secret is written.
SETS_BEFORE=$("$AZEMU_BIN" audit --data-dir "$DATA" --vault "$KV" | grep -c SecretSet)
run_handler "$H" "$ROOT"
check_eq "pass 2: enable reports the stored secret URL" "$SECRET_URL" bash -c "grep -o 'op: EnableEncryption status: success code: 0 msg: [^ ]*' '$H/log/extension.log' | tail -n1 | sed 's/.* msg: //'"
# The daemon runs detached: wait for its final status (event: the status file changes; deadline 30 s).
for _ in $(seq 300); do
  [ "$(status_field "$STATUS" '.code' 2>/dev/null)" = 15 ] && break
  sleep 0.1
done
check_eq "pass 2 without a BEK volume: error 15 Passphrase file not found." "error 15 Passphrase file not found." \
  status_field "$STATUS" '.status + " " + .code + " " + .formattedMessage.message'
check_eq "...and no second secret" "$SETS_BEFORE" bash -c "'$AZEMU_BIN' audit --data-dir '$DATA' --vault '$KV' | grep -c SecretSet"

# --- an SP without wrapKey ------------------------------------------------------------------------
HB=$WORK/nowrap/Microsoft.Azure.Security.AzureDiskEncryptionForLinux-0.1
mkdir -p "$WORK/nowrap/root"
make_handler "$HB" "$BAD_ID" "$BAD_PW"
if run_handler "$HB" "$WORK/nowrap/root"; then not_ok "handler enable fails without wrapKey"; else ok "handler enable fails without wrapKey (exit $?)"; fi
check_eq "status: error, code 13, Enable failed." "error 13 Enable failed." \
  status_field "$HB/status/0.status" '.status + " " + .code + " " + .formattedMessage.message'
check "the extension log names Key Vault's 403" grep -q "wrapkey failed: HTTP 403" "$HB/log/extension.log"
BAD_OID=$(az ad sp show --id "$BAD_ID" --query id -o tsv 2>/dev/null)
AUDIT=$("$AZEMU_BIN" audit --data-dir "$DATA" --vault "$KV" --json 2>&1)
check "audit: KeyWrap 403 for the SP without wrapKey" audit_has KeyWrap 403 "$BAD_OID"
check "no encryption marker after a failure" test ! -e "$WORK/nowrap/root/var/lib/azure_disk_encryption_config/azure_crypt_request_queue.ini"

# --- a precheck failure ------------------------------------------------------------------------
HP=$WORK/precheck/Microsoft.Azure.Security.AzureDiskEncryptionForLinux-0.1
mkdir -p "$WORK/precheck/root"
make_handler "$HP" "not-a-guid" "x"
run_handler "$HP" "$WORK/precheck/root"
check_eq "bad AADClientID: error 53 with ADE's message" "error 53 AADClientID value is missing or invalid." \
  status_field "$HP/status/0.status" '.status + " " + .code + " " + (.formattedMessage.message | split("\n")[0])'

finish
