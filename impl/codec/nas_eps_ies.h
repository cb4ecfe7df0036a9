// Internal to the EPS NAS codec: the checks on IE values that both directions apply, so the
// encoder refuses exactly what the decoder would not take.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace secmode::impl::nas::detail {

// TS 24.301 table 9.8.1.
constexpr std::uint8_t kSecurityModeCommand = 0x5d;
constexpr std::uint8_t kSecurityModeComplete = 0x5e;
constexpr std::uint8_t kSecurityModeReject = 0x5f;

// TS 24.301 9.9.3.36: why `size` contents octets (already cut to 5, TS 24.007 11.4.2) are not
// a UE security capability, or nullptr.
const char* ue_security_capability_fault(std::size_t size) noexcept;

// TS 24.008 10.5.1.4: why 9 octets of mobile identity are not an IMEISV, or nullptr.
const char* imeisv_fault(std::span<const std::uint8_t, 9> contents) noexcept;

}  // namespace secmode::impl::nas::detail
