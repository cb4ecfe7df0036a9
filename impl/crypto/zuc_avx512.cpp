// The avx512 tier's ZUC kernel (contract: zuc.h; the FSM and hash: zuc_x86.h). Compiled with
// AVX-512 F/BW/VL, GFNI and PCLMULQDQ enabled (impl/CMakeLists.txt); only 128-bit registers are
// used, so the wide-register frequency penalty never applies.
//
// S1 by GFNI in two instructions: GF2P8AFFINEQB maps x into the AES field (zuc_sbox.h kToAes),
// GF2P8AFFINEINVQB inverts there and applies A1 composed with the way back, plus 0x55; its zero
// mask keeps only the even octets. Rotations are VPROLVD and three-way XORs VPTERNLOGD.
#include "impl/crypto/zuc_x86.h"

namespace secmode::impl::crypto {
namespace {

namespace sb = zuc_sbox;

constexpr long long kToAesMatrix = static_cast<long long>(sb::gfni_matrix(sb::kToAes));
constexpr long long kS1PostMatrix = static_cast<long long>(sb::gfni_matrix(sb::kS1Post));
constexpr long long kReverseMatrix = static_cast<long long>(sb::gfni_matrix(sb::kBitReversal));

struct IsaAvx512 {
  static __m128i xor3(__m128i a, __m128i b, __m128i c) noexcept { return _mm_ternarylogic_epi32(a, b, c, 0x96); }
  static __m128i rotv_2_14(__m128i y) noexcept { return _mm_rolv_epi32(y, _mm_setr_epi32(2, 14, 2, 14)); }
  // (a ^ b) & 0x0f in one VPTERNLOGD, straight from the two halves of L.
  static __m128i nibble_lo(__m128i a, __m128i b, __m128i) noexcept {
    return _mm_ternarylogic_epi32(a, b, zx::load(zx::kLowNibble), 0x28);
  }
  // VPSRLW moves the next octet's low nibble into the top of each even octet; the odd octets,
  // the only ones whose S0 is kept, get zeros there, so no mask is needed.
  static __m128i nibble_hi(__m128i l) noexcept { return _mm_srli_epi16(l, 4); }
  static __m128i lookup_odd(__m128i table, __m128i index) noexcept {
    return _mm_maskz_shuffle_epi8(static_cast<__mmask16>(0xaaaa), table, index);
  }
  static __m128i s1_even(__m128i x) noexcept {
    const __m128i y = _mm_gf2p8affine_epi64_epi8(x, _mm_set1_epi64x(kToAesMatrix), 0);
    return _mm_maskz_gf2p8affineinv_epi64_epi8(0x5555, y, _mm_set1_epi64x(kS1PostMatrix), sb::kC1);
  }
  static __m128i bit_reverse(__m128i m) noexcept {
    return _mm_gf2p8affine_epi64_epi8(m, _mm_set1_epi64x(kReverseMatrix), 0);
  }
};

using Fsm = FsmX86<IsaAvx512>;
using Hash = HashX86<IsaAvx512>;

}  // namespace

void zuc_avx512_xor(const ZucKeyCells& key, const std::uint8_t iv[16], const std::uint8_t* in,
                    std::uint8_t* out, std::size_t n) noexcept {
  zuc_xor_impl<Fsm>(key, iv, in, out, n);
}

std::uint32_t zuc_avx512_mac(const ZucKeyCells& key, const std::uint8_t iv[16], const std::uint8_t* msg,
                             std::size_t bits) noexcept {
  return zuc_mac_impl<Fsm, Hash>(key, iv, msg, bits);
}

void zuc_avx512_keystream(const ZucKeyCells& key, const std::uint8_t iv[16], std::uint32_t* z,
                          std::size_t n) noexcept {
  zuc_keystream_impl<Fsm>(key, iv, z, n);
}

std::uint64_t detail::zuc_avx512_sbox(std::uint64_t two_words) noexcept { return zuc_x86_sbox<IsaAvx512>(two_words); }

}  // namespace secmode::impl::crypto
