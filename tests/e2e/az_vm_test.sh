#!/usr/bin/env bash
# e2e: virtual machines, managed disks and VM extensions with the real `az` (Debian azure-cli 2.45)
# on azemu's guestless runtime (--vm-runtime guestless: VMs are records; every operation succeeds at
# once). Usage: az_vm_test.sh proxy|cloud
#   proxy: public host names, the `latest` profile through az-shim/sitecustomize.py;
#   cloud: az cloud register under azemu.localhost with the 2020-09-01-hybrid profile (az-wire §1.1).
# The VM is created with `az vm create` (template deployment, az-wire §4.7).
source "$(dirname "$0")/lib.sh"
MODE=${1:?usage: $0 proxy|cloud}
if [ "$MODE" = cloud ]; then
  PROFILE=2020-09-01-hybrid
else
  PROFILE=latest
fi

e2e_setup "vm-$MODE" --runtime guestless -- --mode "$MODE" --az-profile "$PROFILE"
check "az login --service-principal" \
  az login --service-principal -u "$AZEMU_CLIENT_ID" -p "$AZEMU_CLIENT_SECRET" --tenant "$AZEMU_TENANT_ID"
check "group create" az group create -n rg -l westus
ssh-keygen -q -t rsa -b 2048 -N '' -f "$WORK/id_rsa"

# --- create (deployment) and read ----------------------------------------------------------------
check "vm create (OpenLogic CentOS, one 5 GB data disk)" \
  az vm create -g rg -n myVM --image OpenLogic:CentOS:7.2n:7.2.20160629 --admin-username azureuser \
    --ssh-key-value "$WORK/id_rsa.pub" --data-disk-sizes-gb 5
check_eq "vm show: provisioningState" "Succeeded" az vm show -g rg -n myVM --query provisioningState -o tsv
check_eq "vm show: osType" "Linux" az vm show -g rg -n myVM --query storageProfile.osDisk.osType -o tsv
check_eq "vm show -d: powerState" "VM running" az vm show -d -g rg -n myVM --query powerState -o tsv
check_eq "vm list" "myVM" az vm list -g rg --query "[0].name" -o tsv
check_eq "vm get-instance-view: PowerState" "PowerState/running" \
  az vm get-instance-view -g rg -n myVM --query "instanceView.statuses[1].code" -o tsv
check_eq "vm get-instance-view: guestless agent" "guestless" \
  az vm get-instance-view -g rg -n myVM --query "instanceView.vmAgent.vmAgentVersion" -o tsv

# --- power ---------------------------------------------------------------------------------------
check "vm stop" az vm stop -g rg -n myVM
check_eq "stopped" "VM stopped" az vm show -d -g rg -n myVM --query powerState -o tsv
check "vm deallocate" az vm deallocate -g rg -n myVM
check_eq "deallocated" "VM deallocated" az vm show -d -g rg -n myVM --query powerState -o tsv
check_fails_with "vm restart of a deallocated VM" "OperationNotAllowed|requires the VM to be running" az vm restart -g rg -n myVM
check "vm start" az vm start -g rg -n myVM
check "vm restart" az vm restart -g rg -n myVM
check_eq "running again" "VM running" az vm show -d -g rg -n myVM --query powerState -o tsv

# --- disks ---------------------------------------------------------------------------------------
check "vm disk attach --new --name d2 --size-gb 5" az vm disk attach -g rg --vm-name myVM --new --name d2 --size-gb 5
check_eq "d2 in dataDisks" "d2" az vm show -g rg -n myVM --query "storageProfile.dataDisks[?lun==\`1\`].name | [0]" -o tsv
check_eq "disk show d2: Attached" "Attached" az disk show -g rg -n d2 --query diskState -o tsv
check_eq "disk list: OS + 2 data disks" "3" az disk list -g rg --query "length(@)" -o tsv
check_fails_with "disk delete while attached" "is attached to VM" az disk delete -g rg -n d2 --yes
check "vm disk detach --name d2" az vm disk detach -g rg --vm-name myVM --name d2
check_eq "disk show d2: Unattached" "Unattached" az disk show -g rg -n d2 --query diskState -o tsv
check "disk delete d2" az disk delete -g rg -n d2 --yes

