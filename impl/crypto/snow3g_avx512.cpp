// SNOW 3G for the avx512 tier (contract: snow3g.h): the kernel of snow3g_vector.h with
//  S1 = AESENC (see snow3g_vector.h),
//  S2 = SQ computed with GFNI. GF2P8MULB and GF2P8AFFINEINVQB work in the AES field, SQ lives in
//       F = GF(2^8)/0x169 (TS 35.216 3.3.2); the isomorphism phi: F -> AES field of
//       snow3g_constants.h is GF(2)-linear, so it is folded into the first affine maps, and its
//       inverse into the last. With y = phi(x) (Dickson: g49 = D7 o D7, D7(y) = y^7 + y^5 + y):
//         z = y^5 * (1 + y)^2 + y          y^4, y and (1 + y)^2 are affine in x: two products
//         t = z^8 * z^-1 + z^4 * z + z     z^-1 by GF2P8AFFINEINVQB: two products in parallel
//       (z^8 z^-1 = z^7 for z != 0, and 0 for z = 0, as D7(0) = 0 needs.) Then
//       A = phi^-1(t) ^ 0x25 = SQ(x) and B = MULx(A) are two more affine maps of t, and
//       S2 = B ^ A<<<8 ^ A<<<16 ^ (A^B)<<<24 (TS 35.216 3.3.2) with VPROLD. All of it on registers:
//       there is no table at all.
//  MULalpha / DIValpha (TS 35.216 3.4.2-3): one GF2P8AFFINEQB per output octet (each octet of
//       MULalpha(c) is a linear map of c), low lane MULalpha, high lane DIValpha.
// The UIA2 hash: VPCLMULQDQ for the bulk (below), then the PCLMULQDQ code of snow3g_avx2.cpp.
// Compiled with -maes -mpclmul -mavx2 -mgfni -mavx512f -mavx512bw -mavx512vl -mvpclmulqdq
// (impl/CMakeLists.txt); reached only at Tier::avx512.

#include <algorithm>
#include <array>

#include "impl/crypto/ct.h"
#include "impl/crypto/snow3g.h"
#include "impl/crypto/snow3g_constants.h"
#include "impl/crypto/snow3g_vector.h"
#include "impl/crypto/x86_intrinsics.h"

namespace secmode::impl::crypto {

namespace {

using namespace snow3g;

template <int J>
inline __m256i alpha_octet(__m256i idx) noexcept {
  const __m256i m = _mm256_set_epi64x(static_cast<long long>(alpha_gfni_matrix<J, true>()), static_cast<long long>(alpha_gfni_matrix<J, true>()),
                                      static_cast<long long>(alpha_gfni_matrix<J, false>()), static_cast<long long>(alpha_gfni_matrix<J, false>()));
  return _mm256_gf2p8affine_epi64_epi8(idx, m, 0);
}

inline __m128i matrix(u64 m) noexcept { return _mm_set1_epi64x(static_cast<long long>(m)); }

struct Avx512Ops {
  static __m128i s1(__m128i x) noexcept { return _mm_aesenc_si128(x, _mm_setzero_si128()); }

  static __m128i s2_xor(__m128i x, __m128i k) noexcept {  // S2(x) ^ k
    const __m128i y = _mm_gf2p8affine_epi64_epi8(x, matrix(kGfniPhi), 0);
    const __m128i y4 = _mm_gf2p8affine_epi64_epi8(x, matrix(kGfniPhiPow4), 0);
    const __m128i q = _mm_gf2p8affine_epi64_epi8(x, matrix(kGfniPhiSquare), 1);
    const __m128i z = _mm_xor_si128(_mm_gf2p8mul_epi8(_mm_gf2p8mul_epi8(y4, y), q), y);
    const __m128i z8 = _mm_gf2p8affine_epi64_epi8(z, matrix(kGfniPow8), 0);
    const __m128i zi = _mm_gf2p8affineinv_epi64_epi8(z, matrix(kGfniIdentity), 0);
    const __m128i z4 = _mm_gf2p8affine_epi64_epi8(z, matrix(kGfniPow4), 0);
    const __m128i t = _mm_ternarylogic_epi32(_mm_gf2p8mul_epi8(z8, zi), _mm_gf2p8mul_epi8(z4, z), z, 0x96);
    const __m128i a = _mm_gf2p8affine_epi64_epi8(t, matrix(kGfniOutA), kGfniOutAConst);
    const __m128i b = _mm_gf2p8affine_epi64_epi8(t, matrix(kGfniOutB), kGfniOutBConst);
    // S2 ^ k = B ^ A<<<8 ^ A<<<16 ^ A<<<24 ^ B<<<24 ^ k: the rotations in parallel, then two
    // three-way XORs side by side and one more (three levels after the affine maps).
    const __m128i left = _mm_ternarylogic_epi32(b, _mm_rol_epi32(a, 8), _mm_rol_epi32(a, 16), 0x96);
    const __m128i right = _mm_ternarylogic_epi32(_mm_rol_epi32(a, 24), _mm_rol_epi32(b, 24), k, 0x96);
    return _mm_xor_si128(left, right);
  }

