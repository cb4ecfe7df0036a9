// The ZUC FSM and EIA3 hash of the avx2 and avx512 tiers, written once over a small ISA traits
// struct (zuc_avx2.cpp: AES-NI, AVX2 shifts; zuc_avx512.cpp: GFNI, AVX-512VL rotates and
// ternary logic). Included only by those two files, each compiled with its own target flags;
// everything sits in an unnamed namespace so the two copies never meet at link time.
//
// Isa provides (all on __m128i, bytes in register order):
//   xor3(a, b, c):       a ^ b ^ c;
//   rotv_2_14(y):        each 32-bit lane rotated left by 2, 14, 2, 14 (lanes 0..3);
//   nibble_lo(a, b, l):  PSHUFB index from the low nibbles of l = a ^ b;
//   nibble_hi(l):        PSHUFB index from the high nibbles of l;
//   lookup_odd(t, i):    PSHUFB of table t by index i, zero in the even octets;
//   s1_even(l):          S1 on the even octets of lanes 0 and 1 (octets 0, 2, 4, 6), zero on the
//                        odd ones (octets 8..15 are don't-care); l's lanes 2, 3 repeat lanes
//                        0, 1 (AESENCLAST's ShiftRows wants that);
//   bit_reverse(x):      each octet's bits reversed.
// Only the odd octets' nibble indices must be exact: the even octets' S0 results are dropped by
// lookup_odd, and a tier may leave junk there.
//
// The FSM state lives in lanes 0 and 1 of one register, q = [R1, R2 ^ X2], so both S-box words
// of a round go through one pass (TS 35.222 3.4). The round's critical path is a chain of
// vector operations, each of which costs two cycles on recent AMD cores, so it is kept short:
//  1. W1 = R1 + X1 in lane 0 (lane 1 already holds W2 = R2 ^ X2: the previous round XORed the
//     next X2 in where it had slack);
//  2. one PSHUFB builds u = (W1L || W2H, W2L || W1H) and three more its rotations by 8, 16 and
//     by 24 (lane 0) / 8 (lane 1); with y = u ^ (u <<< 8) ^ (u <<< 16):
//     L1(u) = u ^ (u <<< 24) ^ (y <<< 2), L2(u) = u ^ (u <<< 8) ^ (y <<< 14); all shuffles also
//     copy lanes 0, 1 into 2, 3;
//  3. S: S0 on the odd octets from nibbles: with xl, xh the low and high nibbles,
//     t1 = xh ^ P1[xl], t2 = xl ^ P2[t1], S0 = TB[t1] ^ TA[t2] (zuc_sbox.h), each lookup a
//     PSHUFB from a register; S1 on the even octets by the ISA; the halves and the next X2
//     are XORed together.
// Every step is a register operation: no memory address depends on data.
//
// The hash (TS 35.221 4.5): for a message word m (first bit = bit 0 after bit reversal) and
// K = z_j || z_{j+1}, the carry-less product m * K holds in bits 32..63 the XOR of GET_WORD(j*32 +
// b) over the set bits b: the b-th partial product is K << b, whose bits 32..63 are the 32
// keystream bits starting b bits into K. Products are XORed into one accumulator and its bits
// 32..63 taken once at the end.
#pragma once

#include <array>
#include <cstdint>

#include "impl/crypto/x86_intrinsics.h"
#include "impl/crypto/zuc_kernel.h"
#include "impl/crypto/zuc_sbox.h"

namespace secmode::impl::crypto {
namespace {

namespace zx {

using Bytes16 = std::array<std::uint8_t, 16>;

// The PSHUFB index building lane 0 = W1L || W2H, lane 1 = W2L || W1H from W1 (octets 0..3) and
// W2 (4..7), little-endian, then rotated left by rot[lane] bits (a multiple of 8), lanes 2, 3
// copying 0, 1.
constexpr Bytes16 pack_rotated(int rot0, int rot1) {
  constexpr int pack[2][4] = {{6, 7, 0, 1}, {2, 3, 4, 5}};
  Bytes16 idx{};
  for (int lane = 0; lane < 4; ++lane) {
    const int rot = (lane % 2 == 0 ? rot0 : rot1) / 8;
    for (int i = 0; i < 4; ++i) idx[4 * lane + i] = static_cast<std::uint8_t>(pack[lane % 2][(i - rot + 4) % 4]);
  }
  return idx;
}

constexpr Bytes16 splat(std::uint8_t even, std::uint8_t odd) {
  Bytes16 b{};
  for (int i = 0; i < 16; ++i) b[i] = i % 2 == 0 ? even : odd;
  return b;
}

alignas(16) constexpr Bytes16 kPack = pack_rotated(0, 0);
alignas(16) constexpr Bytes16 kPackRot8 = pack_rotated(8, 8);
alignas(16) constexpr Bytes16 kPackRot16 = pack_rotated(16, 16);
alignas(16) constexpr Bytes16 kPackRotL1L2 = pack_rotated(24, 8);
alignas(16) constexpr Bytes16 kLowNibble = splat(0x0f, 0x0f);
alignas(16) constexpr Bytes16 kEven80 = splat(0x80, 0);  // an index that makes PSHUFB write 0
alignas(16) constexpr Bytes16 kP1 = zuc_sbox::kP1;
alignas(16) constexpr Bytes16 kP2 = zuc_sbox::kP2;
alignas(16) constexpr Bytes16 kS0A = zuc_sbox::kS0TableA;
alignas(16) constexpr Bytes16 kS0B = zuc_sbox::kS0TableB;

inline __m128i load(const Bytes16& b) noexcept { return _mm_load_si128(reinterpret_cast<const __m128i*>(b.data())); }

// The low and high nibble of each octet.
inline __m128i low_nibbles(__m128i x) noexcept { return _mm_and_si128(x, load(kLowNibble)); }
inline __m128i high_nibbles(__m128i x) noexcept { return _mm_and_si128(_mm_srli_epi16(x, 4), load(kLowNibble)); }

}  // namespace zx

template <typename Isa>
struct FsmX86 {
  __m128i q = _mm_setzero_si128();  // lane 0: R1, lane 1: R2 ^ X2 of the coming round

