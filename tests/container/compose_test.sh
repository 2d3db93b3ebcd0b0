#!/usr/bin/env bash
# docker/compose.yaml with podman-compose: azemu (least privilege) plus the az 2.74 client container, which reaches
# azemu by its service name through HTTPS_PROXY with the CA from /_azemu/ca.pem and runs WORKFLOW.md's steps up to
# a file written on the VM's data disk. Run by `docker/dev.sh image-test` (AZEMU_IMAGE, AZEMU_CLIENT_IMAGE).
source "$(dirname "$0")/../e2e/lib.sh"
export CONTAINERS_CONF=${CONTAINERS_CONF:-$REPO_ROOT/docker/podman/containers.conf}
export AZEMU_IMAGE=${AZEMU_IMAGE:-localhost/azemu:latest} AZEMU_CLIENT_IMAGE=${AZEMU_CLIENT_IMAGE:-localhost/azemu-az-client:latest}
AZEMU_PORT=$(free_port)
export AZEMU_PORT
PROJECT=azemu-compose-test
compose() { podman-compose -p "$PROJECT" -f "$REPO_ROOT/docker/compose.yaml" "$@"; }
LOG=$(mktemp /tmp/azemu-compose-test-XXXXXX.log)
trap 'compose down -v > /dev/null 2>&1; rm -f "$LOG"' EXIT
compose down -v > /dev/null 2>&1
timeout 600 podman-compose -p "$PROJECT" -f "$REPO_ROOT/docker/compose.yaml" up --abort-on-container-exit > "$LOG" 2>&1
check_eq "the client container exits 0" "0" podman inspect "${PROJECT}_client_1" --format '{{.State.ExitCode}}'
check "the client fetched the CA and logged in through http://azemu:8443" grep -q '^https://mykv.vault.azure.net/keys/myKey/' "$LOG"
check "run-command in the VM wrote and read a file on lun0" grep -qx 'hello' "$LOG"
check "the workflow ran to its end" grep -q '^compose workflow: done' "$LOG"
[ "$FAIL" -eq 0 ] || grep -v '^{' "$LOG" | tail -n 40 | sed 's/^/#   /'
finish
