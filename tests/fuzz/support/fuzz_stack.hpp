// FuzzStack: the in-process azemu (tests/support TestStack) set up for fuzz targets that send
// requests through the pipeline: a resource group "rg", a vault "fuzzkv" whose access policy gives
// the seeded service principal every permission, and one valid token per audience. The stack is
// rebuilt every kRunsPerStack inputs so state (rows, caches) stays small and a finding reproduces
// from one input against a near-fresh stack. check_reply() is the oracle shared by those targets.
#pragma once

#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"
#include "tests/support/test_stack.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace azemu::fuzz {

enum class Audience { arm, graph, vault };

class FuzzStack {
public:
  static constexpr int kRunsPerStack = 2000;

  /// `setup` runs after every (re)build, e.g. to create the objects a target's routes name.
  explicit FuzzStack(std::function<void(FuzzStack&)> setup = {});
  /// Call once per fuzz input: rebuilds the stack when it has served kRunsPerStack inputs.
  testing::TestStack& next_run();
  testing::TestStack& stack() { return *stack_; }
  /// "Bearer ..." for the seeded service principal (the FakeClock never moves: valid forever).
  const std::string& bearer(Audience a) const;
  /// Replaces the placeholders @ARM@, @GRAPH@ and @VAULT@ in raw request text by valid tokens, so
  /// committed seeds carry credentials that work against any stack.
  std::string with_tokens(std::string_view raw) const;

private:
  void build();
  std::function<void(FuzzStack&)> setup_;
  std::unique_ptr<testing::TestStack> stack_;
  std::string arm_, graph_, vault_;
  int runs_ = 0;
};

/// The vault FuzzStack creates, and its data-plane base URL.
inline constexpr const char* kFuzzVault = "fuzzkv";
inline constexpr const char* kFuzzVaultUrl = "https://fuzzkv.vault.azure.net";

/// Sends one request as `audience`'s principal and throws unless the status is 2xx (for setup).
testing::Response setup_call(FuzzStack& stack, Audience audience, const std::string& method, const std::string& url,
                             const std::string& body = "");

/// Aborts the process (a fuzz finding) when a reply shows a server fault: a status outside
/// 100..599, a 500, or internal exception text ("json.exception", "basic_string", ...) in the body.
/// `what` is the whole request text: it names the request in the report, and text the request
/// carried itself is not counted as a leak.
void check_reply(const http::Reply& reply, std::string_view what);

/// Turns off the access log and request logging (they would dominate a fuzz run).
void quiet_logs();

}  // namespace azemu::fuzz
