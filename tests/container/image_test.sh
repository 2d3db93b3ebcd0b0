#!/usr/bin/env bash
# The container image (docker/Dockerfile), run the way users run it: `docker/dev.sh image-test` builds it
# (--prebuilt: this checkout's binaries) and runs this script with AZEMU_IMAGE and AZEMU_CONTAINER_ENGINE.
#   1. least privilege: non-root, no added capability or device; guest RAM on an exec tmpfs. Health
#      (/health, the image's HEALTHCHECK, start-to-healthy time), `az login` through the container's
#      published port as HTTPS_PROXY with the CA fetched from /_azemu/ca.pem, a vault and a key, a UML VM
#      booted inside the container with a data disk, and a file written on /dev/disk/azure/scsi1/lun0
#      through run-command; `stop` leaves no guest process.
#   2. AZEMU_GUEST_NETWORK=required without the privileges: the container refuses to start, saying which.
#   3. the guest network mode (root in the container, NET_ADMIN + SYS_ADMIN, /dev/net/tun): the guest's eth0
#      is up and it reaches azemu at 10.0.2.2.
# Measurements go to stdout as "# measured: ..." lines (README "Run it in a container").
source "$(dirname "$0")/../e2e/lib.sh"
require_az
IMAGE=${AZEMU_IMAGE:-localhost/azemu:latest}
ENGINE=${AZEMU_CONTAINER_ENGINE:-podman}
[ "$ENGINE" = podman ] && export CONTAINERS_CONF=${CONTAINERS_CONF:-$REPO_ROOT/docker/podman/containers.conf}
WORK=$(mktemp -d /tmp/azemu-image-test-XXXXXX)
NAME=azemu-image-test-$$
PORT=$(free_port)
containers=()
cleanup() {
  # Each container's data volume is named after it.
  for c in "${containers[@]}"; do "$ENGINE" rm -f -v "$c" > /dev/null 2>&1; "$ENGINE" volume rm -f "$c" > /dev/null 2>&1; done
  rm -rf "$WORK"
}
trap cleanup EXIT
# podman without systemd logs "unable to get systemd connection" for health timers: noise, not a failure.
engine() { "$ENGINE" "$@" 2> >(grep -v 'systemd connection' >&2); }

# Fixed identities through the AZEMU_* variables (azemu start's --tenant-id ...).
export AZEMU_TENANT_ID=11111111-2222-4333-8444-555555555555 AZEMU_SUBSCRIPTION_ID=66666666-7777-4888-9999-000000000000
export AZEMU_CLIENT_ID=aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee AZEMU_CLIENT_SECRET=container-test-secret-1
started=$(date +%s%N)
containers+=("$NAME")
engine run -d --name "$NAME" -p "127.0.0.1:$PORT:8443" -v "$NAME:/data" --tmpfs /dev/shm:rw,exec,size=2g,mode=1777 \
  -e AZEMU_TENANT_ID -e AZEMU_SUBSCRIPTION_ID -e AZEMU_CLIENT_ID -e AZEMU_CLIENT_SECRET -e AZEMU_LOG_LEVEL=info \
  "$IMAGE" > /dev/null || { echo "FATAL: $ENGINE run failed"; exit 1; }
healthy=
for _ in $(seq 1 300); do
  if curl -sf --noproxy '*' "http://127.0.0.1:$PORT/health" > /dev/null; then healthy=$(date +%s%N); break; fi
  sleep 0.1
done
if [ -n "$healthy" ]; then
  ok "GET /health through the published port"
  echo "# measured: start to healthy $(((healthy - started) / 1000000)) ms ($ENGINE run to the first 200 on /health)"
else
  not_ok "GET /health through the published port" "$(engine logs "$NAME" 2>&1)"
  finish
  exit 1
fi
check "the image's HEALTHCHECK passes" engine healthcheck run "$NAME"
check_eq "runs as the non-root user azemu" "azemu" engine exec "$NAME" id -un
check_eq "no capability beyond the engine's defaults" "$(engine run --rm --entrypoint sh "$IMAGE" -c \
  "awk '/^CapEff/ {print \$2}' /proc/self/status")" engine exec "$NAME" awk '/^CapEff/ {print $2}' /proc/self/status
