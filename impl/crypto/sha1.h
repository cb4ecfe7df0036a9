// SHA-1 (FIPS 180-4 6.1) and HMAC-SHA-1 (RFC 2104) with its key's pads hashed once, for ESP
// integrity with HMAC-SHA-1-96 (RFC 2404), the IMS default (TS 33.203 H.2 "hmac-sha-1-96"). The
// fast twin of spec::hmac(Hash::sha1) (OpenSSL), hand-written because the ESP path allocates
// nothing. Constant time: additions, rotations and logic on the data, the round constants
// indexed by round number only. Nothing here allocates or throws; states are wiped.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/crypto/md_buffer.h"

namespace secmode::impl::crypto {

class Sha1 {
 public:
  Sha1() noexcept = default;
  ~Sha1();
  void update(std::span<const std::uint8_t> data) noexcept;
  // FIPS 180-4 5.1.1 padding; writes the 20-octet digest. The object is then spent.
  void finish(std::span<std::uint8_t, 20> digest) noexcept;

 private:
  void block(const std::uint8_t* p) noexcept;

  std::array<std::uint32_t, 5> h_{0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u};  // 5.3.1
  MdBuffer buffer_;
};

// RFC 2104 with the states after K XOR ipad and K XOR opad kept, so each MAC hashes only the
// message and one outer block.
class HmacSha1 {
 public:
  explicit HmacSha1(std::span<const std::uint8_t> key) noexcept;  // keys over 64 octets are hashed first
  ~HmacSha1();
  HmacSha1(const HmacSha1&) = delete;
  HmacSha1& operator=(const HmacSha1&) = delete;
  // The full 20-octet MAC over the parts, in order.
  void mac(std::span<const std::span<const std::uint8_t>> parts, std::span<std::uint8_t, 20> out) const noexcept;

 private:
  Sha1 inner_, outer_;
};

}  // namespace secmode::impl::crypto
