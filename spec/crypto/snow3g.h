// SNOW 3G keystream generator, TS 35.216 (UEA2 & UIA2 Document 2), clause 3-4.
#pragma once

#include <array>
#include <cstdint>

namespace secmode::spec {

class Snow3g {
 public:
  // k = (k0, k1, k2, k3) and iv = (IV0, IV1, IV2, IV3) in the notation of TS 35.216 4.1.
  Snow3g(const std::array<std::uint32_t, 4>& k, const std::array<std::uint32_t, 4>& iv);
  ~Snow3g();
  Snow3g(const Snow3g&) = delete;
  Snow3g& operator=(const Snow3g&) = delete;

  // The next keystream word z_t (TS 35.216 4.2, keystream mode); the first call gives z1.
  std::uint32_t next();

 private:
  std::array<std::uint32_t, 16> s_{};  // LFSR s0..s15
  std::uint32_t r1_ = 0, r2_ = 0, r3_ = 0;  // FSM registers
};

}  // namespace secmode::spec