  // Lane i: MULalpha(a_i >> 24), resp. DIValpha(b_i & 0xff), on 128 bits (the initialisation
  // clocks, where the latency of the 256-bit version's lane crossing would sit on a chain).
  template <bool Div>
  static __m128i one_alpha(__m128i x) noexcept {
    const __m128i spread = Div ? _mm_setr_epi8(0, 0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8, 12, 12, 12, 12)
                               : _mm_setr_epi8(3, 3, 3, 3, 7, 7, 7, 7, 11, 11, 11, 11, 15, 15, 15, 15);
    const __m128i idx = _mm_shuffle_epi8(x, spread);
    const auto octet = [&]<int J>() {
      return _mm_gf2p8affine_epi64_epi8(idx, _mm_set1_epi64x(static_cast<long long>(alpha_gfni_matrix<J, Div>())), 0);
    };
    const __m128i b01 = _mm_mask_blend_epi8(0x2222, octet.template operator()<0>(), octet.template operator()<1>());
    const __m128i b23 = _mm_mask_blend_epi8(static_cast<__mmask16>(0x8888), octet.template operator()<2>(), octet.template operator()<3>());
    return _mm_mask_blend_epi8(static_cast<__mmask16>(0xcccc), b01, b23);
  }
  static __m128i mul_alpha(__m128i a) noexcept { return one_alpha<false>(a); }
  static __m128i div_alpha(__m128i b) noexcept { return one_alpha<true>(b); }

