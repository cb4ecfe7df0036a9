// SHA-256 compression with SHA-NI (contract: sha256_x86ni.h).
//
// Register layout the instructions expect (Intel SDM, SHA256RNDS2): two rounds take the state
// as two halves, ABEF = {A, B, E, F} and CDGH = {C, D, G, H}, A and C in the top dword, and
// W_t + K_t, W_{t+1} + K_{t+1} in the low two dwords of XMM0. They return the new ABEF; the
// new CDGH is the old ABEF (two rounds shift A, B into C, D and E, F into G, H). So four
// rounds are two SHA256RNDS2 with the halves swapping roles, and the high pair of the four
// W + K moved down for the second.
//
// Schedule (FIPS 180-4 (6.2.2) step 1): for W_t..W_{t+3}, SHA256MSG1(W_{t-16..t-13},
// W_{t-12..t-9}) gives W_{t-16+i} + sigma0(W_{t-15+i}); adding W_{t-7..t-4} (PALIGNR of the
// two previous groups) and SHA256MSG2 with W_{t-4..t-1} adds the sigma1 terms, the last two
// from the first two words it has just computed.
#include "impl/crypto/sha256_x86ni.h"

#include "impl/crypto/sha256_portable.h"
#include "impl/crypto/x86_intrinsics.h"

namespace secmode::impl::crypto {

namespace {

// state[0..3] = {A, B, C, D} low to high, state[4..7] = {E, F, G, H}.
inline void load_state(const std::uint32_t state[8], __m128i& abef, __m128i& cdgh) noexcept {
  const __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state)), 0xb1);  // {B, A, D, C}
  const __m128i efgh = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4)), 0x1b);  // {H, G, F, E}
  abef = _mm_alignr_epi8(abcd, efgh, 8);     // {F, E, B, A}: A on top
  cdgh = _mm_blend_epi16(efgh, abcd, 0xf0);  // {H, G, D, C}: C on top
}

inline void store_state(std::uint32_t state[8], __m128i abef, __m128i cdgh) noexcept {
  abef = _mm_shuffle_epi32(abef, 0x1b);  // {A, B, E, F}
  cdgh = _mm_shuffle_epi32(cdgh, 0xb1);  // {G, H, C, D}
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_blend_epi16(abef, cdgh, 0xf0));    // {A, B, C, D}
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), _mm_alignr_epi8(cdgh, abef, 8));  // {E, F, G, H}
}

// The kernel, written once for L independent lanes (one block each): SHA256RNDS2 has a long
// latency and each lane's rounds are a serial chain, so two lanes interleaved cost little more
// than one. L = 1 for a message, L = 2 for the ipad and opad blocks of an HMAC key (kdf.cpp).
template <int L>
inline void compress_lanes(__m128i abef[L], __m128i cdgh[L], const std::uint8_t* const block[L]) noexcept {
  // Message words are big-endian (FIPS 180-4 3.1): byte-swap each dword.
  const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
  __m128i abef_in[L], cdgh_in[L];
  __m128i w[L][4];  // per lane, W_{4g..4g+3} of the last four groups, group g in w[l][g % 4]
  for (int l = 0; l < L; ++l) abef_in[l] = abef[l], cdgh_in[l] = cdgh[l];
#pragma GCC unroll 16
  for (int g = 0; g < 16; ++g) {
    const __m128i k = _mm_load_si128(reinterpret_cast<const __m128i*>(kSha256K + 4 * g));
#pragma GCC unroll 4
    for (int l = 0; l < L; ++l) {
      if (g < 4) {
        w[l][g] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(block[l] + 16 * g)), bswap);
      } else {
        // w[g%4] holds W_{4g-16..}, w[(g+1)%4] W_{4g-12..}, w[(g+2)%4] W_{4g-8..}, w[(g+3)%4] W_{4g-4..}.
        const __m128i s0 = _mm_sha256msg1_epu32(w[l][g & 3], w[l][(g + 1) & 3]);
        const __m128i w7 = _mm_alignr_epi8(w[l][(g + 3) & 3], w[l][(g + 2) & 3], 4);  // W_{4g-7..4g-4}
        w[l][g & 3] = _mm_sha256msg2_epu32(_mm_add_epi32(s0, w7), w[l][(g + 3) & 3]);
      }
      __m128i wk = _mm_add_epi32(w[l][g & 3], k);
      cdgh[l] = _mm_sha256rnds2_epu32(cdgh[l], abef[l], wk);  // rounds 4g, 4g+1: cdgh now holds ABEF
      wk = _mm_shuffle_epi32(wk, 0x0e);                        // W + K of rounds 4g+2, 4g+3 to the low half
      abef[l] = _mm_sha256rnds2_epu32(abef[l], cdgh[l], wk);   // rounds 4g+2, 4g+3: halves back in place
    }
  }
  for (int l = 0; l < L; ++l) {
    abef[l] = _mm_add_epi32(abef[l], abef_in[l]);
    cdgh[l] = _mm_add_epi32(cdgh[l], cdgh_in[l]);
  }
}

}  // namespace

void sha256_x86ni_compress(std::uint32_t state[8], const std::uint8_t* blocks, std::size_t n) noexcept {
  __m128i abef[1], cdgh[1];
  load_state(state, abef[0], cdgh[0]);
  for (std::size_t blk = 0; blk < n; ++blk) {
    const std::uint8_t* const b[1] = {blocks + 64 * blk};
    compress_lanes<1>(abef, cdgh, b);
  }
  store_state(state, abef[0], cdgh[0]);
}

void sha256_x86ni_compress_x2(std::uint32_t state_a[8], const std::uint8_t block_a[64], std::uint32_t state_b[8],
                              const std::uint8_t block_b[64]) noexcept {
  __m128i abef[2], cdgh[2];
  load_state(state_a, abef[0], cdgh[0]);
  load_state(state_b, abef[1], cdgh[1]);
  const std::uint8_t* const b[2] = {block_a, block_b};
  compress_lanes<2>(abef, cdgh, b);
  store_state(state_a, abef[0], cdgh[0]);
  store_state(state_b, abef[1], cdgh[1]);
}

}  // namespace secmode::impl::crypto
