// The Merkle-Damgard framing MD5 and SHA-1 share (md5.h, sha1.h): the message in 64-octet blocks,
// then a 1 bit, zeros to 56 octets mod 64, and the length in bits in the last 8 octets, little-
// endian for MD5 (RFC 1321 3.1-3.2) and big-endian for SHA-1 (FIPS 180-4 5.1.1). `block` is the
// hash's compression function over one 64-octet block.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/crypto/ct.h"

namespace secmode::impl::crypto {

struct MdBuffer {
  std::array<std::uint8_t, 64> buffer{};
  std::size_t buffered = 0;
  std::uint64_t length = 0;  // octets so far

  template <class Block>
  void update(std::span<const std::uint8_t> data, Block&& block) noexcept {
    length += data.size();
    for (std::uint8_t octet : data) {
      buffer[buffered++] = octet;
      if (buffered == 64) {
        block(buffer.data());
        buffered = 0;
      }
    }
  }

  template <class Block>
  void pad(bool big_endian, Block&& block) noexcept {
    const std::uint64_t bits = length * 8;
    const std::uint8_t one = 0x80, zero = 0;
    update(std::span(&one, 1), block);
    while (buffered != 56) update(std::span(&zero, 1), block);
    std::array<std::uint8_t, 8> tail{};
    for (std::size_t i = 0; i < 8; ++i) tail[i] = static_cast<std::uint8_t>(bits >> (big_endian ? 56 - 8 * i : 8 * i));
    update(tail, block);
  }

  ~MdBuffer() { ct::wipe_object(buffer); }  // the input may hold RES or a key
};

}  // namespace secmode::impl::crypto
