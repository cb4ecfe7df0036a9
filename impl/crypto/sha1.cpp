#include "impl/crypto/sha1.h"

#include "impl/crypto/ct.h"

namespace secmode::impl::crypto {

namespace {

constexpr std::uint32_t rotl(std::uint32_t x, int n) { return x << n | x >> (32 - n); }

}  // namespace

Sha1::~Sha1() { ct::wipe_object(h_); }

// FIPS 180-4 6.1.2: the message schedule and the 80 steps, f and K by step range (4.1.1, 4.2.1).
void Sha1::block(const std::uint8_t* p) noexcept {
  std::array<std::uint32_t, 80> w{};
  for (std::size_t t = 0; t < 16; ++t)
    w[t] = std::uint32_t{p[4 * t]} << 24 | std::uint32_t{p[4 * t + 1]} << 16 | std::uint32_t{p[4 * t + 2]} << 8 |
           std::uint32_t{p[4 * t + 3]};
  for (std::size_t t = 16; t < 80; ++t) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
  std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4];
  for (std::size_t t = 0; t < 80; ++t) {
    std::uint32_t f, k;
    if (t < 20) {
      f = (b & c) ^ (~b & d);
      k = 0x5a827999u;
    } else if (t < 40) {
      f = b ^ c ^ d;
      k = 0x6ed9eba1u;
    } else if (t < 60) {
      f = (b & c) ^ (b & d) ^ (c & d);
      k = 0x8f1bbcdcu;
    } else {
      f = b ^ c ^ d;
      k = 0xca62c1d6u;
    }
    const std::uint32_t temp = rotl(a, 5) + f + e + k + w[t];
    e = d;
    d = c;
    c = rotl(b, 30);
    b = a;
    a = temp;
  }
  h_[0] += a;
  h_[1] += b;
  h_[2] += c;
  h_[3] += d;
  h_[4] += e;
  ct::wipe_object(w);
}

void Sha1::update(std::span<const std::uint8_t> data) noexcept {
  buffer_.update(data, [this](const std::uint8_t* p) { block(p); });
}

void Sha1::finish(std::span<std::uint8_t, 20> digest) noexcept {
  buffer_.pad(true, [this](const std::uint8_t* p) { block(p); });
  for (std::size_t i = 0; i < 20; ++i) digest[i] = static_cast<std::uint8_t>(h_[i / 4] >> (24 - 8 * (i % 4)));
}

HmacSha1::HmacSha1(std::span<const std::uint8_t> key) noexcept {
  std::array<std::uint8_t, 64> k{};
  if (key.size() > 64) {
    Sha1 h;
    h.update(key);
    h.finish(std::span<std::uint8_t, 20>(k.data(), 20));
  } else {
    std::copy(key.begin(), key.end(), k.begin());
  }
  std::array<std::uint8_t, 64> pad{};
  for (std::size_t i = 0; i < 64; ++i) pad[i] = k[i] ^ 0x36;
  inner_.update(pad);
  for (std::size_t i = 0; i < 64; ++i) pad[i] = k[i] ^ 0x5c;
  outer_.update(pad);
  ct::wipe_object(k);
  ct::wipe_object(pad);
}

HmacSha1::~HmacSha1() = default;

void HmacSha1::mac(std::span<const std::span<const std::uint8_t>> parts,
                   std::span<std::uint8_t, 20> out) const noexcept {
  Sha1 inner = inner_;
  for (const auto& part : parts) inner.update(part);
  std::array<std::uint8_t, 20> digest{};
  inner.finish(digest);
  Sha1 outer = outer_;
  outer.update(digest);
  outer.finish(out);
  ct::wipe_object(digest);
}

}  // namespace secmode::impl::crypto
