#!/usr/bin/env bash
# The Kubernetes lab (docker/k8s/lab.yaml) under `podman kube play`, 2 students: docker/k8s/kube-play.py turns the
# StatefulSet into the pods + volume claims its controller would create and the seed Job into its pod. Checks:
# both instances become healthy, the seed Job's pod seeds each (the ConfigMap's seed file, POST /_azemu/seed) through the headless
# Service's names, and each instance answers `az group create` from the host on its own port and is independent
# (a group made on one does not exist on the other). Run by `docker/dev.sh image-test` with AZEMU_IMAGE.
source "$(dirname "$0")/../e2e/lib.sh"
require_az
IMAGE=${AZEMU_IMAGE:-localhost/azemu:latest}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$REPO_ROOT/docker/podman/containers.conf}
MANIFEST=$REPO_ROOT/docker/k8s/lab.yaml
PLAY=$REPO_ROOT/docker/k8s/kube-play.py
WORK=$(mktemp -d /tmp/azemu-kube-test-XXXXXX)
STUDENTS=2
# Two consecutive free ports for hostPort BASE+N.
while :; do
  BASE=$((20000 + RANDOM % 20000))
  python3 -c "import socket,sys
for p in ($BASE, $BASE + 1):
    s = socket.socket(); s.bind(('127.0.0.1', p)); s.close()" 2> /dev/null && break
done
down() {
  podman pod rm -f azemu-seed > /dev/null 2>&1
  [ -f "$WORK/instances.yaml" ] && podman kube play --down "$WORK/instances.yaml" > /dev/null 2>&1
  for n in $(seq 0 $((STUDENTS - 1))); do podman pod rm -f "azemu-$n" > /dev/null 2>&1; done
  podman volume rm -f $(for n in $(seq 0 $((STUDENTS - 1))); do echo "data-azemu-$n"; done) guest-ram azemu-lab-seed \
    > /dev/null 2>&1
}
trap 'down; rm -rf "$WORK"' EXIT
down  # pods of an interrupted run (the manifest fixes their names)

python3 "$PLAY" "$MANIFEST" instances --students $STUDENTS --host-port "$BASE" --image "$IMAGE" > "$WORK/instances.yaml"
check "podman kube play: the StatefulSet's ${STUDENTS} pods and their volume claims" \
  podman kube play "$WORK/instances.yaml"
for n in $(seq 0 $((STUDENTS - 1))); do
  port=$((BASE + n))
  for _ in $(seq 1 300); do curl -sf --noproxy '*' "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.1; done
  check "student $n: /health on port $port (the readiness probe's path)" curl -sf --noproxy '*' "http://127.0.0.1:$port/health"
done
check_eq "each instance has its own volume" "$STUDENTS" \
  sh -c "podman volume ls --format '{{.Name}}' | grep -c '^data-azemu-'"

# --- the seed Job: its pod, with hostAliases for the headless Service's azemu-N.azemu names ---------------------
hosts=()
for n in $(seq 0 $((STUDENTS - 1))); do
  ip=$(podman inspect "azemu-$n-azemu" --format '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}')
  hosts+=(--host "azemu-$n.azemu=$ip")
done
python3 "$PLAY" "$MANIFEST" seed "${hosts[@]}" --seed-image "$IMAGE" > "$WORK/seed.yaml"
check "podman kube play: the seed Job's pod" podman kube play "$WORK/seed.yaml"
check_eq "the seed Job's pod exits 0" "0" timeout 300 podman wait azemu-seed-seed
SEED_LOG=$(podman logs azemu-seed-seed 2>&1)
for n in $(seq 0 $((STUDENTS - 1))); do
  if printf '%s\n' "$SEED_LOG" | grep -q "^seeded student $n "; then ok "seed: student $n seeded"
  else not_ok "seed: student $n seeded" "$SEED_LOG"; fi
done

# --- each student's instance from the host, through its own port ------------------------------------------------
eval "$(python3 -c "import yaml
for d in yaml.safe_load_all(open('$MANIFEST')):
    if d and d['kind'] == 'Secret':
        for k, v in d['stringData'].items(): print(f'export {k}={v}')")"
export AZURE_CORE_COLLECT_TELEMETRY=false AZURE_CORE_ERROR_RECOMMENDATION=off
student() {  # student N: the proxy-mode environment for instance N
  local n=$1 port=$((BASE + $1))
  export HTTPS_PROXY=http://127.0.0.1:$port https_proxy=http://127.0.0.1:$port AZURE_CONFIG_DIR=$WORK/az-$n
  [ -f "$WORK/bundle-$n.pem" ] || {
    curl -sf --noproxy '*' "http://127.0.0.1:$port/_azemu/ca.pem" > "$WORK/ca-$n.pem"
    cat /etc/ssl/certs/ca-certificates.crt "$WORK/ca-$n.pem" > "$WORK/bundle-$n.pem"
  }
  export REQUESTS_CA_BUNDLE=$WORK/bundle-$n.pem
}
for n in $(seq 0 $((STUDENTS - 1))); do
  student "$n"
  check "student $n: az login" \
    az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
  check "student $n: az group create" az group create -n "student$n-rg" -l westeurope
  check_eq "student $n: the seeded vault and key" "RSA" \
    az keyvault key show --vault-name labkv -n lab-key --query key.kty -o tsv
  check_eq "student $n: the seeded user signs in" "student@azemu.onmicrosoft.com" sh -c \
    "AZURE_CONFIG_DIR=$WORK/az-student-$n az login -u student@azemu.onmicrosoft.com -p 'Student-Passw0rd!' >/dev/null &&
     AZURE_CONFIG_DIR=$WORK/az-student-$n az account show --query user.name -o tsv"
done
for n in $(seq 0 $((STUDENTS - 1))); do
  student "$n"
  check_eq "student $n: independent (its groups only)" "lab student$n-rg" \
    sh -c "az group list --query '[].name' -o tsv | sort | tr '\n' ' ' | sed 's/ \$//'"
done
for n in $(seq 0 $((STUDENTS - 1))); do
  pid=$(podman inspect "azemu-$n-azemu" --format '{{.State.Pid}}')
  echo "# measured: student $n's azemu after seeding: $(awk '/^VmRSS/ { print $2 / 1024 " MB RSS" }' "/proc/$pid/status")"
done
finish
