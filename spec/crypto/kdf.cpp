#include "spec/crypto/kdf.h"

#include <vector>

#include "spec/crypto/hmac.h"

namespace secmode::spec {

Bytes kdf_input(std::uint8_t fc, std::span<const Bytes> params) {
  Bytes s{fc};
  for (const Bytes& p : params) {
    if (p.size() > 0xffff) throw CryptoArgumentError("KDF parameter longer than 65535 octets");
    s.insert(s.end(), p.begin(), p.end());
    s.push_back(static_cast<std::uint8_t>(p.size() >> 8));
    s.push_back(static_cast<std::uint8_t>(p.size()));
  }
  return s;
}

Key256 kdf(ByteView key, std::uint8_t fc, std::span<const Bytes> params) {
  Bytes s = kdf_input(fc, params);
  Key256 out = hmac_sha256(key, s);
  wipe(s.data(), s.size());
  return out;
}

Key256 kdf(ByteView key, std::uint8_t fc, std::initializer_list<Bytes> params) {
  return kdf(key, fc, std::span<const Bytes>(params.begin(), params.size()));
}

Bytes kdf_uint(std::uint64_t value, std::size_t octets) {
  Bytes b(octets);
  for (std::size_t i = 0; i < octets; ++i) b[octets - 1 - i] = static_cast<std::uint8_t>(value >> (8 * i));
  return b;
}

Bytes kdf_string(std::string_view s) { return Bytes(s.begin(), s.end()); }

Key128 kdf_low_128(const Key256& k) {
  Key128 out;
  for (std::size_t i = 0; i < 16; ++i) out[i] = k[16 + i];
  return out;
}

}  // namespace secmode::spec
