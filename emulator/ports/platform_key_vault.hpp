// Port: the Key Vault calls the Azure platform itself makes for Azure Disk Encryption, as the
// compute fabric does in Azure: read the BEK secret and unwrap it with the KEK before a VM with
// encryption settings boots (dual pass, research/ade.md §1.3 "Between the passes"), and, for
// single-pass ADE (1.1), wrap a new passphrase and write the per-disk secrets (§1.4). Azure lets
// the platform do this when the vault has enabledForDiskEncryption; no access policy is involved.
// Every call is audited (AuditEvent) under the platform's identity, so `azemu audit` shows
// SecretGet + KeyUnwrap by the platform at every start.
// Implemented in fake-keyvault (platform/), used by fake-arm's Compute, wired in emulator/app.
#pragma once

#include <map>
#include <stdexcept>
#include <string>

namespace azemu::ports {

/// The identity the platform's Key Vault calls carry in the audit log. Decision: Azure's real
/// first-party id is not observable offline; these fixed GUIDs name azemu's stand-in.
inline constexpr const char* kPlatformObjectId = "6a1c4d2e-0c0f-4d7b-9a3e-3b5f8e2a7c01";
inline constexpr const char* kPlatformAppId = "6a1c4d2e-0c0f-4d7b-9a3e-3b5f8e2a7c02";
inline constexpr const char* kPlatformName = "Microsoft.Compute platform (azemu)";

/// Why the platform could not do what it was asked: `code` is the Key Vault error code
/// (SecretNotFound, SecretDisabled, KeyNotFound, Forbidden, VaultNotFound, ...).
struct PlatformVaultError : std::runtime_error {
  PlatformVaultError(std::string c, const std::string& message) : std::runtime_error(message), code(std::move(c)) {}
  std::string code;
};

struct PlatformSecret {
  std::string id;      // versioned URL as the vault prints it
  std::string value;
  std::string content_type;
  std::map<std::string, std::string> tags;
};

class PlatformKeyVault {
public:
  virtual ~PlatformKeyVault() = default;
  /// GET of a versioned (or unversioned: newest) secret URL. Throws PlatformVaultError.
  virtual PlatformSecret get_secret(const std::string& secret_url) = 0;
  /// unwrapKey with `key_url` (versioned); `wrapped` is the base64url (or base64) value ADE stored.
  /// Returns the plaintext bytes. Throws PlatformVaultError.
  virtual std::string unwrap_key(const std::string& key_url, const std::string& algorithm, const std::string& wrapped) = 0;
  /// wrapKey; returns the base64url ciphertext. Throws PlatformVaultError.
  virtual std::string wrap_key(const std::string& key_url, const std::string& algorithm, const std::string& plaintext) = 0;
  /// PUT secret `name` in the vault `vault_url` ("https://v.vault.azure.net"); returns the versioned id.
  virtual std::string set_secret(const std::string& vault_url, const std::string& name, const std::string& value,
                                 const std::string& content_type, const std::map<std::string, std::string>& tags) = 0;
};

}  // namespace azemu::ports
