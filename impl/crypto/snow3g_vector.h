// The SNOW 3G keystream generator (TS 35.216) of the avx2 and avx512 tiers, written once and
// instantiated per tier by snow3g_avx2.cpp and snow3g_avx512.cpp with their own S2 and
// MULalpha/DIValpha (an `Ops` type). Include only from those files: everything below is in an
// unnamed namespace, so each tier's copy is compiled with its own target flags and no inline
// function can be shared (and picked by the linker) across tiers.
//
// Layout. The LFSR s0..s15 is four SSE registers of four words (l0 = s0..s3, ..., l3 = s12..s15),
// and the FSM registers R1, R2, R3 are kept broadcast into all four 32-bit lanes. Broadcasting
// makes S1 a single AESENC: ShiftRows moves octets between columns, which does nothing when all
// columns are equal, and AESENC's MixColumns on a little-endian lane is exactly the matrix of
// TS 35.216 3.3.1 (octet w3 of the word is the column's first octet). It also keeps the FSM's
// dependency chain in vector registers, with no transfer to general registers in it.
//
// Four clocks at a time. The feedback of TS 35.216 3.4.4, v = s0<<8 ^ MULalpha(s0,0) ^ s2 ^
// s11>>8 ^ DIValpha(s11,3) [^ F], reads at clock t + i (i < 4) only s_{t+i}, s_{t+i+2} and
// s_{t+i+11}, all in the register file at clock t; so the F-independent part G of four clocks is
// one vector computation, and only "^ F" stays per clock. That takes MULalpha/DIValpha, which
// the classic code looks up in secret-indexed tables, off the critical path at no extra cost.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "impl/crypto/snow3g.h"
#include "impl/crypto/x86_intrinsics.h"

namespace secmode::impl::crypto {
namespace {

template <int I>
inline __m128i lane(__m128i x) noexcept {  // word I of x in all four lanes
  return _mm_shuffle_epi32(x, I * 0x55);
}

template <typename Ops>
class Snow3gVector {
 public:
  // TS 35.216 4.1 loading, 32 initialisation clocks, then the first keystream-mode clock whose
  // FSM output is discarded (4.2): afterwards keystream<N>() yields z1, z2, ...
  explicit Snow3gVector(const Snow3gInput& in) noexcept {
    const std::uint32_t* k = in.k;
    const std::uint32_t* iv = in.iv;
    constexpr std::uint32_t one = 0xffffffffu;
    l0_ = set(k[0] ^ one, k[1] ^ one, k[2] ^ one, k[3] ^ one);
    l1_ = set(k[0], k[1], k[2], k[3]);
    l2_ = set(k[0] ^ one, k[1] ^ one ^ iv[3], k[2] ^ one ^ iv[2], k[3] ^ one);
    l3_ = set(k[0] ^ iv[1], k[1], k[2], k[3] ^ iv[0]);
    r1_ = r2_ = _mm_setzero_si128();
    r3x_ = lane<1>(l1_);  // R3 = 0, XOR s5 of the first clock
    s11_14_ = _mm_alignr_epi8(l3_, l2_, 12);
    for (int block = 0; block < 8; ++block) init_block();
    discard_clock();
  }
  ~Snow3gVector() {
    // Registers are not memory, but the compiler may have spilled them: overwrite the members
    // (the stack copies a spill leaves are overwritten by later calls; see ct.h's wipe()).
    l0_ = l1_ = l2_ = l3_ = r1_ = r2_ = r3x_ = s11_14_ = _mm_setzero_si128();
    __asm__ __volatile__("" : : "r"(this) : "memory");
  }
  Snow3gVector(const Snow3gVector&) = delete;
  Snow3gVector& operator=(const Snow3gVector&) = delete;

