// Sixteen independent SNOW 3G instances at once (TS 35.216), the multi-buffer kernel of the avx512
// tier (contract: snow3g.h snow3g_avx512_x16_xor / _z5). Each 32-bit lane of a 512-bit register is
// one message's instance, with its own key and IV: the FSM's latency chain, which bounds the
// one-message kernel (snow3g_vector.h), is shared by 16 messages, so throughput bounds the work.
//
// The clock of TS 35.216 3.4.4-3.4.6 lane by lane:
//  - the LFSR is 16 registers s0..s15, renamed rather than moved: clock I (mod 16) of a block
//    writes the new s15 into the register that held s0, so s_i of clock I is reg[(I + i) % 16]
//    and a block of 16 clocks is unrolled with constant indices;
//  - S1 = VAESENC. AESENC on a 128-bit block is ShiftRows, SubBytes, MixColumns, XOR key; with a
//    different word in each column, ShiftRows would mix octets of four messages. A VPSHUFB by the
//    inverse of ShiftRows first makes ShiftRows the identity on the result, and then every
//    column (a little-endian 32-bit lane, octet w3 first) goes through SubBytes and MixColumns,
//    which are SR and the matrix of TS 35.216 3.3.1 (as in snow3g_vector.h): two instructions
//    for 16 lanes;
//  - S2 = SQ with GFNI through the isomorphism phi of snow3g_constants.h, then the MixColumns-
//    shaped matrix over F (3.3.2), exactly as in snow3g_avx512.cpp, on 512 bits;
//  - MULalpha(s0 >> 24) ^ DIValpha(s11 & 0xff) (3.4.2-3.4.3): the input octet is copied into every
//    octet of its lane (VPSHUFB), then output octet j comes from a GF2P8AFFINEQB by the matrix
//    of octet j, merged under a mask (four per map).
// No table is read with a data-dependent address and nothing branches on key, IV or data; loop
// counts and masks come from the lengths, which are public. The keystream goes through registers
// and a stack array indexed by clock and lane (public), wiped before return.
// Compiled with -mavx2 -mavx512f -mavx512bw -mavx512vl -mgfni -mvaes -mvpclmulqdq
// (impl/CMakeLists.txt); reached only at Tier::avx512.
// GCC 12's 512-bit intrinsics start from _mm512_undefined_epi32(), a self-initialised variable
// that its own -Wuninitialized then reports inside the header (GCC bug 105593); silenced for the
// header only, as in zuc_avx512_x16.cpp.

#include <algorithm>
#include <cstdint>
#include <utility>

#include "impl/crypto/ct.h"
#include "impl/crypto/snow3g.h"
#include "impl/crypto/snow3g_constants.h"
#include "impl/crypto/transpose_avx512.h"
#include "impl/crypto/x86_intrinsics.h"

