// See fuzz_stack.hpp. Setup failures throw: a fuzz run on a broken stack would only find that.
#include "tests/fuzz/support/fuzz_stack.hpp"

#include "emulator/log/log.hpp"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace azemu::fuzz {

FuzzStack::FuzzStack(std::function<void(FuzzStack&)> setup) : setup_(std::move(setup)) { build(); }

void FuzzStack::build() {
  stack_.reset();  // the old stack's temp dir goes first
  stack_ = std::make_unique<testing::TestStack>();
  auto& s = *stack_;
  arm_ = "Bearer " + s.sp_token();
  graph_ = "Bearer " + s.sp_token("https://graph.microsoft.com/.default");
  vault_ = "Bearer " + s.sp_token("https://vault.azure.net/.default");
  const auto& seed = s.seed();
  const std::string sub = "https://management.azure.com/subscriptions/" + seed.subscription_id;
  auto rg = s.call("PUT", sub + "/resourcegroups/rg?api-version=2021-04-01", R"({"location":"westus"})",
                   {{"authorization", arm_}});
  if (rg.status != 201 && rg.status != 200) throw std::runtime_error("FuzzStack: resource group: " + rg.body);
  nlohmann::json vault = {
      {"location", "westus"},
      {"properties",
       {{"tenantId", seed.tenant_id},
        {"sku", {{"family", "A"}, {"name", "standard"}}},
        {"accessPolicies",
         {{{"tenantId", seed.tenant_id},
           {"objectId", seed.client_object_id},
           {"permissions", {{"keys", {"all"}}, {"secrets", {"all"}}, {"certificates", {"all"}}}}}}}}}};
  auto kv = s.call("PUT", sub + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/" + kFuzzVault + "?api-version=2022-07-01",
                   vault.dump(), {{"authorization", arm_}});
  if (kv.status != 200 && kv.status != 201) throw std::runtime_error("FuzzStack: vault: " + kv.body);
  runs_ = 0;
  if (setup_) setup_(*this);
}

testing::Response setup_call(FuzzStack& stack, Audience audience, const std::string& method, const std::string& url,
                             const std::string& body) {
  auto r = stack.stack().call(method, url, body, {{"authorization", stack.bearer(audience)}});
  if (r.status < 200 || r.status > 299)
    throw std::runtime_error("fuzz setup: " + method + " " + url + " answered " + std::to_string(r.status) + ": " + r.body);
  return r;
}

testing::TestStack& FuzzStack::next_run() {
  if (++runs_ > kRunsPerStack) build();
  return *stack_;
}

const std::string& FuzzStack::bearer(Audience a) const {
  switch (a) {
    case Audience::graph: return graph_;
    case Audience::vault: return vault_;
    default: return arm_;
  }
}

std::string FuzzStack::with_tokens(std::string_view raw) const {
  std::string out(raw);
  for (auto [mark, token] : {std::pair<std::string_view, const std::string*>{"@ARM@", &arm_},
                             {"@GRAPH@", &graph_}, {"@VAULT@", &vault_}}) {
    const std::string value = token->substr(7);  // without "Bearer "
    for (std::size_t at; (at = out.find(mark)) != std::string::npos;) out.replace(at, mark.size(), value);
  }
  return out;
}

void check_reply(const http::Reply& reply, std::string_view what) {
  auto fail = [&](const char* why) {
    std::fprintf(stderr, "azemu fuzz finding: %s\n  request: %.*s\n  status: %d\n  body: %.2000s\n", why,
                 static_cast<int>(std::min<std::size_t>(what.size(), 4000)), what.data(), reply.status, reply.body.c_str());
    std::abort();
  };
  if (reply.status < 100 || reply.status > 599) fail("status out of range");
  if (reply.status == 500) fail("500: an unexpected exception reached the pipeline");
  // Library exception texts that must never reach a client (issue 13 item 6), unless the request
  // itself carried them (bodies echo names and tags).
  for (std::string_view leak : {"[json.exception.", "basic_string", "vector::", "_M_", "std::", "stoi", "stoll",
                                "stoull", "bad_alloc", "bad_optional"})
    if (reply.body.find(leak) != std::string::npos && what.find(leak) == std::string_view::npos)
      fail("internal exception text in the reply body");
}

void quiet_logs() { log::set_level(log::Level::off); }

}  // namespace azemu::fuzz
