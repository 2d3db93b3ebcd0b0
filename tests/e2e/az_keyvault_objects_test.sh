#!/usr/bin/env bash
# e2e: every `az keyvault key` and `az keyvault secret` command of az 2.74 against azemu (proxy mode), on a default
# (RBAC) vault whose creator holds Key Vault Administrator. Results are checked, not only exit codes: public keys
# downloaded as PEM and DER sign-verify and encrypt on the host with openssl, decrypt returns the plaintext, backups
# restore the same material, soft delete, recover and purge show in the lists. Roles and 403s: az_keyvault_rbac_test.sh.
# Not for az 2.45 (track-1 SDK missing on Debian). Usage: AZEMU_AZ=2.74 az_keyvault_objects_test.sh
source "$(dirname "$0")/lib.sh"
[ "$AZEMU_AZ" = 2.74 ] || { echo "FATAL: this suite drives az 2.74: run it with AZEMU_AZ=2.74" >&2; exit 1; }
e2e_setup "kvobj"
KV=kvo$$e2e
V=(--vault-name "$KV")
echo "# vault $KV"

# json_field FIELD CMD...: runs an az command with -o json and prints one top-level field (az's tsv prints the
# bytes of a decrypt result as "b'...'", so results are read from JSON).
json_field() {
  local field=$1; shift
  "$@" -o json | jq -r --arg f "$field" '.[$f]'
}
# der_sig R||S_BASE64: a JWS ECDSA signature (r||s) as the DER sequence openssl verifies.
der_sig() {
  python3 - "$1" <<'PY'
import base64, sys
sig = base64.b64decode(sys.argv[1]); n = len(sig) // 2
def integer(b):
    b = b.lstrip(b"\0") or b"\0"
    if b[0] & 0x80: b = b"\0" + b
    return b"\x02" + bytes([len(b)]) + b
body = integer(sig[:n]) + integer(sig[n:])
sys.stdout.buffer.write(b"\x30" + bytes([len(body)]) + body)
PY
}

check "admin login" az login -u "$AZEMU_ADMIN_USER" -p "$AZEMU_ADMIN_PASSWORD"
check "group create" az group create -n kvObjGroup -l WestUS
check_eq "keyvault create (RBAC by default)" "true" \
  az keyvault create --name "$KV" -g kvObjGroup -l WestUS --query properties.enableRbacAuthorization -o tsv
VID=$(az keyvault show -n "$KV" --query id -o tsv 2>/dev/null)
check "Key Vault Administrator for the creator" az role assignment create --role "Key Vault Administrator" \
  --assignee-object-id "$(az ad signed-in-user show --query id -o tsv 2>/dev/null)" --assignee-principal-type User --scope "$VID"

