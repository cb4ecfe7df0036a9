// Internal to the EPS NAS codec: the checks on IE values that both directions apply, so the
// encoder refuses exactly what the decoder would not take.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "impl/codec/nas_eps.h"

namespace secmode::impl::nas::detail {

// TS 24.301 9.9.3.21 in a half octet: TSC in bit 4, the identifier in bits 3..1.
inline NasKeySetIdentifier key_set(std::uint8_t nibble) noexcept {
  return {(nibble & 0x08) != 0, static_cast<std::uint8_t>(nibble & 0x07)};
}
inline std::uint8_t nibble(const NasKeySetIdentifier& k) noexcept {
  return static_cast<std::uint8_t>((k.mapped ? 0x08 : 0x00) | k.ksi);
}


// TS 24.301 table 9.8.1.
constexpr std::uint8_t kAttachRequest = 0x41;
constexpr std::uint8_t kTrackingAreaUpdateRequest = 0x48;
constexpr std::uint8_t kAuthenticationRequest = 0x52;
constexpr std::uint8_t kAuthenticationResponse = 0x53;
constexpr std::uint8_t kAuthenticationReject = 0x54;
constexpr std::uint8_t kAuthenticationFailure = 0x5c;
constexpr std::uint8_t kSecurityModeCommand = 0x5d;
constexpr std::uint8_t kSecurityModeComplete = 0x5e;
constexpr std::uint8_t kSecurityModeReject = 0x5f;

// Octets 1 and 2 of a plain EMM message (TS 24.301 7.2, 9.2, 9.3.1, table 9.8.1): false with
// `error` set (message `message`) when they are not those of message type `type`.
bool check_plain_header(ByteView pdu, const char* message, std::uint8_t type,
                        Error& error) noexcept;

// Big-endian words of the first octets of `v` (the caller has checked there are enough).
inline std::uint32_t be32(ByteView v) noexcept {
  return std::uint32_t{v[0]} << 24 | std::uint32_t{v[1]} << 16 | std::uint32_t{v[2]} << 8 | v[3];
}
inline std::uint16_t be16(ByteView v) noexcept {
  return static_cast<std::uint16_t>(v[0] << 8 | v[1]);
}

// TS 24.301 9.9.3.36: why `size` contents octets (already cut to 5, TS 24.007 11.4.2) are not
// a UE security capability, or nullptr.
const char* ue_security_capability_fault(std::size_t size) noexcept;

// TS 24.008 10.5.1.4: why 9 octets of mobile identity are not an IMEISV, or nullptr.
const char* imeisv_fault(std::span<const std::uint8_t, 9> contents) noexcept;

}  // namespace secmode::impl::nas::detail