  // The next N (1..4) keystream words, word i in lane i. N < 4 is for the last call only: the
  // LFSR is then not advanced.
  template <int N>
  __m128i keystream() noexcept {
    const __m128i g = feedback();
    __m128i f = _mm_setzero_si128();
    f = _mm_blend_epi32(f, fsm<0>(lane<3>(l3_)), 1);
    if constexpr (N > 1) f = _mm_blend_epi32(f, fsm<1>(lane<0>(g)), 2);
    if constexpr (N > 2) f = _mm_blend_epi32(f, fsm<2>(lane<1>(g)), 4);
    if constexpr (N > 3) f = _mm_blend_epi32(f, fsm<3>(lane<2>(g)), 8);
    const __m128i z = _mm_xor_si128(f, l0_);  // TS 35.216 4.2: z_t = F ^ s0
    if constexpr (N == 4) shift_in(g);        // keystream mode: v = G (3.4.5)
    return z;
  }

 private:
  static __m128i set(std::uint32_t s0, std::uint32_t s1, std::uint32_t s2, std::uint32_t s3) noexcept {
    return _mm_set_epi32(static_cast<int>(s3), static_cast<int>(s2), static_cast<int>(s1), static_cast<int>(s0));
  }

  // G_i = s_i<<8 ^ MULalpha(s_i,0) ^ s_{i+2} ^ s_{i+11}>>8 ^ DIValpha(s_{i+11},3), i = 0..3.
  __m128i feedback() const noexcept {
    const __m128i s2_5 = _mm_alignr_epi8(l1_, l0_, 8);
    const __m128i s11_14 = _mm_alignr_epi8(l3_, l2_, 12);
    const __m128i shifts = _mm_xor_si128(_mm_slli_epi32(l0_, 8), _mm_srli_epi32(s11_14, 8));
    return _mm_xor_si128(_mm_xor_si128(shifts, s2_5), Ops::alpha(l0_, s11_14));
  }

  // TS 35.216 3.4.6 at clock I of a block, given s15 of that clock (broadcast); returns F
  // (broadcast). R3 is only ever read as R3 ^ s5 of the next clock, which is s_{I+6} of the
  // block's first clock and already in the register file, so that XOR is folded into S2's last
  // instruction (r3x_ = R3 ^ s5): one operation less on the FSM's critical path.
  template <int I>
  __m128i fsm(__m128i s15) noexcept {
    __m128i s5_next;
    if constexpr (I < 2) s5_next = lane<I + 2>(l1_);
    else s5_next = lane<I - 2>(l2_);
    const __m128i f = _mm_xor_si128(_mm_add_epi32(s15, r1_), r2_);
    const __m128i r = _mm_add_epi32(r2_, r3x_);
    r3x_ = Ops::s2_xor(r2_, s5_next);
    r2_ = Ops::s1(r1_);
    r1_ = r;
    return f;
  }

  void shift_in(__m128i block) noexcept {
    l0_ = l1_;
    l1_ = l2_;
    l2_ = l3_;
    l3_ = block;
  }

  // Four initialisation-mode clocks (TS 35.216 3.4.4): v_i = G_i ^ F_i, and v_i is the s15 of
  // the next clock, so the chain F -> v -> F is one add and two XORs per clock. Here the v of a
  // block feed the next block's G through s12..s14 (= v0, v1, v2): to keep that chain short, the
  // part of G from s0..s5 (MULalpha) is computed apart from the part from s11..s14 (DIValpha),
  // and s11..s14 is assembled from v0..v2 directly, without waiting for v3 and the LFSR shift.
  void init_block() noexcept {
    const __m128i early = _mm_xor_si128(_mm_xor_si128(_mm_slli_epi32(l0_, 8), _mm_alignr_epi8(l1_, l0_, 8)),
                                        Ops::mul_alpha(l0_));
    const __m128i late = _mm_xor_si128(_mm_srli_epi32(s11_14_, 8), Ops::div_alpha(s11_14_));
    const __m128i g = _mm_xor_si128(early, late);
    const __m128i v0 = _mm_xor_si128(lane<0>(g), fsm<0>(lane<3>(l3_)));
    const __m128i v1 = _mm_xor_si128(lane<1>(g), fsm<1>(v0));
    const __m128i v2 = _mm_xor_si128(lane<2>(g), fsm<2>(v1));
    s11_14_ = _mm_blend_epi32(_mm_blend_epi32(lane<3>(l3_), v0, 2), _mm_blend_epi32(v1, v2, 8), 12);
    const __m128i v3 = _mm_xor_si128(lane<3>(g), fsm<3>(v2));
    shift_in(_mm_blend_epi32(_mm_blend_epi32(v0, v1, 2), _mm_blend_epi32(v2, v3, 8), 12));
  }

