#include "tests/fake-arm/deployments/template/template_test_helpers.hpp"

#include <doctest/doctest.h>

using namespace azemu::arm::tmpl;
using namespace azemu::arm::tmpl::testing;
using nlohmann::json;

TEST_SUITE("functions_string") {
  TEST_CASE("concat joins strings and scalars, or arrays") {
    CHECK(eval("[concat('vm', 1, '-', true())]") == "vm1-True");
    CHECK(eval("[concat(createArray(1,2), createArray(3))]") == json{1, 2, 3});
    CHECK(error_of([] { eval("[concat('a', createArray(1))]"); }).code() == "InvalidTemplate");
  }

  TEST_CASE("format follows .NET composite formatting") {
    CHECK(eval("[format('{0}-{1}', 'a', 2)]") == "a-2");
    CHECK(eval("[format('{0:N0}', 1234567)]") == "1,234,567");
    CHECK(eval("[format('{0:N}', 1234)]") == "1,234.00");
    CHECK(eval("[format('{0:D4}|{1:X}|{1:x4}', 7, 255)]") == "0007|FF|00ff");
    CHECK(eval("[format('{{literal}} {0,5}|{0,-5}|', 'ab')]") == "{literal}    ab|ab   |");
    CHECK(eval("[format('{0} {1}', true(), 'x')]") == "True x");
    CHECK(error_of([] { eval("[format('{1}', 'a')]"); }).code() == "InvalidTemplate");
  }

  TEST_CASE("case, replace, trim, padLeft") {
    CHECK(eval("[toLower('AbC')]") == "abc");
    CHECK(eval("[toUpper('AbC')]") == "ABC");
    CHECK(eval("[replace('a-b-c', '-', '--')]") == "a--b--c");
    CHECK(eval("[replace('aAa', 'a', 'x')]") == "xAx");
    CHECK(eval("[trim('  x y \t')]") == "x y");
    CHECK(eval("[padLeft('7', 3, '0')]") == "007");
    CHECK(eval("[padLeft(42, 4)]") == "  42");
  }

  TEST_CASE("split, substring and its range error") {
    CHECK(eval("[split('a,b;c', createArray(',', ';'))]") == json{"a", "b", "c"});
    CHECK(eval("[split('a--b', '-')]") == json{"a", "", "b"});
    CHECK(eval("[substring('hello', 1, 3)]") == "ell");
    CHECK(eval("[substring('hello', 2)]") == "llo");
    auto e = error_of([] { eval("[substring('hello', 3, 5)]"); });
    CHECK(std::string(e.what()).find("The index and length parameters must refer to a location within the string.") != std::string::npos);
  }

  TEST_CASE("startsWith, endsWith, indexOf, lastIndexOf ignore case") {
    CHECK(eval("[startsWith('abcdef', 'AB')]") == true);
    CHECK(eval("[endsWith('abcdef', 'EF')]") == true);
    CHECK(eval("[endsWith('abcdef', 'e')]") == false);
    CHECK(eval("[indexOf('abcdef', 'CD')]") == 2);
    CHECK(eval("[lastIndexOf('abcabc', 'AB')]") == 3);
    CHECK(eval("[indexOf('abc', 'z')]") == -1);
  }

  TEST_CASE("string, base64, uri") {
    CHECK(eval("[string(createObject('a', 1))]") == "{\"a\":1}");
    CHECK(eval("[string(false())]") == "False");
    CHECK(eval("[string(12)]") == "12");
    CHECK(eval("[base64('one, two')]") == "b25lLCB0d28=");
    CHECK(eval("[base64ToString('b25lLCB0d28=')]") == "one, two");
    CHECK(eval("[base64ToJson(base64('{\"a\":1}')).a]") == 1);
    CHECK(eval("[uri('http://contoso.org/firstpath/x.json', 'myscript.sh')]") == "http://contoso.org/firstpath/myscript.sh");
    CHECK(eval("[uri('http://contoso.org/firstpath/', '/root.sh')]") == "http://contoso.org/root.sh");
    CHECK(eval("[uriComponent('a b/c')]") != "a b/c");
    CHECK(eval("[uriComponentToString(uriComponent('a b/c'))]") == "a b/c");
    CHECK(eval("[dataUriToString(dataUri('Hello'))]") == "Hello");
  }
}