check "the entrypoint says the guest network is off and why" \
  sh -c "$ENGINE logs $NAME 2>&1 | grep -q 'guest network off: not root in the container'"

# --- az through the container's port, the doc's way: HTTPS_PROXY + the CA from /_azemu/ca.pem ---------
curl -sf --noproxy '*' "http://127.0.0.1:$PORT/_azemu/ca.pem" > "$WORK/ca.pem"
check "CA fetched from /_azemu/ca.pem" openssl x509 -in "$WORK/ca.pem" -noout
cat /etc/ssl/certs/ca-certificates.crt "$WORK/ca.pem" > "$WORK/ca-bundle.pem"
export HTTPS_PROXY=http://127.0.0.1:$PORT https_proxy=http://127.0.0.1:$PORT REQUESTS_CA_BUNDLE=$WORK/ca-bundle.pem
export AZURE_CONFIG_DIR=$WORK/az AZURE_CORE_COLLECT_TELEMETRY=false AZURE_CORE_ERROR_RECOMMENDATION=off
check "az login --service-principal (identities from AZEMU_* variables)" \
  az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
check_eq "the subscription is AZEMU_SUBSCRIPTION_ID" "$AZEMU_SUBSCRIPTION_ID" az account show --query id -o tsv
check "group create" az group create -n rg -l westus
KV=kvimg$$
check "keyvault create" az keyvault create -n "$KV" -g rg -l westus
KID=$(az keyvault key create --vault-name "$KV" -n k1 --protection software --query key.kid -o tsv 2>&1)
if [[ $KID == https://$KV.vault.azure.net/keys/k1/* ]]; then ok "keyvault key create: $KID"; else not_ok "keyvault key create" "$KID"; fi

# --- a UML VM inside the container --------------------------------------------------------------------
ssh-keygen -q -t ed25519 -N '' -f "$WORK/id_ed25519"
check "vm create (a UML guest inside the container, one 1 GB data disk)" \
  az vm create -g rg -n vm1 --image OpenLogic:CentOS:7.2n:7.2.20160629 --admin-username azureuser \
    --ssh-key-value "$WORK/id_ed25519.pub" --data-disk-sizes-gb 1
check_eq "vm show -d: VM running" "VM running" az vm show -d -g rg -n vm1 --query powerState -o tsv
guest() {
  az vm run-command invoke -g rg -n vm1 --command-id RunShellScript --scripts "$1" \
    --query 'value[0].message' -o tsv 2>&1 | sed -n '/^\[stdout\]/,/^\[stderr\]/p' | sed '1d;$d'
}
check_eq "run-command: a file written on /dev/disk/azure/scsi1/lun0 and read back" "from-the-container" guest 'set -e
d=/dev/disk/azure/scsi1/lun0
test -b "$(readlink -f $d)"
/usr/sbin/mkfs.ext4 -q -F $d   # by path: busybox sh prefers its own mke2fs applet
mkdir -p /datadisk && mount $d /datadisk && echo from-the-container > /datadisk/marker && sync
cat /datadisk/marker; umount /datadisk'
boot_ms=$(engine logs "$NAME" 2>&1 | sed -n 's/.*"boot_ms":\([0-9]*\).*"guest ready".*/\1/p' | head -n1)
[ -n "$boot_ms" ] && echo "# measured: UML guest boot inside the container ${boot_ms} ms (azemu's boot_ms: spawn to agent ready)"
# The guest's processes, by host pid (UML runs a process per guest address space plus its helpers).
GUEST_PIDS=$(engine top "$NAME" hpid args 2> /dev/null | awk '/linux.uml/ { print $1 }' | tr '\n' ' ')
if [ -n "$GUEST_PIDS" ]; then ok "UML processes run inside the container (host pids $GUEST_PIDS)"
else not_ok "UML processes run inside the container" "$(engine top "$NAME" hpid args 2>&1)"; fi
echo "# measured: container memory with one VM: $(engine stats --no-stream --format '{{.MemUsage}}' "$NAME" 2>/dev/null)"
stopped=$(date +%s%N)
check "stop (SIGTERM: azemu stops its guests)" engine stop -t 30 "$NAME"
echo "# measured: stop with one running VM $((($(date +%s%N) - stopped) / 1000000)) ms"
check_eq "exit code 0" "0" engine inspect "$NAME" --format '{{.State.ExitCode}}'
left=
for p in $GUEST_PIDS; do [ -d "/proc/$p" ] && left="$left $p"; done
check_eq "no process of the container's guests is left on the host" "" echo "$left"

# --- a bind-mounted data dir the non-root user cannot write: a clear refusal ---------------------------
mkdir -p "$WORK/rootdir" && chmod 0755 "$WORK/rootdir"
OUT=$(engine run --rm -v "$WORK/rootdir:/data" "$IMAGE" 2>&1)
rc=$?
if [ $rc -ne 0 ] && printf '%s' "$OUT" | grep -q 'the data dir /data is not writable by uid 10001'; then
  ok "a data dir the user cannot write: exit $rc, says how to fix it"
else
  not_ok "a data dir the user cannot write (exit $rc)" "$OUT"
fi

# --- a required guest network without its privileges: a clear refusal ---------------------------------
OUT=$(engine run --rm -e AZEMU_GUEST_NETWORK=required "$IMAGE" 2>&1)
rc=$?
if [ $rc -ne 0 ] && printf '%s' "$OUT" | grep -q 'AZEMU_GUEST_NETWORK=required but guest network off: not root' &&
  printf '%s' "$OUT" | grep -q -- '--cap-add NET_ADMIN --cap-add SYS_ADMIN --device /dev/net/tun'; then
  ok "AZEMU_GUEST_NETWORK=required without privileges: exit $rc, names what is missing"
else
  not_ok "AZEMU_GUEST_NETWORK=required without privileges (exit $rc)" "$OUT"
fi

# --- the guest network mode ---------------------------------------------------------------------------
NET=$NAME-net
PORT2=$(free_port)
containers+=("$NET")
engine run -d --name "$NET" -p "127.0.0.1:$PORT2:8443" -v "$NET:/data" --tmpfs /dev/shm:rw,exec,size=2g,mode=1777 \
  --user 0 --cap-add NET_ADMIN --cap-add SYS_ADMIN --device /dev/net/tun -e AZEMU_GUEST_NETWORK=required \
  -e AZEMU_TENANT_ID -e AZEMU_SUBSCRIPTION_ID -e AZEMU_CLIENT_ID -e AZEMU_CLIENT_SECRET "$IMAGE" > /dev/null
for _ in $(seq 1 300); do curl -sf --noproxy '*' "http://127.0.0.1:$PORT2/health" > /dev/null && break; sleep 0.1; done
check "network mode: the entrypoint reports the guest network on" \
  sh -c "$ENGINE logs $NET 2>&1 | grep -q 'guest network on'"
export HTTPS_PROXY=http://127.0.0.1:$PORT2 https_proxy=http://127.0.0.1:$PORT2 AZURE_CONFIG_DIR=$WORK/az2
curl -sf --noproxy '*' "http://127.0.0.1:$PORT2/_azemu/ca.pem" > "$WORK/ca2.pem"
cat /etc/ssl/certs/ca-certificates.crt "$WORK/ca2.pem" > "$WORK/ca-bundle.pem"
check "network mode: az login" \
  az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
check "network mode: group create" az group create -n rg -l westus
check "network mode: vm create" az vm create -g rg -n vm1 --image OpenLogic:CentOS:7.2n:7.2.20160629 \
  --admin-username azureuser --ssh-key-value "$WORK/id_ed25519.pub"
check_eq "network mode: the guest's eth0 is 10.0.2.15 and reaches azemu's /health at 10.0.2.2" "10.0.2.15/24 ok" guest '
a=$(ip -4 -o addr show eth0 | awk "{print \$4}")
curl -sk --max-time 10 https://10.0.2.2:8443/health > /dev/null 2>&1 && r=ok || r=unreachable
echo "$a $r"'
check "network mode: stop" engine stop -t 30 "$NET"
finish
