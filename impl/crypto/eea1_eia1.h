// 128-EEA1 and 128-EIA1 (TS 33.401 B.1.2, B.2.2; the same functions are 128-NEA1 and 128-NIA1,
// TS 33.501 D.2.1, D.3.1): UEA2 f8 and UIA2 f9 of TS 35.215 on SNOW 3G (TS 35.216), with
// CK = IK = KEY and, for EIA1, FRESH = BEARER || 0^27. The UMTS functions themselves are here too:
// uea2_f8 (the same function as eea1) and uia2_f9 (any 32-bit FRESH; eia1 is uia2_f9 with
// FRESH = BEARER << 27, one implementation). eea1_batch / eia1_batch run many messages at once,
// sixteen per call of the 16-lane kernel on the avx512 tier. The fast, constant-time twin of the
// EEA1/EIA1 cases of spec/crypto/eea_eia.h. The SNOW 3G kernel is picked by tier (cpu.h, snow3g.h):
// portable -> computed S-boxes in 32-bit words, avx2 -> AESENC + PSHUFB, avx512 -> AESENC + GFNI.
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

namespace secmode::impl::crypto {

namespace detail {
struct Eea1Eia1KeyAccess;
}

// A 128-bit KEY (K_NASenc, K_NASint, K_RRCenc, ...) as the SNOW 3G key words k0..k3 of
// TS 35.216 4.1 (k3 = the first four octets, TS 35.215 3.4), for one tier's kernel. SNOW 3G has
// no key schedule: all the work is per message (the 32 initialisation clocks). Wiped by the
// destructor.
class Eea1Eia1Key {
 public:
  // For active_tier().
  explicit Eea1Eia1Key(std::span<const std::uint8_t, 16> key) noexcept;
  // For `tier`, lowered to detected_tier() if above it (so no kernel runs instructions the CPU
  // lacks): tests use this to run every tier in one process. tier() says which one it got.
  Eea1Eia1Key(std::span<const std::uint8_t, 16> key, Tier tier) noexcept;
  ~Eea1Eia1Key();
  Eea1Eia1Key(const Eea1Eia1Key&) = delete;
  Eea1Eia1Key& operator=(const Eea1Eia1Key&) = delete;

  Tier tier() const noexcept { return tier_; }

 private:
  friend struct detail::Eea1Eia1KeyAccess;
  Tier tier_;
  std::array<std::uint32_t, 4> k_{};  // k0..k3
};

// 128-EEA1 (TS 33.401 B.1.2, TS 35.215 3): out = the first `bits` bits of `data` XOR the SNOW 3G
// keystream with IV = COUNT, BEARER || DIRECTION || 0^26, COUNT, BEARER || DIRECTION || 0^26.
// Ciphering and deciphering are the same call. Writes bytes_for(bits) octets of `out` (trailing
// unused bits cleared); `out` may be `data` itself but must not overlap it otherwise. Returns
// nullptr, or why the arguments break this contract (BEARER >= 32, DIRECTION >= 2, data or out
// shorter than bytes_for(bits)), in which case nothing is written.
const char* eea1(const Eea1Eia1Key& key, const CountInputs& in, std::span<const std::uint8_t> data,
                 std::size_t bits, std::span<std::uint8_t> out) noexcept;

// 128-EIA1 (TS 33.401 B.2.2, TS 35.215 4): the 32-bit MAC-I over the first `bits` bits of
// `message`, with FRESH = BEARER << 27. Same error contract as eea1 (message shorter than
// bytes_for(bits)); on error `mac` is not written.
const char* eia1(const Eea1Eia1Key& key, const CountInputs& in, std::span<const std::uint8_t> message,
                 std::size_t bits, std::span<std::uint8_t, 4> mac) noexcept;

// True when `mac` is the 128-EIA1 MAC of the message, compared in constant time (ct.h); false
// also when the arguments break eia1's contract.
bool eia1_verify(const Eea1Eia1Key& key, const CountInputs& in, std::span<const std::uint8_t> message,
                 std::size_t bits, std::span<const std::uint8_t, 4> mac) noexcept;

// UEA2 f8 (TS 35.215 3) with CK = key, COUNT-C = count: TS 33.401 B.1.2 defines 128-EEA1 as f8 with
// these inputs, so this is eea1 under its UMTS name (same contract, same errors), not a second
// implementation.
inline const char* uea2_f8(const Eea1Eia1Key& key, std::uint32_t count, std::uint8_t bearer, std::uint8_t direction,
                           std::span<const std::uint8_t> data, std::size_t bits, std::span<std::uint8_t> out) noexcept {
  return eea1(key, CountInputs{count, bearer, direction}, data, bits, out);
}

// UIA2 f9 (TS 35.215 4) with IK = key, COUNT-I = count and a 32-bit FRESH: the MAC-I over the first
// `bits` bits of `message`. eia1 is this with FRESH = BEARER << 27 (TS 33.401 B.2.2). Returns
// nullptr, or why the arguments break the contract (DIRECTION >= 2, message shorter than
// bytes_for(bits)), in which case `mac` is not written.
const char* uia2_f9(const Eea1Eia1Key& key, std::uint32_t count, std::uint32_t fresh, std::uint8_t direction,
                    std::span<const std::uint8_t> message, std::size_t bits, std::span<std::uint8_t, 4> mac) noexcept;

using Eea1Job = CipherJob<Eea1Eia1Key>;  // eea1_batch

// 128-EEA1 on many messages: each job gets exactly what eea1(*key, in, data, bits, out) gives, and
// its return value in `error` (a job with a null key gets an error). Jobs whose key is on the
// avx512 tier go through the 16-lane kernel (snow3g.h snow3g_avx512_x16_xor) sixteen at a time,
// which pays the 32 initialisation clocks once per 16 messages' worth of latency; the others, and
// a lone leftover, go through eea1. Jobs must not share output buffers.
void eea1_batch(std::span<Eea1Job> jobs) noexcept;

using Eia1Job = MacJob<Eea1Eia1Key>;  // eia1_batch

// 128-EIA1 on many messages: each job's mac and error as eia1(*key, in, message, bits, mac) gives.
// The avx512-tier jobs get z1..z5 from the 16-lane kernel (snow3g_avx512_x16_z5) sixteen at a
// time, then each message's UIA2 hash (TS 35.215 4.5) runs on its own with the tier's VPCLMULQDQ
// code: the hash has no initialisation to share, and a message's blocks are already processed in
// parallel there.
void eia1_batch(std::span<Eia1Job> jobs) noexcept;

}  // namespace secmode::impl::crypto
