// SNOW 3G for the avx2 tier (contract: snow3g.h): the kernel of snow3g_vector.h with
//  S1 = AESENC (see snow3g_vector.h),
//  S2 = SQ from a 256-octet table held in registers and read with PSHUFB, 16 rows of 16 octets:
//       each row is looked up by the low nibble of every octet at once and kept where the high
//       nibble names the row (a compare mask). Every row is read for every input, and PSHUFB
//       selects inside a register, so no address depends on the data. Then the MixColumns-shaped
//       matrix over F = GF(2^8)/0x169 (TS 35.216 3.3.2). Rejected: GFNI (not in this tier) and the
//       SWAR arithmetic of the portable kernel (about ten times the instructions).
//  MULalpha / DIValpha (TS 35.216 3.4.2-3) = two 16-entry PSHUFB tables per output octet: they
//       are GF(2)-linear, so f(c) = f(c & 0x0f) ^ f(c & 0xf0).
// and the UIA2 hash with PCLMULQDQ (also used by the avx512 tier).
// Compiled with -maes -mpclmul -mavx2 (impl/CMakeLists.txt); reached only at Tier::avx2 and above.

#include <array>

#include "impl/crypto/ct.h"
#include "impl/crypto/endian.h"
#include "impl/crypto/snow3g.h"
#include "impl/crypto/snow3g_constants.h"
#include "impl/crypto/snow3g_vector.h"
#include "impl/crypto/x86_intrinsics.h"

namespace secmode::impl::crypto {

namespace {

using namespace snow3g;

// Row h of SQ in the low lane, row h + 8 in the high lane; and the matching row numbers.
consteval std::array<u8, 256> sq_rows() {
  std::array<u8, 256> t{};
  for (int h = 0; h < 8; ++h)
    for (int l = 0; l < 16; ++l) {
      t[32 * h + l] = sq_by_definition(static_cast<u8>(16 * h + l));
      t[32 * h + 16 + l] = sq_by_definition(static_cast<u8>(16 * (h + 8) + l));
    }
  return t;
}
consteval std::array<u8, 256> row_numbers() {
  std::array<u8, 256> t{};
  for (int h = 0; h < 8; ++h)
    for (int l = 0; l < 16; ++l) {
      t[32 * h + l] = static_cast<u8>(h);
      t[32 * h + 16 + l] = static_cast<u8>(h + 8);
    }
  return t;
}
alignas(32) constexpr std::array<u8, 256> kSqRows = sq_rows();
alignas(32) constexpr std::array<u8, 256> kRowNumbers = row_numbers();

// For output octet j (little-endian position in the word): low lane from MULalpha, high lane
// from DIValpha; "lo" tables take the low nibble, "hi" tables the high nibble.
template <bool High>
consteval std::array<u8, 128> alpha_tables() {
  std::array<u8, 128> t{};
  for (int j = 0; j < 4; ++j)
    for (int n = 0; n < 16; ++n) {
      const u8 c = static_cast<u8>(High ? n << 4 : n);
      t[32 * j + n] = static_cast<u8>(mul_alpha(c) >> (8 * j));
      t[32 * j + 16 + n] = static_cast<u8>(div_alpha(c) >> (8 * j));
    }
  return t;
}
alignas(32) constexpr std::array<u8, 128> kAlphaLo = alpha_tables<false>();
alignas(32) constexpr std::array<u8, 128> kAlphaHi = alpha_tables<true>();

inline __m256i load32(const u8* p) noexcept { return _mm256_load_si256(reinterpret_cast<const __m256i*>(p)); }
inline __m128i load16(const u8* p) noexcept { return _mm_load_si128(reinterpret_cast<const __m128i*>(p)); }

// Rotations of each 32-bit lane by 8, 16, 24 bits (octet moves).
inline __m128i rotl8(__m128i x) noexcept {
  return _mm_shuffle_epi8(x, _mm_set_epi8(14, 13, 12, 15, 10, 9, 8, 11, 6, 5, 4, 7, 2, 1, 0, 3));
}
inline __m128i rotl16(__m128i x) noexcept {
  return _mm_shuffle_epi8(x, _mm_set_epi8(13, 12, 15, 14, 9, 8, 11, 10, 5, 4, 7, 6, 1, 0, 3, 2));
}
inline __m128i rotl24(__m128i x) noexcept {
  return _mm_shuffle_epi8(x, _mm_set_epi8(12, 15, 14, 13, 8, 11, 10, 9, 4, 7, 6, 5, 0, 3, 2, 1));
}

struct Avx2Ops {
  static __m128i s1(__m128i x) noexcept { return _mm_aesenc_si128(x, _mm_setzero_si128()); }

