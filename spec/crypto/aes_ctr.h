// AES-128 in counter mode, NIST SP 800-38A 6.5, with the counter-block increment of
// TS 33.401 B.1.3 (the whole 128-bit block is incremented mod 2^128).
#pragma once

#include <cstddef>

#include "spec/crypto/bytes.h"

namespace secmode::spec {

// XORs the first `bits` bits of `data` with the keystream E_K(T1) || E_K(T2) || ...,
// T1 = `initial_counter`, T(i+1) = T(i) + 1 mod 2^128. Output: bytes_for(bits) bytes,
// trailing unused bits cleared.
Bytes aes128_ctr(ByteView key, const Block& initial_counter, ByteView data, std::size_t bits);

}  // namespace secmode::spec
