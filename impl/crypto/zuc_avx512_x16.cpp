// Sixteen independent ZUC instances at once (the multi-buffer kernel of the avx512 tier,
// contract: zuc.h zuc_avx512_x16_xor): each 32-bit lane of a 512-bit register is one message's
// instance, so the FSM's latency chain (the limit of the one-message kernels, zuc_x86.h) is
// shared by 16 messages and throughput, not latency, bounds the work. Compiled with AVX-512
// F/BW and GFNI only (impl/CMakeLists.txt).
//
// The same round as TS 35.222 3.2-3.6 lane by lane:
//  - the LFSR over GF(2^31 - 1): 2^k x mod 2^31 - 1 is a 31-bit rotation, and a + b of two
//    cells in [1, 2^31 - 1] is at most 2^32 - 2, which one fold (a + b mod 2^31) + (a + b div
//    2^31) brings back into [1, 2^31 - 1] (0 mod 2^31 - 1 comes out as 2^31 - 1, the spec's
//    "if s16 = 0"), without a branch and without leaving 32-bit lanes;
//  - S as in zuc_x86.h (S0 from nibble PSHUFBs, S1 by GFNI), on 64 octets per instruction.
// No memory address depends on data; the keystream goes through a stack buffer indexed by
// round and lane (public) and is wiped before return.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "impl/crypto/count_inputs.h"
#include "impl/crypto/ct.h"
#include "impl/crypto/transpose_avx512.h"
#include "impl/crypto/x86_intrinsics.h"
#include "impl/crypto/zuc.h"
#include "impl/crypto/zuc_sbox.h"

namespace secmode::impl::crypto {
namespace {

using V = __m512i;
namespace sb = zuc_sbox;

constexpr __mmask64 kOdd = 0xaaaaaaaaaaaaaaaaULL;  // S0's octets (TS 35.222 3.4.1)

// A PSHUFB table in all four 128-bit lanes (a load of four copies: GCC 12's
// _mm512_broadcast_i32x4 trips -Wuninitialized in its own header).
template <const sb::Nibbles& T>
struct Repeated {
  static constexpr std::array<std::uint8_t, 64> bytes = [] {
    std::array<std::uint8_t, 64> r{};
    for (int i = 0; i < 64; ++i) r[i] = T[i % 16];
    return r;
  }();
};
template <const sb::Nibbles& T>
V broadcast() noexcept {
  return _mm512_loadu_si512(Repeated<T>::bytes.data());
}

struct Consts {
  V p1 = broadcast<sb::kP1>(), p2 = broadcast<sb::kP2>(), s0a = broadcast<sb::kS0TableA>(), s0b = broadcast<sb::kS0TableB>();
  V to_aes = _mm512_set1_epi64(static_cast<long long>(sb::gfni_matrix(sb::kToAes)));
  V s1_post = _mm512_set1_epi64(static_cast<long long>(sb::gfni_matrix(sb::kS1Post)));
  V low = _mm512_set1_epi8(0x0f), p = _mm512_set1_epi32(0x7fffffff), high16 = _mm512_set1_epi32(static_cast<int>(0xffff0000u));
};

// TS 35.222 3.4.1 S on every lane (zuc_x86.h, step 3).
V sbox(const Consts& c, V l) noexcept {
  const V xl = _mm512_and_si512(l, c.low);
  const V xh = _mm512_srli_epi16(l, 4);  // exact in the odd octets, the only S0 ones kept
  const V t1 = _mm512_xor_si512(xh, _mm512_shuffle_epi8(c.p1, xl));
  const V t2 = _mm512_xor_si512(xl, _mm512_shuffle_epi8(c.p2, t1));
  const V s1 = _mm512_maskz_gf2p8affineinv_epi64_epi8(~kOdd, _mm512_gf2p8affine_epi64_epi8(l, c.to_aes, 0), c.s1_post,
                                                      sb::kC1);
  return _mm512_ternarylogic_epi32(_mm512_maskz_shuffle_epi8(kOdd, c.s0a, t2), _mm512_maskz_shuffle_epi8(kOdd, c.s0b, t1),
                                   s1, 0x96);
}

// TS 35.222 3.4.2.
V l1(V x) noexcept {
  return _mm512_ternarylogic_epi32(_mm512_ternarylogic_epi32(x, _mm512_rol_epi32(x, 2), _mm512_rol_epi32(x, 10), 0x96),
                                   _mm512_rol_epi32(x, 18), _mm512_rol_epi32(x, 24), 0x96);
}
V l2(V x) noexcept {
  return _mm512_ternarylogic_epi32(_mm512_ternarylogic_epi32(x, _mm512_rol_epi32(x, 8), _mm512_rol_epi32(x, 14), 0x96),
                                   _mm512_rol_epi32(x, 22), _mm512_rol_epi32(x, 30), 0x96);
}

// 2^k x mod 2^31 - 1 for a 31-bit x: a rotation within 31 bits ((A | B) & C is 0xa8).
template <int K>
V rot31(const Consts& c, V x) noexcept {
  return _mm512_ternarylogic_epi32(_mm512_slli_epi32(x, K), _mm512_srli_epi32(x, 31 - K), c.p, 0xa8);
}
// a + b mod 2^31 - 1 for a in [1, 2^31 - 1], b in [0, 2^31 - 1], result in [1, 2^31 - 1].
V add_mod(const Consts& c, V a, V b) noexcept {
  const V t = _mm512_add_epi32(a, b);
  return _mm512_add_epi32(_mm512_and_si512(t, c.p), _mm512_srli_epi32(t, 31));
}

struct State {
  alignas(64) V cells[32];  // the mirrored ring of zuc_kernel.h, one register per cell
  std::size_t pos = 0;
  V c14, c15;  // s14, s15 also kept in registers: the LFSR's loop-carried path
  V r1 = _mm512_setzero_si512(), r2 = _mm512_setzero_si512();

