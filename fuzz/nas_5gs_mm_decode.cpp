// decode_5gmm_message (the 5GMM spec decoder for every plain message it knows: REGISTRATION
// REQUEST, the AUTHENTICATION and SECURITY MODE messages) on arbitrary octets. An integrity-only
// protected PDU (security header type 1 or 3) is unwrapped first. Every error lies inside its
// input; every accepted value re-encodes to octets that decode to the same value with nothing
// ignored, and are no longer than the input when nothing was ignored. A REGISTRATION REQUEST's
// NAS message container (9.11.3.33: a plain REGISTRATION REQUEST) is decoded the same way.
// No zero-copy twin of these decoders exists in impl/ yet, so there is nothing to compare with.
#include <variant>

#include "fuzz/round_trip.h"
#include "spec/codec/nas_5gs_mm.h"

using namespace secmode::spec;
using namespace secmode::spec::nas5gs;

namespace {

void check_plain(ByteView pdu, int depth) {
  const auto d = checked_round_trip(pdu, decode_5gmm_message);
  if (!d.ok()) return;
  if (const auto* r = std::get_if<RegistrationRequest>(&d.value());
      r && r->nas_message_container && depth == 0)
    check_plain(*r->nas_message_container, depth + 1);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView pdu(data, size);
  const auto p = decode_security_protected(pdu);
  if (!p.ok()) {
    check_plain(pdu, 0);
    return 0;
  }
  const auto type = p.value().type;
  if (type == SecurityHeaderType::integrity_protected ||
      type == SecurityHeaderType::integrity_protected_new_context)
    check_plain(p.value().plain_nas_message, 0);
  return 0;
}