  static __m128i s2_xor(__m128i x, __m128i k) noexcept {  // S2(x) ^ k
    const __m256i xx = _mm256_broadcastsi128_si256(x);
    const __m256i nibble = _mm256_set1_epi8(0x0f);
    const __m256i lo = _mm256_and_si256(xx, nibble);
    const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(xx, 4), nibble);
    __m256i acc = _mm256_setzero_si256();
    for (int h = 0; h < 8; ++h) {
      const __m256i row = _mm256_shuffle_epi8(load32(kSqRows.data() + 32 * h), lo);
      acc = _mm256_or_si256(acc, _mm256_and_si256(row, _mm256_cmpeq_epi8(hi, load32(kRowNumbers.data() + 32 * h))));
    }
    const __m128i a = _mm_or_si128(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
    // MULx over F (c = 0x69): double, and XOR 0x69 where the top bit was set (BLENDV on it).
    const __m128i b = _mm_xor_si128(_mm_add_epi8(a, a), _mm_blendv_epi8(_mm_setzero_si128(), _mm_set1_epi8(0x69), a));
    return _mm_xor_si128(_mm_xor_si128(_mm_xor_si128(b, k), rotl8(a)), _mm_xor_si128(rotl16(a), rotl24(_mm_xor_si128(a, b))));
  }

  // Lane i: MULalpha(a_i >> 24), resp. DIValpha(b_i & 0xff), on 128 bits (the initialisation
  // clocks, where the latency of the 256-bit version's lane crossing would sit on a chain).
  template <bool Div>
  static __m128i one_alpha(__m128i x) noexcept {
    const __m128i spread = Div ? _mm_setr_epi8(0, 0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8, 12, 12, 12, 12)
                               : _mm_setr_epi8(3, 3, 3, 3, 7, 7, 7, 7, 11, 11, 11, 11, 15, 15, 15, 15);
    const __m128i idx = _mm_shuffle_epi8(x, spread);
    const __m128i nibble = _mm_set1_epi8(0x0f);
    const __m128i lo = _mm_and_si128(idx, nibble);
    const __m128i hi = _mm_and_si128(_mm_srli_epi16(idx, 4), nibble);
    const int half = Div ? 16 : 0;
    __m128i out = _mm_setzero_si128();
    for (int j = 0; j < 4; ++j) {
      const __m128i t = _mm_xor_si128(_mm_shuffle_epi8(load16(kAlphaLo.data() + 32 * j + half), lo),
                                      _mm_shuffle_epi8(load16(kAlphaHi.data() + 32 * j + half), hi));
      out = _mm_or_si128(out, _mm_and_si128(t, _mm_set1_epi32(static_cast<int>(0xffu << (8 * j)))));
    }
    return out;
  }
  static __m128i mul_alpha(__m128i a) noexcept { return one_alpha<false>(a); }
  static __m128i div_alpha(__m128i b) noexcept { return one_alpha<true>(b); }

  // Lane i: MULalpha(a_i >> 24) ^ DIValpha(b_i & 0xff).
  static __m128i alpha(__m128i a, __m128i b) noexcept {
    const __m256i ab = _mm256_set_m128i(b, a);
    const __m256i spread = _mm256_setr_epi8(3, 3, 3, 3, 7, 7, 7, 7, 11, 11, 11, 11, 15, 15, 15, 15,  //
                                            0, 0, 0, 0, 4, 4, 4, 4, 8, 8, 8, 8, 12, 12, 12, 12);
    const __m256i idx = _mm256_shuffle_epi8(ab, spread);
    const __m256i nibble = _mm256_set1_epi8(0x0f);
    const __m256i lo = _mm256_and_si256(idx, nibble);
    const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(idx, 4), nibble);
    __m256i out = _mm256_setzero_si256();
    for (int j = 0; j < 4; ++j) {
      const __m256i t = _mm256_xor_si256(_mm256_shuffle_epi8(load32(kAlphaLo.data() + 32 * j), lo),
                                         _mm256_shuffle_epi8(load32(kAlphaHi.data() + 32 * j), hi));
      out = _mm256_or_si256(out, _mm256_and_si256(t, _mm256_set1_epi32(static_cast<int>(0xffu << (8 * j)))));
    }
    return _mm_xor_si128(_mm256_castsi256_si128(out), _mm256_extracti128_si256(out, 1));
  }
};

// ---- UIA2 hash (TS 35.215 4.5) with PCLMULQDQ --------------------------------------------------

inline __m128i clmul(u64 a, u64 b) noexcept {
  return _mm_clmulepi64_si128(_mm_cvtsi64_si128(static_cast<long long>(a)), _mm_cvtsi64_si128(static_cast<long long>(b)), 0x00);
}

// Modulo x^64 + x^4 + x^3 + x + 1: the high half H times x^64 = H * 0x1b (at most 68 bits), whose
// high part (at most 4 bits) times 0x1b fits in the low half.
inline u64 reduce(__m128i z) noexcept {
  const __m128i c = _mm_cvtsi64_si128(0x1b);
  const __m128i t = _mm_clmulepi64_si128(z, c, 0x01);
  const __m128i u = _mm_clmulepi64_si128(t, c, 0x01);
  return static_cast<u64>(_mm_cvtsi128_si64(_mm_xor_si128(_mm_xor_si128(z, t), u)));
}

inline u64 mul64(u64 a, u64 b) noexcept { return reduce(clmul(a, b)); }

}  // namespace