  template <bool kInit>
  V step(const Consts& c) noexcept {
    const V* s = cells + pos;
    // TS 35.222 3.3 (((s15 << 1) & 0xffff0000) | (s14 & 0xffff) is C ? A : B, 0xe4 with C high16).
    const V x0 = _mm512_ternarylogic_epi32(_mm512_slli_epi32(c15, 1), c14, c.high16, 0xe4);
    const V x1 = _mm512_or_si512(_mm512_slli_epi32(s[11], 16), _mm512_srli_epi32(s[9], 15));
    const V x2 = _mm512_or_si512(_mm512_slli_epi32(s[7], 16), _mm512_srli_epi32(s[5], 15));
    // TS 35.222 3.4.
    const V w = _mm512_add_epi32(_mm512_xor_si512(x0, r1), r2);
    const V w1 = _mm512_add_epi32(r1, x1), w2 = _mm512_xor_si512(r2, x2);
    r1 = sbox(c, l1(_mm512_or_si512(_mm512_slli_epi32(w1, 16), _mm512_srli_epi32(w2, 16))));
    r2 = sbox(c, l2(_mm512_or_si512(_mm512_slli_epi32(w2, 16), _mm512_srli_epi32(w1, 16))));
    // TS 35.222 3.2. The terms of cells written four or more rounds ago are summed as a tree,
    // off the loop-carried path; s15's term (and u = W >> 1, which depends on s15 through X0)
    // come last.
    const V older = add_mod(c, add_mod(c, rot31<17>(c, s[13]), rot31<21>(c, s[10])),
                            add_mod(c, rot31<20>(c, s[4]), add_mod(c, rot31<8>(c, s[0]), s[0])));
    V v = add_mod(c, older, rot31<15>(c, c15));
    if constexpr (kInit) v = add_mod(c, v, _mm512_srli_epi32(w, 1));
    const V x3 = _mm512_or_si512(_mm512_slli_epi32(s[2], 16), _mm512_srli_epi32(s[0], 15));
    cells[pos] = cells[pos + 16] = v;
    pos = (pos + 1) & 15;
    c14 = c15;
    c15 = v;
    return _mm512_xor_si512(w, x3);  // TS 35.222 3.6.2: Z = W ^ X3
  }
};

// TS 35.222 3.5-3.6.1: load the cells, 32 initialisation rounds, then the first work round,
// whose output is discarded (3.6.2), so the next step() yields z1.
void start(State& st, const Consts& c, const ZucKeyCells* const keys[16], const std::uint8_t* const ivs[16]) noexcept {
  alignas(64) std::uint32_t buf[16][16];  // [cell][lane]
  for (int i = 0; i < 16; ++i)
    for (int lane = 0; lane < 16; ++lane) buf[i][lane] = keys[lane]->kd[i] | ivs[lane][i];
  for (int i = 0; i < 16; ++i) st.cells[i] = st.cells[i + 16] = _mm512_load_si512(buf[i]);
  st.c14 = st.cells[14];
  st.c15 = st.cells[15];
  ct::wipe_object(buf);
  for (int t = 0; t < 32; ++t) (void)st.step<true>(c);
  (void)st.step<false>(c);
}

}  // namespace

void zuc_avx512_x16_xor(const ZucKeyCells* const keys[16], const std::uint8_t* const ivs[16],
                        const std::uint8_t* const in[16], std::uint8_t* const out[16], const std::size_t n[16]) noexcept {
  const Consts c;
  State st;
  start(st, c, keys, ivs);

  std::size_t longest = 0;
  for (int lane = 0; lane < 16; ++lane) longest = n[lane] > longest ? n[lane] : longest;
  const V bswap = _mm512_set4_epi32(0x0c0d0e0f, 0x08090a0b, 0x04050607, 0x00010203);
  V z[16];
  for (std::size_t base = 0; base < longest; base += 64) {  // up to 16 keystream words per lane
    // Only the rounds the longest lane still needs (a count of lengths, public).
    const std::size_t rounds = std::min<std::size_t>(16, (longest - base + 3) / 4);
    for (std::size_t r = 0; r < 16; ++r) z[r] = r < rounds ? st.step<false>(c) : _mm512_setzero_si512();
    transpose16x16_epi32(z);  // z[lane] = that lane's 16 words, in order
    for (int lane = 0; lane < 16; ++lane) {
      if (base >= n[lane]) continue;  // lengths are public
      const std::size_t left = n[lane] - base;
      const __mmask64 m = left >= 64 ? ~__mmask64{0} : (__mmask64{1} << left) - 1;
      // TS 35.221 3.5: each keystream word most significant octet first.
      const V ks = _mm512_shuffle_epi8(z[lane], bswap);
      _mm512_mask_storeu_epi8(out[lane] + base, m, _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, in[lane] + base), ks));
    }
  }
  ct::wipe_object(z);
  ct::wipe_object(st);
}

