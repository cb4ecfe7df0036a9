// The crypto under NAS message protection, shared by EPS (TS 33.401 8.1.1, 8.2, A.7) and 5GS
// (TS 33.501 6.4.3, 6.4.4, A.8): K_NASint / K_NASenc derived from the context's key, and the
// NAS-MAC or keystream over COUNT, BEARER and DIRECTION. The RATs' protection (eps_nas_protection.h,
// fivegs_nas_protection.h) differ in the header around it and in the profile below.
#pragma once

#include <cstdint>
#include <span>

#include "impl/crypto/kdf.h"
#include "impl/engine/nas_context.h"

namespace secmode::impl::engine {

// What differs between the RATs' NAS crypto inputs: the FC of the algorithm key derivation and
// the BEARER.
struct NasProfile {
  crypto::KeyHierarchy hierarchy;
  std::uint8_t bearer;
};

// TS 33.401 8.1.1 / 8.2: "the BEARER identity ... shall be set to the constant value 0".
inline constexpr NasProfile kEpsNas{crypto::KeyHierarchy::eps, 0};
// TS 33.501 6.4.3.1: BEARER is the NAS connection identifier, "0x01" for 3GPP access (6.4.2.2).
inline constexpr NasProfile kFivegsNas{crypto::KeyHierarchy::fivegs, 1};

// The NAS-MAC (4 octets) of `from_sn`, the sequence number and the NAS message after it, with
// algorithm `eia` (EIA0 / NIA0: all zeros). Returns nullptr, or why not (then `mac` is not written).
const char* nas_mac(std::span<const std::uint8_t, 32> key, NasProfile profile, std::uint8_t eia, std::uint32_t count,
                    Direction direction, ByteView from_sn, std::span<std::uint8_t, 4> mac) noexcept;

// Ciphers or deciphers `in` into `out` (at least as long) with algorithm `eea` (EEA0 / NEA0
// copies). Returns nullptr, or why not.
const char* nas_cipher(std::span<const std::uint8_t, 32> key, NasProfile profile, std::uint8_t eea,
                       std::uint32_t count, Direction direction, ByteView in, std::span<std::uint8_t> out) noexcept;

}  // namespace secmode::impl::engine