  // Lane i: MULalpha(a_i >> 24) ^ DIValpha(b_i & 0xff). Every octet of a word carries the input
  // octet; output octet j is kept from the affine map for octet j.
  static __m128i alpha(__m128i a, __m128i b) noexcept {
    const __m256i ab = _mm256_set_m128i(b, a);
    const __m256i spread = _mm256_setr_epi8(3, 3, 3, 3, 7, 7, 7, 7, 11, 11, 11, 11, 15, 15, 15, 15,  //
                                            0, 0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8, 12, 12, 12, 12);
    const __m256i idx = _mm256_shuffle_epi8(ab, spread);
    __m256i out = _mm256_mask_blend_epi8(0x22222222, alpha_octet<0>(idx), alpha_octet<1>(idx));
    out = _mm256_mask_blend_epi8(0x44444444, out, alpha_octet<2>(idx));
    out = _mm256_mask_blend_epi8(static_cast<__mmask32>(0x88888888u), out, alpha_octet<3>(idx));
    return _mm_xor_si128(_mm256_castsi256_si128(out), _mm256_extracti128_si256(out, 1));
  }
};

// ---- UIA2 hash (TS 35.215 4.5) bulk with VPCLMULQDQ ------------------------------------------------

// Reverses the octets of each 64-bit block (message blocks are big-endian, TS 35.215 4.5).
consteval std::array<u8, 64> swap64() {
  std::array<u8, 64> t{};
  for (int i = 0; i < 64; ++i) t[i] = static_cast<u8>((i & 8) + 7 - (i & 7));  // VPSHUFB indexes within each 128-bit lane
  return t;
}
alignas(64) constexpr std::array<u8, 64> kSwap64 = swap64();

inline u64 reduce(__m128i z) noexcept {  // modulo x^64 + x^4 + x^3 + x + 1, as in snow3g_avx2.cpp
  const __m128i c = _mm_cvtsi64_si128(0x1b);
  const __m128i t = _mm_clmulepi64_si128(z, c, 0x01);
  const __m128i u = _mm_clmulepi64_si128(t, c, 0x01);
  return static_cast<u64>(_mm_cvtsi128_si64(_mm_xor_si128(_mm_xor_si128(z, t), u)));
}
inline u64 mul64(u64 a, u64 b) noexcept {
  return reduce(_mm_clmulepi64_si128(_mm_cvtsi64_si128(static_cast<long long>(a)), _mm_cvtsi64_si128(static_cast<long long>(b)), 0x00));
}

}  // namespace

// 32 blocks (256 octets) per step, in four 512-bit registers of eight blocks; each 128-bit lane of
// the accumulator holds an unreduced partial sum (h, l) = h x^64 + l. A step multiplies every
// lane by P^32 lazily, h (x^64 P^32 mod g) ^ l P^32 (see uia2_eval_clmul_tail in snow3g_avx2.cpp),
// and adds M_j P^(32-j) for the new blocks. The lanes are summed and reduced once at the end,
// and the rest of the message (fewer than 32 whole blocks, the last block, the length block)
// goes through the PCLMULQDQ code.
std::uint64_t uia2_eval_vpclmul(std::uint64_t p, std::uint64_t q, const std::uint8_t* msg, std::size_t bits) noexcept {
  const std::size_t blocks = (bits + 63) / 64;
  const std::size_t full = blocks == 0 ? 0 : blocks - 1;  // the last block may be partial
  // Below 2 KB the 32 powers of P cost more than the wide step saves (measured): PCLMULQDQ only.
  if (full < 256) return detail::uia2_eval_clmul_tail(0, p, q, msg, bits, bits);
  u64 pw[33];
  pw[1] = p;
  // P^k = P^(k/2) P^(k - k/2): a tree of depth 5 rather than a chain of 31 products.
  for (int k = 2; k <= 32; ++k) pw[k] = mul64(pw[k / 2], pw[k - k / 2]);
  const u64 x63p32 = mul64(pw[32], u64{1} << 63);
  const u64 r = (x63p32 << 1) ^ ((0 - (x63p32 >> 63)) & 0x1b);  // x^64 P^32 mod g
  __m512i h[4];
  for (int g = 0; g < 4; ++g) {
    const int j = 8 * g;  // lane i holds blocks j + 2i (low) and j + 2i + 1 (high)
    h[g] = _mm512_set_epi64(static_cast<long long>(pw[32 - j - 7]), static_cast<long long>(pw[32 - j - 6]),
                            static_cast<long long>(pw[32 - j - 5]), static_cast<long long>(pw[32 - j - 4]),
                            static_cast<long long>(pw[32 - j - 3]), static_cast<long long>(pw[32 - j - 2]),
                            static_cast<long long>(pw[32 - j - 1]), static_cast<long long>(pw[32 - j]));
  }
  const __m512i k = _mm512_set_epi64(static_cast<long long>(r), static_cast<long long>(pw[32]), static_cast<long long>(r),
                                     static_cast<long long>(pw[32]), static_cast<long long>(r), static_cast<long long>(pw[32]),
                                     static_cast<long long>(r), static_cast<long long>(pw[32]));
  const __m512i swap = _mm512_load_si512(kSwap64.data());
  __m512i acc = _mm512_setzero_si512();
  std::size_t i = 0;
  for (; i + 32 <= full; i += 32) {
    __m512i next = _mm512_xor_si512(_mm512_clmulepi64_epi128(acc, k, 0x00), _mm512_clmulepi64_epi128(acc, k, 0x11));
    for (int g = 0; g < 4; ++g) {
      const __m512i d = _mm512_shuffle_epi8(_mm512_loadu_si512(msg + 8 * i + 64 * g), swap);
      next = _mm512_ternarylogic_epi64(next, _mm512_clmulepi64_epi128(d, h[g], 0x00), _mm512_clmulepi64_epi128(d, h[g], 0x11), 0x96);
    }
    acc = next;
  }
  // The four lanes summed through memory at a fixed address (GCC 12's 512-bit extract and lane
  // shuffle intrinsics trip -Wmaybe-uninitialized), then wiped.
  alignas(64) std::uint8_t lanes[64];
  _mm512_store_si512(lanes, acc);
  __m128i sum = _mm_load_si128(reinterpret_cast<const __m128i*>(lanes));
  for (int l = 1; l < 4; ++l) sum = _mm_xor_si128(sum, _mm_load_si128(reinterpret_cast<const __m128i*>(lanes + 16 * l)));
  const u64 eval = reduce(sum);
  ct::wipe(lanes, sizeof lanes);
  ct::wipe(h, sizeof h);  // powers of P: secret
  ct::wipe(pw, sizeof pw);
  return detail::uia2_eval_clmul_tail(eval, p, q, msg + 8 * i, bits - 64 * i, bits);
}

// Four messages, one per 128-bit lane: the 8-block step of uia2_eval_clmul_tail (snow3g_avx2.cpp)
// with each lane's own powers of P, over the whole blocks all four have; then each message's rest
// (and its last and length blocks) through the PCLMULQDQ code. One message's 8-block step is a
// chain of dependent multiplications; four side by side fill the multiplier.
void uia2_eval_vpclmul_x4(const u64 p[4], const u64 q[4], const std::uint8_t* const msg[4], const std::size_t bits[4],
                          u64 eval[4]) noexcept {
  std::size_t common = ~std::size_t{0};  // whole blocks before each message's last (lengths are public)
  for (int l = 0; l < 4; ++l) common = std::min(common, bits[l] == 0 ? 0 : (bits[l] + 63) / 64 - 1);
  const std::size_t steps = common / 8;
  if (steps == 0) {
    for (int l = 0; l < 4; ++l) eval[l] = detail::uia2_eval_clmul_tail(0, p[l], q[l], msg[l], bits[l], bits[l]);
    return;
  }
  alignas(64) u64 h[4][8];    // h[j]: lane l holds P^(8-2j) (low) and P^(7-2j) (high) of message l
  alignas(64) u64 r[8] = {};  // lane l: x^64 P^8 mod g of message l (low)
  for (int l = 0; l < 4; ++l) {
    u64 pw[9];
    pw[1] = p[l];
    for (int k = 2; k <= 8; ++k) pw[k] = mul64(pw[k / 2], pw[k - k / 2]);  // a tree, not a chain
    const u64 x63p8 = mul64(pw[8], u64{1} << 63);
    r[2 * l] = (x63p8 << 1) ^ ((0 - (x63p8 >> 63)) & 0x1b);
    for (int j = 0; j < 4; ++j) {
      h[j][2 * l] = pw[8 - 2 * j];
      h[j][2 * l + 1] = pw[7 - 2 * j];
    }
    ct::wipe(pw, sizeof pw);
  }
  const __m512i swap = _mm512_load_si512(kSwap64.data());
  const __m512i rv = _mm512_load_si512(r);
  __m512i hv[4];
  for (int j = 0; j < 4; ++j) hv[j] = _mm512_load_si512(h[j]);
  __m512i e = _mm512_setzero_si512();
  for (std::size_t s = 0; s < steps; ++s) {
    const std::size_t at = 64 * s;                        // octets
    __m512i acc = _mm512_clmulepi64_epi128(e, rv, 0x01);  // Eh (x^64 P^8 mod g)
    for (int j = 0; j < 4; ++j) {
      const auto block = [&](int l) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(msg[l] + at + 16 * j)); };
      __m512i d = _mm512_castsi128_si512(block(0));
      d = _mm512_inserti32x4(d, block(1), 1);
      d = _mm512_inserti32x4(d, block(2), 2);
      d = _mm512_inserti32x4(d, block(3), 3);
      d = _mm512_shuffle_epi8(d, swap);
      if (j == 0) d = _mm512_xor_si512(d, _mm512_maskz_mov_epi64(0x55, e));  // El ^ M0
      acc = _mm512_ternarylogic_epi64(acc, _mm512_clmulepi64_epi128(d, hv[j], 0x00),
                                      _mm512_clmulepi64_epi128(d, hv[j], 0x11), 0x96);
    }
    e = acc;
  }
  alignas(64) std::uint8_t lanes[64];
  _mm512_store_si512(lanes, e);
  for (int l = 0; l < 4; ++l) {
    const u64 sum = reduce(_mm_load_si128(reinterpret_cast<const __m128i*>(lanes + 16 * l)));
    eval[l] = detail::uia2_eval_clmul_tail(sum, p[l], q[l], msg[l] + 64 * steps, bits[l] - 512 * steps, bits[l]);
  }
  ct::wipe(lanes, sizeof lanes);
  ct::wipe(h, sizeof h);  // powers of P: secret
  ct::wipe(r, sizeof r);
}

void snow3g_avx512_xor(const Snow3gInput& in, const std::uint8_t* data, std::uint8_t* out, std::size_t n) noexcept {
  vector_xor<Avx512Ops>(in, data, out, n);
}

void snow3g_avx512_z5(const Snow3gInput& in, std::uint32_t z[5]) noexcept { vector_z5<Avx512Ops>(in, z); }

namespace detail {
std::uint32_t snow3g_avx512_s1(std::uint32_t w) noexcept { return s1_word<Avx512Ops>(w); }
std::uint32_t snow3g_avx512_s2(std::uint32_t w) noexcept { return s2_word<Avx512Ops>(w); }
}  // namespace detail

}  // namespace secmode::impl::crypto
