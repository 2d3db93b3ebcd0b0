#!/usr/bin/env bash
# e2e: Microsoft.Network with the real `az` (Debian azure-cli 2.45, proxy mode): VNets and subnets,
# NSGs and rules, public IPs, NICs (private address inside the subnet, references to NSG and public
# IP), lists, deletes and Azure's in-use errors. vnet/subnet/nsg/public-ip commands are AAZ code
# (own HTTP client, api-version 2022-01-01) and run unmodified; `az network nic` runs on Debian's
# single-API azure-mgmt-network 23.0.0b1 and needs two az-shim fixes (tests/e2e/az-shim/README.md):
# the `latest` profile lowered to 2022-07-01, and the versioned operations module alias for the
# generic show/delete/list commands (no profile, hybrid included, has it in Debian's package).
# With AZEMU_AZ=2.74, `az network nic` is AAZ code too (no shim fix). Usage: [AZEMU_AZ=2.74] az_network_test.sh
source "$(dirname "$0")/lib.sh"
e2e_setup "net"

check "login (bootstrap SP)" \
  az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
check "group create" az group create -n netGroup -l WestUS

# --- virtual networks and subnets ------------------------------------------------------------
check_eq "vnet create --subnet-name" "mySubnet" \
  az network vnet create -g netGroup -n myVnet --address-prefixes 10.0.0.0/16 --subnet-name mySubnet \
  --subnet-prefixes 10.0.0.0/24 --query "newVNet.subnets[0].name" -o tsv
check_eq "vnet show" "10.0.0.0/16" az network vnet show -g netGroup -n myVnet --query "addressSpace.addressPrefixes[0]" -o tsv
check_eq "vnet list" "myVnet" az network vnet list -g netGroup --query "[0].name" -o tsv
check_eq "vnet list (subscription)" "myVnet" az network vnet list --query "[?name=='myVnet'].name | [0]" -o tsv
check_eq "vnet subnet create" "10.0.1.0/24" \
  az network vnet subnet create -g netGroup --vnet-name myVnet -n second --address-prefixes 10.0.1.0/24 \
  --query addressPrefix -o tsv
check_eq "vnet subnet list" "2" az network vnet subnet list -g netGroup --vnet-name myVnet --query "length(@)" -o tsv
check_eq "vnet subnet show" "Succeeded" \
  az network vnet subnet show -g netGroup --vnet-name myVnet -n second --query provisioningState -o tsv
check_fails_with "subnet overlapping another" "NetcfgSubnetRangesOverlap" \
  az network vnet subnet create -g netGroup --vnet-name myVnet -n clash --address-prefixes 10.0.1.128/25
check_fails_with "subnet outside the address space" "NetcfgSubnetRangeOutsideVnet" \
  az network vnet subnet create -g netGroup --vnet-name myVnet -n outside --address-prefixes 10.9.0.0/24
check "vnet subnet delete" az network vnet subnet delete -g netGroup --vnet-name myVnet -n second
check_eq "subnet gone" "1" az network vnet subnet list -g netGroup --vnet-name myVnet --query "length(@)" -o tsv
check_eq "vnet update --tags (GET + PUT keeps the subnet)" "mySubnet" \
  az network vnet update -g netGroup -n myVnet --set tags.env=dev --query "subnets[0].name" -o tsv

# --- network security groups -----------------------------------------------------------------
check_eq "nsg create (6 default rules)" "6" \
  az network nsg create -g netGroup -n myNsg --query "length(NewNSG.defaultSecurityRules)" -o tsv
check_eq "nsg rule create" "Allow" \
  az network nsg rule create -g netGroup --nsg-name myNsg -n allow-ssh --priority 1000 --protocol Tcp \
  --destination-port-ranges 22 --access Allow --direction Inbound --query access -o tsv
check_eq "nsg rule list" "allow-ssh" az network nsg rule list -g netGroup --nsg-name myNsg --query "[0].name" -o tsv
check_fails_with "nsg rule with a taken priority" "SecurityRuleConflict" \
  az network nsg rule create -g netGroup --nsg-name myNsg -n allow-web --priority 1000 --protocol Tcp \
  --destination-port-ranges 80 --access Allow --direction Inbound

