// The inputs every 128-EEA/EIA algorithm takes besides KEY and the message (TS 33.401 B.1.1,
// B.2.1; TS 33.501 D.2.1, D.3.1), and the bit-string convention the fast kernels share: bit 1
// of a message is the most significant bit of its first octet, and `bits` bits occupy
// bytes_for(bits) octets.
#pragma once

#include <cstddef>
#include <cstdint>

namespace secmode::impl::crypto {

// 32-bit COUNT, 5-bit BEARER, 1-bit DIRECTION (0 uplink, 1 downlink).
struct CountInputs {
  std::uint32_t count = 0;
  std::uint8_t bearer = 0;
  std::uint8_t direction = 0;
};

constexpr std::size_t bytes_for(std::size_t bits) { return bits / 8 + (bits % 8 != 0); }

// The mask of the used bits of a message's last octet (bits is public: a length, not a secret).
constexpr std::uint8_t used_bits_mask(std::size_t bits) {
  return static_cast<std::uint8_t>(bits % 8 == 0 ? 0xff : 0xff << (8 - bits % 8));
}

// Why the inputs break the kernels' contract (TS 33.401 B.1.1, B.2.1), or nullptr: every fast
// EEA/EIA entry point checks this before touching its buffers.
constexpr const char* count_inputs_error(const CountInputs& in, std::size_t data_size, std::size_t bits) {
  if (in.bearer >= 32) return "BEARER is 5 bits (TS 33.401 B.1.1)";
  if (in.direction >= 2) return "DIRECTION is 1 bit (TS 33.401 B.1.1)";
  if (data_size < bytes_for(bits)) return "input shorter than bytes_for(bits)";
  return nullptr;
}

// The same for a ciphering call, which also writes bytes_for(bits) octets of output.
constexpr const char* cipher_inputs_error(const CountInputs& in, std::size_t data_size, std::size_t out_size,
                                          std::size_t bits) {
  if (const char* fault = count_inputs_error(in, data_size, bits)) return fault;
  if (out_size < bytes_for(bits)) return "output shorter than bytes_for(bits)";
  return nullptr;
}

}  // namespace secmode::impl::crypto
