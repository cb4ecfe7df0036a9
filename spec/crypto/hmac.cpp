#include "spec/crypto/hmac.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace secmode::spec {
namespace {
const EVP_MD* md(Hash h) {
  switch (h) {
    case Hash::md5: return EVP_md5();
    case Hash::sha1: return EVP_sha1();
    case Hash::sha256: return EVP_sha256();
  }
  throw CryptoArgumentError("unknown hash");
}

void hmac_into(Hash hash, ByteView key, ByteView data, std::uint8_t* out, unsigned int expect) {
  unsigned int len = 0;
  // A zero-length key is legal HMAC; OpenSSL wants a non-null pointer for it.
  static const std::uint8_t kEmpty = 0;
  if (!HMAC(md(hash), key.empty() ? &kEmpty : key.data(), static_cast<int>(key.size()),
            data.data(), data.size(), out, &len) || len != expect)
    throw std::runtime_error("OpenSSL HMAC failed");
}
}  // namespace

Bytes digest(Hash hash, ByteView data) {
  Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md(hash))));
  unsigned int len = 0;
  if (!EVP_Digest(data.data(), data.size(), out.data(), &len, md(hash), nullptr) || len != out.size())
    throw std::runtime_error("OpenSSL digest failed");
  return out;
}

Bytes hmac(Hash hash, ByteView key, ByteView data) {
  Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md(hash))));
  hmac_into(hash, key, data, out.data(), static_cast<unsigned int>(out.size()));
  return out;
}

Bytes hmac_md5_96(ByteView key, ByteView data) {
  Bytes full = hmac(Hash::md5, key, data);
  Bytes out(full.begin(), full.begin() + 12);
  wipe(full.data(), full.size());
  return out;
}

Bytes hmac_sha1_96(ByteView key, ByteView data) {
  Bytes full = hmac(Hash::sha1, key, data);
  Bytes out(full.begin(), full.begin() + 12);
  wipe(full.data(), full.size());
  return out;
}

Key256 hmac_sha256(ByteView key, ByteView data) {
  Key256 out;
  hmac_into(Hash::sha256, key, data, out.data(), 32);
  return out;
}

}  // namespace secmode::spec