# --- public IP addresses ---------------------------------------------------------------------
PIP=$(az network public-ip create -g netGroup -n myPip --dns-name mypip-e2e --query publicIp.ipAddress -o tsv 2>/dev/null)
if [[ $PIP == 203.0.113.* ]]; then ok "public-ip create: $PIP"; else not_ok "public-ip create" "$PIP"; fi
check_eq "public-ip show: fqdn" "mypip-e2e.westus.cloudapp.azure.com" \
  az network public-ip show -g netGroup -n myPip --query dnsSettings.fqdn -o tsv
check_eq "public-ip list" "myPip" az network public-ip list -g netGroup --query "[0].name" -o tsv
check_eq "public-ip create --sku Standard is Static" "Static" \
  az network public-ip create -g netGroup -n stdPip --sku Standard --query publicIp.publicIPAllocationMethod -o tsv

# --- network interfaces ----------------------------------------------------------------------
# The NIC's IP configuration as each client prints it: az 2.45's `nic` commands print the SDK model's attribute
# names (privateIpAddress, publicIpAddress), az 2.74's AAZ commands the wire names (privateIPAddress,
# publicIPAddress). JMESPath is case-sensitive, so each query names the field its client prints.
if [ "$AZEMU_AZ" = 2.74 ]; then PRIVATE_IP=privateIPAddress PUBLIC_IP=publicIPAddress
else PRIVATE_IP=privateIpAddress PUBLIC_IP=publicIpAddress; fi
check_eq "nic create --vnet-name --subnet --network-security-group --public-ip-address" "10.0.0.4" \
  az network nic create -g netGroup -n myNic --vnet-name myVnet --subnet mySubnet --network-security-group myNsg \
  --public-ip-address myPip --query "NewNIC.ipConfigurations[0].$PRIVATE_IP" -o tsv
check_eq "nic show: private IP inside the prefix" "10.0.0.4" \
  az network nic show -g netGroup -n myNic --query "ipConfigurations[0].$PRIVATE_IP" -o tsv
check_eq "nic show: public IP reference" "myPip" \
  bash -c "az network nic show -g netGroup -n myNic --query 'ipConfigurations[0].$PUBLIC_IP.id' -o tsv | sed 's#.*/##'"
check_eq "nic list" "myNic" az network nic list -g netGroup --query "[0].name" -o tsv
check_eq "second nic gets the next address" "10.0.0.5" \
  az network nic create -g netGroup -n otherNic --vnet-name myVnet --subnet mySubnet \
  --query "NewNIC.ipConfigurations[0].$PRIVATE_IP" -o tsv
check_eq "subnet shows its IP configurations" "2" \
  az network vnet subnet show -g netGroup --vnet-name myVnet -n mySubnet --query "length(ipConfigurations)" -o tsv

# --- in-use errors, then deletes in dependency order ------------------------------------------
check_fails_with "subnet in use" "InUseSubnetCannotBeDeleted" \
  az network vnet subnet delete -g netGroup --vnet-name myVnet -n mySubnet
check_fails_with "nsg in use" "InUseNetworkSecurityGroupCannotBeDeleted" az network nsg delete -g netGroup -n myNsg
check_fails_with "public ip in use" "PublicIPAddressCannotBeDeleted" az network public-ip delete -g netGroup -n myPip
check "nic delete" az network nic delete -g netGroup -n myNic
check "nic delete (second)" az network nic delete -g netGroup -n otherNic
check_eq "nic list empty" "0" az network nic list -g netGroup --query "length(@)" -o tsv
check "public-ip delete" az network public-ip delete -g netGroup -n myPip
check "nsg delete" az network nsg delete -g netGroup -n myNsg
check "vnet delete" az network vnet delete -g netGroup -n myVnet
check_fails_with "vnet show after delete" "ResourceNotFound|not found" az network vnet show -g netGroup -n myVnet

# --- group delete cascades -------------------------------------------------------------------
check "vnet in a doomed group" az network vnet create -g netGroup -n doomedVnet --address-prefixes 10.5.0.0/16
check "group delete" az group delete -n netGroup --yes
check_eq "no networks left in the subscription" "0" \
  az network vnet list --query "length([?name=='doomedVnet'])" -o tsv

finish
