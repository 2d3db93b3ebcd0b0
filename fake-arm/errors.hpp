// Every ARM error code fake-arm can return, as factory functions (the one home for each code,
// status and message wording). Services throw these; the pipeline renders them in the ARM dialect.
// Wording follows real ARM answers (cited per group); HTTP status comes from ErrorKind unless a
// with_status() override is commented.
#pragma once

#include "emulator/error/azure_error.hpp"

#include <string>

namespace azemu::arm::errors {

// ---- authentication (401, always with a WWW-Authenticate challenge) ------------------------
// Observed wording from management.azure.com; the challenge is built by arm_auth_policy.cpp.

inline AzureError authentication_missing() {
  return {ErrorKind::Unauthorized, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing."};
}
inline AzureError authentication_malformed() {
  return {ErrorKind::Unauthorized, "AuthenticationFailedInvalidHeader",
          "Authentication failed. The 'Authorization' header is provided in an invalid format."};
}
inline AzureError invalid_token() {
  return {ErrorKind::Unauthorized, "InvalidAuthenticationToken", "The access token is invalid."};
}
/// `expiry` and `now` are already in ARM's "M/D/YYYY h:mm:ss AM" form.
inline AzureError expired_token(const std::string& expiry, const std::string& now) {
  return {ErrorKind::Unauthorized, "ExpiredAuthenticationToken",
          "The access token expiry UTC time '" + expiry + "' is earlier than current UTC time '" + now + "'."};
}
inline AzureError token_not_yet_valid(const std::string& nbf, const std::string& now) {
  return {ErrorKind::Unauthorized, "InvalidAuthenticationToken",
          "The access token is not yet valid. Its validity starts at UTC time '" + nbf + "', current UTC time is '" + now + "'."};
}
/// `allowed` is the quoted, comma-joined audience list ARM prints.
inline AzureError wrong_audience(const std::string& audience, const std::string& allowed) {
  return {ErrorKind::Unauthorized, "InvalidAuthenticationTokenAudience",
          "The access token has been obtained for wrong audience or resource '" + audience +
              "'. It should exactly match with one of the allowed audiences " + allowed + "."};
}
inline AzureError wrong_tenant(const std::string& issuer) {
  return {ErrorKind::Unauthorized, "InvalidAuthenticationTokenTenant",
          "The access token is from the wrong issuer '" + issuer +
              "'. It must match the tenant associated with this subscription. Please use the authority (URL) of that "
              "tenant to get the token."};
}

// ---- subscriptions and tenants --------------------------------------------------------------

inline AzureError subscription_not_found(const std::string& id) {
  return {ErrorKind::NotFound, "SubscriptionNotFound", "The subscription '" + id + "' could not be found."};
}
inline AzureError invalid_subscription_id(const std::string& id) {
  return {ErrorKind::BadRequest, "InvalidSubscriptionId",
          "The provided subscription identifier '" + id + "' is malformed or invalid."};
}

// ---- resource groups -------------------------------------------------------------------------

inline AzureError resource_group_not_found(const std::string& name) {
  return {ErrorKind::NotFound, "ResourceGroupNotFound", "Resource group '" + name + "' could not be found."};
}
inline AzureError invalid_resource_group_name(const std::string& name) {
  return {ErrorKind::BadRequest, "InvalidResourceGroup",
          "The provided resource group name '" + name +
              "' has these invalid characters or length. The name can only be a letter, digit, '-', '.', '(', ')' or "
              "'_', must be 1 to 90 characters long and cannot end with a period."};
}
inline AzureError location_required() {
  return {ErrorKind::BadRequest, "LocationRequired", "The location property is required for this definition."};
}
inline AzureError location_not_available_for_group(const std::string& given, const std::string& available) {
  return {ErrorKind::BadRequest, "LocationNotAvailableForResourceGroup",
          "The provided location '" + given + "' is not available for resource group. List of available regions is '" +
              available + "'."};
}
inline AzureError invalid_resource_group_location(const std::string& given, const std::string& existing) {
  // Observed: real ARM answers 409 Conflict for a PUT that moves an existing group.
  return AzureError(ErrorKind::Conflict, "InvalidResourceGroupLocation",
                    "Invalid resource group location '" + given + "'. The Resource group already exists in location '" +
                        existing + "'.");
}

// ---- providers, types, resources -------------------------------------------------------------

/// ARM answers 404 for reads and 400 for writes of an unknown namespace.
inline AzureError invalid_resource_namespace(const std::string& ns, bool is_read) {
  return {is_read ? ErrorKind::NotFound : ErrorKind::BadRequest, "InvalidResourceNamespace",
          "The resource namespace '" + ns + "' is invalid."};
}
inline AzureError invalid_resource_type(const std::string& type, const std::string& ns, const std::string& api_version,
                                        bool is_read) {
  return {is_read ? ErrorKind::NotFound : ErrorKind::BadRequest, "InvalidResourceType",
          "The resource type '" + type + "' could not be found in the namespace '" + ns + "' for api version '" +
              api_version + "'."};
}
/// `type_and_name` like "Microsoft.KeyVault/vaults/kv1".
inline AzureError resource_not_found(const std::string& type_and_name, const std::string& group) {
  return {ErrorKind::NotFound, "ResourceNotFound",
          "The Resource '" + type_and_name + "' under resource group '" + group +
              "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix"};
}
inline AzureError invalid_resource_id(const std::string& id) {
  return {ErrorKind::BadRequest, "InvalidResourceId", "The resource id '" + id + "' is invalid."};
}

// ---- tags -----------------------------------------------------------------------------------
// Limits: learn.microsoft.com "Use tags to organize your Azure resources" (50 tags, 512/256 chars).

inline AzureError invalid_tag_count(std::size_t n) {
  return {ErrorKind::BadRequest, "InvalidTagCount",
          "The number of tags '" + std::to_string(n) + "' exceeds the maximum of '50' tags per resource."};
}
inline AzureError invalid_tag_name_length(const std::string& name) {
  return {ErrorKind::BadRequest, "InvalidTagNameLength",
          "The tag name '" + name + "' exceeds the maximum length of '512' characters."};
}
inline AzureError invalid_tag_value_length(const std::string& name) {
  return {ErrorKind::BadRequest, "InvalidTagValueLength",
          "The value of tag '" + name + "' exceeds the maximum length of '256' characters."};
}
inline AzureError invalid_tag_name_characters(const std::string& name) {
  return {ErrorKind::BadRequest, "InvalidTagNameCharacters",
          "The tag names '" + name + "' have reserved characters '<,>,%,&,\\,?,/' or control characters."};
}
inline AzureError invalid_tag_value(const std::string& name) {
  return {ErrorKind::BadRequest, "InvalidTagValue", "The value of tag '" + name + "' must be a string."};
}

// ---- query strings and bodies ---------------------------------------------------------------

inline AzureError invalid_filter(const std::string& filter) {
  return {ErrorKind::BadRequest, "InvalidFilterInQueryString",
          "Invalid $filter '" + filter + "' specified in the query string."};
}
inline AzureError invalid_query_value(const std::string& name, const std::string& value) {
  return {ErrorKind::BadRequest, "InvalidQueryParameterValue",
          "The value '" + value + "' of query parameter '" + name + "' is invalid."};
}
inline AzureError invalid_request_content(const std::string& why) {
  return {ErrorKind::BadRequest, "InvalidRequestContent",
          "The request content was invalid and could not be deserialized: '" + why + "'."};
}

/// Observed (Azure/avdaccelerator #632, a deployment PUT): 413 RequestContentTooLarge "The request
/// content size exceeds the maximum size of 4 MB."
inline AzureError request_content_too_large() {
  return {ErrorKind::TooLarge, "RequestContentTooLarge", "The request content size exceeds the maximum size of 4 MB."};
}

// ---- async operations ------------------------------------------------------------------------

inline AzureError operation_not_found(const std::string& id) {
  return {ErrorKind::NotFound, "OperationNotFound", "The operation '" + id + "' could not be found."};
}
/// A finished-with-failure operation polled through its Location URL: the stored error, verbatim.
inline AzureError operation_failed(const std::string& code, const std::string& message) {
  return {ErrorKind::BadRequest, code, message};
}

// ---- authorization (RBAC) -------------------------------------------------------------------
// Wording of AuthorizationFailed, PrincipalNotFound, RoleAssignmentExists and RoleDefinitionDoesNotExist
// as real ARM prints them (learn.microsoft.com "Troubleshoot Azure RBAC"); az matches on
// "does not exist in the directory" and "role assignment already exists", so keep those phrases.

/// `client` is the caller's UPN (users) or appId (applications).
inline AzureError authorization_failed(const std::string& client, const std::string& object_id,
                                       const std::string& action, const std::string& scope) {
  return {ErrorKind::Forbidden, "AuthorizationFailed",
          "The client '" + client + "' with object id '" + object_id + "' does not have authorization to perform action '" +
              action + "' over scope '" + scope +
              "' or the scope is invalid. If access was recently granted, please refresh your credentials."};
}
inline AzureError role_definition_does_not_exist(const std::string& id, bool is_lookup) {
  // Observed: 404 when the definition itself is read, 400 when an assignment names it.
  return {is_lookup ? ErrorKind::NotFound : ErrorKind::BadRequest, "RoleDefinitionDoesNotExist",
          "The specified role definition with ID '" + id + "' does not exist."};
}
inline AzureError invalid_role_definition_id(const std::string& id) {
  return {ErrorKind::BadRequest, "InvalidRoleDefinitionId", "The role definition ID '" + id + "' is not valid."};
}
inline AzureError principal_not_found(const std::string& principal_id, const std::string& tenant_id) {
  return {ErrorKind::BadRequest, "PrincipalNotFound",
          "Principal " + principal_id + " does not exist in the directory " + tenant_id +
              ". Check that you have the correct principal ID. If you are creating this principal and then immediately "
              "assigning a role, this error might be related to a replication delay. In this case, set the role "
              "assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See "
              "https://aka.ms/docs-principaltype"};
}
inline AzureError invalid_principal_id() {
  return {ErrorKind::BadRequest, "InvalidPrincipalId", "A valid principal ID must be provided for role assignment."};
}
inline AzureError unmatched_principal_type(const std::string& principal_id, const std::string& actual,
                                           const std::string& given) {
  return {ErrorKind::BadRequest, "UnmatchedPrincipalType",
          "The PrincipalId '" + principal_id + "' has type '" + actual + "' , which is different from specified PrincipalType '" +
              given + "'."};
}
inline AzureError role_assignment_exists() {
  return {ErrorKind::Conflict, "RoleAssignmentExists", "The role assignment already exists."};
}
inline AzureError role_assignment_update_not_permitted() {
  return {ErrorKind::Conflict, "RoleAssignmentUpdateNotPermitted",
          "Tenant ID, application ID, principal ID, and scope are not allowed to be updated."};
}
inline AzureError role_assignment_not_found(const std::string& name) {
  return {ErrorKind::NotFound, "RoleAssignmentNotFound", "The role assignment '" + name + "' is not found."};
}
inline AzureError invalid_role_assignment_id(const std::string& name) {
  return {ErrorKind::BadRequest, "InvalidRoleAssignmentId",
          "The role assignment ID '" + name + "' is not valid. The role assignment ID must be a GUID."};
}
/// Decision (wording not documented): a custom role used outside its assignableScopes.
inline AzureError role_not_assignable_at_scope(const std::string& role_name, const std::string& scope) {
  return {ErrorKind::BadRequest, "RoleAssignmentScopeNotAssignableToRoleDefinition",
          "The role '" + role_name + "' is not available for assignment at the requested scope '" + scope + "'."};
}
inline AzureError invalid_role_definition(const std::string& why) {
  return {ErrorKind::BadRequest, "InvalidRoleDefinition", "The role definition is invalid: " + why};
}
inline AzureError invalid_assignable_scope(const std::string& scope) {
  return {ErrorKind::BadRequest, "InvalidAssignableScope",
          "The assignable scope '" + scope + "' is not valid. Custom roles can be assignable at subscription, "
          "resource group or resource scopes of this directory."};
}
inline AzureError role_definition_with_same_name_exists() {
  return {ErrorKind::Conflict, "RoleDefinitionWithSameNameExists",
          "A custom role with the same name already exists in this directory. Use a different name."};
}
inline AzureError role_definition_has_assignments(const std::string& id) {
  return {ErrorKind::Conflict, "RoleDefinitionHasAssignments",
          "There are existing role assignments referencing role '" + id + "'. Remove them before deleting the role."};
}
/// Decision (wording not documented): built-in roles are read-only.
inline AzureError cannot_modify_built_in_role(const std::string& id) {
  return {ErrorKind::BadRequest, "CannotModifyBuiltInRole", "The built-in role '" + id + "' cannot be modified or deleted."};
}

// ---- Microsoft.KeyVault/vaults --------------------------------------------------------------
// Wording as the Key Vault resource provider prints it (az CLI issue threads and the RP's answers
// quoted in azure-docs issues); codes are the RP's own, not ARM's generic ones.

inline AzureError vault_name_not_valid(const std::string& name) {
  return {ErrorKind::BadRequest, "VaultNameNotValid",
          "The vault name '" + name +
              "' is invalid. A vault's name must be between 3-24 alphanumeric characters. The name must begin with a "
              "letter, end with a letter or digit, and not contain consecutive hyphens. Follow this link for more "
              "information: https://go.microsoft.com/fwlink/?linkid=2147742"};
}
/// The text also answers checkNameAvailability (reason AlreadyExists), so it is a function of its own.
inline std::string vault_name_in_use_message(const std::string& name) {
  return "The vault name '" + name +
         "' is already in use. Vault names are globally unique so it is possible that the name is already taken. If "
         "you are sure that the vault name was not taken then it is possible that a vault with the same name was "
         "recently deleted but not purged after being placed in a recoverable state. If the vault is in a recoverable "
         "state then the vault will need to be purged before reusing the name. For more information on soft delete "
         "and purging a vault follow this link https://go.microsoft.com/fwlink/?linkid=2147740.";
}
inline AzureError vault_already_exists(const std::string& name) {
  return {ErrorKind::Conflict, "VaultAlreadyExists", vault_name_in_use_message(name)};
}
inline AzureError vault_exists_in_deleted_state() {
  return {ErrorKind::Conflict, "ConflictError",
          "A vault with the same name already exists in deleted state. You need to either recover or purge existing "
          "key vault. Follow this link https://go.microsoft.com/fwlink/?linkid=2149745 for more information on soft "
          "delete."};
}
/// Decision (status not documented): 404, as the deleted vault is the missing resource.
inline AzureError soft_deleted_vault_does_not_exist() {
  return {ErrorKind::NotFound, "SoftDeletedVaultDoesNotExist",
          "A soft deleted vault with the given name does not exist. Ensure that the name for the vault that is being "
          "attempted to recover is in a recoverable state. For more information, see "
          "https://go.microsoft.com/fwlink/?linkid=2149745"};
}
/// Observed (azure-docs #55427, AzureTRE #1446): "(MethodNotAllowed) Operation 'DeletedVaultPurge' is not allowed."
inline AzureError deleted_vault_purge_not_allowed() {
  return {ErrorKind::MethodNotAllowed, "MethodNotAllowed", "Operation 'DeletedVaultPurge' is not allowed."};
}
inline AzureError soft_delete_cannot_be_disabled() {
  return {ErrorKind::BadRequest, "BadRequest",
          "The property \"enableSoftDelete\" cannot be set to false. Enabling the 'soft delete' functionality is an "
          "irreversible action."};
}
inline AzureError purge_protection_cannot_be_disabled() {
  return {ErrorKind::BadRequest, "BadRequest",
          "The property \"enablePurgeProtection\" cannot be set to false. Enabling the purge protection for a vault "
          "is an irreversible action."};
}
inline AzureError retention_days_out_of_range() {
  return {ErrorKind::BadRequest, "BadRequest",
          "The property \"softDeleteRetentionInDays\" must be between 7 and 90."};
}
inline AzureError retention_days_immutable() {
  return {ErrorKind::BadRequest, "BadRequest",
          "The property \"softDeleteRetentionInDays\" has been set already and it can't be modified."};
}
/// A missing or malformed vault property ("The parameter properties.tenantId is required.").
inline AzureError invalid_vault_parameter(const std::string& what) {
  return {ErrorKind::BadRequest, "BadRequest", what};
}
/// `where` like "accessPolicies[0].permissions.keys[1]".
inline AzureError invalid_permission(const std::string& where, const std::string& value) {
  return {ErrorKind::BadRequest, "BadRequest", "Invalid value found at " + where + ": " + value};
}
inline AzureError invalid_access_policy_operation(const std::string& kind) {
  return {ErrorKind::BadRequest, "BadRequest",
          "The value '" + kind + "' is not valid for operationKind. Valid values are 'add', 'replace', 'remove'."};
}
inline AzureError location_not_available_for_resource_type(const std::string& given, const std::string& type,
                                                           const std::string& available) {
  return {ErrorKind::BadRequest, "LocationNotAvailableForResourceType",
          "The provided location '" + given + "' is not available for resource type '" + type +
              "'. List of available regions for the resource type is '" + available + "'."};
}
/// ARM's answer to a PUT that would move an existing resource to another region.
inline AzureError invalid_resource_location(const std::string& name, const std::string& existing,
                                            const std::string& group, const std::string& given) {
  return {ErrorKind::Conflict, "InvalidResourceLocation",
          "The resource '" + name + "' already exists in location '" + existing + "' in resource group '" + group +
              "'. A resource with the same name cannot be created in location '" + given +
              "'. Please select a new resource name."};
}

// ---- Microsoft.Resources/deployments ----------------------------------------------------------
// DeploymentNotFound and DeploymentFailed wording as real ARM prints them (azure-cli #28834,
// AKS-Construction #334); the others are decisions where no wording is published (commented).

inline AzureError deployment_not_found(const std::string& name) {
  return {ErrorKind::NotFound, "DeploymentNotFound", "Deployment '" + name + "' could not be found."};
}
/// The failed deployment's error; `details` holds one {code, message, target} per failed resource.
inline AzureError deployment_failed(const nlohmann::json& details) {
  return AzureError(ErrorKind::BadRequest, "DeploymentFailed",
                    "At least one resource deployment operation failed. Please list deployment operations for details. "
                    "Please see https://aka.ms/arm-deployment-operations for usage details.")
      .with_details(details);
}
/// A template error from the engine (InvalidTemplate, InvalidTemplateDeployment, ...), verbatim.
inline AzureError invalid_template(const std::string& code, const std::string& message, const std::string& target) {
  AzureError e(ErrorKind::BadRequest, code, message);
  if (!target.empty()) e.with_target(target);
  return e;
}
/// Decision (wording not published): a running deployment cannot be replaced or deleted.
inline AzureError deployment_active(const std::string& name) {
  return {ErrorKind::Conflict, "DeploymentActive",
          "The deployment '" + name + "' is currently active. Wait for it to complete, or cancel it, and try again."};
}
/// Decision (wording not published): only Accepted/Running deployments can be canceled.
inline AzureError deployment_cannot_be_canceled(const std::string& name, const std::string& state) {
  return {ErrorKind::Conflict, "DeploymentCannotBeCanceled",
          "The deployment '" + name + "' cannot be canceled because its provisioning state is '" + state +
              "'. Only deployments in 'Accepted' or 'Running' state can be canceled."};
}
inline AzureError deployment_operation_not_found(const std::string& operation_id, const std::string& name) {
  return {ErrorKind::NotFound, "DeploymentOperationNotFound",
          "The operation '" + operation_id + "' of deployment '" + name + "' could not be found."};
}
/// Observed: ARM refuses to move a subscription-scope deployment name to another location.
inline AzureError invalid_deployment_location(const std::string& given, const std::string& name,
                                              const std::string& existing) {
  return {ErrorKind::BadRequest, "InvalidDeploymentLocation",
          "Invalid deployment location '" + given + "'. The deployment '" + name + "' already exists in location '" +
              existing + "'."};
}
/// Decision: Complete mode is only meaningful inside a resource group.
inline AzureError invalid_deployment_mode(const std::string& mode) {
  return {ErrorKind::BadRequest, "InvalidDeploymentMode",
          "The deployment mode '" + mode + "' is not supported at this scope. Only 'Incremental' is allowed."};
}
/// Decision: azemu restarted while the deployment ran; it is failed, never left Running.
inline AzureError deployment_interrupted() {
  return {ErrorKind::Internal, "DeploymentInterrupted",
          "The deployment was interrupted because azemu restarted while it was running. Resources deployed before "
          "the restart are kept; run the deployment again to finish it."};
}
/// Decision: a canceled deployment reports this instead of the resources it did not deploy.
inline AzureError deployment_canceled() {
  return {ErrorKind::Conflict, "DeploymentCanceled", "The deployment was canceled."};
}

// ---- compute catalog: marketplace images, sizes, skus -------------------------------------
// Observed wording of the compute resource provider (azure-cli#6622, vagrant-azure#147, azure-cli
// docs issue #1732): unknown offer/sku/version → "Artifact: VMImage was not found."

inline AzureError vm_image_not_found() {
  return {ErrorKind::NotFound, "NotFound", "Artifact: VMImage was not found."};
}
/// The VMImage answer's sibling for extension images (unknown type or version under a known publisher).
inline AzureError vm_extension_image_not_found() {
  return {ErrorKind::NotFound, "NotFound", "Artifact: VMExtension was not found."};
}
inline AzureError image_publisher_not_found(const std::string& publisher) {
  return {ErrorKind::NotFound, "NotFound", "Publisher: " + publisher + " was not found."};
}
/// ARM's answer for a location the resource type is not offered in. `type` like
/// "locations/publishers"; `locations` the comma-joined display names ARM prints.
inline AzureError no_registered_provider_for_location(const std::string& location, const std::string& api_version,
                                                      const std::string& type, const std::string& locations) {
  return {ErrorKind::BadRequest, "NoRegisteredProviderFound",
          "No registered resource provider found for location '" + location + "' and API version '" + api_version +
              "' for type '" + type + "'. The supported api-versions are '2022-08-01, 2022-11-01'. The supported "
              "locations are '" + locations + "'."};
}

// ---- Microsoft.Compute (virtual machines, disks, extensions) ------------------------------------
// Wording as the Compute resource provider (CRP) prints it, quoted from error reports (cited per
// function); where no wording is published the function says "Decision".

/// Observed (hashicorp/packer #10600, terraform 404s): target "imageReference", HTTP 404.
inline AzureError platform_image_not_found(const std::string& urn) {
  return AzureError(ErrorKind::NotFound, "PlatformImageNotFound",
                    "The platform image '" + urn +
                        "' is not available. Verify that all fields in the storage profile are correct. For more "
                        "details about storage profile information, please refer to https://aka.ms/storageprofile")
      .with_target("imageReference");
}
/// Observed (microsoft/onefuzz #1126): `available` is the comma-joined size list.
/// Observed (azure-cli #27975, az vm create with Trusted Launch on an image without it): code BadRequest.
inline AzureError trusted_launch_image_not_supported() {
  return {ErrorKind::BadRequest, "BadRequest",
          "Use of TrustedLaunch setting is not supported for the provided image. Please select Trusted Launch "
          "Supported Gen2 OS Image. For more information, see https://aka.ms/TrustedLaunch-FAQ."};
}
/// CRP's message for a size that cannot boot Trusted Launch (azure-cli #28005's table, November 2023 form).
inline AzureError trusted_launch_size_not_supported(const std::string& size) {
  return {ErrorKind::BadRequest, "BadRequest",
          "The VM size '" + size + "' is not supported for creation of VMs and Virtual Machine Scale Set with "
          "'TrustedLaunch' security type. For more information, see https://aka.ms/TrustedLaunch-FAQ"};
}
inline AzureError vm_size_not_available(const std::string& size, const std::string& available) {
  return AzureError(ErrorKind::BadRequest, "InvalidParameter",
                    "The requested VM size " + size + " is not available in the current region. The sizes available "
                    "in the current region are: " + available +
                        ".\r\nFind out more on the available VM sizes in each region at https://aka.ms/azure-regions.")
      .with_target("vmSize");
}
/// CRP's generic parameter error ("Required parameter 'x' is missing (null).", target "x").
inline AzureError compute_invalid_parameter(const std::string& message, const std::string& target) {
  AzureError e(ErrorKind::BadRequest, "InvalidParameter", message);
  if (!target.empty()) e.with_target(target);
  return e;
}
inline AzureError compute_required_parameter(const std::string& name) {
  return compute_invalid_parameter("Required parameter '" + name + "' is missing (null).", name);
}
/// Observed: CRP's message for a bad Linux computer name (az vm create tests quote it).
inline AzureError invalid_linux_computer_name() {
  return compute_invalid_parameter(
      "Linux host name cannot exceed 64 characters in length or contain the following characters: ` ~ ! @ # $ % ^ & "
      "* ( ) = + _ [ ] { } \\ | ; : ' \" , < > / ?.",
      "computerName");
}
/// Observed wording: "Changing property 'osProfile.adminUsername' is not allowed."
inline AzureError property_change_not_allowed(const std::string& property) {
  return AzureError(ErrorKind::Conflict, "PropertyChangeNotAllowed",
                    "Changing property '" + property + "' is not allowed.")
      .with_target(property);
}
/// ARM's answer for a reference to a resource that does not exist (or lies in another region).
inline AzureError invalid_resource_reference(const std::string& referenced, const std::string& by) {
  return {ErrorKind::BadRequest, "InvalidResourceReference",
          "Resource " + referenced + " referenced by resource " + by +
              " was not found. Please make sure that the referenced resource exists, and that both resources are in "
              "the same region."};
}
/// Decision (wording not published): a NIC already used by another VM.
inline AzureError nic_in_use(const std::string& nic, const std::string& vm) {
  return {ErrorKind::BadRequest, "NicInUse",
          "Network Interface " + nic + " is used by existing resource " + vm +
              ". In order to attach it to another virtual machine, it must be dissociated from the resource first."};
}
/// Observed: "The maximum number of data disks allowed to be attached to a VM of this size is 4."
inline AzureError too_many_data_disks(int max) {
  return AzureError(ErrorKind::Conflict, "OperationNotAllowed",
                    "The maximum number of data disks allowed to be attached to a VM of this size is " +
                        std::to_string(max) + ".")
      .with_target("dataDisks");
}
/// Decision (wording not published): two data disks on one LUN.
inline AzureError duplicate_lun(int lun) {
  return compute_invalid_parameter("A disk at LUN " + std::to_string(lun) + " already exists.", "dataDisks");
}
/// Observed: "Disk myDisk already exists in resource group MYRG. Only CreateOption.Attach is supported."
inline AzureError disk_already_exists(const std::string& disk, const std::string& group) {
  return AzureError(ErrorKind::Conflict, "ConflictingUserInput",
                    "Disk " + disk + " already exists in resource group " + group +
                        ". Only CreateOption.Attach is supported.")
      .with_target("/dataDisks/" + disk);
}
/// Decision (wording not published): attaching a disk another VM owns.
inline AzureError disk_attached_elsewhere(const std::string& disk, const std::string& vm) {
  return {ErrorKind::Conflict, "OperationNotAllowed", "Disk " + disk + " is already attached to VM " + vm + "."};
}
/// Observed: OperationNotAllowed "Disk X is attached to VM Y." for a delete of an attached disk.
inline AzureError disk_attached(const std::string& disk, const std::string& vm) {
  return {ErrorKind::Conflict, "OperationNotAllowed", "Disk " + disk + " is attached to VM " + vm + "."};
}
/// Observed: a disk can only grow ("Disk size can only be increased").
inline AzureError disk_shrink_not_allowed(std::int64_t from, std::int64_t to) {
  return AzureError(ErrorKind::Conflict, "OperationNotAllowed",
                    "Changing property 'diskSizeGB' is not allowed: new size " + std::to_string(to) +
                        " GB is smaller than the current size " + std::to_string(from) + " GB. Disk size can only be increased.")
      .with_target("diskSizeGB");
}
/// Observed (Azure docs, az vm run-command / restart on a deallocated VM).
inline AzureError vm_not_running() {
  return {ErrorKind::Conflict, "OperationNotAllowed", "The operation requires the VM to be running (or set to run)."};
}
/// Decision: a second lifecycle operation while one is running (CRP answers 409 Conflict).
inline AzureError vm_operation_in_progress(const std::string& vm, const std::string& state) {
  return {ErrorKind::Conflict, "OperationNotAllowed",
          "Operation is not allowed on VM '" + vm + "' while its provisioning state is '" + state + "'."};
}
/// Decision: only RunShellScript runs (azemu's guests are Linux).
inline AzureError unsupported_run_command(const std::string& command_id) {
  return compute_invalid_parameter("The command id '" + command_id +
                                       "' is not supported: azemu runs Linux guests; use 'RunShellScript'.",
                                   "commandId");
}
/// Verbatim from CRP (research/ade.md §1.5): the extension handler reported "error".
inline std::string extension_failure_message(const std::string& name, const std::string& handler_message) {
  return "VM has reported a failure when processing extension '" + name + "'. Error message: \"" + handler_message + "\".";
}
/// Code of a failed VM lifecycle operation whose runtime call threw (message: the runtime's).
inline constexpr const char* kVmRuntimeErrorCode = "InternalExecutionError";
inline constexpr const char* kExtensionErrorCode = "VMExtensionProvisioningError";

// ---- everything else -------------------------------------------------------------------------

inline AzureError no_route(const std::string& method, const std::string& path) {
  return {ErrorKind::NotFound, "NotFound",
          "The requested resource '" + method + " " + path + "' is not served by azemu's Resource Manager."};
}
/// azemu's own tools (`azemu vm disks NAME`, GET /_azemu/vms/{name}/disks) when a bare VM name
/// matches VMs in several groups; not an Azure error (ARM always has the group in the path).
inline AzureError vm_name_ambiguous(const std::string& name, const std::string& candidates) {
  return {ErrorKind::Conflict, "AzemuAmbiguousVmName",
          "More than one VM is named '" + name + "' (" + candidates + "); name the resource group."};
}
inline AzureError not_implemented(const std::string& what) {
  return {ErrorKind::NotImplemented, "AzemuNotImplemented", "azemu does not implement " + what + " yet."};
}

}  // namespace azemu::arm::errors