  // TS 35.222 3.4.1 S, given L = ua ^ ry split as the header comment's step 2 leaves it; the
  // next round's X2 comes in lane 1 of x2n.
  static __m128i sbox(__m128i ua, __m128i ry, __m128i x2n) noexcept {
    const __m128i l = _mm_xor_si128(ua, ry);
    const __m128i xl = Isa::nibble_lo(ua, ry, l);
    const __m128i t1 = _mm_xor_si128(Isa::nibble_hi(l), _mm_shuffle_epi8(zx::load(zx::kP1), xl));
    const __m128i t2 = _mm_xor_si128(xl, _mm_shuffle_epi8(zx::load(zx::kP2), t1));
    // x2n joins TB, ready four operations before TA; S1 may come last (it does on the avx2 tier).
    const __m128i tb = _mm_xor_si128(Isa::lookup_odd(zx::load(zx::kS0B), t1), x2n);
    return Isa::xor3(Isa::lookup_odd(zx::load(zx::kS0A), t2), tb, Isa::s1_even(l));
  }

  void start(std::uint32_t x2) noexcept { q = _mm_cvtsi64_si128(static_cast<long long>(std::uint64_t{x2} << 32)); }

  // W = (X0 ^ R1) + R2 from the current R1, R2; then R1, R2 advance (TS 35.222 3.4).
  std::uint32_t f(std::uint32_t x0, std::uint32_t x1, std::uint32_t x2, std::uint32_t x2_next) noexcept {
    const auto r12 = static_cast<std::uint64_t>(_mm_cvtsi128_si64(q));
    const auto r1 = static_cast<std::uint32_t>(r12), r2 = static_cast<std::uint32_t>(r12 >> 32) ^ x2;
    const std::uint32_t w = (x0 ^ r1) + r2;
    const __m128i w12 = _mm_add_epi32(q, _mm_cvtsi32_si128(static_cast<int>(x1)));  // TS 35.222 3.4: W1, W2
    // TS 35.222 3.4.2 L1 / L2 (header comment, step 2).
    const __m128i u = _mm_shuffle_epi8(w12, zx::load(zx::kPack));
    const __m128i u8 = _mm_shuffle_epi8(w12, zx::load(zx::kPackRot8));
    const __m128i u16 = _mm_shuffle_epi8(w12, zx::load(zx::kPackRot16));
    const __m128i a = _mm_shuffle_epi8(w12, zx::load(zx::kPackRotL1L2));
    // u is also needed for ua: put the single-use operands first, so that a destructive
    // three-input XOR (VPTERNLOGD overwrites its first) needs no register copy on the path.
    const __m128i ry = Isa::rotv_2_14(Isa::xor3(u8, u16, u));
    q = sbox(_mm_xor_si128(u, a), ry, _mm_cvtsi64_si128(static_cast<long long>(std::uint64_t{x2_next} << 32)));
    return w;
  }

  void wipe() noexcept {
    q = _mm_setzero_si128();
    ct::wipe_object(q);
  }
};

template <typename Isa>
struct HashX86 {
  __m128i acc = _mm_setzero_si128();

  void absorb4(const std::uint8_t block[16], const std::uint32_t k[5]) noexcept {
    const __m128i m = Isa::bit_reverse(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block)));
    // Each reversed word alone in a 64-bit lane: m01 = [m0, m1], m23 = [m2, m3].
    const __m128i m01 = _mm_unpacklo_epi32(m, _mm_setzero_si128());
    const __m128i m23 = _mm_unpackhi_epi32(m, _mm_setzero_si128());
    // K_w = z_{j+w} || z_{j+w+1}: a 64-bit load at k + w has the two words the other way round,
    // so k02 = [K0, K2] and k13 = [K1, K3] are two loads with their dword pairs swapped
    // (cheaper than assembling them from general registers, which competes with the FSM).
    const __m128i k02 = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(k)), 0xb1);
    const __m128i k13 = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(k + 1)), 0xb1);
    const __m128i p0 = _mm_xor_si128(_mm_clmulepi64_si128(m01, k02, 0x00), _mm_clmulepi64_si128(m01, k13, 0x01));
    const __m128i p1 = _mm_xor_si128(_mm_clmulepi64_si128(m23, k02, 0x10), _mm_clmulepi64_si128(m23, k13, 0x11));
    acc = Isa::xor3(acc, p0, p1);
  }
  std::uint32_t value() const noexcept {
    return static_cast<std::uint32_t>(static_cast<std::uint64_t>(_mm_cvtsi128_si64(acc)) >> 32);
  }
  void wipe() noexcept {
    acc = _mm_setzero_si128();
    ct::wipe_object(acc);
  }
};

// The S-box pass alone on two words, as the FSM runs it (for the exhaustive test).
template <typename Isa>
std::uint64_t zuc_x86_sbox(std::uint64_t two_words) noexcept {
  const __m128i x = _mm_set1_epi64x(static_cast<long long>(two_words));  // lanes 2, 3 repeat 0, 1
  return static_cast<std::uint64_t>(_mm_cvtsi128_si64(FsmX86<Isa>::sbox(x, _mm_setzero_si128(), _mm_setzero_si128())));
}

}  // namespace
}  // namespace secmode::impl::crypto
