// ids::entra_client_secret: the shape of Entra's client secrets, and never a leading '-' (az reads
// `az login -p -abc...` as an option; 1 in 66 secrets did before).
#include "emulator/ids/guid.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("entra_client_secret: 40 characters, hint + 8Q~ marker, Entra's alphabet, no leading '-'") {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789~._-";
  int dash_inside = 0;
  // 4000 draws: a leading '-' would appear ~60 times if the first character were unconstrained.
  for (int i = 0; i < 4000; ++i) {
    const std::string s = azemu::ids::entra_client_secret();
    REQUIRE(s.size() == 40);
    REQUIRE(s.substr(3, 3) == "8Q~");
    REQUIRE(s.front() != '-');
    REQUIRE(s.find_first_not_of(alphabet) == std::string::npos);
    dash_inside += s.find('-') != std::string::npos;
  }
  // The rest of the alphabet is still used ('-' included) past the first character.
  CHECK(dash_inside > 0);
}
