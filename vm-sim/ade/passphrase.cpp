// Passphrase generation from the kernel's random source, as the extension does.
#include "vm-sim/ade/passphrase.hpp"

#include "emulator/json/strings.hpp"

#include <cctype>
#include <fstream>
#include <stdexcept>

namespace azemu::vm::ade {

std::string generate_passphrase() {
  std::ifstream urandom("/dev/urandom", std::ios::binary);
  std::string bytes(kPassphraseRandomBytes, '\0');
  if (!urandom.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    throw std::runtime_error("cannot read /dev/urandom");
  return text::base64_encode(bytes);
}

bool looks_like_generated_passphrase(const std::string& text) {
  // 127 = 42 * 3 + 1: the last quantum carries one byte, hence "==" padding.
  if (text.size() != 172 || text.compare(170, 2, "==") != 0) return false;
  for (char c : text.substr(0, 170))
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/')) return false;
  return true;
}

}  // namespace azemu::vm::ade
