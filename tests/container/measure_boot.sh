#!/usr/bin/env bash
# Measures UML guest boot (azemu's boot_ms: spawn to agent ready) for N VMs created one after another, on the host
# and inside the container (guest RAM on an exec tmpfs, then on the container's own file system, the fallback of
# a plain `docker run`). Not part of CI; README "Run it in a container" quotes its output.
#   tests/container/measure_boot.sh [N]      (after docker/dev.sh image --prebuilt)
source "$(dirname "$0")/../e2e/lib.sh"
N=${1:-3}
IMAGE=${AZEMU_IMAGE:-localhost/azemu:latest}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$REPO_ROOT/docker/podman/containers.conf}
WORK=$(mktemp -d /tmp/azemu-measure-XXXXXX)
trap 'stop_azemu; podman rm -f -v azemu-measure > /dev/null 2>&1; rm -rf "$WORK"' EXIT
export AZEMU_TENANT_ID=11111111-2222-4333-8444-555555555555 AZEMU_SUBSCRIPTION_ID=66666666-7777-4888-9999-000000000000
export AZEMU_CLIENT_ID=aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee AZEMU_CLIENT_SECRET=container-test-secret-1
ssh-keygen -q -t ed25519 -N '' -f "$WORK/k"
vms() {  # PORT CA LABEL LOGCMD...
  local port=$1 ca=$2 label=$3; shift 3
  cat /etc/ssl/certs/ca-certificates.crt "$ca" > "$WORK/bundle.pem"
  export HTTPS_PROXY=http://127.0.0.1:$port REQUESTS_CA_BUNDLE=$WORK/bundle.pem AZURE_CONFIG_DIR=$WORK/az-$label
  az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID" -o none
  az group create -n rg -l westus -o none
  for i in $(seq 1 "$N"); do
    az vm create -g rg -n "vm$i" --image OpenLogic:CentOS:7.2n:7.2.20160629 --admin-username azureuser \
      --ssh-key-value "$WORK/k.pub" --data-disk-sizes-gb 1 -o none 2> /dev/null
    az vm stop -g rg -n "vm$i" -o none 2> /dev/null   # one guest at a time
  done
  echo "$label: boot_ms $("$@" 2>&1 | sed -n 's/.*"boot_ms":\([0-9]*\).*/\1/p' | tr '\n' ' ')"
}
PORT=$(free_port)
DATA=$WORK/host
AZEMU_LOG_LEVEL=info AZEMU_START_ARGS="--vm-runtime uml" start_azemu "$DATA" "$PORT" || exit 1
vms "$PORT" "$DATA/ca.pem" host cat "$DATA.err" "$DATA.out"
stop_azemu
for mode in tmpfs overlay; do
  PORT=$(free_port)
  opts=()
  [ "$mode" = tmpfs ] && opts=(--tmpfs /dev/shm:rw,exec,size=2g,mode=1777)
  podman rm -f -v azemu-measure > /dev/null 2>&1
  podman run -d --name azemu-measure -p "127.0.0.1:$PORT:8443" "${opts[@]}" -e AZEMU_TENANT_ID -e AZEMU_SUBSCRIPTION_ID \
    -e AZEMU_CLIENT_ID -e AZEMU_CLIENT_SECRET "$IMAGE" > /dev/null 2>&1
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.1; done
  curl -sf "http://127.0.0.1:$PORT/_azemu/ca.pem" > "$WORK/ca-$mode.pem"
  vms "$PORT" "$WORK/ca-$mode.pem" "container ($mode guest RAM)" podman logs azemu-measure
done