void snow3g_avx2_xor(const Snow3gInput& in, const std::uint8_t* data, std::uint8_t* out, std::size_t n) noexcept {
  vector_xor<Avx2Ops>(in, data, out, n);
}

void snow3g_avx2_z5(const Snow3gInput& in, std::uint32_t z[5]) noexcept { vector_z5<Avx2Ops>(in, z); }

namespace detail {

// Horner's rule with lazy reduction. The running value is kept unreduced, 128 bits E = Eh x^64 +
// El; since only its class modulo g = x^64 + x^4 + x^3 + x + 1 matters,
//   (E ^ M0) P^k = Eh (x^64 P^k mod g) ^ (El ^ M0) P^k,
// so a step is carry-less products and XORs only, and the one reduction is at the end. Eight
// blocks per step: (E ^ M0) P^8 ^ M1 P^7 ^ ... ^ M7 P. The chain from one step to the next is one
// PCLMULQDQ and the XORs; the rest is independent work.
std::uint64_t uia2_eval_clmul_tail(std::uint64_t eval, std::uint64_t p, std::uint64_t q, const std::uint8_t* msg,
                                   std::size_t bits, std::size_t length) noexcept {
  const std::size_t blocks = (bits + 63) / 64;  // D - 1 of TS 35.215 4.5 (for this part)
  const std::size_t full = blocks == 0 ? 0 : blocks - 1;
  const __m128i swap = _mm_set_epi8(8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
  __m128i e = _mm_cvtsi64_si128(static_cast<long long>(eval));
  std::size_t i = 0;
  if (full >= 8) {
    u64 pw[9];  // P^k
    pw[1] = p;
    for (int k = 2; k <= 8; ++k) pw[k] = mul64(pw[k / 2], pw[k - k / 2]);  // a tree, not a chain
    // x^64 P^8 mod g = (x^63 * x) P^8: MUL64x of x^63 P^8 (TS 35.215 4.3.2).
    const u64 x63p8 = mul64(pw[8], u64{1} << 63);
    const u64 x64p8 = (x63p8 << 1) ^ ((0 - (x63p8 >> 63)) & 0x1b);
    __m128i h[4];
    for (int j = 0; j < 4; ++j)
      h[j] = _mm_set_epi64x(static_cast<long long>(pw[7 - 2 * j]), static_cast<long long>(pw[8 - 2 * j]));
    const __m128i r = _mm_cvtsi64_si128(static_cast<long long>(x64p8));
    for (; i + 8 <= full; i += 8) {
      __m128i d[4];
      for (int j = 0; j < 4; ++j)
        d[j] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(msg + 8 * i + 16 * j)), swap);
      d[0] = _mm_xor_si128(d[0], _mm_move_epi64(e));  // El ^ M0
      __m128i acc = _mm_clmulepi64_si128(e, r, 0x01);  // Eh (x^64 P^8 mod g)
      for (int j = 0; j < 4; ++j)
        acc = _mm_xor_si128(acc, _mm_xor_si128(_mm_clmulepi64_si128(d[j], h[j], 0x00), _mm_clmulepi64_si128(d[j], h[j], 0x11)));
      e = acc;
    }
    ct::wipe(pw, sizeof pw);
    ct::wipe(h, sizeof h);  // powers of P: secret
  }
  eval = reduce(e);
  for (; i < full; ++i) eval = mul64(eval ^ load_be64(msg + 8 * i), p);
  if (blocks != 0) {
    const std::size_t last_bits = bits - 64 * (blocks - 1);  // 1..64, public
    std::uint8_t tail[8] = {};
    std::memcpy(tail, msg + 8 * (blocks - 1), (last_bits + 7) / 8);
    const u64 keep = last_bits == 64 ? ~u64{0} : ~(~u64{0} >> last_bits);
    eval = mul64(eval ^ (load_be64(tail) & keep), p);
    ct::wipe(tail, sizeof tail);
  }
  return mul64(eval ^ static_cast<u64>(length), q);  // the length block M_{D-1} with Q
}

}  // namespace detail

std::uint64_t uia2_eval_clmul(std::uint64_t p, std::uint64_t q, const std::uint8_t* msg, std::size_t bits) noexcept {
  return detail::uia2_eval_clmul_tail(0, p, q, msg, bits, bits);
}

namespace detail {
std::uint32_t snow3g_avx2_s1(std::uint32_t w) noexcept { return s1_word<Avx2Ops>(w); }
std::uint32_t snow3g_avx2_s2(std::uint32_t w) noexcept { return s2_word<Avx2Ops>(w); }
}  // namespace detail

}  // namespace secmode::impl::crypto
