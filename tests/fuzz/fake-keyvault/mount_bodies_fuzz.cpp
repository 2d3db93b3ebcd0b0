// fuzz_kv_bodies: bodies of Key Vault's data-plane PUT/POST/PATCH routes (fake-keyvault/mount.cpp),
// one route per input (route_body_fuzzer.hpp), in vault "fuzzkv". The stack holds an RSA key "k1",
// an EC key "e1" and a secret "s1", so crypto operations and updates reach real key material.
#include "tests/fuzz/support/route_body_fuzzer.hpp"

namespace {
using namespace azemu::fuzz;

std::string kv(const std::string& path) { return std::string(kFuzzVaultUrl) + path + "?api-version=7.4"; }

const std::vector<BodyRoute> kRoutes = {
    {"POST", kv("/keys/k2/create"), Audience::vault},      // A
    {"PUT", kv("/keys/k3"), Audience::vault},              // B  ImportKey (JWK)
    {"PATCH", kv("/keys/k1"), Audience::vault},            // C
    {"POST", kv("/keys/k1/encrypt"), Audience::vault},     // D
    {"POST", kv("/keys/k1/decrypt"), Audience::vault},     // E
    {"POST", kv("/keys/k1/sign"), Audience::vault},        // F
    {"POST", kv("/keys/k1/verify"), Audience::vault},      // G
    {"POST", kv("/keys/k1/wrapkey"), Audience::vault},     // H
    {"POST", kv("/keys/k1/unwrapkey"), Audience::vault},   // I
    {"POST", kv("/keys/restore"), Audience::vault},        // J
    {"PUT", kv("/keys/k1/rotationpolicy"), Audience::vault},  // K
    {"PUT", kv("/secrets/s2"), Audience::vault},           // L
    {"PATCH", kv("/secrets/s1"), Audience::vault},         // M
    {"POST", kv("/secrets/restore"), Audience::vault},     // N
    {"POST", kv("/keys/e1/sign"), Audience::vault},        // O
    {"POST", kv("/keys/e1/verify"), Audience::vault},      // P
};

void setup(FuzzStack& s) {
  setup_call(s, Audience::vault, "POST", kv("/keys/k1/create"), R"({"kty":"RSA","key_size":2048})");
  setup_call(s, Audience::vault, "POST", kv("/keys/e1/create"), R"({"kty":"EC","crv":"P-256"})");
  setup_call(s, Audience::vault, "PUT", kv("/secrets/s1"), R"({"value":"fuzz"})");
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  quiet_logs();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Never destroyed: the store keeps per-thread connections in thread_local maps that exit() tears
  // down before static objects, so a static stack would touch freed memory on its way out.
  static FuzzStack& stack = *new FuzzStack(setup);
  fuzz_route_body(stack, kRoutes, data, size);
  return 0;
}
