// Variables are evaluated on first use with memoisation; a variable that needs itself (directly or
// through others) is a circular reference and fails the template.
#include "fake-arm/deployments/template/variables.hpp"

#include "emulator/json/strings.hpp"
#include "fake-arm/deployments/template/expression_error.hpp"
#include "fake-arm/deployments/template/expression_evaluator.hpp"
#include "fake-arm/deployments/template/function_table.hpp"
#include "fake-arm/deployments/template/plan_context.hpp"
#include "fake-arm/deployments/template/template_errors.hpp"

#include <map>
#include <set>

namespace azemu::arm::tmpl {
namespace {

using nlohmann::json;

struct Declared {
  const json* value = nullptr;  // a plain variable
  const json* copy = nullptr;   // a variable produced by the top-level copy array
  std::string path;
};

class VariableEvaluator {
public:
  VariableEvaluator(Plan::State& st, std::map<std::string, std::pair<std::string, Declared>> decls)
      : st_(st), decls_(std::move(decls)) {}

  json get(const std::string& name) {
    auto d = decls_.find(text::to_lower(name));
    if (d == decls_.end()) return lookup_variable(json::object(), name);  // throws "not found"
    const std::string& declared = d->second.first;
    if (auto it = done_.find(declared); it != done_.end()) return it->second;
    if (!in_progress_.insert(declared).second)
      throw ExpressionError("The template variable '" + declared + "' is part of a circular reference between variables.");
    json v;
    ++depth_;
    try {
      v = evaluate(d->second.second);
    } catch (const ExpressionError& e) {
      if (--depth_ > 0) throw;  // report once, at the outermost variable being evaluated
      throw errors::section_invalid("variable", declared, e);
    }
    --depth_;
    in_progress_.erase(declared);
    done_[declared] = v;
    return v;
  }

private:
  json evaluate(const Declared& d) {
    EvalContext ctx = plan_context(st_, nullptr);
    ctx.variable = [this](const std::string& n) { return get(n); };
    ctx.location_kind = "variable";
    if (d.value) return evaluate_value(*d.value, ctx, d.path);
    const json* count = find_member(*d.copy, "count");
    const json* input = find_member(*d.copy, "input");
    if (!count || !input) throw ExpressionError("A variable copy needs 'name', 'count' and 'input'.");
    std::int64_t n = evaluate_copy_count(*count, ctx, d.path + ".count");
    json out = json::array();
    std::string loop = find_member(*d.copy, "name")->get<std::string>();
    ctx.loops.emplace_back(loop, 0);
    for (std::int64_t i = 0; i < n; ++i) {
      ctx.loops.back().second = i;
      out.push_back(evaluate_value(*input, ctx, d.path + ".input"));
    }
    return out;
  }

  Plan::State& st_;
  std::map<std::string, std::pair<std::string, Declared>> decls_;  // lower name → (declared name, decl)
  std::map<std::string, json> done_;
  std::set<std::string> in_progress_;
  int depth_ = 0;
};

}  // namespace

void evaluate_variables(Plan::State& state, const json& declarations) {
  if (declarations.is_null()) return;
  if (!declarations.is_object()) throw errors::validation_failed("The template property 'variables' must be an object.");
  std::map<std::string, std::pair<std::string, Declared>> decls;
  std::vector<std::string> order;
  for (auto it = declarations.begin(); it != declarations.end(); ++it) {
    if (text::iequals(it.key(), "copy") && it->is_array()) {
      for (std::size_t k = 0; k < it->size(); ++k) {
        const json& spec = (*it)[k];
        const json* name = find_member(spec, "name");
        if (!spec.is_object() || !name || !name->is_string())
          throw errors::validation_failed("The template variable copy at 'variables.copy[" + std::to_string(k) +
                                          "]' is not valid: the property 'name' is required.");
        Declared d;
        d.copy = &spec;
        d.path = "variables.copy[" + std::to_string(k) + "]";
        decls[text::to_lower(name->get<std::string>())] = {name->get<std::string>(), d};
        order.push_back(name->get<std::string>());
      }
      continue;
    }
    Declared d;
    d.value = &*it;
    d.path = "variables." + it.key();
    decls[text::to_lower(it.key())] = {it.key(), d};
    order.push_back(it.key());
  }
  VariableEvaluator ev(state, std::move(decls));
  for (const auto& name : order) state.variable_values[name] = ev.get(name);
}

}  // namespace azemu::arm::tmpl
