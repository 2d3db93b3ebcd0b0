// uniqueString(), guid() (deterministic, Azure-exact; see unique_string.hpp) and newGuid()
// (random; ARM allows it only in parameter default values).
#include "fake-arm/deployments/template/function_table.hpp"
#include "fake-arm/deployments/template/unique_string.hpp"

#include "emulator/ids/guid.hpp"

namespace azemu::arm::tmpl {
namespace {

using nlohmann::json;

std::string joined_strings(Call& c) {
  expect_args(c, 1, SIZE_MAX);
  std::string joined;
  for (std::size_t i = 0; i < c.args.size(); ++i) {
    if (!c.args[i].is_string()) fail(c, "all parameters must be strings");
    joined += (i ? "-" : "") + c.args[i].get<std::string>();
  }
  // Spec (ARM): the joined input is limited to 131072 characters.
  if (joined.size() > 131072) fail(c, "the combined length of the parameters exceeds '131072' characters");
  return joined;
}

}  // namespace

void register_hash_functions(FunctionTable& t) {
  t.add("uniqueString", [](Call& c) -> json { return unique_string(joined_strings(c)); });
  t.add("guid", [](Call& c) -> json { return arm_guid(joined_strings(c)); });
  t.add("newGuid", [](Call& c) -> json {
    expect_args(c, 0, 0);
    if (!c.ctx.in_parameter_default)
      fail(c, "The template function 'newGuid' is not expected at this location. It can only be used in the default value of a parameter");
    return ids::new_guid();
  });
}

}  // namespace azemu::arm::tmpl
