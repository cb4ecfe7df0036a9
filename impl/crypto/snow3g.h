// SNOW 3G (TS 35.216) keystream kernels and the UIA2 polynomial hash (TS 35.215 4.5), constant
// time, one set of entry points per tier (cpu.h). eea1_eia1.h frames them as 128-EEA1/128-EIA1;
// the mapping from a key's tier to these functions lives there (detail::Eea1Eia1KeyAccess).
//
//  portable (snow3g_portable.cpp): S1 and S2 computed octet-parallel in 32-bit words (SWAR GF(2^8)
//    arithmetic), MULalpha/DIValpha and the GF(2^64) product by masks and integer multiplies.
//  avx2 (snow3g_avx2.cpp, from the shared kernel snow3g_vector.h): S1 = AESENC; S2 from
//    register-resident 16-entry tables (PSHUFB); PCLMULQDQ for the hash.
//  avx512 (snow3g_avx512.cpp, same kernel): S1 = AESENC; S2 with GFNI in the AES field through the
//    isomorphism phi of snow3g_constants.h; VPCLMULQDQ (then PCLMULQDQ) for the hash.
//  avx512 x16 (snow3g_avx512_x16.cpp): sixteen messages in the 32-bit lanes of 512-bit registers,
//    S1 = VPSHUFB + VAESENC, S2 with GFNI as above; for eea1_batch / eia1_batch.
//
// No function here branches on, or indexes memory with, key, keystream or message contents;
// lengths are public. Callers must not call a tier's functions unless the CPU has the tier.
#pragma once

#include <cstddef>
#include <cstdint>

namespace secmode::impl::crypto {

// Key and IV in the notation of TS 35.216 4.1: k = (k0, k1, k2, k3), iv = (IV0, IV1, IV2, IV3).
// Key material: the owner wipes it.
struct Snow3gInput {
  std::uint32_t k[4];
  std::uint32_t iv[4];
};

// out[i] = data[i] XOR octet i of the keystream z1 || z2 || ... (each z_t big-endian, TS 35.215
// 3.5), for n octets. data and out may be the same buffer.
void snow3g_portable_xor(const Snow3gInput& in, const std::uint8_t* data, std::uint8_t* out, std::size_t n) noexcept;
void snow3g_avx2_xor(const Snow3gInput& in, const std::uint8_t* data, std::uint8_t* out, std::size_t n) noexcept;
void snow3g_avx512_xor(const Snow3gInput& in, const std::uint8_t* data, std::uint8_t* out, std::size_t n) noexcept;

// z1..z5 (TS 35.216 4.2), what UIA2 needs (TS 35.215 4.4).
void snow3g_portable_z5(const Snow3gInput& in, std::uint32_t z[5]) noexcept;
void snow3g_avx2_z5(const Snow3gInput& in, std::uint32_t z[5]) noexcept;
void snow3g_avx512_z5(const Snow3gInput& in, std::uint32_t z[5]) noexcept;

// Sixteen instances at once (avx512 tier): lane i XORs n[i] octets of data[i] into out[i] with
// the keystream of in[i], as snow3g_avx512_xor(in[i], data[i], out[i], n[i]) would (n[i] may be 0,
// and then data[i] and out[i] are not touched). Lanes must not share output buffers.
void snow3g_avx512_x16_xor(const Snow3gInput in[16], const std::uint8_t* const data[16], std::uint8_t* const out[16],
                           const std::size_t n[16]) noexcept;
// z1..z5 of sixteen instances: z[i] as snow3g_avx512_z5(in[i], z[i]).
void snow3g_avx512_x16_z5(const Snow3gInput in[16], std::uint32_t z[16][5]) noexcept;

// TS 35.215 4.5: EVAL after the message blocks and the length block, i.e.
// MUL64(... MUL64(M_0, P) ..., Q) over GF(2^64) mod x^64 + x^4 + x^3 + x + 1, where the M_i are
// the first `bits` bits of msg (unused trailing bits ignored) in 64-bit big-endian blocks.
std::uint64_t uia2_eval_portable(std::uint64_t p, std::uint64_t q, const std::uint8_t* msg, std::size_t bits) noexcept;
// PCLMULQDQ (avx2 tier).
std::uint64_t uia2_eval_clmul(std::uint64_t p, std::uint64_t q, const std::uint8_t* msg, std::size_t bits) noexcept;
// VPCLMULQDQ on 512-bit registers for the bulk, then the PCLMULQDQ code (avx512 tier).
std::uint64_t uia2_eval_vpclmul(std::uint64_t p, std::uint64_t q, const std::uint8_t* msg, std::size_t bits) noexcept;
// Four messages at once (avx512 tier, the 16-lane EIA1 batch): eval[i] as
// uia2_eval_vpclmul(p[i], q[i], msg[i], bits[i]).
void uia2_eval_vpclmul_x4(const std::uint64_t p[4], const std::uint64_t q[4], const std::uint8_t* const msg[4],
                          const std::size_t bits[4], std::uint64_t eval[4]) noexcept;

namespace detail {
// The PCLMULQDQ hash continued from a reduced running value `eval` over the next `bits` bits at
// msg (only the last of them may be partial), then the length block for the whole `length`.
std::uint64_t uia2_eval_clmul_tail(std::uint64_t eval, std::uint64_t p, std::uint64_t q, const std::uint8_t* msg,
                                   std::size_t bits, std::size_t length) noexcept;
// The 32x32 S-boxes S1 and S2 (TS 35.216 3.3.1, 3.3.2) of each kernel, on one word, for the
// exhaustive tests against the spec definitions.
std::uint32_t snow3g_portable_s1(std::uint32_t w) noexcept;
std::uint32_t snow3g_portable_s2(std::uint32_t w) noexcept;
std::uint32_t snow3g_avx2_s1(std::uint32_t w) noexcept;
std::uint32_t snow3g_avx2_s2(std::uint32_t w) noexcept;
std::uint32_t snow3g_avx512_s1(std::uint32_t w) noexcept;
std::uint32_t snow3g_avx512_s2(std::uint32_t w) noexcept;
// S1 and S2 of the 16-lane kernel on 16 different words at once (lane i: w[i]).
void snow3g_avx512_x16_sboxes(const std::uint32_t w[16], std::uint32_t s1[16], std::uint32_t s2[16]) noexcept;
// MULalpha(s0,0) XOR DIValpha(s11,3) of the portable kernel (TS 35.216 3.4.4), exposed likewise.
std::uint32_t snow3g_portable_alpha(std::uint8_t mul_input, std::uint8_t div_input) noexcept;
// The GF(2^64) product of TS 35.215 4.3.4 (MUL64 with c = 0x1b), portable.
std::uint64_t uia2_mul64_portable(std::uint64_t v, std::uint64_t p) noexcept;
}  // namespace detail

}  // namespace secmode::impl::crypto
