// 128-EEA2 and 128-EIA2 (TS 33.401 B.1.3, B.2.3; the same functions are 128-NEA2 and 128-NIA2,
// TS 33.501 D.2.2, D.3.2): the fast, constant-time twin of the EEA2/EIA2 cases of
// spec/crypto/eea_eia.h. The AES kernel is picked by tier (cpu.h): portable -> aes_ct64.h,
// avx2 -> aes_x86ni.h, avx512 -> aes_vaes.h for CTR and aes_x86ni.h for CMAC.
//
// Bit order as in count_inputs.h; the unused trailing bits of the last octet are ignored on
// input and cleared on output. Nothing here allocates or throws; secrets are wiped on exit.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/crypto/aes_ct64.h"
#include "impl/crypto/aes_x86ni.h"
#include "impl/crypto/count_inputs.h"
#include "impl/crypto/cpu.h"

namespace secmode::impl::crypto {

namespace detail {
struct Eea2Eia2KeyAccess;
}

// A 128-bit KEY (K_NASenc, K_NASint, K_RRCenc, ...) expanded once for one tier's kernel, with
// the CMAC subkeys K1, K2 (SP 800-38B 6.1). Everything it holds is wiped by the destructor.
class Eea2Eia2Key {
 public:
  // For active_tier().
  explicit Eea2Eia2Key(std::span<const std::uint8_t, 16> key) noexcept;
  // For `tier`, lowered to detected_tier() if above it (so no kernel runs instructions the CPU
  // lacks): tests use this to run every tier in one process. tier() says which one it got.
  Eea2Eia2Key(std::span<const std::uint8_t, 16> key, Tier tier) noexcept;
  ~Eea2Eia2Key();
  Eea2Eia2Key(const Eea2Eia2Key&) = delete;
  Eea2Eia2Key& operator=(const Eea2Eia2Key&) = delete;

  Tier tier() const noexcept { return tier_; }

 private:
  friend struct detail::Eea2Eia2KeyAccess;
  Tier tier_;
  AesCt64Key ct64_;  // used when tier_ is portable
  AesNiKey ni_{};    // used otherwise
  std::array<std::uint8_t, 16> k1_{}, k2_{};
};

// 128-EEA2 (TS 33.401 B.1.3): out = the first `bits` bits of `data` XOR the AES-CTR keystream
// from T1 = COUNT || BEARER || DIRECTION || 0^26 || 0^64. Ciphering and deciphering are the same
// call. Writes bytes_for(bits) octets of `out` (trailing unused bits cleared); `out` may be
// `data` itself but must not overlap it otherwise. Returns nullptr, or why the arguments break
// this contract (BEARER >= 32, DIRECTION >= 2, data or out shorter than bytes_for(bits)), in
// which case nothing is written.
const char* eea2(const Eea2Eia2Key& key, const CountInputs& in, std::span<const std::uint8_t> data,
                 std::size_t bits, std::span<std::uint8_t> out) noexcept;

// 128-EIA2 (TS 33.401 B.2.3): MACT = the 32 most significant bits of AES-CMAC over
// COUNT || BEARER || DIRECTION || 0^26 || the first `bits` bits of `message`. Same error
// contract as eea2 (message shorter than bytes_for(bits)); on error `mac` is not written.
const char* eia2(const Eea2Eia2Key& key, const CountInputs& in, std::span<const std::uint8_t> message,
                 std::size_t bits, std::span<std::uint8_t, 4> mac) noexcept;

// True when `mac` is the 128-EIA2 MAC of the message, compared in constant time (ct.h); false
// also when the arguments break eia2's contract.
bool eia2_verify(const Eea2Eia2Key& key, const CountInputs& in, std::span<const std::uint8_t> message,
                 std::size_t bits, std::span<const std::uint8_t, 4> mac) noexcept;

}  // namespace secmode::impl::crypto
