// The avx2 tier's ZUC kernel (contract: zuc.h; the FSM and hash: zuc_x86.h). Compiled with
// -mavx2 -maes -mpclmul only (impl/CMakeLists.txt).
//
// S1 by AESENCLAST: S1(x) = Post(SubBytes(ToAes x) ^ 0x63) ^ 0x55 (zuc_sbox.h), with the two
// linear maps as pairs of PSHUFB nibble tables and the 0x63 as the round key. ShiftRows moves
// octet 4c + r to column c - r: octets 0 and 4 (row 0) stay, octets 2 and 6 (row 2) are read
// from octets 10 and 14, where the FSM keeps copies of octets 2 and 6 (lanes 2, 3 repeat lanes
// 0, 1), so the S1 octets come out in place.
#include "impl/crypto/zuc_x86.h"

namespace secmode::impl::crypto {
namespace {

namespace sb = zuc_sbox;

alignas(16) constexpr zx::Bytes16 kToAesLo = sb::linear_lo(sb::kToAes);
alignas(16) constexpr zx::Bytes16 kToAesHi = sb::linear_hi(sb::kToAes);
alignas(16) constexpr zx::Bytes16 kPostLo = sb::linear_lo(sb::kS1PostSubBytes);
alignas(16) constexpr zx::Bytes16 kPostHi = sb::linear_hi(sb::kS1PostSubBytes);
alignas(16) constexpr zx::Bytes16 kEvenLow = zx::splat(0x0f, 0);
alignas(16) constexpr zx::Bytes16 kEvenHigh = zx::splat(0xf0, 0);
alignas(16) constexpr zx::Bytes16 kEvenC1 = zx::splat(sb::kC1, 0);
alignas(16) constexpr zx::Bytes16 kRevLo = sb::linear_lo(sb::kBitReversal);
alignas(16) constexpr zx::Bytes16 kRevHi = sb::linear_hi(sb::kBitReversal);
alignas(16) constexpr zx::Bytes16 kAesConstant = zx::splat(sb::kAesConstant, sb::kAesConstant);

struct IsaAvx2 {
  static __m128i xor3(__m128i a, __m128i b, __m128i c) noexcept { return _mm_xor_si128(_mm_xor_si128(a, b), c); }
  static __m128i rotv_2_14(__m128i y) noexcept {
    return _mm_or_si128(_mm_sllv_epi32(y, _mm_setr_epi32(2, 14, 2, 14)), _mm_srlv_epi32(y, _mm_setr_epi32(30, 18, 30, 18)));
  }
  // The even octets get index bit 7, which makes every S0 lookup write 0 there (t1 and t2
  // inherit the bit), so lookup_odd is a plain PSHUFB.
  static __m128i nibble_lo(__m128i, __m128i, __m128i l) noexcept {
    return _mm_or_si128(zx::low_nibbles(l), zx::load(zx::kEven80));
  }
  static __m128i nibble_hi(__m128i l) noexcept { return _mm_or_si128(zx::high_nibbles(l), zx::load(zx::kEven80)); }
  static __m128i lookup_odd(__m128i table, __m128i index) noexcept { return _mm_shuffle_epi8(table, index); }
  static __m128i s1_even(__m128i x) noexcept {
    const __m128i y = _mm_xor_si128(_mm_shuffle_epi8(zx::load(kToAesLo), zx::low_nibbles(x)),
                                    _mm_shuffle_epi8(zx::load(kToAesHi), zx::high_nibbles(x)));
    const __m128i s = _mm_aesenclast_si128(y, zx::load(kAesConstant));
    // The post map by nibbles of the even octets only: the odd octets get index 0, which both
    // (linear) tables map to 0; the constant 0x55 is XORed in afterwards, on the even octets.
    // Masking before the shift also keeps the odd octet's nibble out of the even one's index.
    const __m128i lo = _mm_and_si128(s, zx::load(kEvenLow));
    const __m128i hi = _mm_srli_epi16(_mm_and_si128(s, zx::load(kEvenHigh)), 4);
    return _mm_xor_si128(_mm_xor_si128(_mm_shuffle_epi8(zx::load(kPostLo), lo), zx::load(kEvenC1)),
                         _mm_shuffle_epi8(zx::load(kPostHi), hi));
  }
  static __m128i bit_reverse(__m128i m) noexcept {
    return _mm_xor_si128(_mm_shuffle_epi8(zx::load(kRevLo), zx::low_nibbles(m)),
                         _mm_shuffle_epi8(zx::load(kRevHi), zx::high_nibbles(m)));
  }
};

using Fsm = FsmX86<IsaAvx2>;
using Hash = HashX86<IsaAvx2>;

}  // namespace

void zuc_avx2_xor(const ZucKeyCells& key, const std::uint8_t iv[16], const std::uint8_t* in, std::uint8_t* out,
                  std::size_t n) noexcept {
  zuc_xor_impl<Fsm>(key, iv, in, out, n);
}

std::uint32_t zuc_avx2_mac(const ZucKeyCells& key, const std::uint8_t iv[16], const std::uint8_t* msg,
                           std::size_t bits) noexcept {
  return zuc_mac_impl<Fsm, Hash>(key, iv, msg, bits);
}

void zuc_avx2_keystream(const ZucKeyCells& key, const std::uint8_t iv[16], std::uint32_t* z, std::size_t n) noexcept {
  zuc_keystream_impl<Fsm>(key, iv, z, n);
}

std::uint64_t detail::zuc_avx2_sbox(std::uint64_t two_words) noexcept { return zuc_x86_sbox<IsaAvx2>(two_words); }

}  // namespace secmode::impl::crypto