# --- extensions ----------------------------------------------------------------------------------
# Without --version az picks the newest from the extension image catalog (2.1.10) and sends major.minor.
check "vm extension set (CustomScript, no --version)" \
  az vm extension set -g rg --vm-name myVM --name CustomScript --publisher Microsoft.Azure.Extensions \
    --settings '{"commandToExecute":"echo hi"}' --protected-settings '{"secret":"never-shown"}'
check_eq "vm extension show: typeHandlerVersion 2.1 (the catalog's newest, 2.1.10)" "2.1" \
  az vm extension show -g rg --vm-name myVM -n CustomScript --query typeHandlerVersion -o tsv
check_eq "vm extension show: Succeeded" "Succeeded" \
  az vm extension show -g rg --vm-name myVM -n CustomScript --query provisioningState -o tsv
check_eq "vm extension show: protectedSettings not returned" "" \
  az vm extension show -g rg --vm-name myVM -n CustomScript --query protectedSettings -o tsv
check_eq "vm extension list" "CustomScript" az vm extension list -g rg --vm-name myVM --query "[0].name" -o tsv
check_eq "instance view: guestless handler status" "guestless runtime: no handler ran" \
  az vm get-instance-view -g rg -n myVM --query "instanceView.extensions[0].statuses[0].message" -o tsv
check "vm extension delete" az vm extension delete -g rg --vm-name myVM -n CustomScript
check_eq "vm extension list: empty" "0" az vm extension list -g rg --vm-name myVM --query "length(@)" -o tsv

# --- run-command ---------------------------------------------------------------------------------
check_eq "vm run-command invoke: no guest" \
  "no guest: azemu runs this VM without a guest (guestless runtime)" \
  bash -c "az vm run-command invoke -g rg -n myVM --command-id RunShellScript --scripts 'uname -a' \
             --query 'value[0].message' -o tsv | tail -n 1"

# --- the client's defaults: Trusted Launch on Gen2 images, the public IP SKU --------------------------
# az 2.74 turns Trusted Launch on for a Gen2 image whose features say SecurityType TrustedLaunchSupported
# (securityType TrustedLaunch + uefiSettings secure boot and vTPM) and creates Standard (static) public IPs;
# az 2.45 sends no securityProfile and makes Basic ones. Either way the VM boots Gen2 (instance view).
if [ "$AZEMU_AZ" = 2.74 ]; then
  SECURITY="TrustedLaunch true true" DISK_SECURITY=TrustedLaunch IP_SKU=Standard
else
  SECURITY="None None None" DISK_SECURITY=None IP_SKU=Basic  # az's tsv prints a null as None
fi
check_eq "public IP SKU of az $AZEMU_AZ: $IP_SKU" "$IP_SKU" az network public-ip show -g rg -n myVMPublicIP --query sku.name -o tsv
check "vm create on a Gen2 image (OpenLogic CentOS 7_9-gen2)" \
  az vm create -g rg -n tlVM --image OpenLogic:CentOS:7_9-gen2:latest --admin-username azureuser \
    --ssh-key-value "$WORK/id_rsa.pub" --public-ip-address "" --nsg ""
check_eq "securityProfile as az $AZEMU_AZ asked: '$SECURITY'" "$SECURITY" \
  bash -c "az vm show -g rg -n tlVM --query '[securityProfile.securityType, securityProfile.uefiSettings.secureBootEnabled, securityProfile.uefiSettings.vTpmEnabled]' -o tsv | xargs"
check_eq "the OS disk: Gen2, security type '$DISK_SECURITY'" "V2 $DISK_SECURITY" \
  bash -c "az disk show --ids \$(az vm show -g rg -n tlVM --query storageProfile.osDisk.managedDisk.id -o tsv) \
    --query '[hyperVGeneration, securityProfile.securityType]' -o tsv | xargs"
