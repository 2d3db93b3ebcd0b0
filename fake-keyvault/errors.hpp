// Every error the Key Vault data plane can return, one factory each (the one home of these codes).
// Rendered by Dialect::keyvault as {"error":{"code","message","innererror"?}}. Wording copied from
// the real service where known (Observed: ade.md §2.6, SDK recordings); guesses are marked.
#pragma once

#include "emulator/error/azure_error.hpp"

#include <string>

namespace azemu::kv::errors {

inline AzureError with_inner(AzureError e, const std::string& inner) {
  e.with_details({{"code", inner}});
  return e;
}

// --- authentication (401, always with the challenge header added by the caller) ------------
inline AzureError missing_token() {
  return AzureError(ErrorKind::Unauthorized, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
}
inline AzureError invalid_audience(const std::string& expected, const std::string& found) {
  return AzureError(ErrorKind::Unauthorized, "Unauthorized",
                    "AKV10022: Invalid audience. Expected " + expected + ", found: " + found + ".");
}
inline AzureError invalid_issuer(const std::string& expected_tenant, const std::string& found_tenant) {
  return AzureError(ErrorKind::Unauthorized, "Unauthorized",
                    "AKV10032: Invalid issuer. Expected one of https://sts.windows.net/" + expected_tenant +
                        "/, found https://sts.windows.net/" + found_tenant + "/.");
}
/// Guess: the real service's codes for bad signatures and lifetimes are not documented.
inline AzureError invalid_token(const std::string& why) {
  return AzureError(ErrorKind::Unauthorized, "Unauthorized", "AKV10000: " + why);
}

// --- vault ---------------------------------------------------------------------------------
/// Decision: real DNS would not resolve an unknown vault; azemu answers 404 before any auth.
inline AzureError vault_not_found(const std::string& vault) {
  return AzureError(ErrorKind::NotFound, "VaultNotFound",
                    "The vault '" + vault + "' does not exist in this emulator. Create it with az keyvault create.");
}
inline AzureError no_route(const std::string& method, const std::string& path) {
  return AzureError(ErrorKind::NotFound, "NotFound", "The requested operation " + method + " " + path + " was not found.");
}

// --- authorization (403) -------------------------------------------------------------------
inline AzureError access_denied(const std::string& caller, const std::string& kind, const std::string& permission,
                                const std::string& vault, const std::string& location) {
  return with_inner(AzureError(ErrorKind::Forbidden, "Forbidden",
                               "The user, group or application '" + caller + "' does not have " + kind + " " +
                                   permission + " permission on key vault '" + vault + ";location=" + location +
                                   "'. For help resolving this issue, please see "
                                   "https://go.microsoft.com/fwlink/?linkid=2125287"),
                    "AccessDenied");
}
/// `scope` as Azure prints it: lower case. Observed (terraform-provider-azurerm logs, 2024-2025): "DecisionReason:
/// null " with a space before the CRLF; older texts (2023) said 'DeniedWithNoValidRBAC' there.
inline AzureError forbidden_by_rbac(const std::string& caller, const std::string& action, const std::string& scope,
                                    const std::string& vault, const std::string& location) {
  return with_inner(AzureError(ErrorKind::Forbidden, "Forbidden",
                               "Caller is not authorized to perform action on resource.\r\nIf role assignments, deny "
                               "assignments or role definitions were changed recently, please observe propagation "
                               "time.\r\nCaller: " + caller + "\r\nAction: '" + action + "'\r\nResource: '" + scope +
                                   "'\r\nAssignment: (not found)\r\nDenyAssignmentId: null\r\nDecisionReason: null "
                                   "\r\nVault: " + vault + ";location=" + location + "\r\n"),
                    "ForbiddenByRbac");
}
inline AzureError purge_protected() {
  return AzureError(ErrorKind::Forbidden, "Forbidden",
                    "Operation \"purge\" is not allowed because purge protection is enabled for this vault. Key Vault "
                    "service will automatically purge it after the retention period has passed");
}

// --- object state --------------------------------------------------------------------------
/// `kind` is "key" or "secret".
inline AzureError object_not_found(const std::string& kind, const std::string& name) {
  std::string code = kind == "key" ? "KeyNotFound" : "SecretNotFound";
  return AzureError(ErrorKind::NotFound, code,
                    "A " + kind + " with (name/id) " + name + " was not found in this key vault. If you recently "
                    "deleted this " + kind + " you may be able to recover it using the correct recovery command. For "
                    "help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182");
}
inline AzureError deleted_not_found(const std::string& kind, const std::string& name) {
  std::string code = kind == "key" ? "KeyNotFound" : "SecretNotFound";
  return AzureError(ErrorKind::NotFound, code, "Deleted " + kind + " not found: " + name);
}
/// `kind_cap` is "Key" or "Secret".
inline AzureError deleted_but_recoverable(const std::string& kind_cap, const std::string& name) {
  std::string lower = kind_cap == "Key" ? "key" : "secret";
  return with_inner(AzureError(ErrorKind::Conflict, "Conflict",
                               kind_cap + " " + name + " is currently in a deleted but recoverable state, and its "
                               "name cannot be reused; in this state, the " + lower +
                                   " can only be recovered or purged."),
                    "ObjectIsDeletedButRecoverable");
}
inline AzureError already_exists(const std::string& kind, const std::string& name) {
  return AzureError(ErrorKind::Conflict, "Conflict",
                    "There is already a " + kind + " named " + name + " in this vault. Restore is not allowed.");
}
/// `operation` as Azure names it ("get", "decrypt", "unwrapKey").
inline AzureError secret_disabled(const std::string& operation) {
  return with_inner(AzureError(ErrorKind::Forbidden, "Forbidden",
                               "Operation " + operation + " is not allowed on a disabled secret."),
                    "SecretDisabled");
}
inline AzureError key_disabled(const std::string& operation) {
  return with_inner(AzureError(ErrorKind::Forbidden, "Forbidden",
                               "Operation " + operation + " is not allowed on a disabled key."),
                    "KeyDisabled");
}
/// Guess: wording modelled on KeyDisabled; the real innererror code is not documented.
inline AzureError key_expired(const std::string& operation) {
  return with_inner(AzureError(ErrorKind::Forbidden, "Forbidden",
                               "Operation " + operation + " is not allowed on an expired key."),
                    "KeyExpired");
}
inline AzureError key_not_yet_valid(const std::string& operation) {
  return with_inner(AzureError(ErrorKind::Forbidden, "Forbidden",
                               "Operation " + operation + " is not allowed on a key that is not yet valid."),
                    "KeyNotYetValid");
}
inline AzureError op_not_permitted_by_key(const std::string& operation) {
  return AzureError(ErrorKind::BadRequest, "BadParameter", "Operation \"" + operation + "\" is not permitted by key_ops.");
}

// --- request shape -------------------------------------------------------------------------
inline AzureError bad_parameter(const std::string& message) {
  return AzureError(ErrorKind::BadRequest, "BadParameter", message);
}
inline AzureError hsm_on_standard_vault() {
  return bad_parameter("Hardware key operation not allowed on standard vault");
}
inline AzureError secret_too_large() {
  return bad_parameter("Secret value is too large. The maximum allowed size is 25600 bytes.");
}
inline AzureError bad_backup() {
  return bad_parameter("Backup blob contains invalid data or was not produced by this service.");
}
inline AzureError not_implemented(const std::string& what) {
  return AzureError(ErrorKind::NotImplemented, "AzemuNotImplemented", what + " is not implemented by azemu.");
}

}  // namespace azemu::kv::errors
