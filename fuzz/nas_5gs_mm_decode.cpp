// decode_5gmm_message (the 5GMM spec decoder for every plain message it knows: REGISTRATION
// REQUEST, the AUTHENTICATION and SECURITY MODE messages) on arbitrary octets. An integrity-only
// protected PDU (security header type 1 or 3) is unwrapped first. Every error lies inside its
// input; every accepted value re-encodes to octets that decode to the same value with nothing
// ignored, and are no longer than the input when nothing was ignored. A REGISTRATION REQUEST's
// NAS message container (9.11.3.33: a plain REGISTRATION REQUEST) is decoded the same way.
//
// On every octet string decoded, the zero-copy 5GMM decoders (impl/codec/nas_5gs_mm.h) must say
// what the spec twin says (tests/impl/nas_5gs_mm_agreement.h: accept or reject, the error's
// message, IE, offset and clause, the values, the ignored IEs, the re-encoded octets), and what
// the impl's encoder makes of an accepted PDU must decode, by the impl, to itself.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>
#include <vector>

#include "fuzz/round_trip.h"
#include "impl/codec/nas_5gs_mm.h"
#include "spec/codec/nas_5gs_mm.h"
#include "tests/impl/nas_5gs_mm_agreement.h"

using namespace secmode::spec;
using namespace secmode::spec::nas5gs;

namespace {

void check_agreement(ByteView pdu) {
  const std::string difference = secmode::test::nas_5gs::mm_decoders_disagree(pdu);
  if (!difference.empty()) {
    std::fprintf(stderr, "spec and impl 5GMM decoders disagree: %s\n", difference.c_str());
    std::abort();
  }
  // The impl's own round trip: its canonical octets decode, with nothing ignored, to a value
  // that encodes to the same octets.
  namespace i5 = secmode::impl::nas5gs;
  const auto d = i5::decode_5gmm_message(pdu);
  if (!d.ok()) return;
  std::vector<std::uint8_t> canonical(encode(d.value, std::span<std::uint8_t>{}).size);
  if (!encode(d.value, canonical).written) std::abort();
  const auto again = i5::decode_5gmm_message(canonical);
  if (!again.ok() || again.ignored != 0) std::abort();
  std::vector<std::uint8_t> twice(canonical.size());
  if (!encode(again.value, twice).written || twice != canonical) std::abort();
}

void check_plain(ByteView pdu, int depth) {
  check_agreement(pdu);
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
