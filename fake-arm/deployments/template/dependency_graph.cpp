// Dependency resolution and wave ordering (Kahn's algorithm by levels: a resource's wave is one
// after the latest wave among its dependencies, so independent resources deploy together).
#include "fake-arm/deployments/template/dependency_graph.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/deployments/template/expression_error.hpp"
#include "fake-arm/deployments/template/expression_evaluator.hpp"
#include "fake-arm/deployments/template/expression_parser.hpp"
#include "fake-arm/deployments/template/function_table.hpp"
#include "fake-arm/deployments/template/plan_context.hpp"
#include "fake-arm/deployments/template/template_errors.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace azemu::arm::tmpl {
namespace {

using nlohmann::json;

class Matcher {
public:
  explicit Matcher(const Plan::State& st) : st_(st) {
    for (std::size_t i = 0; i < st.resources.size(); ++i) {
      const auto& r = st.resources[i];
      add(r.resource_id, i);
      add(r.symbolic, i);
      add(r.name, i);
      // "Microsoft.Network/virtualNetworks/vnet/subnets/default": the id after "/providers/".
      auto p = text::to_lower(r.resource_id).rfind("/providers/");
      if (p != std::string::npos) add(r.resource_id.substr(p + 11), i);
      // A group is planned as /subscriptions/s/resourceGroups/g, but resourceId('Microsoft.Resources/
      // resourceGroups', g) at subscription scope prints the provider form; both must match.
      if (text::iequals(r.type, "Microsoft.Resources/resourceGroups")) {
        auto g = text::to_lower(r.resource_id).find("/resourcegroups/");
        if (g != std::string::npos)
          add(r.resource_id.substr(0, g) + "/providers/Microsoft.Resources/resourceGroups/" + r.resource_id.substr(g + 16), i);
      }
    }
    for (const auto& loop : st.copy_loops)
      for (std::size_t m : loop.members) loops_[text::to_lower(loop.name)].push_back(m);
  }

  /// Indexes the reference names; empty when it names nothing in the template.
  std::vector<std::size_t> match(const std::string& ref) const {
    std::string key = text::to_lower(ref);
    while (key.size() > 1 && key.back() == '/') key.pop_back();
    if (auto it = loops_.find(key); it != loops_.end()) return it->second;
    if (auto it = keys_.find(key); it != keys_.end()) return {it->second.begin(), it->second.end()};
    return {};
  }

private:
  void add(const std::string& key, std::size_t i) { keys_[text::to_lower(key)].insert(i); }

  const Plan::State& st_;
  std::map<std::string, std::set<std::size_t>> keys_;
  std::map<std::string, std::vector<std::size_t>> loops_;
};

// The first argument of every reference()/list*() call inside `n`.
void collect_reference_targets(const Node& n, std::vector<const Node*>& out) {
  if (n.kind == Node::Kind::Call && !n.args.empty() &&
      (text::iequals(n.text, "reference") || (text::istarts_with(n.text, "list") && n.text.size() > 4)))
    out.push_back(&n.args[0]);
  for (const Node& a : n.args) collect_reference_targets(a, out);
}

bool is_inner_scope_deployment(const json& def) {
  const json* type = find_member(def, "type");
  if (!type || !type->is_string() || !text::iequals(type->get<std::string>(), "Microsoft.Resources/deployments")) return false;
  const json* props = find_member(def, "properties");
  const json* opts = props ? find_member(*props, "expressionEvaluationOptions") : nullptr;
  const json* scope = opts ? find_member(*opts, "scope") : nullptr;
  return scope && scope->is_string() && text::iequals(scope->get<std::string>(), "inner");
}

// Strings of the resource body that may hold reference() calls (an inner-scope nested template is
// its own deployment and is skipped).
void walk_strings(const json& v, bool inner_deployment, bool at_properties, const std::function<void(const std::string&)>& f) {
  if (v.is_string()) {
    f(v.get<std::string>());
  } else if (v.is_array()) {
    for (const json& e : v) walk_strings(e, inner_deployment, false, f);
  } else if (v.is_object()) {
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (inner_deployment && at_properties && text::iequals(it.key(), "template")) continue;
      walk_strings(*it, inner_deployment, false, f);
    }
  }
}