check_eq "instance view: hyperVGeneration V2" "V2" az vm get-instance-view -g rg -n tlVM --query instanceView.hyperVGeneration -o tsv
check "vm delete tlVM" az vm delete -g rg -n tlVM --yes
# Asked for explicitly on a Gen1 image, Trusted Launch is CRP's BadRequest inside the deployment (az 2.45's
# 2020-09-01-hybrid profile has no --security-type; az 2.74 has dropped that profile for `latest`).
if [ "$AZEMU_AZ" = 2.74 ] || [ "$PROFILE" = latest ]; then
  check_fails_with "vm create --security-type TrustedLaunch on a Gen1 image: BadRequest" \
    '"code": ?"BadRequest".*Use of TrustedLaunch setting is not supported for the provided image' \
    az vm create -g rg -n vmTlGen1 --image OpenLogic:CentOS:7.2n:7.2.20160629 --security-type TrustedLaunch \
      --enable-secure-boot true --enable-vtpm true --admin-username azureuser --ssh-key-value "$WORK/id_rsa.pub" \
      --public-ip-address "" --nsg ""
fi

# --- bad input: Azure's errors ------------------------------------------------------------------
# az resolves the image itself (virtualMachineImages get) before deploying: Compute's 404 for it.
check_fails_with "vm create, unknown image: Azure's NotFound" "\(NotFound\) Artifact: VMImage was not found" \
  az vm create -g rg -n vmNoImage --image OpenLogic:CentOS:9.9:1.0.0 --admin-username azureuser \
    --ssh-key-value "$WORK/id_rsa.pub"
# The VM name seeds the VNet/NSG/public IP names; Network rejects them first (as in Azure).
check_fails_with "vm create, bad name: DeploymentFailed with InvalidResourceName" \
  '"code": ?"DeploymentFailed".*"code": ?"InvalidResourceName".*Resource name bad_name!(VNET|NSG|PublicIP) is invalid' \
  az vm create -g rg -n 'bad_name!' --image OpenLogic:CentOS:7.2n:7.2.20160629 --admin-username azureuser \
    --ssh-key-value "$WORK/id_rsa.pub"
check_fails_with "vm create, unknown size: InvalidParameter" \
  '"code": ?"InvalidParameter".*The requested VM size Standard_Nope_v9 is not available in the current region' \
  az vm create -g rg -n vmBadSize --image OpenLogic:CentOS:7.2n:7.2.20160629 --size Standard_Nope_v9 \
    --admin-username azureuser --ssh-key-value "$WORK/id_rsa.pub"
# stderr stays out: az 2.74 warns there that it replaced the hybrid profile by `latest`.
BAD_SIZE_DEPLOY=$(az deployment group list -g rg --query "sort_by(@, &properties.timestamp)[-1].name" -o tsv 2>/dev/null)
check_eq "the VM's operation carries CRP's target vmSize" "InvalidParameter vmSize" \
  bash -c "az deployment operation group list -g rg -n '$BAD_SIZE_DEPLOY' \
    --query \"[?properties.targetResource.resourceName=='vmBadSize'].properties.statusMessage.error.[code, target] | [0]\" -o tsv | xargs"
check_fails_with "no VM was created" "ResourceNotFound|not found" az vm show -g rg -n vmBadSize
check_eq "the failed deployment's NIC is listed, Succeeded" "Succeeded" \
  az network nic show -g rg -n vmBadSizeVMNic --query provisioningState -o tsv
check_eq "its operations: the NIC Succeeded, the VM Failed" "Succeeded Failed" \
  bash -c "az deployment operation group list -g rg -n '$BAD_SIZE_DEPLOY' \
    --query \"[[?properties.targetResource.resourceName=='vmBadSizeVMNic'].properties.provisioningState | [0], [?properties.targetResource.resourceName=='vmBadSize'].properties.provisioningState | [0]]\" -o tsv | xargs"

# --- delete --------------------------------------------------------------------------------------
check "vm delete --yes" az vm delete -g rg -n myVM --yes
check_fails_with "vm show after delete" "ResourceNotFound|not found" az vm show -g rg -n myVM
check_eq "data disk kept (deleteOption Detach), Unattached" "Unattached" \
  az disk list -g rg --query "[?starts_with(name, 'myVM_disk2_')].diskState | [0]" -o tsv
finish
