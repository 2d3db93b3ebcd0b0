// Shared by the two template fuzz targets: the oracle. The engine may reject any input, but only
// with TemplateError (Azure's InvalidTemplate & co.); any other exception would reach the client
// as a 500 or as library text. Every value it produces must serialize (the deployment stores it).
#pragma once

#include "fake-arm/deployments/template/template_engine.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

namespace azemu::fuzz {

[[noreturn]] inline void template_finding(const char* why, const std::string& input) {
  std::fprintf(stderr, "azemu fuzz finding: %s\n  input: %.3000s\n", why, input.c_str());
  std::abort();
}

/// Runs `f`; TemplateError is an answer, anything else a finding.
template <typename F>
void expect_template_answer(const std::string& input, F&& f) {
  try {
    f();
  } catch (const arm::tmpl::TemplateError&) {
  } catch (const std::exception& e) {
    template_finding(e.what(), input);
  }
}

/// A value the deployment would store: it must dump as strict UTF-8 JSON.
inline void expect_storable(const nlohmann::json& v, const std::string& input) {
  try {
    (void)v.dump();
  } catch (const std::exception& e) {
    template_finding(e.what(), input);
  }
}

}  // namespace azemu::fuzz
