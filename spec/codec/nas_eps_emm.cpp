// One decoder for every plain EMM message the spec twin knows: the message type (octet 2,
// TS 24.301 table 9.8.1) picks the message decoder.
#include "spec/codec/nas_eps_emm.h"

#include "spec/codec/nas_ie.h"

namespace secmode::spec::nas {
Decoded<EmmMessage> decode_emm_message(ByteView pdu) {
  if (pdu.size() < 2)
    return CodecError{"EMM message", pdu.empty() ? "Protocol discriminator" : "Message type",
                      pdu.size(), "too short to contain a complete message type (TS 24.301 7.2)"};
  // The PD (and a reserved security header type) fails before the message type is looked at.
  if (const auto header = decode_security_header_type(pdu); !header) return header.error();
  switch (pdu[1]) {
    case 0x41:
      return widen<EmmMessage>(decode_attach_request(pdu));
    case 0x48:
      return widen<EmmMessage>(decode_tracking_area_update_request(pdu));
    case 0x52:
      return widen<EmmMessage>(decode_authentication_request(pdu));
    case 0x53:
      return widen<EmmMessage>(decode_authentication_response(pdu));
    case 0x54:
      return widen<EmmMessage>(decode_authentication_reject(pdu));
    case 0x5c:
      return widen<EmmMessage>(decode_authentication_failure(pdu));
    case 0x5d:
      return widen<EmmMessage>(decode_security_mode_command(pdu));
    case 0x5e:
      return widen<EmmMessage>(decode_security_mode_complete(pdu));
    case 0x5f:
      return widen<EmmMessage>(decode_security_mode_reject(pdu));
    default:
      return CodecError{"EMM message", "Message type", 1,
                        "message type " + hex_octet(pdu[1]) +
                            " is not one this codec knows (TS 24.301 table 9.8.1, 7.4)"};
  }
}

Bytes encode(const EmmMessage& m) {
  return std::visit([](const auto& message) { return encode(message); }, m);
}

Decoded<EmmPdu> decode_emm_pdu(ByteView pdu) {
  const auto header = decode_security_header_type(pdu);
  if (!header) return header.error();
  switch (header.value()) {
    case SecurityHeaderType::plain:
      return widen<EmmPdu>(decode_emm_message(pdu));
    case SecurityHeaderType::service_request:  // 1100, and 1101..1111 read as 1100
      return widen<EmmPdu>(decode_service_request(pdu));
    default:
      return widen<EmmPdu>(decode_security_protected(pdu));
  }
}

Bytes encode(const EmmPdu& m) {
  return std::visit([](const auto& value) { return encode(value); }, m);
}

}  // namespace secmode::spec::nas
