#!/usr/bin/env bash
# e2e: the compute catalogs with the real `az` (Debian azure-cli 2.45): marketplace images
# (vm image show/list/list-offers/list-skus/list-publishers), VM sizes, resource SKUs and the image
# alias document. Usage: az_compute_catalog_test.sh proxy|cloud
#   proxy: public host names, the `latest` profile, made usable by az-shim/sitecustomize.py
#          (compute falls back to 2022-08-01, network to 2022-07-01; see az-shim/README.md);
#   cloud: az cloud register under azemu.localhost with the 2020-09-01-hybrid profile (compute 2020-06-01).
# With AZEMU_AZ=2.74: its own `latest` profile (compute 2024-07-01) in both modes, no shim; and today's alias
# document (the one Azure serves: Ubuntu2404, SuseSles15SP5, AzureLinux4, ...; no Debian12), with `vm create
# --image Ubuntu2404` on a guestless VM and Azure's "Invalid image" answer for an alias the document lacks.
source "$(dirname "$0")/lib.sh"
require_az
MODE=${1:?usage: $0 proxy|cloud}
WORK=$(mktemp -d /tmp/azemu-e2e-catalog-$MODE-XXXXXX)
DATA=$WORK/data
PORT=$(free_port)
trap 'stop_azemu' EXIT

if [ "$MODE" = cloud ]; then
  if ! getent hosts "login.azemu.localhost" > /dev/null; then
    echo "FATAL: *.azemu.localhost does not resolve; install libnss-myhostname (see README)" >&2
    exit 1
  fi
  PROFILE=2020-09-01-hybrid
  COMPUTE_API=2020-06-01
  # az 2.74 has dropped the hybrid profile (it warns and uses `latest`): its cloud runs on `latest`, as the
  # workflow suite's does.
  [ "$AZEMU_AZ" = 2.74 ] && PROFILE=latest COMPUTE_API=2024-07-01
else
  PROFILE=latest
  COMPUTE_API=2022-08-01  # what the az-shim picks from Debian's azure-mgmt-compute 29.0.0
  # az 2.74's `vm image` commands are AAZ code pinned to 2024-07-01 (no shim, no fallback).
  [ "$AZEMU_AZ" = 2.74 ] && COMPUTE_API=2024-07-01
fi
# `vm list-sizes` field names as each client prints them: az 2.45's SDK model attribute (memoryInMb), az 2.74's AAZ
# command the wire name (memoryInMB). JMESPath is case-sensitive.
if [ "$AZEMU_AZ" = 2.74 ]; then MEMORY_IN_MB=memoryInMB; else MEMORY_IN_MB=memoryInMb; fi

AZEMU_START_ARGS="--vm-runtime guestless" start_azemu "$DATA" "$PORT" || exit 1
eval "$("$AZEMU_BIN" env --data-dir "$DATA" --listen "127.0.0.1:$PORT" --mode "$MODE" --az-profile "$PROFILE")"
echo "# azemu on port $PORT, mode $MODE, profile $PROFILE, data $DATA"
[ "$MODE" = cloud ] && check_eq "cloud mode: profile" "$PROFILE" az cloud show --query profile -o tsv
check "az login --service-principal" \
  az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"

URN=OpenLogic:CentOS:7.2n:7.2.20160629
# --- vm image show ------------------------------------------------------------------------------
check_eq "vm image show --urn $URN" "7.2.20160629" az vm image show --urn "$URN" --query name -o tsv
check_eq "vm image show: osDiskImage.operatingSystem" "Linux" \
  az vm image show --urn "$URN" --query osDiskImage.operatingSystem -o tsv
check_eq "vm image show: hyperVGeneration" "V1" az vm image show --urn "$URN" --query hyperVGeneration -o tsv
check_eq "vm image show: id as Azure prints it" \
  "/Subscriptions/$AZEMU_SUBSCRIPTION_ID/Providers/Microsoft.Compute/Locations/westus/Publishers/OpenLogic/ArtifactTypes/VMImage/Offers/CentOS/Skus/7.2n/Versions/7.2.20160629" \
  az vm image show --urn "$URN" -l westus --query id -o tsv
