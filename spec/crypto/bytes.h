// Byte and bit-string vocabulary shared by every spec-twin algorithm.
//
// Bit order follows TS 33.401 B.1.1 / TS 35.215: bit 1 of a message is the most
// significant bit of its first byte. A message of `bits` bits occupies
// bytes_for(bits) bytes; the unused low-order bits of the last byte are ignored
// on input and cleared on output.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace secmode::spec {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;
using Block = std::array<std::uint8_t, 16>;
using Mac32 = std::array<std::uint8_t, 4>;

// Overwrites memory in a way the optimizer may not elide (OPENSSL_cleanse).
void wipe(void* p, std::size_t n) noexcept;

// Key material: wiped when dropped, so a derived key never lingers in freed memory.
template <std::size_t N>
struct Secret : std::array<std::uint8_t, N> {
  ~Secret() { wipe(this->data(), N); }
};
using Key128 = Secret<16>;
using Key256 = Secret<32>;

constexpr std::size_t bytes_for(std::size_t bits) { return (bits + 7) / 8; }

// Contract checks of the spec twins throw this; the CLI validates first and
// names the offending argument instead.
struct CryptoArgumentError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Throws unless `data` holds at least bytes_for(bits) bytes.
void require_bits(ByteView data, std::size_t bits, const char* what);
// Throws unless `key` is exactly `n` bytes.
void require_size(ByteView key, std::size_t n, const char* what);
// Throws unless BEARER fits in 5 bits and DIRECTION in 1 (TS 33.401 B.1.1, B.2.1).
void require_bearer_direction(unsigned bearer, unsigned direction);

// Returns a copy of the first bytes_for(bits) bytes with the trailing unused bits cleared.
Bytes truncate_bits(ByteView data, std::size_t bits);

template <std::size_t N>
Secret<N> secret_from(ByteView v, const char* what) {
  require_size(v, N, what);
  Secret<N> s;
  for (std::size_t i = 0; i < N; ++i) s[i] = v[i];
  return s;
}

inline std::uint32_t load_be32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}
inline void store_be32(std::uint8_t* p, std::uint32_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 24);
  p[1] = static_cast<std::uint8_t>(v >> 16);
  p[2] = static_cast<std::uint8_t>(v >> 8);
  p[3] = static_cast<std::uint8_t>(v);
}

}  // namespace secmode::spec
