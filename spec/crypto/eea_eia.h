// The EPS confidentiality and integrity algorithms by identity, TS 33.401 Annex B and
// 5.1.3.2 / 5.1.4.2. The 5GS algorithms 128-NEA0..3 and 128-NIA0..3 are the same functions
// (TS 33.501 Annex D: D.2 ciphering, D.3 integrity), so these serve both RATs.
#pragma once

#include <cstddef>
#include <cstdint>

#include "spec/crypto/bytes.h"

namespace secmode::spec {

// Algorithm identities as carried in NAS and RRC (TS 33.401 5.1.3.2, 5.1.4.2).
enum class Eea : std::uint8_t { eea0 = 0, eea1 = 1, eea2 = 2, eea3 = 3 };
enum class Eia : std::uint8_t { eia0 = 0, eia1 = 1, eia2 = 2, eia3 = 3 };

// The inputs common to every algorithm (TS 33.401 B.1.1, B.2.1).
struct CountInputs {
  std::uint32_t count;    // 32-bit COUNT
  std::uint8_t bearer;    // 5-bit BEARER
  std::uint8_t direction; // 0 uplink, 1 downlink
};

// Ciphers (or deciphers: the same operation) the first `bits` bits of `data`. key is 16 bytes
// (ignored by EEA0, which returns the data unchanged). Output: bytes_for(bits) bytes with the
// trailing unused bits cleared.
Bytes eea(Eea alg, ByteView key, const CountInputs& in, ByteView data, std::size_t bits);

// The 32-bit MAC-I / NAS-MAC over the first `bits` bits of `message`. EIA0 gives 32 zero bits.
Mac32 eia(Eia alg, ByteView key, const CountInputs& in, ByteView message, std::size_t bits);

}  // namespace secmode::spec
