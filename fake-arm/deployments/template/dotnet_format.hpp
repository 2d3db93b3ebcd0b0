// .NET composite formatting as ARM's format() applies it: "{0}", "{1,-8}", "{2:N2}", "{{" and "}}".
// Numeric format strings supported: N/n, D/d, F/f, X/x, P/p with an optional precision; other
// format strings on numbers print the number unchanged (ARM templates use the listed ones).
// Culture is invariant, as on ARM.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace azemu::arm::tmpl {

/// Throws std::invalid_argument with .NET's reason ("Index (zero based) must be greater than or
/// equal to zero and less than the size of the argument list.", "Input string was not in a correct format.").
std::string dotnet_format(const std::string& format, const std::vector<nlohmann::json>& args);

}  // namespace azemu::arm::tmpl
