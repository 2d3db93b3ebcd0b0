// What a handler returns: status, headers, body. Built with the factories below so envelopes and
// content types are set in one place.
#pragma once

#include "emulator/exec/completion.hpp"

#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace azemu::http {

struct Settle;

struct Reply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type = "application/json; charset=utf-8";
  // How the connection delivers it (injected faults only, fault_rules.hpp): wait this long first
  // (an asio timer on the connection's strand), or close the connection without answering.
  std::chrono::milliseconds delay{0};
  bool drop = false;
  // Sent only once this is done (the request's audit row committed by the group writer, audit_log.hpp):
  // the server awaits it without holding a thread; an in-process caller calls its wait().
  std::shared_ptr<exec::Completion> durable_after;
  // Set on a long-running operation's first reply that may still turn final (settle.hpp): the connection
  // waits a moment for the work and sends settle->finish() instead.
  std::shared_ptr<const Settle> settle;

  static Reply json(int status, const nlohmann::json& body);
  static Reply ok(const nlohmann::json& body) { return json(200, body); }
  static Reply created(const nlohmann::json& body) { return json(201, body); }
  static Reply empty(int status);
  static Reply text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");

  Reply& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

}  // namespace azemu::http
