// Every error the Entra token service and Microsoft Graph can return, one factory each (the one
// home of the AADSTS and Graph codes). Token errors render as Dialect::aad {error,
// error_description, error_codes, ...}; graph_* errors as Dialect::graph {"error":{code,message,innerError}}.
// Wording copied from real Entra responses (Observed: azure-cli / MSAL issue threads); real Entra
// also appends "\r\nTrace ID: ...\r\nCorrelation ID: ...\r\nTimestamp: ..." which the dialect omits.
#pragma once

#include "emulator/error/azure_error.hpp"

#include <string>

namespace azemu::aad::errors {

inline AzureError aad(ErrorKind kind, const char* error, int code, const std::string& text) {
  return AzureError(kind, error, "AADSTS" + std::to_string(code) + ": " + text).with_aad_codes({code});
}

// --- request shape -------------------------------------------------------------------------
inline AzureError missing_parameter(const std::string& name) {
  return aad(ErrorKind::BadRequest, "invalid_request", 900144,
             "The request body must contain the following parameter: '" + name + "'.");
}
inline AzureError unsupported_grant_type(const std::string& grant) {
  return aad(ErrorKind::BadRequest, "unsupported_grant_type", 70003,
             "The app requested an unsupported grant type '" + grant + "'.");
}
inline AzureError tenant_not_found(const std::string& tenant) {
  return aad(ErrorKind::BadRequest, "invalid_request", 90002,
             "Tenant '" + tenant + "' not found. Check to make sure you have the correct tenant ID and are signing "
             "into the correct cloud. Check with your subscription administrator, this may happen if there are no "
             "active subscriptions for the tenant.");
}
/// OIDC discovery words the same failure with error "invalid_tenant".
inline AzureError discovery_tenant_not_found(const std::string& tenant) {
  AzureError e = tenant_not_found(tenant);
  return AzureError(ErrorKind::BadRequest, "invalid_tenant", e.message()).with_aad_codes({90002});
}

// --- scopes and resources --------------------------------------------------------------------
inline AzureError resource_not_found(const std::string& resource, const std::string& tenant) {
  return aad(ErrorKind::BadRequest, "invalid_resource", 500011,
             "The resource principal named " + resource + " was not found in the tenant named " + tenant +
                 ". This can happen if the application has not been installed by the administrator of the tenant "
                 "or consented to by any user in the tenant. You might have sent your authentication request to "
                 "the wrong tenant.");
}
inline AzureError more_than_one_resource(const std::string& scope) {
  return aad(ErrorKind::BadRequest, "invalid_scope", 28000,
             "Provided value for the input parameter scope is not valid because it contains more than one "
             "resource. Scope " + scope + " is not valid.");
}
inline AzureError client_credentials_scope_without_default(const std::string& scope) {
  return aad(ErrorKind::BadRequest, "invalid_scope", 1002012,
             "The provided value for scope " + scope + " is not valid. Client credential flows must have a scope "
             "value with /.default suffixed to the resource identifier (application ID URI).");
}

// --- clients -----------------------------------------------------------------------------------
inline AzureError application_not_found(const std::string& app_id, const std::string& tenant) {
  return aad(ErrorKind::BadRequest, "unauthorized_client", 700016,
             "Application with identifier '" + app_id + "' was not found in the directory '" + tenant +
                 "'. This can happen if the application has not been installed by the administrator of the "
                 "tenant or consented to by any user in the tenant. You may have sent your authentication request "
                 "to the wrong tenant.");
}
// Observed (Entra's token endpoint, 2025, HTTP 401): client_credentials of an application registered in the
// tenant whose service principal there is missing (never created, or deleted while the application stayed).
inline AzureError missing_service_principal(const std::string& app_id, const std::string& tenant_id) {
  return aad(ErrorKind::Unauthorized, "invalid_client", 7000229,
             "The client application " + app_id + " is missing service principal in the tenant " + tenant_id +
                 ". See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119");
}
inline AzureError application_disabled(const std::string& app_id, const std::string& name) {
  return aad(ErrorKind::BadRequest, "unauthorized_client", 7000112,
             "Application '" + app_id + "'(" + name + ") is disabled.");
}
inline AzureError missing_client_secret() {
  return aad(ErrorKind::Unauthorized, "invalid_client", 7000218,
             "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
}
inline AzureError invalid_client_secret(const std::string& app_id) {
  return aad(ErrorKind::Unauthorized, "invalid_client", 7000215,
             "Invalid client secret provided. Ensure the secret being sent in the request is the client secret "
             "value, not the client secret ID, for a secret added to app '" + app_id + "'.");
}
inline AzureError client_secret_expired(const std::string& app_id) {
  return aad(ErrorKind::Unauthorized, "invalid_client", 7000222,
             "The provided client secret keys for app '" + app_id + "' are expired. Visit the Azure portal to "
             "create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate "
             "credentials for added security: https://aka.ms/certCreds.");
}

// --- users -------------------------------------------------------------------------------------
inline AzureError user_not_found(const std::string& upn, const std::string& tenant) {
  return aad(ErrorKind::BadRequest, "invalid_grant", 50034,
             "The user account " + upn + " does not exist in the " + tenant +
                 " directory. To sign into this application, the account must be added to the directory.");
}
inline AzureError invalid_password() {
  return aad(ErrorKind::BadRequest, "invalid_grant", 50126,
             "Error validating credentials due to invalid username or password.");
}
inline AzureError user_disabled() {
  return aad(ErrorKind::BadRequest, "invalid_grant", 50057,
             "The user account is disabled.");
}

// --- refresh tokens ------------------------------------------------------------------------------
inline AzureError malformed_grant() {
  return aad(ErrorKind::BadRequest, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
}
/// Unknown, already rotated, or issued to another client/tenant.
inline AzureError invalid_refresh_token() {
  return aad(ErrorKind::BadRequest, "invalid_grant", 70000,
             "Provided grant is invalid or malformed. The refresh token is not valid or has already been used.");
}
inline AzureError refresh_token_expired(const std::string& issued_iso) {
  return aad(ErrorKind::BadRequest, "invalid_grant", 700082,
             "The refresh token has expired due to inactivity. The token was issued on " + issued_iso +
                 " and was inactive for 90.00:00:00.");
}

// --- device codes --------------------------------------------------------------------------------
inline AzureError authorization_pending() {
  return aad(ErrorKind::BadRequest, "authorization_pending", 70016,
             "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
}
inline AzureError device_code_expired() {
  return aad(ErrorKind::BadRequest, "expired_token", 70020,
             "The provided value for the input parameter 'device_code' is not valid. This device code has expired.");
}
inline AzureError device_code_invalid() {
  return aad(ErrorKind::BadRequest, "invalid_grant", 70000,
             "Provided grant is invalid or malformed. The device code is not valid or has already been redeemed.");
}

// --- azemu ---------------------------------------------------------------------------------------
/// Interactive (browser) sign-in is not emulated; clients should use the device code flow.
inline AzureError interactive_not_implemented() {
  return AzureError(ErrorKind::NotImplemented, "AzemuNotImplemented",
                    "azemu does not emulate interactive browser sign-in; use `az login --use-device-code`, "
                    "`az login -u USER -p PASSWORD` or a service principal.");
}
inline AzureError endpoint_not_found(const std::string& path) {
  return AzureError(ErrorKind::NotFound, "not_found",
                    "The Entra ID endpoint '" + path + "' does not exist (azemu).");
}

// --- Microsoft Graph -------------------------------------------------------------------------------
// Observed wording from graph.microsoft.com v1.0 (error bodies quoted in azure-cli, msgraph-sdk and
// microsoft-graph-docs issue threads).

/// 401 with Graph's challenge header (added by graph_auth_policy).
inline AzureError graph_invalid_token(const std::string& message) {
  return AzureError(ErrorKind::Unauthorized, "InvalidAuthenticationToken", message);
}
inline AzureError graph_insufficient_privileges() {
  return AzureError(ErrorKind::Forbidden, "Authorization_RequestDenied",
                    "Insufficient privileges to complete the operation.");
}
inline AzureError graph_resource_not_found(const std::string& id) {
  return AzureError(ErrorKind::NotFound, "Request_ResourceNotFound",
                    "Resource '" + id + "' does not exist or one of its queried reference-property objects are not present.");
}
/// Observed: an unknown path segment under /v1.0 is a 400, not a 404.
inline AzureError graph_segment_not_found(const std::string& segment) {
  return AzureError(ErrorKind::BadRequest, "BadRequest", "Resource not found for the segment '" + segment + "'.");
}
inline AzureError graph_me_requires_delegated() {
  return AzureError(ErrorKind::BadRequest, "BadRequest", "/me request is only valid with delegated authentication flow.");
}
inline AzureError graph_bad_request(const std::string& message) {
  return AzureError(ErrorKind::BadRequest, "Request_BadRequest", message);
}
inline AzureError graph_required_property(const std::string& property) {
  return graph_bad_request("Property " + property + " value is required but is empty or missing.");
}
inline AzureError graph_invalid_property(const std::string& property, const std::string& resource) {
  return graph_bad_request("Invalid value specified for property '" + property + "' of resource '" + resource + "'.");
}
inline AzureError graph_unknown_property(const std::string& property, const std::string& type) {
  return graph_bad_request("Property '" + property + "' does not exist on type 'microsoft.graph." + type + "'.");
}
inline AzureError graph_object_conflict(const std::string& property) {
  return graph_bad_request("Another object with the same value for property " + property + " already exists.");
}
inline AzureError graph_upn_domain_not_verified() {
  return graph_bad_request("The domain portion of the userPrincipalName property is invalid. You must use one of "
                           "the verified domain names in your organization.");
}
/// az ad sp create-for-rbac retries while the message contains " does not reference " (replication).
inline AzureError graph_sp_without_application(const std::string& app_id) {
  return graph_bad_request("The appId '" + app_id + "' of the service principal does not reference a valid application object.");
}
inline AzureError graph_sp_already_exists(const std::string& app_id) {
  return AzureError(ErrorKind::Conflict, "Request_MultipleObjectsWithSameKeyValue",
                    "The service principal cannot be created, updated, or restored because the service principal "
                    "name " + app_id + " is already in use.");
}
inline AzureError graph_password_not_found(const std::string& key_id) {
  return AzureError(ErrorKind::NotFound, "Request_ResourceNotFound",
                    "No password credential found with keyId '" + key_id + "'.");
}
inline AzureError graph_invalid_filter(const std::string& detail) {
  return AzureError(ErrorKind::BadRequest, "BadRequest", "Invalid filter clause: " + detail);
}
inline AzureError graph_unsupported_filter(const std::string& property, const std::string& resource) {
  return AzureError(ErrorKind::BadRequest, "Request_UnsupportedQuery",
                    "Unsupported or invalid query filter clause specified for property '" + property +
                        "' of resource '" + resource + "'.");
}
inline AzureError graph_unsupported_query(const std::string& message) {
  return AzureError(ErrorKind::BadRequest, "Request_UnsupportedQuery", message);
}
inline AzureError graph_not_implemented(const std::string& operation) {
  return AzureError(ErrorKind::NotImplemented, "AzemuNotImplemented",
                    "azemu does not emulate the Microsoft Graph operation " + operation + ".");
}

}  // namespace azemu::aad::errors
