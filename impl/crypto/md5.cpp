#include "impl/crypto/md5.h"

#include <cstring>

#include "impl/crypto/ct.h"

namespace secmode::impl::crypto {

namespace {

// RFC 1321 3.4: T[i] = floor(2^32 * abs(sin(i + 1))), and the per-step rotations.
constexpr std::array<std::uint32_t, 64> kT{
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};
constexpr std::array<int, 16> kShift{7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

constexpr std::uint32_t rotl(std::uint32_t x, int n) { return x << n | x >> (32 - n); }

}  // namespace

Md5::~Md5() { ct::wipe_object(h_); }

void Md5::block(const std::uint8_t* p) noexcept {
  std::array<std::uint32_t, 16> x{};
  for (std::size_t i = 0; i < 16; ++i)  // RFC 1321 2: words are little-endian
    x[i] = std::uint32_t{p[4 * i]} | std::uint32_t{p[4 * i + 1]} << 8 | std::uint32_t{p[4 * i + 2]} << 16 |
           std::uint32_t{p[4 * i + 3]} << 24;
  std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3];
  for (std::size_t i = 0; i < 64; ++i) {
    // RFC 1321 3.4: the rounds F, G, H, I and the message word each step reads.
    std::uint32_t f;
    std::size_t k;
    switch (i / 16) {
      case 0:
        f = (b & c) | (~b & d);
        k = i;
        break;
      case 1:
        f = (b & d) | (c & ~d);
        k = (5 * i + 1) % 16;
        break;
      case 2:
        f = b ^ c ^ d;
        k = (3 * i + 5) % 16;
        break;
      default:
        f = c ^ (b | ~d);
        k = (7 * i) % 16;
        break;
    }
    const std::uint32_t next = b + rotl(a + f + x[k] + kT[i], kShift[(i / 16) * 4 + i % 4]);
    a = d;
    d = c;
    c = b;
    b = next;
  }
  h_[0] += a;
  h_[1] += b;
  h_[2] += c;
  h_[3] += d;
  ct::wipe_object(x);
}

void Md5::update(std::span<const std::uint8_t> data) noexcept {
  buffer_.update(data, [this](const std::uint8_t* p) { block(p); });
}

void Md5::update(std::string_view text) noexcept {
  update(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

void Md5::finish(std::span<std::uint8_t, 16> digest) noexcept {
  buffer_.pad(false, [this](const std::uint8_t* p) { block(p); });
  for (std::size_t i = 0; i < 16; ++i) digest[i] = static_cast<std::uint8_t>(h_[i / 4] >> (8 * (i % 4)));
}

// HA1 is a password equivalent (it holds RES): its digits are computed, not looked up.
std::array<char, 32> to_lhex(std::span<const std::uint8_t, 16> digest) noexcept {
  const auto digit = [](std::uint32_t n) {
    const std::uint32_t letter = (9 - n) >> 31;  // 1 when n > 9
    return static_cast<char>('0' + n + (letter * ('a' - '0' - 10)));
  };
  std::array<char, 32> out{};
  for (std::size_t i = 0; i < 16; ++i) {
    out[2 * i] = digit(digest[i] >> 4u);
    out[2 * i + 1] = digit(digest[i] & 15u);
  }
  return out;
}

}  // namespace secmode::impl::crypto