namespace secmode::impl::crypto {
namespace {

using namespace snow3g;
using V = __m512i;

inline V matrix(u64 m) noexcept { return _mm512_set1_epi64(static_cast<long long>(m)); }

// The inverse of ShiftRows within each 128-bit block: octet (row r, column c) of the result is
// octet (r, c - r) of x, so that AESENC's ShiftRows puts every octet back in its own column.
inline V inverse_shift_rows(V x) noexcept {
  const V idx = _mm512_set4_epi32(0x0306090c, 0x0f020508, 0x0b0e0104, 0x070a0d00);
  return _mm512_shuffle_epi8(x, idx);
}

// TS 35.216 3.3.1, lane by lane.
inline V s1(V x) noexcept { return _mm512_aesenc_epi128(inverse_shift_rows(x), _mm512_setzero_si512()); }

// TS 35.216 3.3.2, lane by lane, XOR k.
inline V s2_xor(V x, V k) noexcept {
  const V y = _mm512_gf2p8affine_epi64_epi8(x, matrix(kGfniPhi), 0);
  const V y4 = _mm512_gf2p8affine_epi64_epi8(x, matrix(kGfniPhiPow4), 0);
  const V q = _mm512_gf2p8affine_epi64_epi8(x, matrix(kGfniPhiSquare), 1);
  const V z = _mm512_xor_si512(_mm512_gf2p8mul_epi8(_mm512_gf2p8mul_epi8(y4, y), q), y);  // D7(y)
  const V z8 = _mm512_gf2p8affine_epi64_epi8(z, matrix(kGfniPow8), 0);
  const V zi = _mm512_gf2p8affineinv_epi64_epi8(z, matrix(kGfniIdentity), 0);
  const V z4 = _mm512_gf2p8affine_epi64_epi8(z, matrix(kGfniPow4), 0);
  const V t = _mm512_ternarylogic_epi32(_mm512_gf2p8mul_epi8(z8, zi), _mm512_gf2p8mul_epi8(z4, z), z, 0x96);  // D7(z)
  const V a = _mm512_gf2p8affine_epi64_epi8(t, matrix(kGfniOutA), kGfniOutAConst);
  const V b = _mm512_gf2p8affine_epi64_epi8(t, matrix(kGfniOutB), kGfniOutBConst);
  const V ab = _mm512_gf2p8affine_epi64_epi8(t, matrix(kGfniOutAB), kGfniOutABConst);
  // S2 = B ^ A<<<8 ^ A<<<16 ^ (A ^ B)<<<24, with A ^ B from its own affine map (one XOR less).
  const V left = _mm512_ternarylogic_epi32(b, _mm512_rol_epi32(a, 8), _mm512_rol_epi32(a, 16), 0x96);
  return _mm512_ternarylogic_epi32(left, _mm512_rol_epi32(ab, 24), k, 0x96);
}

// Output octet J of each lane from the affine map of octet J, merged under a mask.
template <bool Div>
inline V alpha_map(V idx) noexcept {
  constexpr __mmask64 m0 = 0x1111111111111111ULL;
  V r = _mm512_maskz_gf2p8affine_epi64_epi8(m0, idx, matrix(alpha_gfni_matrix<0, Div>()), 0);
  r = _mm512_mask_gf2p8affine_epi64_epi8(r, m0 << 1, idx, matrix(alpha_gfni_matrix<1, Div>()), 0);
  r = _mm512_mask_gf2p8affine_epi64_epi8(r, m0 << 2, idx, matrix(alpha_gfni_matrix<2, Div>()), 0);
  return _mm512_mask_gf2p8affine_epi64_epi8(r, m0 << 3, idx, matrix(alpha_gfni_matrix<3, Div>()), 0);
}

// MULalpha(s0 >> 24) ^ DIValpha(s11 & 0xff) (TS 35.216 3.4.4), lane by lane.
inline V alpha(V s0, V s11) noexcept {
  const V top = _mm512_set4_epi32(0x0f0f0f0f, 0x0b0b0b0b, 0x07070707, 0x03030303);
  const V bottom = _mm512_set4_epi32(0x0c0c0c0c, 0x08080808, 0x04040404, 0x00000000);
  return _mm512_xor_si512(alpha_map<false>(_mm512_shuffle_epi8(s0, top)), alpha_map<true>(_mm512_shuffle_epi8(s11, bottom)));
}

struct Lanes {
  V s[16];         // the LFSR, renamed: s_i of clock I of a block is s[(I + i) % 16]
  V r1, r2, r3;    // the FSM

  // One clock (TS 35.216 3.4.4-3.4.6): returns F; in initialisation mode F also enters the
  // feedback, in keystream mode not (the caller forms z = F ^ s0 from the s0 it passed in).
  template <int I, bool Init>
  V clock() noexcept {
    constexpr auto at = [](int i) { return (I + i) & 15; };
    const V s0 = s[at(0)];
    const V f = _mm512_xor_si512(_mm512_add_epi32(s[at(15)], r1), r2);
    const V r = _mm512_add_epi32(r2, _mm512_xor_si512(r3, s[at(5)]));
    r3 = s2_xor(r2, _mm512_setzero_si512());
    r2 = s1(r1);
    r1 = r;
    const V v = _mm512_ternarylogic_epi32(_mm512_slli_epi32(s0, 8), s[at(2)], _mm512_srli_epi32(s[at(11)], 8), 0x96);
    const V a = alpha(s0, s[at(11)]);
    if constexpr (Init) s[at(0)] = _mm512_ternarylogic_epi32(v, a, f, 0x96);  // the new s15
    else s[at(0)] = _mm512_xor_si512(v, a);
    return f;
  }

  // Keystream-mode clock I: z = F ^ s0 (TS 35.216 4.2).
  template <int I>
  V keystream() noexcept {
    const V s0 = s[(I) & 15];
    return _mm512_xor_si512(clock<I, false>(), s0);
  }

  template <int... I>
  void init_block(std::integer_sequence<int, I...>) noexcept {
    (..., (void)clock<I, true>());
  }

