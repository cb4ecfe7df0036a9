// One decoder and one encoder for every plain 5GMM message the zero-copy codec knows: the message
// type (octet 3, TS 24.501 table 9.7.1) picks the message decoder.
#include <variant>

#include "impl/codec/nas_5gs_ies.h"
#include "impl/codec/nas_5gs_mm.h"
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas5gs {

Decoded<FiveGmmMessage> decode_5gmm_message(ByteView pdu, std::span<IgnoredIe> sink) noexcept {
  using V = FiveGmmMessage;
  constexpr const char* kAny = "5GMM message";
  Decoded<V> d;
  // The EPD and the security header type fail before the message type is looked at.
  if (!detail::check_plain_header(pdu, kAny, d.error)) return d;
  switch (pdu[2]) {
    case detail::kRegistrationRequest:
      return nas::detail::widen<V>(decode_registration_request(pdu, sink));
    case detail::kAuthenticationRequest:
      return nas::detail::widen<V>(decode_authentication_request(pdu, sink));
    case detail::kAuthenticationResponse:
      return nas::detail::widen<V>(decode_authentication_response(pdu, sink));
    case detail::kAuthenticationReject:
      return nas::detail::widen<V>(decode_authentication_reject(pdu, sink));
    case detail::kAuthenticationFailure:
      return nas::detail::widen<V>(decode_authentication_failure(pdu, sink));
    case detail::kAuthenticationResult:
      return nas::detail::widen<V>(decode_authentication_result(pdu, sink));
    case detail::kSecurityModeCommand:
      return nas::detail::widen<V>(decode_security_mode_command(pdu, sink));
    case detail::kSecurityModeComplete:
      return nas::detail::widen<V>(decode_security_mode_complete(pdu, sink));
    case detail::kSecurityModeReject:
      return nas::detail::widen<V>(decode_security_mode_reject(pdu, sink));
    default:
      return nas::detail::failed<V>(
          kAny, "Message type", 2,
          "not a message this codec knows (TS 24.501 table 9.7.1, 7.4)");
  }
}

Encoded encode(const FiveGmmMessage& m, std::span<std::uint8_t> out) noexcept {
  return std::visit([&](const auto& message) { return encode(message, out); }, m);
}

}  // namespace secmode::impl::nas5gs