check_eq "vm image show :latest resolves through \$top=1&\$orderby=name desc" "7.2.20170517" \
  az vm image show --urn OpenLogic:CentOS:7.2n:latest -l westus --query name -o tsv
check_eq "vm image show: gen2 sku" "V2" \
  az vm image show --urn Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest -l westus --query hyperVGeneration -o tsv
check_fails_with "vm image show: unknown version is Azure's NotFound" "Artifact: VMImage was not found" \
  az vm image show --urn OpenLogic:CentOS:7.2n:7.2.19990101 -l westus
API=$(az vm image show --urn "$URN" -l westus --debug 2>&1 | grep -o "artifacttypes/vmimage/offers/CentOS/skus/7.2n/versions/7.2.20160629?api-version=[0-9-]*" | head -1)
check_eq "compute api-version sent under $PROFILE" "$COMPUTE_API" echo "${API##*=}"

# --- lists ---------------------------------------------------------------------------------------
check_eq "vm image list-publishers" "OpenLogic" \
  az vm image list-publishers -l westus --query "[?name=='OpenLogic'].name | [0]" -o tsv
check_eq "vm image list-offers -p Canonical" "0001-com-ubuntu-server-jammy" \
  az vm image list-offers -l westus -p Canonical --query "[?name=='0001-com-ubuntu-server-jammy'].name | [0]" -o tsv
check_eq "vm image list-skus -l westus -p OpenLogic -f CentOS" "7.2n 7_9-gen2" \
  bash -c "az vm image list-skus -l westus -p OpenLogic -f CentOS --query \"[?name=='7.2n' || name=='7_9-gen2'].name\" -o tsv | tr '\n' ' ' | sed 's/ \$//'"
check_fails_with "vm image list-skus: unknown offer" "Artifact: VMImage was not found" \
  az vm image list-skus -l westus -p OpenLogic -f NoSuchOffer
check_fails_with "vm image list-offers: unknown publisher" "Publisher: NoSuchPublisher was not found" \
  az vm image list-offers -l westus -p NoSuchPublisher
check_eq "vm image list --publisher OpenLogic --all (finds the tutorial URN)" "7.2n" \
  az vm image list --publisher OpenLogic --all -l westus --query "[?urn=='$URN'].sku | [0]" -o tsv
check_eq "vm image list --all: only OpenLogic images" "0" \
  az vm image list --publisher OpenLogic --all -l westus --query "length([?publisher!='OpenLogic'])" -o tsv

# --- the alias document (served by azemu: GitHub's raw host in proxy mode, /azemu/aliases.json in cloud mode)
ALIAS_ERR=$WORK/alias.err
check_eq "vm image list (alias document): Ubuntu2204" "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest" \
  bash -c "az vm image list --debug --query \"[?urnAlias=='Ubuntu2204'].urn | [0]\" -o tsv 2> '$ALIAS_ERR'"
if grep -q "Failed to retrieve image alias doc" "$ALIAS_ERR" || ! grep -q 'aliases.json HTTP/1.1" 200' "$ALIAS_ERR"; then
  not_ok "alias document fetched from azemu (no fallback warning)" "$(cat "$ALIAS_ERR")"
else
  ok "alias document fetched from azemu (no fallback warning)"
