// SHA-256 compression in plain C++ (contract: sha256_portable.h).
#include "impl/crypto/sha256_portable.h"

#include <bit>

#include "impl/crypto/ct.h"
#include "impl/crypto/endian.h"

namespace secmode::impl::crypto {

namespace {

// FIPS 180-4 4.1.2, (4.2)-(4.7). Ch and Maj as bitwise selects: no branch on data.
inline std::uint32_t ch(std::uint32_t x, std::uint32_t y, std::uint32_t z) noexcept { return z ^ (x & (y ^ z)); }
inline std::uint32_t maj(std::uint32_t x, std::uint32_t y, std::uint32_t z) noexcept { return (x & y) | (z & (x | y)); }
inline std::uint32_t big_sigma0(std::uint32_t x) noexcept { return std::rotr(x, 2) ^ std::rotr(x, 13) ^ std::rotr(x, 22); }
inline std::uint32_t big_sigma1(std::uint32_t x) noexcept { return std::rotr(x, 6) ^ std::rotr(x, 11) ^ std::rotr(x, 25); }
inline std::uint32_t small_sigma0(std::uint32_t x) noexcept { return std::rotr(x, 7) ^ std::rotr(x, 18) ^ (x >> 3); }
inline std::uint32_t small_sigma1(std::uint32_t x) noexcept { return std::rotr(x, 17) ^ std::rotr(x, 19) ^ (x >> 10); }

}  // namespace

void sha256_portable_compress(std::uint32_t state[8], const std::uint8_t* blocks, std::size_t n) noexcept {
  // The schedule W_t (FIPS 180-4 6.2.2 step 1) kept as a 16-word ring: W_t only needs
  // W_{t-2}, W_{t-7}, W_{t-15}, W_{t-16}, all within the last 16. A 64-word array would be
  // four times as much to wipe; the ring index t % 16 is the round number, which is public.
  std::uint32_t w[16];
  for (std::size_t blk = 0; blk < n; ++blk, blocks += 64) {
    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 64; ++t) {
      std::uint32_t wt;
      if (t < 16) {
        wt = load_be32(blocks + 4 * t);
      } else {
        wt = small_sigma1(w[(t - 2) & 15]) + w[(t - 7) & 15] + small_sigma0(w[(t - 15) & 15]) + w[t & 15];
      }
      w[t & 15] = wt;
      const std::uint32_t t1 = h + big_sigma1(e) + ch(e, f, g) + kSha256K[t] + wt;
      const std::uint32_t t2 = big_sigma0(a) + maj(a, b, c);
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
  }
  if (n != 0) ct::wipe(w, sizeof w);
}

}  // namespace secmode::impl::crypto
