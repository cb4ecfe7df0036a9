// MD5 (RFC 1321), for HTTP Digest as Digest AKA uses it (RFC 2617 3.2.2, RFC 3310 3.3: the
// response is MD5 over text that holds RES). The fast twin of spec::digest(Hash::md5), which is
// OpenSSL's: hand-written here because the engines' message path allocates nothing, and an
// OpenSSL digest context is allocated. MD5 reads its input at fixed offsets and branches only on
// lengths, so it is constant time in the data (STYLE.md 9). Nothing here allocates or throws.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "impl/crypto/md_buffer.h"

namespace secmode::impl::crypto {

class Md5 {
 public:
  Md5() noexcept = default;
  ~Md5();  // wipes the state: the input may hold RES
  Md5(const Md5&) = delete;
  Md5& operator=(const Md5&) = delete;

  void update(std::span<const std::uint8_t> data) noexcept;
  void update(std::string_view text) noexcept;
  // RFC 1321 3.3-3.5: pads, and writes the 16-octet digest. The object is then spent.
  void finish(std::span<std::uint8_t, 16> digest) noexcept;

 private:
  void block(const std::uint8_t* p) noexcept;

  std::array<std::uint32_t, 4> h_{0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u};  // RFC 1321 3.3
  MdBuffer buffer_;
};

// The 32 lower-case hex digits of an MD5 digest (RFC 2617 3.1.3: "LHEX").
std::array<char, 32> to_lhex(std::span<const std::uint8_t, 16> digest) noexcept;

}  // namespace secmode::impl::crypto