fi
if [ "$AZEMU_AZ" = 2.74 ]; then
  # Today's document (aliases_doc.cpp says where each entry is on record), not az 2.74's bundled copy: the
  # aliases az accepts, in the document's order, and each image it names exists in the catalog.
  check_eq "vm image list: today's aliases, in the document's order" \
    "CentOS85Gen2 Debian11 OpenSuseLeap154Gen2 RHELRaw8LVMGen2 SuseSles15SP5 Ubuntu2204 Ubuntu2404 Ubuntu2404Pro FlatcarLinuxFreeGen2 AzureLinux4 AzureLinux4Arm64 AzureLinux4Gen1 Win2022Datacenter Win2022AzureEditionCore Win2019Datacenter Win2016Datacenter Win2012R2Datacenter Win2012Datacenter" \
    bash -c "az vm image list --query '[].urnAlias' -o tsv | tr '\n' ' ' | sed 's/ \$//'"
  for alias in Ubuntu2404 Ubuntu2204 RHELRaw8LVMGen2 SuseSles15SP5 AzureLinux4; do
    urn=$(az vm image list --query "[?urnAlias=='$alias'].urn | [0]" -o tsv)
    check_eq "alias $alias -> $urn: the image exists (gen2)" "V2" \
      az vm image show --urn "$urn" -l westus --query hyperVGeneration -o tsv
  done
  ssh-keygen -q -t ed25519 -N '' -f "$WORK/id_ed25519"
  check "group create" az group create -n aliasGroup -l westus
  check "vm create --image Ubuntu2404 (guestless)" \
    az vm create -g aliasGroup -n noble --image Ubuntu2404 --admin-username azureuser \
      --ssh-key-value "$WORK/id_ed25519.pub" --public-ip-address "" --nsg "" -o none --only-show-errors
  check_eq "vm show: storageProfile.imageReference" "Canonical ubuntu-24_04-lts server latest" \
    az vm show -g aliasGroup -n noble \
      --query "join(' ', [storageProfile.imageReference.publisher, storageProfile.imageReference.offer, storageProfile.imageReference.sku, storageProfile.imageReference.version])" -o tsv
  check_eq "vm show: Trusted Launch (a gen2 image, az 2.74's default)" "TrustedLaunch" \
    az vm show -g aliasGroup -n noble --query securityProfile.securityType -o tsv
  # Debian 12 has no alias in Azure's document: az says so, listing the aliases it has; the URN works.
  check_fails_with "vm create --image Debian12: az's 'Invalid image' with today's list" \
    "Invalid image \"Debian12\".*'Ubuntu2404', 'Ubuntu2404Pro'" \
    az vm create -g aliasGroup -n bookworm --image Debian12 --admin-username azureuser --ssh-key-value "$WORK/id_ed25519.pub"
  check_eq "vm image show --urn Debian:debian-12:12-gen2:latest (the URN for Debian 12)" "V2" \
    az vm image show --urn Debian:debian-12:12-gen2:latest -l westus --query hyperVGeneration -o tsv
fi

# --- sizes and skus ------------------------------------------------------------------------------
check_eq "vm list-sizes -l westus: Standard_DS1_v2 memory" "3584" \
  az vm list-sizes -l westus --query "[?name=='Standard_DS1_v2'].$MEMORY_IN_MB | [0]" -o tsv
check_eq "vm list-sizes: Basic_A0 present" "1" az vm list-sizes -l westus --query "length([?name=='Basic_A0'])" -o tsv
check_eq "vm list-skus -l westus --resource-type virtualMachines: only VMs" "0" \
  az vm list-skus -l westus --resource-type virtualMachines --query "length([?resourceType!='virtualMachines'])" -o tsv
check_eq "vm list-skus: Standard_B1s vCPUs" "1" \
  az vm list-skus -l westus --resource-type virtualMachines --size Standard_B1s \
  --query "[?name=='Standard_B1s'] | [0].capabilities[?name=='vCPUs'].value | [0]" -o tsv
check_eq "vm list-skus: only westus" "westus" \
  bash -c "az vm list-skus -l westus --resource-type virtualMachines --query '[].locations[0]' -o tsv | sort -u"
check_eq "vm list-skus --resource-type disks" "Premium_LRS" \
  az vm list-skus -l westus --resource-type disks --query "[?name=='Premium_LRS'].name | [0]" -o tsv

finish
