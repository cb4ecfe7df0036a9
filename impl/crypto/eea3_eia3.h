// 128-EEA3 and 128-EIA3 (TS 33.401 B.1.4, B.2.4; the same functions are 128-NEA3 and 128-NIA3,
// TS 33.501 D.2.4, D.3.4), specified in TS 35.221 on the ZUC keystream of TS 35.222: the fast,
// constant-time twin of spec/crypto/eea3_eia3.h. The ZUC kernel is picked by tier (cpu.h):
// portable -> bitsliced S-boxes, avx2 -> AES-NI + PSHUFB + PCLMULQDQ, avx512 -> GFNI + AVX-512VL
// (zuc.h).
//
// Bit order as in count_inputs.h; the unused trailing bits of the last octet are ignored on
// input and cleared on output. Nothing here allocates or throws; secrets are wiped on exit.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/crypto/batch.h"
#include "impl/crypto/count_inputs.h"
#include "impl/crypto/cpu.h"
#include "impl/crypto/zuc.h"

namespace secmode::impl::crypto {

namespace detail {
struct Eea3Eia3KeyAccess;
}

// A 128-bit KEY (CK / IK, K_NASenc, K_RRCint, ...) for one tier's kernel. ZUC has no key
// schedule; the key is kept as the key part of the initial LFSR cells (TS 35.222 3.5). Wiped
// by the destructor.
class Eea3Eia3Key {
 public:
  // For active_tier().
  explicit Eea3Eia3Key(std::span<const std::uint8_t, 16> key) noexcept;
  // For `tier`, lowered to detected_tier() if above it; tier() says which one it got.
  Eea3Eia3Key(std::span<const std::uint8_t, 16> key, Tier tier) noexcept;
  ~Eea3Eia3Key();
  Eea3Eia3Key(const Eea3Eia3Key&) = delete;
  Eea3Eia3Key& operator=(const Eea3Eia3Key&) = delete;

  Tier tier() const noexcept { return tier_; }

 private:
  friend struct detail::Eea3Eia3KeyAccess;
  Tier tier_;
  ZucKeyCells cells_;
};

// 128-EEA3 (TS 35.221 3): out = the first `bits` bits of `data` XOR the ZUC keystream with
// IV = COUNT || BEARER || DIRECTION || 0^2 || 0^24, twice. Ciphering and deciphering are the same
// call. Writes bytes_for(bits) octets of `out` (trailing unused bits cleared); `out` may be `data`
// itself but must not overlap it otherwise. Returns nullptr, or why the arguments break this
// contract (BEARER >= 32, DIRECTION >= 2, data or out shorter than bytes_for(bits)), in which case
// nothing is written.
const char* eea3(const Eea3Eia3Key& key, const CountInputs& in, std::span<const std::uint8_t> data,
                 std::size_t bits, std::span<std::uint8_t> out) noexcept;

// 128-EIA3 (TS 35.221 4): the 32-bit MAC over the first `bits` bits of `message`, most
// significant octet first in `mac`. Same error contract as eea3; on error `mac` is not written.
const char* eia3(const Eea3Eia3Key& key, const CountInputs& in, std::span<const std::uint8_t> message,
                 std::size_t bits, std::span<std::uint8_t, 4> mac) noexcept;

// True when `mac` is the 128-EIA3 MAC of the message, compared in constant time (ct.h); false
// also when the arguments break eia3's contract.
bool eia3_verify(const Eea3Eia3Key& key, const CountInputs& in, std::span<const std::uint8_t> message,
                 std::size_t bits, std::span<const std::uint8_t, 4> mac) noexcept;

using Eea3Job = CipherJob<Eea3Eia3Key>;  // eea3_batch

// 128-EEA3 on many messages: each job gets exactly what eea3(*key, in, data, bits, out) gives,
// and its return value in `error` (a job with a null key gets an error). Jobs whose key is on
// the avx512 tier go through the 16-lane kernel (zuc.h zuc_avx512_x16_xor) sixteen at a time,
// which pays the 32 initialisation rounds once per 16 messages' worth of latency; the others,
// and a lone leftover, go through eea3. Jobs must not share output buffers.
void eea3_batch(std::span<Eea3Job> jobs) noexcept;

using Eia3Job = MacJob<Eea3Eia3Key>;  // eia3_batch

// 128-EIA3 on many messages: each job's mac and error as eia3(*key, in, message, bits, mac)
// gives; the avx512-tier jobs go through the 16-lane kernel (zuc.h zuc_avx512_x16_mac) like
// eea3_batch's.
void eia3_batch(std::span<Eia3Job> jobs) noexcept;

}  // namespace secmode::impl::crypto
