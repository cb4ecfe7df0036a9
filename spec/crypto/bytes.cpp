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

Bytes truncate_bits(ByteView data, std::size_t bits) {
  require_bits(data, bits, "data");
  Bytes out(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(bytes_for(bits)));
  if (bits % 8 != 0) out.back() &= static_cast<std::uint8_t>(0xff << (8 - bits % 8));
  return out;
}

}  // namespace secmode::spec