# --- keys: create, show, list, download, sign/verify, encrypt/decrypt ------------------------------------
KID1=$(az keyvault key create "${V[@]}" -n rsa1 --query key.kid -o tsv 2>&1)
if [[ $KID1 == https://$KV.vault.azure.net/keys/rsa1/* ]]; then ok "key create rsa1"; else not_ok "key create rsa1" "$KID1"; fi
check_eq "key show" "$KID1" az keyvault key show "${V[@]}" -n rsa1 --query key.kid -o tsv
check_eq "key show --version" "$KID1" az keyvault key show "${V[@]}" -n rsa1 --version "${KID1##*/}" --query key.kid -o tsv
check "key create ec1 (EC P-256)" az keyvault key create "${V[@]}" -n ec1 --kty EC --curve P-256
check_eq "key list" "ec1 rsa1" bash -c "az keyvault key list --vault-name $KV --query '[].name' -o tsv | sort | paste -sd ' '"
check "key download (PEM)" az keyvault key download "${V[@]}" -n rsa1 -f "$WORK/rsa1.pem"
check "key download (DER)" az keyvault key download "${V[@]}" -n rsa1 -f "$WORK/rsa1.der" -e DER
check "PEM and DER hold the same public key" \
  bash -c "openssl pkey -pubin -in '$WORK/rsa1.pem' -outform DER | cmp - '$WORK/rsa1.der'"
N_SHOWN=$(az keyvault key show "${V[@]}" -n rsa1 --query key.n -o json 2>/dev/null | jq -r . | base64 -d | od -An -v -tx1 |
  tr -d ' \n' | tr a-f A-F)
check_eq "the downloaded key's modulus is the key's n" "Modulus=$N_SHOWN" openssl rsa -pubin -in "$WORK/rsa1.pem" -noout -modulus

printf 'message signed by azemu %s' "$$" > "$WORK/msg.txt"
DIGEST=$(openssl dgst -sha256 -binary "$WORK/msg.txt" | base64 -w0)
SIG=$(az keyvault key sign "${V[@]}" -n rsa1 -a RS256 --digest "$DIGEST" --query signature -o tsv 2>/dev/null)
base64 -d <<<"$SIG" > "$WORK/rsa1.sig"
check_eq "key sign RS256: openssl verifies it with the downloaded key" "Verified OK" \
  openssl dgst -sha256 -verify "$WORK/rsa1.pem" -signature "$WORK/rsa1.sig" "$WORK/msg.txt"
check_eq "key verify: the signature is valid" "true" \
  az keyvault key verify "${V[@]}" -n rsa1 -a RS256 --digest "$DIGEST" --signature "$SIG" --query isValid -o tsv
OTHER=$(printf 'another message' | openssl dgst -sha256 -binary | base64 -w0)
check_eq "key verify: not for another digest" "false" \
  az keyvault key verify "${V[@]}" -n rsa1 -a RS256 --digest "$OTHER" --signature "$SIG" --query isValid -o tsv
SIG_PS=$(az keyvault key sign "${V[@]}" -n rsa1 -a PS256 --digest "$DIGEST" --query signature -o tsv 2>/dev/null)
base64 -d <<<"$SIG_PS" > "$WORK/rsa1.pss"
check_eq "key sign PS256: openssl verifies it (PSS, salt = digest length)" "Verified OK" \
  openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -verify "$WORK/rsa1.pem" \
  -signature "$WORK/rsa1.pss" "$WORK/msg.txt"
check "key download ec1 (PEM)" az keyvault key download "${V[@]}" -n ec1 -f "$WORK/ec1.pem"
SIG_EC=$(az keyvault key sign "${V[@]}" -n ec1 -a ES256 --digest "$DIGEST" --query signature -o tsv 2>/dev/null)
der_sig "$SIG_EC" > "$WORK/ec1.sig"
check_eq "key sign ES256: openssl verifies it (r||s as DER)" "Verified OK" \
  openssl dgst -sha256 -verify "$WORK/ec1.pem" -signature "$WORK/ec1.sig" "$WORK/msg.txt"

CT=$(az keyvault key encrypt "${V[@]}" -n rsa1 -a RSA-OAEP --value "plain text $$" --data-type plaintext \
  --query result -o tsv 2>/dev/null)
check_eq "key encrypt, then decrypt returns the plaintext" "plain text $$" \
  json_field result az keyvault key decrypt "${V[@]}" -n rsa1 -a RSA-OAEP --value "$CT" --data-type plaintext
HOST_CT=$(printf 'sealed on the host' | openssl pkeyutl -encrypt -pubin -inkey "$WORK/rsa1.pem" \
  -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256 | base64 -w0)
check_eq "key decrypt RSA-OAEP-256 of what openssl encrypted with the downloaded key" "sealed on the host" \
  json_field result az keyvault key decrypt "${V[@]}" -n rsa1 -a RSA-OAEP-256 --value "$HOST_CT" --data-type plaintext

# --- keys: attributes, rotation, versions ------------------------------------------------------------
check_eq "key set-attributes --enabled false --tags" "false ops" bash -c \
  "az keyvault key set-attributes --vault-name $KV -n rsa1 --enabled false --tags team=ops --query '[attributes.enabled, tags.team]' -o tsv | paste -sd ' ' | tr A-Z a-z"
check_fails_with "a disabled key does not sign (KeyDisabled)" "disabled key|KeyDisabled" \
  az keyvault key sign "${V[@]}" -n rsa1 -a RS256 --digest "$DIGEST"
check_eq "key set-attributes --enabled true" "true" \
  az keyvault key set-attributes "${V[@]}" -n rsa1 --enabled true --query attributes.enabled -o tsv
check_eq "key rotation-policy show (default: notify 30 days before expiry)" "Notify P30D" bash -c \
  "az keyvault key rotation-policy show --vault-name $KV -n rsa1 --query 'lifetimeActions[0].[action, timeBeforeExpiry]' -o tsv | paste -sd ' '"
cat > "$WORK/policy.json" <<'JSON'
{"lifetimeActions": [{"trigger": {"timeAfterCreate": "P60D"}, "action": {"type": "Rotate"}},
                     {"trigger": {"timeBeforeExpiry": "P10D"}, "action": {"type": "Notify"}}],
 "attributes": {"expiryTime": "P90D"}}
JSON
check_eq "key rotation-policy update" "P90D Rotate P60D" bash -c \
  "az keyvault key rotation-policy update --vault-name $KV -n rsa1 --value '$WORK/policy.json' --query '[expiresIn, lifetimeActions[0].action, lifetimeActions[0].timeAfterCreate]' -o tsv | paste -sd ' '"
check_eq "key rotation-policy show returns it" "P90D" az keyvault key rotation-policy show "${V[@]}" -n rsa1 --query expiresIn -o tsv
ROTATED=$(az keyvault key rotate "${V[@]}" -n rsa1 -o json 2>/dev/null)
KID2=$(jq -r .key.kid <<<"$ROTATED")
if [[ $KID2 == https://$KV.vault.azure.net/keys/rsa1/* && $KID2 != "$KID1" ]]; then ok "key rotate makes a new version"
else not_ok "key rotate makes a new version" "$ROTATED"; fi
check_eq "the rotated version expires after the policy's expiryTime (90 days)" "7776000" \
  jq -c '.attributes | if has("exp") then .exp - .created else . end' <<<"$ROTATED"
check_eq "key list-versions" "2" az keyvault key list-versions "${V[@]}" -n rsa1 --query "length(@)" -o tsv
check_eq "key show: the newest version" "$KID2" az keyvault key show "${V[@]}" -n rsa1 --query key.kid -o tsv

# --- keys: backup, delete, recover, purge, restore ------------------------------------------------------
check "key backup" az keyvault key backup "${V[@]}" -n rsa1 -f "$WORK/rsa1.backup"
check_eq "key delete: recoveryId" "https://$KV.vault.azure.net/deletedkeys/rsa1" \
  az keyvault key delete "${V[@]}" -n rsa1 --query recoveryId -o tsv
check_eq "key list-deleted" "rsa1" az keyvault key list-deleted "${V[@]}" --query "[].name" -o tsv
check_eq "key show-deleted" "$KID2" az keyvault key show-deleted "${V[@]}" -n rsa1 --query key.kid -o tsv
check_fails_with "a deleted key is not shown (KeyNotFound)" "KeyNotFound|was not found" az keyvault key show "${V[@]}" -n rsa1
check_eq "key recover" "$KID2" az keyvault key recover "${V[@]}" -n rsa1 --query key.kid -o tsv
check_eq "recovered key is back" "$KID2" az keyvault key show "${V[@]}" -n rsa1 --query key.kid -o tsv
check "key delete again" az keyvault key delete "${V[@]}" -n rsa1
check "key purge" az keyvault key purge "${V[@]}" -n rsa1
check_eq "purged key is gone from list-deleted" "0" az keyvault key list-deleted "${V[@]}" --query "length(@)" -o tsv
check_eq "key restore" "$KID2" az keyvault key restore "${V[@]}" -f "$WORK/rsa1.backup" --query key.kid -o tsv
check_eq "restored key has both versions" "2" az keyvault key list-versions "${V[@]}" -n rsa1 --query "length(@)" -o tsv
SIG_R=$(az keyvault key sign "${V[@]}" -n rsa1 --version "${KID1##*/}" -a RS256 --digest "$DIGEST" --query signature -o tsv 2>/dev/null)
base64 -d <<<"$SIG_R" > "$WORK/restored.sig"
check_eq "restored first version signs with the same key material" "Verified OK" \
  openssl dgst -sha256 -verify "$WORK/rsa1.pem" -signature "$WORK/restored.sig" "$WORK/msg.txt"

# --- keys: import (PEM) ---------------------------------------------------------------------------------
openssl genrsa -out "$WORK/imported.pem" 2048 2> /dev/null
openssl rsa -in "$WORK/imported.pem" -pubout -out "$WORK/imported.pub.pem" 2> /dev/null
check_eq "key import --pem-file (RSA)" "RSA" az keyvault key import "${V[@]}" -n imported --pem-file "$WORK/imported.pem" --query key.kty -o tsv
check "key download of the imported key" az keyvault key download "${V[@]}" -n imported -f "$WORK/imported.dl.pem"
check "the downloaded public key is the imported key's" cmp <(openssl pkey -pubin -in "$WORK/imported.dl.pem" -outform DER) \
  <(openssl pkey -pubin -in "$WORK/imported.pub.pem" -outform DER)
SIG_I=$(az keyvault key sign "${V[@]}" -n imported -a RS256 --digest "$DIGEST" --query signature -o tsv 2>/dev/null)
base64 -d <<<"$SIG_I" > "$WORK/imported.sig"
check_eq "the vault signs with the imported private key" "Verified OK" \
  openssl dgst -sha256 -verify "$WORK/imported.pub.pem" -signature "$WORK/imported.sig" "$WORK/msg.txt"
# A P-384 key whose x or y starts with a zero byte (about 1 key in 128; the public key's DER ends with the point
# 04||x||y, 48 bytes each): az sends such a coordinate without that byte (_int_to_bytes), and azemu refused it.
for _ in $(seq 2000); do
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$WORK/ec384.pem" 2> /dev/null
  POINT=$(openssl pkey -in "$WORK/ec384.pem" -pubout -outform DER | tail -c 97 | od -An -tx1 -v | tr -d " \n")
  [ "${POINT:2:2}" = 00 ] || [ "${POINT:98:2}" = 00 ] && break
done
check_eq "key import --pem-file (EC P-384, a coordinate with a leading zero byte)" "EC P-384" bash -c \
  "az keyvault key import --vault-name $KV -n ec384 --pem-file '$WORK/ec384.pem' --query '[key.kty, key.crv]' -o tsv | paste -sd ' '"
# P-521 coordinates are 66 bytes whose first byte is 0 or 1: az drops it about half the time.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out "$WORK/ec521.pem" 2> /dev/null
check_eq "key import --pem-file (EC P-521)" "EC P-521" bash -c \
  "az keyvault key import --vault-name $KV -n ec521 --pem-file '$WORK/ec521.pem' --query '[key.kty, key.crv]' -o tsv | paste -sd ' '"
check "key download ec521 (DER)" az keyvault key download "${V[@]}" -n ec521 -f "$WORK/ec521.der" -e DER
check "it is the imported public key" cmp <(openssl pkey -in "$WORK/ec521.pem" -pubout -outform DER) "$WORK/ec521.der"

# --- secrets ------------------------------------------------------------------------------------------------
SID1=$(az keyvault secret set "${V[@]}" -n s1 --value first --query id -o tsv 2>&1)
check_eq "secret set (second version, content type, tags)" "second" \
  az keyvault secret set "${V[@]}" -n s1 --value second --content-type text/plain --tags env=e2e --query value -o tsv
check_eq "secret show: the newest value" "second" az keyvault secret show "${V[@]}" -n s1 --query value -o tsv
check_eq "secret show --version: the first value" "first" az keyvault secret show --id "$SID1" --query value -o tsv
check_eq "secret list: name, contentType, tag" "s1 text/plain e2e" bash -c \
  "az keyvault secret list --vault-name $KV --query '[0].[name, contentType, tags.env]' -o tsv | paste -sd ' '"
check_eq "secret list-versions" "2" az keyvault secret list-versions "${V[@]}" -n s1 --query "length(@)" -o tsv
check "secret download" az keyvault secret download "${V[@]}" -n s1 -f "$WORK/s1.txt"
check_eq "downloaded secret content" "second" cat "$WORK/s1.txt"
head -c 512 /dev/urandom > "$WORK/blob.bin"
check "secret set --file --encoding base64 (binary)" az keyvault secret set "${V[@]}" -n blob --file "$WORK/blob.bin" --encoding base64
check "secret download --encoding base64" az keyvault secret download "${V[@]}" -n blob -f "$WORK/blob.out" --encoding base64
check "the binary secret comes back byte for byte" cmp "$WORK/blob.bin" "$WORK/blob.out"
check_eq "secret set-attributes --enabled false" "false" \
  az keyvault secret set-attributes "${V[@]}" -n s1 --enabled false --query attributes.enabled -o tsv
check_fails_with "a disabled secret is not shown (SecretDisabled)" "SecretDisabled|disabled secret" \
  az keyvault secret show "${V[@]}" -n s1
check_eq "secret set-attributes --enabled true --content-type" "true application/json" bash -c \
  "az keyvault secret set-attributes --vault-name $KV -n s1 --enabled true --content-type application/json --query '[attributes.enabled, contentType]' -o tsv | paste -sd ' ' | tr A-Z a-z"
check "secret backup" az keyvault secret backup "${V[@]}" -n s1 -f "$WORK/s1.backup"
check_eq "secret delete: recoveryId" "https://$KV.vault.azure.net/deletedsecrets/s1" \
  az keyvault secret delete "${V[@]}" -n s1 --query recoveryId -o tsv
check_eq "secret list-deleted" "s1" az keyvault secret list-deleted "${V[@]}" --query "[].name" -o tsv
check_eq "secret show-deleted" "https://$KV.vault.azure.net/deletedsecrets/s1" \
  az keyvault secret show-deleted "${V[@]}" -n s1 --query recoveryId -o tsv
check_fails_with "a deleted secret is not shown (SecretNotFound)" "SecretNotFound|was not found" \
  az keyvault secret show "${V[@]}" -n s1
check_eq "secret recover" "s1" az keyvault secret recover "${V[@]}" -n s1 --query name -o tsv
check_eq "recovered secret keeps its value" "second" az keyvault secret show "${V[@]}" -n s1 --query value -o tsv
check "secret delete again" az keyvault secret delete "${V[@]}" -n s1
check "secret purge" az keyvault secret purge "${V[@]}" -n s1
check_eq "purged secret is gone from list-deleted" "0" az keyvault secret list-deleted "${V[@]}" --query "length(@)" -o tsv
check_eq "secret restore" "s1" az keyvault secret restore "${V[@]}" -f "$WORK/s1.backup" --query name -o tsv
check_eq "restored secret: newest value" "second" az keyvault secret show "${V[@]}" -n s1 --query value -o tsv
check_eq "restored secret: both versions" "2" az keyvault secret list-versions "${V[@]}" -n s1 --query "length(@)" -o tsv

finish
