// fuzz_jwt_verify: emulator/auth/jwt.cpp's TokenVerifier on hostile Authorization headers.
// Input byte 0 chooses how the rest is used:
//   even: the rest is the raw Authorization header value (forgeries, broken base64, odd spacing);
//   odd:  the rest is "<header JSON>\n<claims JSON>", signed with the verifier's own key, so the
//         claim checks behind the signature (exp/nbf/aud/tid types) are reached too.
// Oracle: verify() never throws, and ok means every check really passed (aud accepted, tid known,
// exp in the future), whatever the claims' types.
#include "emulator/auth/jwt.hpp"
#include "emulator/json/strings.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
using namespace azemu;

constexpr std::int64_t kNow = 1'800'000'000;
const std::string kTenant = "72f988bf-0000-4000-8000-000000000001";
const std::vector<std::string> kAudiences = {"https://management.core.windows.net/", "https://management.azure.com"};

[[noreturn]] void finding(const char* why, const std::string& input) {
  std::fprintf(stderr, "azemu fuzz finding: %s\n  input: %.2000s\n", why, input.c_str());
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auth::SigningKey key = auth::SigningKey::generate();
  static const auth::TokenVerifier verifier(key, [](std::string_view tid) { return tid == kTenant; });
  if (size == 0) return 0;
  std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string header_value;
  if (data[0] % 2 == 0) {
    header_value = rest;
  } else {
    auto nl = rest.find('\n');
    std::string header = rest.substr(0, nl), claims = nl == std::string::npos ? "{}" : rest.substr(nl + 1);
    std::string input = text::base64url_encode(header) + "." + text::base64url_encode(claims);
    header_value = "Bearer " + input + "." + text::base64url_encode(key.sign(input));
  }
  auth::VerifyResult r;
  try {
    r = verifier.verify(header_value, kAudiences, kNow);
  } catch (const std::exception& e) {
    finding(e.what(), header_value);  // a throw becomes a 400/500 with library text, not a 401
  }
  if (r.ok) {
    const auto& p = r.principal;
    bool aud_ok = false;
    for (const auto& a : kAudiences) aud_ok |= auth::normalize_audience(a) == auth::normalize_audience(p.audience);
    if (!aud_ok || p.tenant_id != kTenant || p.expires_at <= kNow) finding("accepted a token that fails a check", header_value);
  }
  return 0;
}
