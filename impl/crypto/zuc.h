// The ZUC kernels (TS 35.222, ETSI SAGE EEA3 & EIA3 Document 2): keystream generation fused with
// the 128-EEA3 XOR and the 128-EIA3 universal hash (TS 35.221 3, 4), one set per tier (cpu.h):
//   portable: 64-bit C++, S0 and S1 bitsliced (zuc_portable.cpp);
//   avx2:     S0 by PSHUFB on nibbles, S1 by AESENCLAST, the hash by PCLMULQDQ (zuc_avx2.cpp);
//   avx512:   S1 by GFNI, AVX-512VL ternary logic and rotates (zuc_avx512.cpp), and a 16-lane
//             kernel for batches of messages (zuc_avx512_x16.cpp).
// The round is written once (zuc_kernel.h), the FSM and the hash once for both x86 tiers
// (zuc_x86.h). eea3_eia3.h is the API; these take the inputs already checked.
//
// All constant time: no table indexed by key, IV, keystream or message, no branch on them; the
// mod 2^31 - 1 arithmetic folds without a branch. Nothing allocates; the state on the stack is
// wiped before return. The avx2 / avx512 kernels must only be called when the tier allows.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace secmode::impl::crypto {

// The key part of the 16 initial LFSR cells, s_i = k_i || d_i || iv_i (TS 35.222 3.5), with the
// IV octet left zero. Key material: the owner wipes it.
struct ZucKeyCells {
  std::array<std::uint32_t, 16> kd{};
};

void zuc_key_cells(ZucKeyCells& out, const std::uint8_t key[16]) noexcept;

// out[0..n) = in[0..n) XOR the keystream z1 z2 ... read most significant octet first
// (TS 35.221 3.5). in and out may be the same buffer.
void zuc_portable_xor(const ZucKeyCells& key, const std::uint8_t iv[16], const std::uint8_t* in,
                      std::uint8_t* out, std::size_t n) noexcept;
void zuc_avx2_xor(const ZucKeyCells& key, const std::uint8_t iv[16], const std::uint8_t* in, std::uint8_t* out,
                  std::size_t n) noexcept;
void zuc_avx512_xor(const ZucKeyCells& key, const std::uint8_t iv[16], const std::uint8_t* in,
                    std::uint8_t* out, std::size_t n) noexcept;

// The 128-EIA3 MAC (TS 35.221 4.4-4.5) over the first `bits` bits of msg (bytes_for(bits)
// octets are read; the unused trailing bits are ignored).
std::uint32_t zuc_portable_mac(const ZucKeyCells& key, const std::uint8_t iv[16], const std::uint8_t* msg,
                               std::size_t bits) noexcept;
std::uint32_t zuc_avx2_mac(const ZucKeyCells& key, const std::uint8_t iv[16], const std::uint8_t* msg,
                           std::size_t bits) noexcept;
std::uint32_t zuc_avx512_mac(const ZucKeyCells& key, const std::uint8_t iv[16], const std::uint8_t* msg,
                             std::size_t bits) noexcept;

// The first n keystream words z1..zn (TS 35.222 3.6), for the keystream test vectors.
void zuc_portable_keystream(const ZucKeyCells& key, const std::uint8_t iv[16], std::uint32_t* z,
                            std::size_t n) noexcept;
void zuc_avx2_keystream(const ZucKeyCells& key, const std::uint8_t iv[16], std::uint32_t* z, std::size_t n) noexcept;
void zuc_avx512_keystream(const ZucKeyCells& key, const std::uint8_t iv[16], std::uint32_t* z,
                          std::size_t n) noexcept;

// Sixteen messages at once on the avx512 tier (zuc_avx512_x16.cpp): lane i XORs n[i] octets of
// in[i] into out[i] with the keystream of (keys[i], ivs[i]), as zuc_avx512_xor would. Every
// lane runs; a lane with n[i] = 0 writes nothing (give unused lanes any valid key and IV).
void zuc_avx512_x16_xor(const ZucKeyCells* const keys[16], const std::uint8_t* const ivs[16],
                        const std::uint8_t* const in[16], std::uint8_t* const out[16], const std::size_t n[16]) noexcept;

// The 128-EIA3 MAC of 16 messages at once on the avx512 tier: mac[i] as zuc_avx512_mac(keys[i],
// ivs[i], msg[i], bits[i]) would give. Every lane runs (give unused lanes any key and IV).
void zuc_avx512_x16_mac(const ZucKeyCells* const keys[16], const std::uint8_t* const ivs[16],
                        const std::uint8_t* const msg[16], const std::size_t bits[16], std::uint32_t mac[16]) noexcept;

namespace detail {
// S (TS 35.222 3.4.1: S0, S1, S0, S1 from the most significant octet) of the word in each
// 32-bit half, exactly as each tier's FSM applies it: exposed for the exhaustive test.
std::uint64_t zuc_portable_sbox(std::uint64_t two_words) noexcept;
std::uint64_t zuc_avx2_sbox(std::uint64_t two_words) noexcept;
std::uint64_t zuc_avx512_sbox(std::uint64_t two_words) noexcept;
std::uint64_t zuc_avx512_x16_sbox(std::uint64_t two_words) noexcept;  // the 16-lane kernel's, all lanes
}  // namespace detail

}  // namespace secmode::impl::crypto
