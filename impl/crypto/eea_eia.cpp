// The fast algorithms by identity (contract: eea_eia.h).
#include "impl/crypto/eea_eia.h"

#include <algorithm>

namespace secmode::impl::crypto {

EeaEiaKey::EeaEiaKey(std::uint8_t alg, std::span<const std::uint8_t, 16> key) noexcept : alg_(alg) {
  switch (alg) {
    case 1:
      key_.emplace<Eea1Eia1Key>(key);
      break;
    case 2:
      key_.emplace<Eea2Eia2Key>(key);
      break;
    case 3:
      key_.emplace<Eea3Eia3Key>(key);
      break;
    default:
      break;
  }
}

const char* eea(const EeaEiaKey& key, const CountInputs& in, std::span<const std::uint8_t> data, std::size_t bits,
                std::span<std::uint8_t> out) noexcept {
  switch (key.alg_) {
    case 0: {  // 128-EEA0 (TS 33.401 5.1.3.2): the keystream is all zeros
      if (const char* fault = cipher_inputs_error(in, data.size(), out.size(), bits)) return fault;
      const std::size_t n = bytes_for(bits);
      std::copy_n(data.begin(), n, out.begin());
      if (n != 0) out[n - 1] &= used_bits_mask(bits);
      return nullptr;
    }
    case 1:
      return eea1(std::get<Eea1Eia1Key>(key.key_), in, data, bits, out);
    case 2:
      return eea2(std::get<Eea2Eia2Key>(key.key_), in, data, bits, out);
    case 3:
      return eea3(std::get<Eea3Eia3Key>(key.key_), in, data, bits, out);
    default: return "EEA algorithm identity is 0..3 here (TS 33.401 5.1.3.2)";
  }
}

const char* eia(const EeaEiaKey& key, const CountInputs& in, std::span<const std::uint8_t> message, std::size_t bits,
                std::span<std::uint8_t, 4> mac) noexcept {
  switch (key.alg_) {
    case 0:  // 128-EIA0 (TS 33.401 5.1.4.2): a 32-bit MAC of zeros
      if (const char* fault = count_inputs_error(in, message.size(), bits)) return fault;
      std::fill(mac.begin(), mac.end(), std::uint8_t{0});
      return nullptr;
    case 1:
      return eia1(std::get<Eea1Eia1Key>(key.key_), in, message, bits, mac);
    case 2:
      return eia2(std::get<Eea2Eia2Key>(key.key_), in, message, bits, mac);
    case 3:
      return eia3(std::get<Eea3Eia3Key>(key.key_), in, message, bits, mac);
    default: return "EIA algorithm identity is 0..3 here (TS 33.401 5.1.4.2)";
  }
}

const char* eea(std::uint8_t alg, std::span<const std::uint8_t, 16> key, const CountInputs& in,
                std::span<const std::uint8_t> data, std::size_t bits, std::span<std::uint8_t> out) noexcept {
  return eea(EeaEiaKey(alg, key), in, data, bits, out);
}

const char* eia(std::uint8_t alg, std::span<const std::uint8_t, 16> key, const CountInputs& in,
                std::span<const std::uint8_t> message, std::size_t bits, std::span<std::uint8_t, 4> mac) noexcept {
  return eia(EeaEiaKey(alg, key), in, message, bits, mac);
}

}  // namespace secmode::impl::crypto
