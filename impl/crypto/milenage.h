// MILENAGE (TS 35.206 clause 4): f1, f1*, f2, f3, f4, f5, f5* for the IMS engines' AKA (TS
// 33.203 6.1 runs AKA between the ISIM and the S-CSCF). The constant-time twin of
// spec/crypto/milenage.h, over the bitsliced AES of aes_ct64.h: one run per registration, so the
// portable kernel is fast enough and no tier is picked. Nothing here allocates or throws; the
// key schedule and every intermediate are wiped.
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace secmode::impl::crypto {

struct Milenage {
  std::array<std::uint8_t, 8> mac_a{};    // f1
  std::array<std::uint8_t, 8> mac_s{};    // f1*
  std::array<std::uint8_t, 8> res{};      // f2
  std::array<std::uint8_t, 16> ck{};      // f3
  std::array<std::uint8_t, 16> ik{};      // f4
  std::array<std::uint8_t, 6> ak{};       // f5
  std::array<std::uint8_t, 6> ak_star{};  // f5*
  ~Milenage();                            // wipes
};

void milenage(std::span<const std::uint8_t, 16> k, std::span<const std::uint8_t, 16> opc,
              std::span<const std::uint8_t, 16> rand, std::span<const std::uint8_t, 6> sqn,
              std::span<const std::uint8_t, 2> amf, Milenage& out) noexcept;

}  // namespace secmode::impl::crypto