  // One keystream-mode clock with F discarded: the LFSR moves by one word (fsm<0> reads s5 and
  // s6 of the state before the move, as it should).
  void discard_clock() noexcept {
    const __m128i g = feedback();
    (void)fsm<0>(lane<3>(l3_));
    l0_ = _mm_alignr_epi8(l1_, l0_, 4);
    l1_ = _mm_alignr_epi8(l2_, l1_, 4);
    l2_ = _mm_alignr_epi8(l3_, l2_, 4);
    l3_ = _mm_alignr_epi8(g, l3_, 4);  // s15 = G_0
  }

  __m128i l0_, l1_, l2_, l3_;  // the LFSR, s_{4j+i} in lane i of l_j
  __m128i r1_, r2_, r3x_;      // the FSM (R1, R2, R3 ^ s5 of the next clock), broadcast
  __m128i s11_14_;             // s11..s14 for the next init_block()
};

// z_t as big-endian octets (TS 35.215 3.5): swap the octets of each lane.
inline __m128i keystream_octets(__m128i z) noexcept {
  return _mm_shuffle_epi8(z, _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3));
}

template <typename Ops>
void vector_xor(const Snow3gInput& in, const std::uint8_t* data, std::uint8_t* out, std::size_t n) noexcept {
  Snow3gVector<Ops> gen(in);
  std::size_t off = 0;
  for (; n - off >= 16; off += 16) {
    const __m128i ks = keystream_octets(gen.template keystream<4>());
    const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + off));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + off), _mm_xor_si128(d, ks));
  }
  const std::size_t rest = n - off;  // public
  if (rest == 0) return;
  __m128i z;
  switch ((rest + 3) / 4) {
    case 1: z = gen.template keystream<1>(); break;
    case 2: z = gen.template keystream<2>(); break;
    case 3: z = gen.template keystream<3>(); break;
    default: z = gen.template keystream<4>(); break;
  }
  alignas(16) std::uint8_t tail[16];
  _mm_store_si128(reinterpret_cast<__m128i*>(tail), keystream_octets(z));
  for (std::size_t j = 0; j < rest; ++j) out[off + j] = static_cast<std::uint8_t>(data[off + j] ^ tail[j]);
  _mm_store_si128(reinterpret_cast<__m128i*>(tail), _mm_setzero_si128());
  __asm__ __volatile__("" : : "r"(tail) : "memory");
}

template <typename Ops>
void vector_z5(const Snow3gInput& in, std::uint32_t z[5]) noexcept {
  Snow3gVector<Ops> gen(in);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(z), gen.template keystream<4>());
  z[4] = static_cast<std::uint32_t>(_mm_cvtsi128_si32(gen.template keystream<1>()));
}

// One word through a tier's S-box (for the exhaustive tests).
template <typename Ops>
std::uint32_t s1_word(std::uint32_t w) noexcept {
  return static_cast<std::uint32_t>(_mm_cvtsi128_si32(Ops::s1(_mm_set1_epi32(static_cast<int>(w)))));
}
template <typename Ops>
std::uint32_t s2_word(std::uint32_t w) noexcept {
  return static_cast<std::uint32_t>(_mm_cvtsi128_si32(Ops::s2_xor(_mm_set1_epi32(static_cast<int>(w)), _mm_setzero_si128())));
}

}  // namespace
}  // namespace secmode::impl::crypto
