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

}  // namespace secmode::spec
