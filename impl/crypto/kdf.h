// The generic key derivation function of TS 33.220 Annex B.2 (used by every key hierarchy
// derivation of TS 33.401 Annex A and TS 33.501 Annex A): the fast, constant-time twin of
// spec/crypto/kdf.h. Derived key = HMAC-SHA-256(Key, S) (RFC 2104, FIPS 180-4) with
// S = FC || P0 || L0 || P1 || L1 || ... (TS 33.220 B.2.0), each Li the length of Pi in octets
// as 2 octets, big-endian. The SHA-256 compression is picked by tier (cpu.h): portable ->
// sha256_portable.h, avx2 and avx512 -> sha256_x86ni.h.
//
// Nothing here allocates or throws; secrets (the pad states, S, the inner hash) are wiped on
// exit. Branches depend only on lengths, which are public.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/crypto/cpu.h"

namespace secmode::impl::crypto {

namespace detail {
struct KdfKeyAccess;
}

// A 256-bit KDF Key (K_ASME, K_AMF, K_eNB, CK || IK, ...) ready for repeated derivations: the
// SHA-256 states after the first block of the inner and the outer hash of HMAC, i.e. after
// (Key || 0^256) XOR ipad and XOR opad (RFC 2104 steps 1-3 and 4-6 up to the message). Each
// derivation then costs the compression of S's blocks plus one for the outer hash, instead of
// two more for the pads. Everything it holds is wiped by the destructor.
class KdfKey {
 public:
  // For active_tier().
  explicit KdfKey(std::span<const std::uint8_t, 32> key) noexcept;
  // For `tier`, lowered to detected_tier() if above it (so no kernel runs instructions the CPU
  // lacks): tests use this to run every tier in one process. tier() says which one it got.
  KdfKey(std::span<const std::uint8_t, 32> key, Tier tier) noexcept;
  ~KdfKey();
  KdfKey(const KdfKey&) = delete;
  KdfKey& operator=(const KdfKey&) = delete;

  Tier tier() const noexcept { return tier_; }

 private:
  friend struct detail::KdfKeyAccess;
  Tier tier_;
  std::array<std::uint32_t, 8> inner_{}, outer_{};
};

// The parameters P0, P1, ... of S, in order (TS 33.220 B.2.0); each at most 65535 octets.
using KdfParams = std::span<const std::span<const std::uint8_t>>;

// TS 33.220 B.2.0: out = HMAC-SHA-256(Key, FC || P0 || L0 || ...). Returns nullptr, or why
// the arguments break this contract (a parameter longer than 65535 octets, whose length does
// not fit L_i), in which case `out` is not written. `out` may not overlap a parameter.
const char* derive(const KdfKey& key, std::uint8_t fc, KdfParams params, std::span<std::uint8_t, 32> out) noexcept;

// The same for a key used once: builds a KdfKey for active_tier() (or `tier`, lowered as
// above), derives, and wipes it.
const char* derive(std::span<const std::uint8_t, 32> key, std::uint8_t fc, KdfParams params,
                   std::span<std::uint8_t, 32> out) noexcept;
const char* derive(std::span<const std::uint8_t, 32> key, Tier tier, std::uint8_t fc, KdfParams params,
                   std::span<std::uint8_t, 32> out) noexcept;

// The FC that tells the algorithm key derivations of the two key hierarchies apart: TS 33.401
// A.7 (from K_ASME or K_eNB) and TS 33.501 A.8 (from K_AMF or K_gNB).
enum class KeyHierarchy : std::uint8_t { eps = 0x15, fivegs = 0x69 };

// TS 33.401 A.7 / TS 33.501 A.8: the 128-bit key of one algorithm, the 128 least significant bits
// of KDF(Key, FC, P0 = algorithm type distinguisher, P1 = algorithm identity). `type` is a
// distinguisher of Table A.7-1 / A.8-1 (0x01 NAS-enc, 0x02 NAS-int, 0x03 RRC-enc, 0x04 RRC-int,
// 0x05 UP-enc, 0x06 UP-int, the same values in both); `alg` the 4-bit identity. Returns nullptr,
// or why the arguments break that contract (then `out` is not written).
const char* derive_algorithm_key(const KdfKey& key, KeyHierarchy hierarchy, std::uint8_t type, std::uint8_t alg,
                                 std::span<std::uint8_t, 16> out) noexcept;

// TS 33.501 A.13: K'_AMF = KDF(K_AMF, FC = 0x72, P0 = DIRECTION, P1 = COUNT), with DIRECTION 0x00
// and the uplink NAS COUNT of the REGISTRATION REQUEST in idle mobility and in a SECURITY MODE
// COMMAND with K_AMF_change_flag (6.9.3), 0x01 and the downlink NAS COUNT at handover. Returns
// nullptr, or why the arguments break that contract (then `out` is not written).
const char* derive_kamf_prime(const KdfKey& kamf, std::uint8_t direction, std::uint32_t count,
                              std::span<std::uint8_t, 32> out) noexcept;

}  // namespace secmode::impl::crypto
