// CA creation and leaf issuance with OpenSSL 3; see local_ca.hpp.
#include "emulator/tls/local_ca.hpp"

#include "emulator/fs/replace_file.hpp"
#include "emulator/tls/leaf.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace azemu::tls {

Leaf::~Leaf() {
  X509_free(cert);
  EVP_PKEY_free(key);
}

struct LocalCa::Impl {
  X509* cert = nullptr;
  EVP_PKEY* key = nullptr;
  EVP_PKEY* leaf_key = nullptr;  // one key shared by all leaves; certificates differ per name
  ~Impl() {
    X509_free(cert);
    EVP_PKEY_free(key);
    EVP_PKEY_free(leaf_key);
  }
};

namespace {
[[noreturn]] void fail(const std::string& what) { throw std::runtime_error("tls: " + what); }

EVP_PKEY* new_ec_key() {
  EVP_PKEY* k = EVP_EC_gen("P-256");
  if (!k) fail("EC key generation");
  return k;
}

void add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (!ext) fail("extension " + value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

void random_serial(X509* cert) {
  unsigned char buf[16];
  RAND_bytes(buf, sizeof buf);
  buf[0] &= 0x7f;
  BIGNUM* bn = BN_bin2bn(buf, sizeof buf, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert));
  BN_free(bn);
}

void write_private(const std::string& path, const std::string& data) { files::replace_file_durably(path, data, 0600); }

std::string pem_of(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string s(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  return s;
}

std::string pem_of_key(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string s(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  return s;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

LocalCa::LocalCa(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
  cert_pem_ = pem_of(impl_->cert);
  impl_->leaf_key = new_ec_key();
}
LocalCa::~LocalCa() = default;
LocalCa::LocalCa(LocalCa&&) noexcept = default;

LocalCa LocalCa::load_or_create(const std::string& dir) {
  std::string cert_path = dir + "/ca.pem", key_path = dir + "/ca-key.pem";
  auto impl = std::make_unique<Impl>();
  if (::access(cert_path.c_str(), R_OK) == 0 && ::access(key_path.c_str(), R_OK) == 0) {
    std::string c = read_file(cert_path), k = read_file(key_path);
    BIO* cb = BIO_new_mem_buf(c.data(), static_cast<int>(c.size()));
    BIO* kb = BIO_new_mem_buf(k.data(), static_cast<int>(k.size()));
    impl->cert = PEM_read_bio_X509(cb, nullptr, nullptr, nullptr);
    impl->key = PEM_read_bio_PrivateKey(kb, nullptr, nullptr, nullptr);
    BIO_free(cb);
    BIO_free(kb);
    if (!impl->cert || !impl->key) fail("cannot read " + cert_path);
  } else {
    impl->key = new_ec_key();
    impl->cert = X509_new();
    X509_set_version(impl->cert, 2);
    random_serial(impl->cert);
    X509_gmtime_adj(X509_getm_notBefore(impl->cert), -86400);
    X509_gmtime_adj(X509_getm_notAfter(impl->cert), 10L * 365 * 86400);
    X509_set_pubkey(impl->cert, impl->key);
    X509_NAME* name = X509_get_subject_name(impl->cert);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("azemu"), -1, -1, 0);
    unsigned char rnd[4];
    RAND_bytes(rnd, sizeof rnd);
    char cn[64];
    std::snprintf(cn, sizeof cn, "azemu local CA %02x%02x%02x%02x", rnd[0], rnd[1], rnd[2], rnd[3]);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
    X509_set_issuer_name(impl->cert, name);
    add_ext(impl->cert, impl->cert, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
    add_ext(impl->cert, impl->cert, NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature");
    add_ext(impl->cert, impl->cert, NID_subject_key_identifier, "hash");
    if (!X509_sign(impl->cert, impl->key, EVP_sha256())) fail("CA self-signature");
    write_private(key_path, pem_of_key(impl->key));
    write_private(cert_path + ".tmp2", pem_of(impl->cert));
    ::chmod((cert_path + ".tmp2").c_str(), 0644);
    std::rename((cert_path + ".tmp2").c_str(), cert_path.c_str());
  }
  LocalCa ca(std::move(impl));
  ca.cert_path_ = cert_path;
  return ca;
}

std::shared_ptr<Leaf> LocalCa::issue(const std::string& host) const {
  auto leaf = std::make_shared<Leaf>();
  EVP_PKEY_up_ref(impl_->leaf_key);
  leaf->key = impl_->leaf_key;
  X509* cert = X509_new();
  leaf->cert = cert;
  X509_set_version(cert, 2);
  random_serial(cert);
  X509_gmtime_adj(X509_getm_notBefore(cert), -86400);
  X509_gmtime_adj(X509_getm_notAfter(cert), 365L * 86400);
  X509_set_pubkey(cert, leaf->key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(host.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert, X509_get_subject_name(impl_->cert));
  unsigned char ip[16];
  bool is_ip = inet_pton(AF_INET, host.c_str(), ip) == 1 || inet_pton(AF_INET6, host.c_str(), ip) == 1;
  std::string san = is_ip ? "IP:" + host : "DNS:" + host;
  if (host == "localhost") san += ",IP:127.0.0.1,IP:::1";
  add_ext(cert, impl_->cert, NID_subject_alt_name, san);
  add_ext(cert, impl_->cert, NID_basic_constraints, "critical,CA:FALSE");
  add_ext(cert, impl_->cert, NID_key_usage, "critical,digitalSignature,keyEncipherment");
  add_ext(cert, impl_->cert, NID_ext_key_usage, "serverAuth");
  add_ext(cert, impl_->cert, NID_subject_key_identifier, "hash");
  add_ext(cert, impl_->cert, NID_authority_key_identifier, "keyid:always");
  if (!X509_sign(cert, impl_->key, EVP_sha256())) fail("leaf signature for " + host);
  return leaf;
}

std::string write_ca_bundle(const std::string& dir, const LocalCa& ca) {
  std::string path = dir + "/ca-bundle.pem";
  std::string bundle = read_file("/etc/ssl/certs/ca-certificates.crt");
  if (!bundle.empty() && bundle.back() != '\n') bundle += '\n';
  bundle += ca.cert_pem();
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << bundle;
  }
  std::rename(tmp.c_str(), path.c_str());
  return path;
}

}  // namespace azemu::tls
