// The fast algorithms by identity (contract: eea_eia.h).
#include "impl/crypto/eea_eia.h"

#include <algorithm>

#include "impl/crypto/eea1_eia1.h"
#include "impl/crypto/eea2_eia2.h"
#include "impl/crypto/eea3_eia3.h"

namespace secmode::impl::crypto {

const char* eea(std::uint8_t alg, std::span<const std::uint8_t, 16> key, const CountInputs& in,
                std::span<const std::uint8_t> data, std::size_t bits, std::span<std::uint8_t> out) noexcept {
  switch (alg) {
    case 0: {  // 128-EEA0 (TS 33.401 5.1.3.2): the keystream is all zeros
      if (const char* fault = cipher_inputs_error(in, data.size(), out.size(), bits)) return fault;
      const std::size_t n = bytes_for(bits);
      std::copy_n(data.begin(), n, out.begin());
      if (n != 0) out[n - 1] &= used_bits_mask(bits);
      return nullptr;
    }
    case 1: return eea1(Eea1Eia1Key(key), in, data, bits, out);
    case 2: return eea2(Eea2Eia2Key(key), in, data, bits, out);
    case 3: return eea3(Eea3Eia3Key(key), in, data, bits, out);
    default: return "EEA algorithm identity is 0..3 here (TS 33.401 5.1.3.2)";
  }
}

const char* eia(std::uint8_t alg, std::span<const std::uint8_t, 16> key, const CountInputs& in,
                std::span<const std::uint8_t> message, std::size_t bits, std::span<std::uint8_t, 4> mac) noexcept {
  switch (alg) {
    case 0:  // 128-EIA0 (TS 33.401 5.1.4.2): a 32-bit MAC of zeros
      if (const char* fault = count_inputs_error(in, message.size(), bits)) return fault;
      std::fill(mac.begin(), mac.end(), std::uint8_t{0});
      return nullptr;
    case 1: return eia1(Eea1Eia1Key(key), in, message, bits, mac);
    case 2: return eia2(Eea2Eia2Key(key), in, message, bits, mac);
    case 3: return eia3(Eea3Eia3Key(key), in, message, bits, mac);
    default: return "EIA algorithm identity is 0..3 here (TS 33.401 5.1.4.2)";
  }
}

}  // namespace secmode::impl::crypto
