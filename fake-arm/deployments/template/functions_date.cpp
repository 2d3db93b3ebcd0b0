// Date functions: utcNow (parameter defaults only, as ARM enforces), dateTimeAdd,
// dateTimeToEpoch, dateTimeFromEpoch. "Now" is the deployment's clock (DeploymentScope::now), so
// tests are deterministic.
#include "fake-arm/deployments/template/date_time.hpp"
#include "fake-arm/deployments/template/function_table.hpp"

#include <stdexcept>

namespace azemu::arm::tmpl {
namespace {

using nlohmann::json;

std::string format_or_fail(Call& c, UtcTime t, const std::string& format) {
  try {
    return format_dotnet(t, format);
  } catch (const std::invalid_argument& e) {
    fail(c, std::string("the format '") + format + "' is not valid: " + e.what());
  }
}

UtcTime parse_or_fail(Call& c, std::size_t i) {
  auto t = parse_iso8601(arg_string(c, i));
  if (!t) fail(c, "the value '" + arg_string(c, i) + "' is not a valid ISO 8601 date time");
  return *t;
}

}  // namespace

void register_date_functions(FunctionTable& t) {
  t.add("utcNow", [](Call& c) -> json {
    expect_args(c, 0, 1);
    if (!c.ctx.in_parameter_default)
      fail(c, "The template function 'utcNow' is not expected at this location. It can only be used in the default value of a parameter");
    std::string format = c.args.empty() ? "yyyyMMddTHHmmssZ" : arg_string(c, 0);  // Spec: default format
    return format_or_fail(c, UtcTime{c.ctx.scope ? c.ctx.scope->now : 0, 0}, format);
  });
  t.add("dateTimeAdd", [](Call& c) -> json {
    expect_args(c, 2, 3);
    UtcTime base = parse_or_fail(c, 0);
    auto r = add_iso8601_duration(base, arg_string(c, 1));
    if (!r) fail(c, "the duration '" + arg_string(c, 1) + "' is not a valid ISO 8601 duration");
    // Spec example: dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y') returns '2023-04-07T14:53:14Z'.
    std::string format = c.args.size() == 3 ? arg_string(c, 2) : "yyyy-MM-ddTHH:mm:ssZ";
    return format_or_fail(c, *r, format);
  });
  t.add("dateTimeToEpoch", [](Call& c) -> json {
    expect_args(c, 1, 1);
    return parse_or_fail(c, 0).seconds;
  });
  t.add("dateTimeFromEpoch", [](Call& c) -> json {
    expect_args(c, 1, 1);
    return format_or_fail(c, UtcTime{arg_int(c, 0), 0}, "yyyy-MM-ddTHH:mm:ssZ");
  });
}

}  // namespace azemu::arm::tmpl