std::vector<std::size_t> implicit_reference_dependencies(const Plan::State& st, std::size_t i, const Matcher& m) {
  std::vector<std::size_t> out;
  const json& def = st.instances[i].definition;
  bool inner = is_inner_scope_deployment(def);
  EvalContext ctx = resource_context(st, i, nullptr);
  for (auto it = def.begin(); it != def.end(); ++it) {
    if (text::iequals(it.key(), "dependsOn") || text::iequals(it.key(), "name") || text::iequals(it.key(), "type")) continue;
    walk_strings(*it, inner, text::iequals(it.key(), "properties"), [&](const std::string& s) {
      auto body = expression_body(s);
      if (!body || (body->find("eference") == std::string_view::npos && body->find("ist") == std::string_view::npos)) return;
      try {
        Node root = parse_expression(*body);
        std::vector<const Node*> targets;
        collect_reference_targets(root, targets);
        for (const Node* t : targets) {
          json target = evaluate_node(*t, ctx);
          if (!target.is_string()) continue;
          for (std::size_t j : m.match(target.get<std::string>()))
            if (j != i) out.push_back(j);
        }
      } catch (const ExpressionError&) {
        // Not decidable before deployment (or invalid): the real evaluation reports it later.
      }
    });
  }
  return out;
}

std::vector<std::vector<std::size_t>> order(const Plan::State& st) {
  std::size_t n = st.resources.size();
  std::vector<std::size_t> pending(n, 0), wave(n, 0);
  std::vector<std::vector<std::size_t>> dependents(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t d : st.resources[i].depends_on) {
      ++pending[i];
      dependents[d].push_back(i);
    }
  std::vector<std::size_t> ready;
  for (std::size_t i = 0; i < n; ++i)
    if (pending[i] == 0) ready.push_back(i);
  std::vector<std::vector<std::size_t>> waves;
  std::size_t placed = 0;
  while (!ready.empty()) {
    std::sort(ready.begin(), ready.end());  // template order inside a wave
    waves.push_back(ready);
    placed += ready.size();
    std::vector<std::size_t> next;
    for (std::size_t i : ready)
      for (std::size_t d : dependents[i])
        if (--pending[d] == 0) next.push_back(d);
    ready = std::move(next);
  }
  if (placed != n) {
    // Walk dependencies from any unplaced resource until one repeats: that one is on a cycle.
    std::size_t at = 0;
    while (pending[at] == 0) ++at;
    std::vector<bool> seen(n, false);
    while (!seen[at]) {
      seen[at] = true;
      for (std::size_t d : st.resources[at].depends_on)
        if (pending[d] != 0) {
          at = d;
          break;
        }
    }
    throw errors::circular_dependency(st.resources[at].resource_id);
  }
  return waves;
}

}  // namespace

void resolve_dependencies(Plan::State& st) {
  Matcher m(st);
  std::vector<std::set<std::size_t>> deps(st.resources.size());
  for (std::size_t i = 0; i < st.resources.size(); ++i) {
    const ResourceInstance& inst = st.instances[i];
    for (const std::string& ref : inst.depends_on) {
      auto found = m.match(ref);
      if (found.empty()) throw errors::resource_not_defined(ref, st.resources[i].template_path + ".dependsOn");
      deps[i].insert(found.begin(), found.end());
    }
    if (inst.parent) deps[i].insert(*inst.parent);
    for (std::size_t j : implicit_reference_dependencies(st, i, m)) deps[i].insert(j);
  }
  for (const CopyLoop& loop : st.copy_loops) {
    if (!loop.serial) continue;
    auto b = static_cast<std::size_t>(loop.batch_size);
    for (std::size_t k = b; k < loop.members.size(); ++k) {
      std::size_t batch_start = (k / b - 1) * b;
      for (std::size_t p = batch_start; p < batch_start + b; ++p) deps[loop.members[k]].insert(loop.members[p]);
    }
  }
  for (std::size_t i = 0; i < st.resources.size(); ++i) st.resources[i].depends_on.assign(deps[i].begin(), deps[i].end());
  st.waves = order(st);
}

}  // namespace azemu::arm::tmpl
