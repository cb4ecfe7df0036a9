// The 16 x 16 transpose of 32-bit words that the 16-lane keystream kernels (zuc_avx512_x16.cpp,
// snow3g_avx512_x16.cpp) use to turn one keystream word per lane per clock into each lane's
// words in clock order. Include only from files built with AVX-512 F enabled (impl/CMakeLists.txt).
#pragma once

#include "impl/crypto/ct.h"
#include "impl/crypto/x86_intrinsics.h"

namespace secmode::impl::crypto {

// Row r of z (clock r, one word per lane) becomes row `lane` (that lane's words in clock order).
// Unpacks transpose 4 x 4 blocks inside 128-bit lanes, then two rounds of 128-bit block shuffles
// move the blocks into place. The intermediate rows hold keystream: wiped.
inline void transpose16x16_epi32(__m512i z[16]) noexcept {
  __m512i u[4][4];  // u[g][j]: 128-bit lane k holds rows 4g..4g+3 of column 4k + j
  for (int g = 0; g < 4; ++g) {
    const __m512i t0 = _mm512_unpacklo_epi32(z[4 * g], z[4 * g + 1]), t1 = _mm512_unpackhi_epi32(z[4 * g], z[4 * g + 1]);
    const __m512i t2 = _mm512_unpacklo_epi32(z[4 * g + 2], z[4 * g + 3]), t3 = _mm512_unpackhi_epi32(z[4 * g + 2], z[4 * g + 3]);
    u[g][0] = _mm512_unpacklo_epi64(t0, t2);
    u[g][1] = _mm512_unpackhi_epi64(t0, t2);
    u[g][2] = _mm512_unpacklo_epi64(t1, t3);
    u[g][3] = _mm512_unpackhi_epi64(t1, t3);
  }
  for (int j = 0; j < 4; ++j) {
    const __m512i v0 = _mm512_shuffle_i32x4(u[0][j], u[1][j], 0x44), v1 = _mm512_shuffle_i32x4(u[0][j], u[1][j], 0xee);
    const __m512i v2 = _mm512_shuffle_i32x4(u[2][j], u[3][j], 0x44), v3 = _mm512_shuffle_i32x4(u[2][j], u[3][j], 0xee);
    z[j] = _mm512_shuffle_i32x4(v0, v2, 0x88);
    z[4 + j] = _mm512_shuffle_i32x4(v0, v2, 0xdd);
    z[8 + j] = _mm512_shuffle_i32x4(v1, v3, 0x88);
    z[12 + j] = _mm512_shuffle_i32x4(v1, v3, 0xdd);
  }
  ct::wipe_object(u);
}

}  // namespace secmode::impl::crypto
