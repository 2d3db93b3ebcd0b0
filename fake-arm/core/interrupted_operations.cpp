// See interrupted_operations.hpp.
#include "fake-arm/core/interrupted_operations.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/core/resource_store.hpp"

#include <string>
#include <utility>
#include <vector>

namespace azemu::arm {

namespace {
bool transitional(const std::string& state) {
  return text::iequals(state, "Creating") || text::iequals(state, "Updating") || text::iequals(state, "Deleting") ||
         text::iequals(state, "Accepted") || text::iequals(state, "Running");
}

// Observed: Compute reports InternalExecutionError for operations its platform abandoned.
std::pair<const char*, const char*> interrupted_error(const std::string& provider_namespace) {
  if (text::iequals(provider_namespace, "Microsoft.Compute"))
    return {"InternalExecutionError",
            "An internal execution error occurred: azemu restarted while the operation was running. Please retry."};
  return {"InternalServerError", "The operation was interrupted because azemu restarted while it was running. Please retry."};
}
}  // namespace

std::size_t fail_interrupted_operations(store::Connection& c, const AsyncOperations& ops, const exec::Clock& clock) {
  struct Row {
    std::string id, provider_namespace, resource_id;
  };
  std::vector<Row> rows;
  auto s = c.query("SELECT id, namespace, resource_id FROM arm_operations WHERE status = 'InProgress'");
  while (s.step()) rows.push_back({s.text(0), s.text(1), s.opt_text(2).value_or("")});

  const ResourceStore resources;
  for (const auto& row : rows) {
    auto [code, message] = interrupted_error(row.provider_namespace);
    ops.fail(c, row.id, code, message);
    auto id = ResourceId::parse(row.resource_id);
    if (!id) continue;
    auto r = resources.get(c, *id);
    if (!r || !r->body.contains("properties") || !r->body["properties"].is_object()) continue;
    auto& props = r->body["properties"];
    if (!transitional(props.value("provisioningState", std::string()))) continue;
    props["provisioningState"] = "Failed";
    r->changed_at = clock.now_unix();
    resources.put(c, *r);
  }
  return rows.size();
}

}  // namespace azemu::arm
