#include "spec/crypto/bytes.h"

#include <openssl/crypto.h>

namespace secmode::spec {

void wipe(void* p, std::size_t n) noexcept { OPENSSL_cleanse(p, n); }

void require_bits(ByteView data, std::size_t bits, const char* what) {
  if (data.size() < bytes_for(bits))
    throw CryptoArgumentError(std::string(what) + ": " + std::to_string(bits) + " bits need " +
                              std::to_string(bytes_for(bits)) + " bytes, got " +
                              std::to_string(data.size()));
}

void require_size(ByteView key, std::size_t n, const char* what) {
  if (key.size() != n)
    throw CryptoArgumentError(std::string(what) + ": expected " + std::to_string(n) +
                              " bytes, got " + std::to_string(key.size()));
}

void require_bearer_direction(unsigned bearer, unsigned direction) {
  if (bearer >= 32) throw CryptoArgumentError("BEARER is 5 bits, got " + std::to_string(bearer));
  if (direction >= 2) throw CryptoArgumentError("DIRECTION is 1 bit, got " + std::to_string(direction));
}

Bytes truncate_bits(ByteView data, std::size_t bits) {
  require_bits(data, bits, "data");
  Bytes out(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(bytes_for(bits)));
  if (bits % 8 != 0) out.back() &= static_cast<std::uint8_t>(0xff << (8 - bits % 8));
  return out;
}

}  // namespace secmode::spec
