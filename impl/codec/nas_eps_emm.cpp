// The EMM entries: a plain message by its message type (TS 24.301 table 9.8.1), any PDU by its
// security header type (table 9.3.1), and the encoders of the variants they return.
#include "impl/codec/nas_eps_emm.h"

#include "impl/codec/nas_eps_ies.h"
#include "impl/codec/nas_ie.h"

namespace secmode::impl::nas {

Decoded<EmmMessage> decode_emm_message(ByteView pdu, std::span<IgnoredIe> sink) noexcept {
  using V = EmmMessage;
  constexpr const char* kMessage = "EMM message";
  if (pdu.size() < 2)
    return detail::failed<V>(kMessage, pdu.empty() ? "Protocol discriminator" : "Message type",
                             pdu.size(),
                             "too short to contain a complete message type (TS 24.301 7.2)");
  // The PD and a reserved security header type fail before the message type is looked at; any
  // other security header type is the chosen decoder's to refuse.
  Decoded<V> d;
  if (!detail::check_emm_octet(pdu[0], kMessage, d.error)) return d;
  switch (pdu[1]) {
    case detail::kAttachRequest:
      return detail::widen<V>(decode_attach_request(pdu, sink));
    case detail::kTrackingAreaUpdateRequest:
      return detail::widen<V>(decode_tracking_area_update_request(pdu, sink));
    case detail::kAuthenticationRequest:
      return detail::widen<V>(decode_authentication_request(pdu, sink));
    case detail::kAuthenticationResponse:
      return detail::widen<V>(decode_authentication_response(pdu, sink));
    case detail::kAuthenticationReject:
      return detail::widen<V>(decode_authentication_reject(pdu, sink));
    case detail::kAuthenticationFailure:
      return detail::widen<V>(decode_authentication_failure(pdu, sink));
    case detail::kSecurityModeCommand:
      return detail::widen<V>(decode_security_mode_command(pdu, sink));
    case detail::kSecurityModeComplete:
      return detail::widen<V>(decode_security_mode_complete(pdu, sink));
    case detail::kSecurityModeReject:
      return detail::widen<V>(decode_security_mode_reject(pdu, sink));
    default:
      // 7.4: a message type not defined for the PD, or not implemented, is not treated.
      return detail::failed<V>(kMessage, "Message type", 1,
                               "not a message type this codec knows (TS 24.301 table 9.8.1, 7.4)");
  }
}

Decoded<EmmPdu> decode_emm_pdu(ByteView pdu, std::span<IgnoredIe> sink) noexcept {
  using V = EmmPdu;
  if (pdu.empty())
    return detail::failed<V>("EMM message", "Protocol discriminator", 0,
                             "empty: too short for a message type (TS 24.301 7.2)");
  Decoded<V> d;
  if (!detail::check_emm_octet(pdu[0], "EMM message", d.error)) return d;
  const unsigned type = pdu[0] >> 4;
  if (type == 0) return detail::widen<V>(decode_emm_message(pdu, sink));
  if (type >= 12) return detail::widen<V>(decode_service_request(pdu, sink));
  return detail::widen<V>(decode_security_protected(pdu));  // 1..5; 6..11 failed above
}

Encoded encode(const EmmMessage& m, std::span<std::uint8_t> out) noexcept {
  return std::visit([out](const auto& message) noexcept { return encode(message, out); }, m);
}

Encoded encode(const EmmPdu& m, std::span<std::uint8_t> out) noexcept {
  return std::visit([out](const auto& value) noexcept { return encode(value, out); }, m);
}

}  // namespace secmode::impl::nas
