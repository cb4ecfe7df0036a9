// AES-128-CTR with VAES (contract: aes_vaes.h). Compiled with -mavx512f -mavx512bw -mvaes only.
#include "impl/crypto/aes_vaes.h"

#include <cstring>

#include "impl/crypto/endian.h"
#include "impl/crypto/x86_intrinsics.h"

namespace secmode::impl::crypto {
namespace {

// One pass of Chains independent VAES chains (four counter blocks each) over up to 64 * Chains
// octets at `in`/`out`, `left` of them there (public); c advances by 4 * Chains blocks.
template <int Chains>
void ctr_pass(const __m512i rk[11], __m512i& c, const std::uint8_t* in, std::uint8_t* out, std::size_t left) noexcept {
  const __m512i reverse = _mm512_broadcast_i32x4(_mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
  const __m512i four = _mm512_set_epi64(0, 4, 0, 4, 0, 4, 0, 4);
  __m512i b[Chains];
  for (int j = 0; j < Chains; ++j) {
    b[j] = _mm512_xor_si512(_mm512_shuffle_epi8(c, reverse), rk[0]);
    c = _mm512_add_epi64(c, four);
  }
  for (int round = 1; round < 10; ++round)
    for (int j = 0; j < Chains; ++j) b[j] = _mm512_aesenc_epi128(b[j], rk[round]);
  for (int j = 0; j < Chains; ++j) {
    b[j] = _mm512_aesenclast_epi128(b[j], rk[10]);
    const std::size_t at = 64 * static_cast<std::size_t>(j);
    if (left >= 64 * static_cast<std::size_t>(Chains)) {
      _mm512_storeu_si512(out + at, _mm512_xor_si512(b[j], _mm512_loadu_si512(in + at)));
    } else {  // the last pass of a message: masked to its length
      const std::size_t lane_bytes = left - at < 64 ? left - at : 64;
      const __mmask64 m = lane_bytes == 64 ? ~__mmask64{0} : (__mmask64{1} << lane_bytes) - 1;
      _mm512_mask_storeu_epi8(out + at, m, _mm512_xor_si512(b[j], _mm512_maskz_loadu_epi8(m, in + at)));
    }
  }
}

// `bytes` octets of keystream from the counter block (hi, lo) on, XORed into out. The caller
// has checked that the low halves do not wrap. Each 128-bit lane holds one counter block
// little-endian (low qword = low 64 bits), so a 64-bit add steps it. Full 256-octet chunks run as
// four independent VAES chains; the rest as one to four chains with masked loads and stores (its
// length is public), so no message pays a second, serial AES pass nor computes blocks it drops.
// Round keys and keystream live in registers only (they fit in the 32 zmm: the object code has no
// vector store to the stack), cleared on exit.
void ctr_xor_bytes(const AesNiKey& key, std::uint64_t hi, std::uint64_t lo, const std::uint8_t* in,
                   std::uint8_t* out, std::size_t bytes) noexcept {
  __m512i rk[11];
  for (int i = 0; i < 11; ++i) rk[i] = _mm512_broadcast_i32x4(_mm_load_si128(reinterpret_cast<const __m128i*>(key.round[i])));
  const auto h = static_cast<long long>(hi);
  const auto l = static_cast<long long>(lo);
  __m512i c = _mm512_set_epi64(h, l + 3, h, l + 2, h, l + 1, h, l);
  std::size_t done = 0;
  for (; bytes - done >= 256; done += 256) ctr_pass<4>(rk, c, in + done, out + done, 256);
  switch (const std::size_t left = bytes - done; (left + 63) / 64) {
    case 1: ctr_pass<1>(rk, c, in + done, out + done, left); break;
    case 2: ctr_pass<2>(rk, c, in + done, out + done, left); break;
    case 3: ctr_pass<3>(rk, c, in + done, out + done, left); break;
    case 4: ctr_pass<4>(rk, c, in + done, out + done, left); break;
    default: break;  // nothing left
  }
  clear_vector_registers();
}

}  // namespace

void aes_vaes_ctr_xor(const AesNiKey& key, std::uint8_t ctr[16], const std::uint8_t* in, std::uint8_t* out,
                      std::size_t n) noexcept {
  const std::uint64_t hi = load_be64(ctr), lo = load_be64(ctr + 8);
  // The counter is public. When the low halves would wrap in this call (only for counters within
  // n of 2^64, never from a 128-EEA2 T1, whose low half starts at 0), the whole call goes to the
  // AES-NI kernel, whose increment carries into the high half.
  if (lo > ~std::uint64_t{0} - n) {
    aes_x86ni_ctr_xor(key, ctr, in, out, n);
    return;
  }
  ctr_xor_bytes(key, hi, lo, in, out, 16 * n);
  store_be64(ctr + 8, lo + n);
}

bool aes_vaes_ctr_xor_bytes(const AesNiKey& key, const std::uint8_t ctr[16], const std::uint8_t* in,
                            std::uint8_t* out, std::size_t bytes) noexcept {
  const std::uint64_t hi = load_be64(ctr), lo = load_be64(ctr + 8);
  if (lo > ~std::uint64_t{0} - (bytes / 16 + 1)) return false;  // the low halves would wrap
  ctr_xor_bytes(key, hi, lo, in, out, bytes);
  return true;
}

}  // namespace secmode::impl::crypto
