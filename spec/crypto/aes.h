// AES-128 block encryption, FIPS-197. Only the forward cipher is needed: CTR (128-EEA2),
// CMAC (128-EIA2) and Milenage all use E_K alone.
#pragma once

#include <array>

#include "spec/crypto/bytes.h"

namespace secmode::spec {

class Aes128 {
 public:
  explicit Aes128(ByteView key);  // 16 bytes
  ~Aes128();
  Aes128(const Aes128&) = delete;
  Aes128& operator=(const Aes128&) = delete;

  Block encrypt(const Block& in) const;  // FIPS-197 5.1 Cipher()

 private:
  std::array<Block, 11> round_keys_{};  // FIPS-197 5.2 KeyExpansion(), Nr = 10
};

}  // namespace secmode::spec
