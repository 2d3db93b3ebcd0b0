// ResourceId parsing and printing; see resource_id.hpp.
#include "fake-arm/core/resource_id.hpp"

#include "emulator/json/strings.hpp"

namespace azemu::arm {

std::optional<ResourceId> ResourceId::parse(std::string_view raw) {
  std::vector<std::string> parts;
  for (auto& p : text::split(raw, '/'))
    if (!p.empty()) parts.push_back(p);
  if (raw.empty() || raw.front() != '/' || parts.size() < 2 || !text::iequals(parts[0], "subscriptions"))
    return std::nullopt;
  ResourceId id;
  id.sub_ = parts[1];
  std::size_t i = 2;
  if (i < parts.size() && text::iequals(parts[i], "resourceGroups")) {
    if (i + 1 >= parts.size()) return std::nullopt;
    id.group_ = parts[i + 1];
    i += 2;
  }
  if (i == parts.size()) return id;
  if (!text::iequals(parts[i], "providers") || i + 1 >= parts.size()) return std::nullopt;
  id.ns_ = parts[i + 1];
  i += 2;
  // The rest alternates type/name; an odd tail is a collection, not an id.
  if (i == parts.size() || (parts.size() - i) % 2 != 0) return std::nullopt;
  for (; i < parts.size(); i += 2) {
    if (text::iequals(parts[i], "providers")) return std::nullopt;  // extension resource
    id.segs_.push_back({parts[i], parts[i + 1]});
  }
  return id;
}

ResourceId ResourceId::subscription(std::string s) {
  ResourceId id;
  id.sub_ = std::move(s);
  return id;
}

ResourceId ResourceId::resource_group(std::string s, std::string g) {
  ResourceId id = subscription(std::move(s));
  id.group_ = std::move(g);
  return id;
}

ResourceId ResourceId::resource(std::string s, std::string g, std::string ns, std::string type, std::string name) {
  ResourceId id = resource_group(std::move(s), std::move(g));
  id.ns_ = std::move(ns);
  id.segs_.push_back({std::move(type), std::move(name)});
  return id;
}

ResourceId ResourceId::child(std::string type, std::string name) const {
  ResourceId id = *this;
  id.segs_.push_back({std::move(type), std::move(name)});
  return id;
}

ResourceId ResourceId::parent() const {
  ResourceId id = *this;
  if (id.segs_.size() > 1) {
    id.segs_.pop_back();
  } else if (!id.segs_.empty()) {
    id.segs_.clear();
    id.ns_.clear();
  } else {
    id.group_.clear();
  }
  return id;
}

std::string ResourceId::full_type() const {
  if (ns_.empty()) return {};
  std::string t = ns_;
  for (const auto& s : segs_) t += "/" + s.type;
  return t;
}

std::string ResourceId::name() const {
  if (!segs_.empty()) return segs_.back().name;
  return group_.empty() ? sub_ : group_;
}

std::string ResourceId::full_name() const {
  std::string n;
  for (const auto& s : segs_) n += (n.empty() ? "" : "/") + s.name;
  return n.empty() ? name() : n;
}

std::string ResourceId::str() const {
  std::string out = "/subscriptions/" + sub_;
  if (!group_.empty()) out += "/resourceGroups/" + group_;
  if (!ns_.empty()) {
    out += "/providers/" + ns_;
    for (const auto& s : segs_) out += "/" + s.type + "/" + s.name;
  }
  return out;
}

std::string ResourceId::key() const { return text::to_lower(str()); }

}  // namespace azemu::arm
