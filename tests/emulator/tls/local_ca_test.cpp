#include "emulator/tls/local_ca.hpp"
#include "emulator/tls/leaf.hpp"

#include "tests/support/test_stack.hpp"

#include <doctest/doctest.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <filesystem>
#include <sys/stat.h>

using namespace azemu::tls;

TEST_SUITE("local_ca") {
  TEST_CASE("the CA is created once with a private key file readable only by its owner") {
    auto dir = azemu::testing::make_temp_dir("ca");
    std::string first_pem;
    {
      auto ca = LocalCa::load_or_create(dir);
      first_pem = ca.cert_pem();
    }
    struct stat st{};
    REQUIRE(::stat((dir + "/ca-key.pem").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    auto again = LocalCa::load_or_create(dir);
    CHECK(again.cert_pem() == first_pem);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("a leaf names its host and verifies against the CA") {
    auto dir = azemu::testing::make_temp_dir("ca");
    auto ca = LocalCa::load_or_create(dir);
    auto leaf = ca.issue("kv1.vault.azure.net");
    CHECK(X509_check_host(leaf->cert, "kv1.vault.azure.net", 0, 0, nullptr) == 1);
    CHECK(X509_check_host(leaf->cert, "kv2.vault.azure.net", 0, 0, nullptr) != 1);

    BIO* bio = BIO_new_mem_buf(ca.cert_pem().data(), static_cast<int>(ca.cert_pem().size()));
    X509* ca_cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    X509_STORE* store = X509_STORE_new();
    X509_STORE_add_cert(store, ca_cert);
    X509_STORE_CTX* ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, store, leaf->cert, nullptr);
    CHECK(X509_verify_cert(ctx) == 1);
    X509_STORE_CTX_free(ctx);
    X509_STORE_free(store);
    X509_free(ca_cert);
    std::filesystem::remove_all(dir);
  }
}
