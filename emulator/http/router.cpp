// Route matching; see router.hpp.
#include "emulator/http/router.hpp"

#include "emulator/json/strings.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace azemu::http {

namespace {
std::vector<std::string> path_segments(std::string_view path) {
  std::vector<std::string> out;
  for (auto& s : text::split(path, '/'))
    if (!s.empty()) out.push_back(s);
  return out;
}

bool is_param(const std::string& s) { return s.size() > 2 && s.front() == '{' && s.back() == '}'; }
bool is_rest(const std::string& s) { return is_param(s) && s[1] == '*'; }

// Specificity rank of a template segment: lower is more specific.
int rank(const std::string& s) { return is_rest(s) ? 2 : is_param(s) ? 1 : 0; }

/// `segs`: the request's segments as sent (parameters keep their case); `lower`: the same, lower-cased.
bool matches(const Route& r, const std::vector<std::string>& segs, const std::vector<std::string>& lower,
             std::map<std::string, std::string>* out) {
  // Most routes differ in length from the request: rejected before any comparison.
  if (r.has_rest ? segs.size() < r.segments.size() : segs.size() != r.segments.size()) return false;
  std::size_t i = 0;
  for (std::size_t t = 0; t < r.segments.size(); ++t) {
    const auto& ts = r.segments[t];
    if (r.kinds[t] == 2) {
      std::string rest;
      for (std::size_t k = i; k < segs.size(); ++k) rest += (k == i ? "" : "/") + segs[k];
      if (out) (*out)[ts.substr(2, ts.size() - 3)] = rest;
      return true;
    }
    if (r.kinds[t] == 1) {
      if (out) (*out)[ts.substr(1, ts.size() - 2)] = segs[i];
    } else if (r.lower[t] != lower[i]) {
      return false;
    }
    ++i;
  }
  return i == segs.size();
}

// True if a is more specific than b.
bool more_specific(const Route& a, const Route& b) {
  std::size_t n = std::min(a.segments.size(), b.segments.size());
  for (std::size_t i = 0; i < n; ++i) {
    int ra = rank(a.segments[i]), rb = rank(b.segments[i]);
    if (ra != rb) return ra < rb;
  }
  return a.segments.size() > b.segments.size();
}

bool host_allowed(const Scope& s, cloud::HostKind kind) {
  for (auto k : s.hosts) {
    if (k == kind) return true;
    if (kind == cloud::HostKind::local && k != cloud::HostKind::vault) return true;
  }
  return false;
}

std::string kind_name(cloud::HostKind k) {
  switch (k) {
    case cloud::HostKind::management: return "management";
    case cloud::HostKind::login: return "login";
    case cloud::HostKind::graph: return "graph";
    case cloud::HostKind::vault: return "vault";
    case cloud::HostKind::local: return "local";
    case cloud::HostKind::alias_doc: return "alias_doc";
    case cloud::HostKind::unknown: return "unknown";
  }
  return "?";
}
}  // namespace

Router::ScopeBuilder& Router::ScopeBuilder::add(std::string method, std::string path, std::string op, Handler h) {
  Route r{std::move(method), std::move(path), std::move(op), std::move(h), scope_, {}};
  router_.insert(std::move(r));
  return *this;
}

Router::ScopeBuilder Router::scope(Scope s) { return ScopeBuilder(*this, std::make_shared<const Scope>(std::move(s))); }

void Router::insert(Route r) {
  r.segments = path_segments(r.path_template);
  r.kinds.clear();
  r.lower.clear();
  for (const auto& s : r.segments) {
    r.kinds.push_back(static_cast<std::uint8_t>(rank(s)));
    r.lower.push_back(rank(s) == 0 ? text::to_lower(s) : std::string());
    if (rank(s) == 2) r.has_rest = true;
  }
  for (const auto& other : routes_) {
    if (other.method != r.method || other.segments.size() != r.segments.size()) continue;
    bool same_shape = true;
    for (std::size_t i = 0; i < r.segments.size() && same_shape; ++i) {
      const auto &a = r.segments[i], &b = other.segments[i];
      same_shape = (rank(a) == rank(b)) && (rank(a) != 0 || text::iequals(a, b));
    }
    bool hosts_overlap = false;
    for (auto k : r.scope->hosts)
      if (host_allowed(*other.scope, k)) hosts_overlap = true;
    if (same_shape && hosts_overlap)
      throw std::logic_error("duplicate route: " + r.method + " " + r.path_template + " vs " + other.path_template);
  }
  routes_.push_back(std::move(r));
}

void Router::set_not_found(cloud::HostKind kind, Scope scope, Handler handler) {
  Route r{"*", "{*path}", "NotFound", std::move(handler), std::make_shared<const Scope>(std::move(scope)), {}};
  not_found_.emplace_back(kind, std::move(r));
}

const Route* Router::not_found_route(cloud::HostKind kind) const {
  for (const auto& [k, r] : not_found_)
    if (k == kind) return &r;
  if (kind == cloud::HostKind::local)
    for (const auto& [k, r] : not_found_)
      if (k == cloud::HostKind::management) return &r;
  return nullptr;
}

Match Router::match(Request& req) const {
  auto segs = path_segments(req.path);
  std::vector<std::string> lower;
  lower.reserve(segs.size());
  for (const auto& s : segs) lower.push_back(text::to_lower(s));
  Match m;
  const Route* best = nullptr;
  for (const auto& r : routes_) {
    if (!matches(r, segs, lower, nullptr)) continue;
    if (!host_allowed(*r.scope, req.host_info.kind)) continue;
    if (r.method != req.method && !(req.method == "HEAD" && r.method == "GET" && false)) {
      m.path_matched = true;
      m.scope_for_errors = r.scope;
      continue;
    }
    if (!best || more_specific(r, *best)) best = &r;
  }
  if (best) {
    matches(*best, segs, lower, &req.params);
    m.route = best;
    m.scope_for_errors = best->scope;
  }
  return m;
}

std::string Router::table() const {
  std::ostringstream out;
  for (const auto& r : routes_) {
    std::string hosts;
    for (auto k : r.scope->hosts) hosts += (hosts.empty() ? "" : ",") + kind_name(k);
    out << hosts << ' ' << r.method << ' ' << r.path_template << ' ' << r.operation_id << '\n';
  }
  return out.str();
}

}  // namespace azemu::http
