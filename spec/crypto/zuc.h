// ZUC keystream generator, TS 35.222 (EEA3 & EIA3 Document 2: ZUC specification, v1.6).
#pragma once

#include <array>
#include <cstdint>

#include "spec/crypto/bytes.h"

namespace secmode::spec {

class Zuc {
 public:
  // key = k0..k15 and iv = iv0..iv15 (16 bytes each), TS 35.222 3.5.
  Zuc(ByteView key, ByteView iv);
  ~Zuc();
  Zuc(const Zuc&) = delete;
  Zuc& operator=(const Zuc&) = delete;

  // The next keystream word; the first call gives z1.
  std::uint32_t next();

 private:
  std::array<std::uint32_t, 16> s_{};  // LFSR cells s0..s15, 31 bits each
  std::uint32_t r1_ = 0, r2_ = 0;      // FSM registers
};

// TS 35.222 3.4.1: the S-boxes S0 and S1, octet by octet (what the fast kernels are held to).
std::uint8_t zuc_s0(std::uint8_t x);
std::uint8_t zuc_s1(std::uint8_t x);

}  // namespace secmode::spec
