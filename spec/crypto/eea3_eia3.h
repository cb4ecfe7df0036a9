// 128-EEA3 and 128-EIA3, TS 35.221 / ETSI SAGE "128-EEA3 & 128-EIA3 Document 1",
// referenced by TS 33.401 B.1.4 and B.2.4 (and TS 33.501 D.2.4, D.3.4 for NEA3/NIA3).
#pragma once

#include <cstddef>
#include <cstdint>

#include "spec/crypto/bytes.h"

namespace secmode::spec {

// Document 1 clause 3: output has bytes_for(bits) bytes, trailing unused bits cleared.
Bytes eea3(ByteView key, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction,
           ByteView data, std::size_t bits);

// Document 1 clause 4: the 32-bit MAC over the first `bits` bits of `message`.
Mac32 eia3(ByteView key, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction,
           ByteView message, std::size_t bits);

}  // namespace secmode::spec