// The 128-EIA3 hash (TS 35.221 4.4-4.5) of 16 messages: the keystream runs one 16-word chunk
// ahead (zw[lane] the chunk whose message words are hashed; the next chunk's first word, which the
// last message word needs, comes from its first round). A chunk's 16 message words are
// bit-reversed (GFNI) and multiplied carry-lessly by K_j = z_j || z_{j+1} (zuc_x86.h) with
// VPCLMULQDQ, four 64 x 64 products per instruction; the three single words the MAC needs at the
// end (GET_WORD at LENGTH, z_L) are picked from the chunk that holds them. Lengths are public.
void zuc_avx512_x16_mac(const ZucKeyCells* const keys[16], const std::uint8_t* const ivs[16],
                        const std::uint8_t* const msg[16], const std::size_t bits[16], std::uint32_t mac[16]) noexcept {
  const Consts c;
  State st;
  start(st, c, keys, ivs);
  const V reverse = _mm512_set1_epi64(static_cast<long long>(sb::gfni_matrix(sb::kBitReversal)));
  const V low32 = _mm512_set1_epi64(0xffffffffLL);
  alignas(64) std::uint32_t zw[16][16];     // [lane][word]: the chunk being hashed
  alignas(64) std::uint32_t following[16];  // [lane]: the word after that chunk
  V z[16], acc[16];
  std::uint32_t w_at[16] = {}, w_next[16] = {}, w_last[16] = {};
  std::size_t last_word = 0;  // the highest keystream word index any lane needs: L - 1
  for (int lane = 0; lane < 16; ++lane) {
    acc[lane] = _mm512_setzero_si512();
    last_word = std::max(last_word, (bits[lane] + 31) / 32 + 1);
  }
  // Lane `lane`'s hash over its message words first .. first + 15 with keystream words first ..
  // first + 16 (TS 35.221 4.4), and the words of GET_WORD it needs from there.
  const auto hash = [&](int lane, std::size_t first) {
    const std::size_t words = (bits[lane] + 31) / 32;
    if (first < words) {
      const std::size_t from = 4 * first, bytes = bytes_for(bits[lane]);
      const std::size_t take = bytes - from < 64 ? bytes - from : 64;
      V m = _mm512_maskz_loadu_epi8(take == 64 ? ~__mmask64{0} : (__mmask64{1} << take) - 1, msg[lane] + from);
      if (from + take == bytes && bits[lane] % 8 != 0)  // the unused trailing bits are ignored
        m = _mm512_mask_set1_epi8(m, __mmask64{1} << (take - 1),
                                  static_cast<char>(msg[lane][bytes - 1] & used_bits_mask(bits[lane])));
      m = _mm512_gf2p8affine_epi64_epi8(m, reverse, 0);
      const V m_even = _mm512_and_si512(m, low32), m_odd = _mm512_srli_epi64(m, 32);
      const V chunk = _mm512_load_si512(zw[lane]);
      const V k_even = _mm512_shuffle_epi32(chunk, _MM_PERM_CDAB);
      const V k_odd = _mm512_shuffle_epi32(
          _mm512_alignr_epi32(_mm512_set1_epi32(static_cast<int>(following[lane])), chunk, 1), _MM_PERM_CDAB);
      const V p = _mm512_ternarylogic_epi64(_mm512_clmulepi64_epi128(m_even, k_even, 0x00),
                                            _mm512_clmulepi64_epi128(m_even, k_even, 0x11),
                                            _mm512_clmulepi64_epi128(m_odd, k_odd, 0x00), 0x96);
      acc[lane] = _mm512_ternarylogic_epi64(acc[lane], p, _mm512_clmulepi64_epi128(m_odd, k_odd, 0x11), 0x96);
    }
    // GET_WORD(z, LENGTH) needs z at LENGTH / 32 and the next word; the MAC also z_L.
    const auto word = [&](std::size_t k) { return k - first < 16 ? zw[lane][k - first] : following[lane]; };
    const std::size_t at = bits[lane] / 32, last = words + 1;
    if (at >= first && at < first + 16) {
      w_at[lane] = word(at);
      w_next[lane] = word(at + 1);
    }
    if (last >= first && last < first + 16) w_last[lane] = word(last);
  };
  // The keystream words first .. first + 15 of every lane in z, as far as last_word (rounds after
  // it are left out; their words are zero).
  const auto rounds = [&](std::size_t first) {
    return last_word >= first ? std::min<std::size_t>(16, last_word + 1 - first) : std::size_t{0};
  };
  const auto to_lanes = [&] {
    transpose16x16_epi32(z);
    for (int lane = 0; lane < 16; ++lane) _mm512_store_si512(zw[lane], z[lane]);
  };
  for (std::size_t r = 0, n = rounds(0); r < 16; ++r) z[r] = r < n ? st.step<false>(c) : _mm512_setzero_si512();
  to_lanes();
  // Each chunk is hashed while the next one is generated: the rounds are one long chain of
  // dependent operations, and lane r - 1's hash fills the ports round r leaves idle. Round 0 gives
  // every lane the word after the chunk.
  for (std::size_t first = 0; first <= last_word; first += 16) {
    const std::size_t n = rounds(first + 16);
    z[0] = n > 0 ? st.step<false>(c) : _mm512_setzero_si512();
    _mm512_store_si512(following, z[0]);
    for (std::size_t r = 1; r < 16; ++r) {
      z[r] = r < n ? st.step<false>(c) : _mm512_setzero_si512();
      hash(static_cast<int>(r - 1), first);
    }
    hash(15, first);
    if (n > 0) to_lanes();
  }
  for (int lane = 0; lane < 16; ++lane) {
    // Bits 32..63 of the four 128-bit product lanes, XORed.
    const __m128i a = _mm_xor_si128(_mm_xor_si128(_mm512_extracti32x4_epi32(acc[lane], 0), _mm512_extracti32x4_epi32(acc[lane], 1)),
                                    _mm_xor_si128(_mm512_extracti32x4_epi32(acc[lane], 2), _mm512_extracti32x4_epi32(acc[lane], 3)));
    const auto t = static_cast<std::uint32_t>(static_cast<std::uint64_t>(_mm_cvtsi128_si64(a)) >> 32);
    const unsigned r = bits[lane] % 32;
    const std::uint32_t word_at_length = r == 0 ? w_at[lane] : (w_at[lane] << r | w_next[lane] >> (32 - r));
    mac[lane] = t ^ word_at_length ^ w_last[lane];
  }
  ct::wipe_object(zw);
  ct::wipe_object(following);
  ct::wipe_object(z);
  ct::wipe_object(acc);
  ct::wipe_object(w_at);
  ct::wipe_object(w_next);
  ct::wipe_object(w_last);
  ct::wipe_object(st);
}

std::uint64_t detail::zuc_avx512_x16_sbox(std::uint64_t two_words) noexcept {
  const Consts c;
  alignas(64) std::uint64_t q[8];
  _mm512_store_si512(q, sbox(c, _mm512_set1_epi64(static_cast<long long>(two_words))));
  for (int i = 1; i < 8; ++i)
    if (q[i] != q[0]) return ~q[0];  // every 64-bit lane must agree (test hook, public data)
  return q[0];
}

}  // namespace secmode::impl::crypto
