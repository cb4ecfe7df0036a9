// AES-128-CMAC, RFC 4493 / NIST SP 800-38B. SP 800-38B defines CMAC on bit strings of any
// length, which 128-EIA2 needs (TS 33.401 B.2.3); RFC 4493 is its byte-aligned special case.
#pragma once

#include <cstddef>

#include "spec/crypto/bytes.h"

namespace secmode::spec {

struct CmacSubkeys {
  Block l;   // L = E_K(0^128)
  Block k1;  // RFC 4493 2.3
  Block k2;
  ~CmacSubkeys() { wipe(this, sizeof *this); }  // key material
};

CmacSubkeys aes128_cmac_subkeys(ByteView key);

// The full 128-bit tag over the first `bits` bits of `message`.
Block aes128_cmac(ByteView key, ByteView message, std::size_t bits);

}  // namespace secmode::spec
