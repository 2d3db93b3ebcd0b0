// The LUKS passphrase as ADE makes it (BekUtil.generate_passphrase): 127 bytes from /dev/urandom,
// standard base64 -> 172 ASCII characters ending in "==".  That ASCII text is the key file content.
// The passphrase lives only in memory and in the BEK file: nothing here logs or stores it.
#pragma once

#include <string>

namespace azemu::vm::ade {

inline constexpr std::size_t kPassphraseRandomBytes = 127;

/// A fresh passphrase; throws std::runtime_error when /dev/urandom cannot be read.
std::string generate_passphrase();

/// True for text of the shape generate_passphrase() returns (used by tests and as a guard before
/// a key file is written).
bool looks_like_generated_passphrase(const std::string& text);

}  // namespace azemu::vm::ade
