// The UI's files are compiled in and load nothing from another origin.
#include "emulator/ui/ui_assets.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace azemu::ui;

TEST_SUITE("ui_assets") {
  TEST_CASE("the page and its modules are compiled in, with their content types") {
    const Asset* index = find_asset("index.html");
    REQUIRE(index != nullptr);
    CHECK(index->content_type == "text/html; charset=utf-8");
    CHECK(std::string(index->body).find("/ui/app.js") != std::string::npos);
    const Asset* app = find_asset("app.js");
    REQUIRE(app != nullptr);
    CHECK(app->content_type == "text/javascript; charset=utf-8");
    CHECK(find_asset("../CMakeLists.txt") == nullptr);
    CHECK(asset_count() >= 9);
  }

  TEST_CASE("no asset loads anything from another origin") {
    for (const char* name : {"index.html", "app.js", "style.css"}) {
      const Asset* a = find_asset(name);
      REQUIRE(a != nullptr);
      CHECK(std::string(a->body).find("https://") == std::string::npos);
      CHECK(std::string(a->body).find("http://") == std::string::npos);
    }
  }
}
