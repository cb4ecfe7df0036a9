// One decoder for every plain 5GMM message the spec twin knows: the message type (octet 3,
// TS 24.501 table 9.7.1) picks the message decoder.
#include "spec/codec/nas_5gs_mm.h"

#include "spec/codec/nas_5gs_mm_ies.h"
#include "spec/codec/nas_ie.h"

namespace secmode::spec::nas5gs {
namespace {

constexpr const char* kAny = "5GMM message";

}  // namespace

Decoded<FiveGmmMessage> decode_5gmm_message(ByteView pdu) {
  // The header (EPD, plain security header type) fails before the message type is looked at;
  // check_plain_5gmm_header is given octet 3 itself so it only checks octets 1 and 2 here.
  if (auto e = check_plain_5gmm_header(pdu, kAny, pdu.size() >= 3 ? pdu[2] : 0)) return *e;
  switch (pdu[2]) {
    case 0x41:
      return widen<FiveGmmMessage>(decode_registration_request(pdu));
    case 0x56:
      return widen<FiveGmmMessage>(decode_authentication_request(pdu));
    case 0x57:
      return widen<FiveGmmMessage>(decode_authentication_response(pdu));
    case 0x58:
      return widen<FiveGmmMessage>(decode_authentication_reject(pdu));
    case 0x59:
      return widen<FiveGmmMessage>(decode_authentication_failure(pdu));
    case 0x5a:
      return widen<FiveGmmMessage>(decode_authentication_result(pdu));
    case 0x5d:
      return widen<FiveGmmMessage>(decode_security_mode_command(pdu));
    case 0x5e:
      return widen<FiveGmmMessage>(decode_security_mode_complete(pdu));
    case 0x5f:
      return widen<FiveGmmMessage>(decode_security_mode_reject(pdu));
    default:
      return CodecError{kAny, "Message type", 2,
                        "message type " + nas::hex_octet(pdu[2]) +
                            " is not one this codec knows (TS 24.501 table 9.7.1, 7.4)"};
  }
}

Bytes encode(const FiveGmmMessage& m) {
  return std::visit([](const auto& message) { return encode(message); }, m);
}

}  // namespace secmode::spec::nas5gs