  // Up to 16 keystream words per lane into z[0..], clocks I + 1 of the block (the state starts
  // one clock into a block after the discarded clock of 4.2); z[k] for k >= rounds left zero.
  template <int... I>
  void keystream_block(V z[16], std::size_t rounds, std::integer_sequence<int, I...>) noexcept {
    (..., (z[I] = static_cast<std::size_t>(I) < rounds ? keystream<I + 1>() : _mm512_setzero_si512()));
  }
};

// TS 35.216 4.1 loading, 32 initialisation clocks, then the first keystream-mode clock whose F is
// discarded (4.2); the state is then at clock 1 of a block.
void start(Lanes& st, const Snow3gInput in[16]) noexcept {
  alignas(64) std::uint32_t buf[16][16];  // [cell][lane]
  constexpr std::uint32_t one = 0xffffffffu;
  for (int lane = 0; lane < 16; ++lane) {
    const std::uint32_t* k = in[lane].k;
    const std::uint32_t* iv = in[lane].iv;
    const std::uint32_t cells[16] = {k[0] ^ one, k[1] ^ one,         k[2] ^ one,         k[3] ^ one,
                                     k[0],       k[1],               k[2],               k[3],
                                     k[0] ^ one, k[1] ^ one ^ iv[3], k[2] ^ one ^ iv[2], k[3] ^ one,
                                     k[0] ^ iv[1], k[1],             k[2],               k[3] ^ iv[0]};
    for (int i = 0; i < 16; ++i) buf[i][lane] = cells[i];
  }
  for (int i = 0; i < 16; ++i) st.s[i] = _mm512_load_si512(buf[i]);
  ct::wipe_object(buf);
  st.r1 = st.r2 = st.r3 = _mm512_setzero_si512();
  st.init_block(std::make_integer_sequence<int, 16>{});
  st.init_block(std::make_integer_sequence<int, 16>{});
  (void)st.clock<0, false>();
}

}  // namespace

void snow3g_avx512_x16_xor(const Snow3gInput in[16], const std::uint8_t* const data[16], std::uint8_t* const out[16],
                           const std::size_t n[16]) noexcept {
  Lanes st;
  start(st, in);
  std::size_t longest = 0;
  for (int lane = 0; lane < 16; ++lane) longest = std::max(longest, n[lane]);
  // TS 35.215 3.5: each keystream word most significant octet first.
  const V bswap = _mm512_set4_epi32(0x0c0d0e0f, 0x08090a0b, 0x04050607, 0x00010203);
  V z[16];
  for (std::size_t base = 0; base < longest; base += 64) {  // 16 keystream words per lane
    // Only the clocks the longest lane still needs (a count of lengths, public).
    st.keystream_block(z, std::min<std::size_t>(16, (longest - base + 3) / 4), std::make_integer_sequence<int, 16>{});
    transpose16x16_epi32(z);
    for (int lane = 0; lane < 16; ++lane) {
      if (base >= n[lane]) continue;  // lengths are public
      const std::size_t left = n[lane] - base;
      const __mmask64 m = left >= 64 ? ~__mmask64{0} : (__mmask64{1} << left) - 1;
      const V ks = _mm512_shuffle_epi8(z[lane], bswap);
      _mm512_mask_storeu_epi8(out[lane] + base, m, _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, data[lane] + base), ks));
    }
  }
  ct::wipe_object(z);
  ct::wipe_object(st);
}

void snow3g_avx512_x16_z5(const Snow3gInput in[16], std::uint32_t z[16][5]) noexcept {
  Lanes st;
  start(st, in);
  alignas(64) std::uint32_t words[5][16];
  _mm512_store_si512(words[0], st.keystream<1>());
  _mm512_store_si512(words[1], st.keystream<2>());
  _mm512_store_si512(words[2], st.keystream<3>());
  _mm512_store_si512(words[3], st.keystream<4>());
  _mm512_store_si512(words[4], st.keystream<5>());
  for (int lane = 0; lane < 16; ++lane)
    for (int t = 0; t < 5; ++t) z[lane][t] = words[t][lane];
  ct::wipe_object(words);
  ct::wipe_object(st);
}

namespace detail {
void snow3g_avx512_x16_sboxes(const std::uint32_t w[16], std::uint32_t s1_out[16], std::uint32_t s2_out[16]) noexcept {
  const V x = _mm512_loadu_si512(w);
  _mm512_storeu_si512(s1_out, s1(x));
  _mm512_storeu_si512(s2_out, s2_xor(x, _mm512_setzero_si512()));
}
}  // namespace detail

}  // namespace secmode::impl::crypto
