// UEA2 (f8) and UIA2 (f9), TS 35.215 (UEA2 & UIA2 Document 1). 128-EEA1 is f8 and
// 128-EIA1 is f9 with FRESH = BEARER << 27 (TS 33.401 B.1.2, B.2.2).
#pragma once

#include <cstddef>
#include <cstdint>

#include "spec/crypto/bytes.h"

namespace secmode::spec {

// TS 35.215 clause 3: XORs `bits` bits of `data` with the keystream; the output has
// bytes_for(bits) bytes with the trailing unused bits cleared. ck is 16 bytes.
Bytes uea2_f8(ByteView ck, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction,
              ByteView data, std::size_t bits);

// TS 35.215 clause 4: the 32-bit MAC-I over the first `bits` bits of `message`. ik is 16 bytes.
Mac32 uia2_f9(ByteView ik, std::uint32_t count, std::uint32_t fresh, std::uint8_t direction,
              ByteView message, std::size_t bits);

}  // namespace secmode::spec
