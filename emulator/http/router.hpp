// The route table. Each service's mount() registers its routes in scopes (host kinds + dialect +
// auth policy); the router matches host kind, method and path template, rejecting duplicate
// routes at startup and printing itself for the golden routes file.
//
// Templates: literal segments match case-insensitively (ARM mixes resourcegroups/resourceGroups),
// "{name}" matches one segment, "{*name}" the rest (one or more segments). The most specific
// match wins: at the first differing segment literal > {name} > {*name}.
#pragma once

#include "emulator/auth/jwt.hpp"
#include "emulator/cloud/hosts.hpp"
#include "emulator/error/azure_error.hpp"
#include "emulator/http/reply.hpp"
#include "emulator/http/request.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace azemu::http {

/// Handlers are synchronous: the pipeline runs them on the blocking pool (never the io loop).
using Handler = std::function<Reply(Request&)>;

struct AuthPolicy {
  /// Audiences the service accepts for this request (may depend on the port the client used).
  std::function<std::vector<std::string>(const Request&)> audiences;
  /// The service's error for a failed verification (ARM, Graph and Key Vault word these differently).
  std::function<AzureError(auth::AuthFailure, const auth::VerifyResult&, const Request&)> on_failure;
};

struct Scope {
  std::vector<cloud::HostKind> hosts;
  Dialect dialect = Dialect::arm;
  std::shared_ptr<const AuthPolicy> auth;  // null: anonymous
};

struct Route {
  std::string method;
  std::string path_template;
  std::string operation_id;
  Handler handler;
  std::shared_ptr<const Scope> scope;
  std::vector<std::string> segments;  // parsed template
  // Filled by Router::insert for match(), which runs on every request over every route: per segment
  // 0 literal / 1 {param} / 2 {*rest}, literals lower-cased; and whether a {*rest} lets the length vary.
  std::vector<std::uint8_t> kinds = {};
  std::vector<std::string> lower = {};
  bool has_rest = false;
};

struct Match {
  const Route* route = nullptr;
  bool path_matched = false;  // some route had this path but another method (405)
  std::shared_ptr<const Scope> scope_for_errors;  // dialect for 404/405 answers
};

class Router {
public:
  class ScopeBuilder {
  public:
    ScopeBuilder& get(std::string path, std::string op, Handler h) { return add("GET", std::move(path), std::move(op), std::move(h)); }
    ScopeBuilder& put(std::string path, std::string op, Handler h) { return add("PUT", std::move(path), std::move(op), std::move(h)); }
    ScopeBuilder& post(std::string path, std::string op, Handler h) { return add("POST", std::move(path), std::move(op), std::move(h)); }
    ScopeBuilder& patch(std::string path, std::string op, Handler h) { return add("PATCH", std::move(path), std::move(op), std::move(h)); }
    ScopeBuilder& del(std::string path, std::string op, Handler h) { return add("DELETE", std::move(path), std::move(op), std::move(h)); }
    ScopeBuilder& head(std::string path, std::string op, Handler h) { return add("HEAD", std::move(path), std::move(op), std::move(h)); }
    ScopeBuilder& add(std::string method, std::string path, std::string op, Handler h);

  private:
    friend class Router;
    ScopeBuilder(Router& r, std::shared_ptr<const Scope> s) : router_(r), scope_(std::move(s)) {}
    Router& router_;
    std::shared_ptr<const Scope> scope_;
  };

  ScopeBuilder scope(Scope s);

  /// Answer for requests on `kind` hosts that match no route (dialect + 404 body of that service).
  void set_not_found(cloud::HostKind kind, Scope scope, Handler handler);

  Match match(Request& req) const;
  /// When match() finds nothing: the not-found route for the host kind, if any.
  const Route* not_found_route(cloud::HostKind kind) const;

  /// One line per route: "<hosts> <METHOD> <template> <operationId>", in registration order.
  std::string table() const;

private:
  void insert(Route r);
  std::vector<Route> routes_;
  std::vector<std::pair<cloud::HostKind, Route>> not_found_;
};

}  // namespace azemu::http
