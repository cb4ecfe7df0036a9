// The crypto under message protection, shared by NAS (TS 33.401 8.1.1, 8.2, A.7; TS 33.501
// 6.4.3, 6.4.4, A.8) and the AS signalling radio bearers (TS 33.401 7.2.2 with A.7 and B.1;
// TS 33.501 6.5, A.8, D.2): the 128-bit integrity or ciphering key derived from the key of the
// context (K_ASME / K_AMF for NAS, K_eNB / K_gNB for RRC) with the algorithm type distinguisher,
// and the MAC or keystream over COUNT, BEARER and DIRECTION. The headers around the message
// (eps_nas_protection.h, fivegs_nas_protection.h, pdcp_srb.h) and the profile below differ.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "impl/crypto/eea_eia.h"
#include "impl/crypto/kdf.h"
#include "impl/engine/nas_context.h"

namespace secmode::impl::engine {

// What differs between the protected layers' crypto inputs: the FC of the algorithm key
// derivation, the algorithm type distinguishers (TS 33.401 Table A.7-1, TS 33.501 Table A.8-1)
// the BEARER, and how much of the COUNT counts (NAS: 24 bits, TS 24.301 4.4.3.1; PDCP: 32).
struct SecurityProfile {
  crypto::KeyHierarchy hierarchy;
  std::uint8_t integrity_type, ciphering_type;
  std::uint8_t bearer;
  std::uint32_t count_mask;
};

inline constexpr std::uint8_t kNasEnc = 0x01, kNasInt = 0x02, kRrcEnc = 0x03, kRrcInt = 0x04;

// TS 33.401 8.1.1 / 8.2: "the BEARER identity ... shall be set to the constant value 0".
inline constexpr SecurityProfile kEpsNas{crypto::KeyHierarchy::eps, kNasInt, kNasEnc, 0, kCountMask};
// TS 33.501 6.4.3.1: BEARER is the NAS connection identifier, "0x01" for 3GPP access (6.4.2.2).
inline constexpr SecurityProfile kFivegsNas{crypto::KeyHierarchy::fivegs, kNasInt, kNasEnc, 1, kCountMask};

// RRC on a signalling radio bearer: BEARER is the radio bearer identity minus one (TS 36.323
// 5.6 / 5.7, TS 38.323 5.8 / 5.9 with TS 33.401 B.1.1 and TS 33.501 D.2.1), so SRB1 is 0.
constexpr SecurityProfile rrc_profile(crypto::KeyHierarchy hierarchy, std::uint8_t srb) {
  return {hierarchy, kRrcInt, kRrcEnc, static_cast<std::uint8_t>(srb - 1), 0xffffffff};
}

// The algorithm keys (K_NASint, K_NASenc, K_RRCint, K_RRCenc) last derived from their context's
// key and prepared for their algorithm, so that a receiver checking message after message under
// one context (the oracle) runs the KDF and the key schedule once per key rather than once per
// message. Lookups compare the context key in constant time; every key is wiped when replaced and
// when the cache is dropped. Not thread-safe.
class AlgorithmKeys {
 public:
  AlgorithmKeys() = default;
  AlgorithmKeys(const AlgorithmKeys&) = delete;
  AlgorithmKeys& operator=(const AlgorithmKeys&) = delete;
  ~AlgorithmKeys();

  // As message_mac and message_cipher below, with the algorithm key from the cache.
  const char* mac(std::span<const std::uint8_t, 32> key, SecurityProfile profile, std::uint8_t eia, std::uint32_t count,
                  Direction direction, ByteView message, std::span<std::uint8_t, 4> mac) noexcept;
  const char* cipher(std::span<const std::uint8_t, 32> key, SecurityProfile profile, std::uint8_t eea,
                     std::uint32_t count, Direction direction, ByteView in, std::span<std::uint8_t> out) noexcept;

 private:
  struct Entry {
    std::array<std::uint8_t, 32> parent;
    crypto::KeyHierarchy hierarchy;
    std::uint8_t type;
    std::optional<crypto::EeaEiaKey> key;  // engaged: the entry is in use
  };
  static constexpr std::size_t kEntries = 8;  // a few contexts (current, new, mapped) x int/enc
  std::array<Entry, kEntries> entries_;
  std::size_t next_ = 0;  // the entry a new key takes
  std::size_t last_ = 0;  // the entry found or filled last

  // The derived key prepared for its algorithm, or nullptr with `fault` set.
  const crypto::EeaEiaKey* get(std::span<const std::uint8_t, 32> parent, crypto::KeyHierarchy hierarchy,
                               std::uint8_t type, std::uint8_t alg, const char*& fault) noexcept;
};

// The 32-bit MAC (NAS-MAC, MAC-I) of `message` with algorithm `eia` (EIA0 / NIA0: all zeros).
// Returns nullptr, or why not (then `mac` is not written).
const char* message_mac(std::span<const std::uint8_t, 32> key, SecurityProfile profile, std::uint8_t eia,
                        std::uint32_t count, Direction direction, ByteView message,
                        std::span<std::uint8_t, 4> mac) noexcept;

// Ciphers or deciphers `in` into `out` (at least as long) with algorithm `eea` (EEA0 / NEA0
// copies). Returns nullptr, or why not.
const char* message_cipher(std::span<const std::uint8_t, 32> key, SecurityProfile profile, std::uint8_t eea,
                           std::uint32_t count, Direction direction, ByteView in, std::span<std::uint8_t> out) noexcept;

}  // namespace secmode::impl::engine
