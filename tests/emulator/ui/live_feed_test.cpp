// The live feed: one event per change naming the changed sections; new subscribers get everything.
#include "emulator/ui/live_feed.hpp"

#include <doctest/doctest.h>

using namespace azemu::ui;
using nlohmann::json;

TEST_SUITE("live_feed") {
  TEST_CASE("a change in one section publishes one event naming it; a new subscriber gets 'all'") {
    int groups = 0;
    UiSources s;
    s.cloud = [&groups] { return json{{"groups", groups}}; };
    s.vms = [] { return json{{"vms", json::array()}}; };
    s.vaults = [] { return json{{"vaults", json::array()}, {"deletedVaults", json::array()}}; };
    s.vault_objects = [] { return json{{"keys", json::array()}, {"secrets", json::array()}}; };
    s.directory = [] { return json{{"servicePrincipals", json::array()}}; };
    s.role_assignments = [] { return json{{"roleAssignments", json::array()}}; };
    s.audit = [](const std::string&, std::size_t) { return json::array(); };
    UiModel model(s, default_checklist(), {});
    LiveFeed feed(model);
    feed.refresh();  // the baseline: no event
    std::uint64_t cursor = feed.version();
    CHECK(feed.next(cursor).empty());
    CHECK(feed.refresh().empty());
    groups = 1;
    auto changed = feed.refresh();
    REQUIRE(changed.size() == 1);
    CHECK(changed[0] == "cloud");
    std::string text = feed.next(cursor);
    CHECK(text.find("event: change") != std::string::npos);
    CHECK(text.find("\"sections\":[\"cloud\"]") != std::string::npos);
    CHECK(feed.next(cursor).empty());
    std::uint64_t fresh = 0;
    CHECK(feed.next(fresh).find("\"sections\":\"all\"") != std::string::npos);
  }
}
