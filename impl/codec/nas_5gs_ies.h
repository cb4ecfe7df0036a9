// Internal to the 5GS NAS codec: the message types, the header check every 5GMM message shares,
// and the checks on IE values that both directions apply, so the encoder refuses exactly what the
// decoder would not take. IEs that TS 24.501 defines by reference to TS 24.301 (S1 UE security
// capability) use nas_eps_ies.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas5gs::detail {

// TS 24.501 table 9.7.1.
constexpr std::uint8_t kRegistrationRequest = 0x41;
constexpr std::uint8_t kAuthenticationRequest = 0x56;
constexpr std::uint8_t kAuthenticationResponse = 0x57;
constexpr std::uint8_t kAuthenticationReject = 0x58;
constexpr std::uint8_t kAuthenticationFailure = 0x59;
constexpr std::uint8_t kAuthenticationResult = 0x5a;
constexpr std::uint8_t kSecurityModeCommand = 0x5d;
constexpr std::uint8_t kSecurityModeComplete = 0x5e;
constexpr std::uint8_t kSecurityModeReject = 0x5f;

// Octets 1 and 2 of a 5GMM message (the caller has checked there is at least one): the security
// header type, or nullopt with `error` set (message `message`) when the EPD is not 5GMM, octet 2
// is missing or the type is reserved.
std::optional<SecurityHeaderType> header_type(ByteView pdu, const char* message,
                                              Error& error) noexcept;

// Figure 9.1.1.1: EPD, security header type with spare half octet, message type.
constexpr std::size_t kPlainHeaderSize = 3;

// Octets 1 and 2 of a plain 5GMM message, once it is long enough for octet 3 (TS 24.501 7.2
// first, as the order of precedence of 7.1 puts it); false with `error` (message `message`) set
// otherwise. check_header also wants octet 3 to be message type `type`.
bool check_plain_header(ByteView pdu, const char* message, Error& error) noexcept;
bool check_header(ByteView pdu, const char* message, std::uint8_t type, Error& error) noexcept;

// TS 24.501 9.11.3.54: why `size` contents octets (already cut to 8, TS 24.007 11.4.2) are not a
// UE security capability, or nullptr.
const char* ue_security_capability_fault(std::size_t size) noexcept;

// TS 24.501 table 9.11.3.4.1: why 9 octets of 5GS mobile identity are not an IMEISV, or nullptr.
const char* imeisv_fault(std::span<const std::uint8_t, 9> contents) noexcept;

// TS 24.501 8.2.26.4, 9.11.3.4: the PEI other than an IMEISV that `contents` hold, or nullopt with
// `fault` set. `used` is the octets its type defines; the rest are beyond the defined length.
std::optional<NonImeisvPei> non_imeisv_pei(ByteView contents, std::size_t& used,
                                           const char*& fault) noexcept;

// TS 24.501 table 9.11.3.4.1: why 8 octets of 5GS mobile identity are not an IMEI, or nullptr.
const char* imei_fault(std::span<const std::uint8_t, 8> contents) noexcept;

// The contents of a 5GS mobile identity holding `pei` (figures 9.11.3.4.2, .7, .8), canonical.
void put_pei_contents(nas::detail::Writer& w, const NonImeisvPei& pei) noexcept;

// TS 24.501 table 9.11.3.4.1, type of identity (bits 3..1 of the first contents octet).
constexpr std::uint8_t kTypeImei = 3;
constexpr std::uint8_t kTypeImeisv = 5;
constexpr std::uint8_t kTypeMacAddress = 6;
constexpr std::uint8_t kTypeEui64 = 7;

}  // namespace secmode::impl::nas5gs::detail
