// AES-128-CTR with VAES (contract: aes_vaes.h). Compiled with -mavx512f -mavx512bw -mvaes only.
#include "impl/crypto/aes_vaes.h"

#include <immintrin.h>

#include <cstring>

#include "impl/crypto/ct.h"

namespace secmode::impl::crypto {
namespace {

std::uint64_t load_be64(const std::uint8_t* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return __builtin_bswap64(v);
}
void store_be64(std::uint8_t* p, std::uint64_t v) noexcept {
  v = __builtin_bswap64(v);
  std::memcpy(p, &v, 8);
}

}  // namespace

void aes_vaes_ctr_xor(const AesNiKey& key, std::uint8_t ctr[16], const std::uint8_t* in, std::uint8_t* out,
                      std::size_t n) noexcept {
  std::uint64_t hi = load_be64(ctr), lo = load_be64(ctr + 8);
  // The counter is public. Each 128-bit lane holds one counter block little-endian (low qword =
  // low 64 bits); a 64-bit add steps the low halves, valid while they do not wrap in this call.
  // When they would (only for counters within n of 2^64, never from a 128-EEA2 T1, whose low
  // half starts at 0), the whole call goes to the AES-NI kernel, whose increment carries.
  const std::size_t wide = n / 16 * 16;
  if (wide == 0 || lo > ~std::uint64_t{0} - n) {
    aes_x86ni_ctr_xor(key, ctr, in, out, n);
    return;
  }
  __m512i rk[11];
  for (int i = 0; i < 11; ++i) rk[i] = _mm512_broadcast_i32x4(_mm_load_si128(reinterpret_cast<const __m128i*>(key.round[i])));
  const __m512i reverse = _mm512_broadcast_i32x4(_mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
  const __m512i four = _mm512_set_epi64(0, 4, 0, 4, 0, 4, 0, 4);
  const auto h = static_cast<long long>(hi);
  const auto l = static_cast<long long>(lo);
  __m512i c = _mm512_set_epi64(h, l + 3, h, l + 2, h, l + 1, h, l);
  for (std::size_t i = 0; i < wide; i += 16) {  // 16 blocks: four independent VAES chains
    __m512i b[4];
    for (int j = 0; j < 4; ++j) {
      b[j] = _mm512_xor_si512(_mm512_shuffle_epi8(c, reverse), rk[0]);
      c = _mm512_add_epi64(c, four);
    }
    for (int round = 1; round < 10; ++round)
      for (int j = 0; j < 4; ++j) b[j] = _mm512_aesenc_epi128(b[j], rk[round]);
    for (int j = 0; j < 4; ++j) {
      b[j] = _mm512_aesenclast_epi128(b[j], rk[10]);
      const std::uint8_t* src = in + 16 * (i + 4 * j);
      _mm512_storeu_si512(out + 16 * (i + 4 * j), _mm512_xor_si512(b[j], _mm512_loadu_si512(src)));
    }
  }
  ct::wipe(rk, sizeof rk);
  store_be64(ctr, hi);
  store_be64(ctr + 8, lo + wide);
  aes_x86ni_ctr_xor(key, ctr, in + 16 * wide, out + 16 * wide, n - wide);
}

}  // namespace secmode::impl::crypto
