// decode_emm_message (the EMM spec decoder for every plain message it knows: ATTACH REQUEST,
// TRACKING AREA UPDATE REQUEST, the AUTHENTICATION and SECURITY MODE messages) on arbitrary
// octets. An integrity-only protected PDU (security header type 1 or 3) is unwrapped first; a
// SERVICE REQUEST (security header type 12..15) goes through decode_emm_pdu, and every input
// decode_emm_pdu accepts must re-encode to octets it decodes to the same value. Every
// error lies inside its input; every accepted value re-encodes to octets that decode to the same
// value with nothing ignored, and are no longer than the input when nothing was ignored.
//
// On every octet string decoded, the zero-copy EMM decoders (impl/codec/nas_eps_emm.h) must say
// what the spec twin says (tests/impl/nas_eps_emm_agreement.h: accept or reject, the error's
// message, IE, offset and clause, the values, the ignored IEs, the re-encoded octets), and what
// the impl's encoder makes of an accepted PDU must decode, by the impl, to itself.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <variant>
#include <vector>

#include "fuzz/round_trip.h"
#include "impl/codec/nas_eps_emm.h"
#include "spec/codec/nas_eps_emm.h"
#include "tests/impl/nas_eps_emm_agreement.h"

using namespace secmode::spec;
using namespace secmode::spec::nas;

namespace {

void check_agreement(ByteView pdu) {
  const std::string difference = secmode::test::nas_eps::emm_decoders_disagree(pdu);
  if (!difference.empty()) {
    std::fprintf(stderr, "spec and impl EMM decoders disagree: %s\n", difference.c_str());
    std::abort();
  }
  // The impl's own round trip: its canonical octets decode, with nothing ignored, to a value
  // that encodes to the same octets.
  namespace in = secmode::impl::nas;
  const auto d = in::decode_emm_pdu(pdu);
  if (!d.ok()) return;
  std::vector<std::uint8_t> canonical(encode(d.value, std::span<std::uint8_t>{}).size);
  if (!encode(d.value, canonical).written) std::abort();
  const auto again = in::decode_emm_pdu(canonical);
  if (!again.ok() || again.ignored != 0) std::abort();
  std::vector<std::uint8_t> twice(canonical.size());
  if (!encode(again.value, twice).written || twice != canonical) std::abort();
}

void check_plain(ByteView pdu) {
  check_agreement(pdu);
  checked_round_trip(pdu, decode_emm_message);
}

// decode_emm_pdu on any input: the SERVICE REQUEST and the security protected header it tells
// apart from plain messages (TS 24.301 table 9.3.1).
void check_pdu(ByteView pdu) {
  check_agreement(pdu);
  const auto d = decode_emm_pdu(pdu);
  if (!d.ok()) {
    if (d.error().offset > pdu.size() || d.error().reason.empty()) std::abort();
    return;
  }
  const Bytes canonical = encode(d.value());
  const auto again = decode_emm_pdu(canonical);
  if (!again.ok() || !again.ignored().empty() || !(again.value() == d.value())) std::abort();
  // A SERVICE REQUEST keeps every bit of its 4 octets.
  if (std::holds_alternative<ServiceRequest>(d.value()) &&
      !std::equal(canonical.begin(), canonical.end(), pdu.begin()))
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView pdu(data, size);
  check_pdu(pdu);
  const auto p = decode_security_protected(pdu);
  if (!p.ok()) {
    checked_round_trip(pdu, decode_emm_message);  // agreement checked on pdu above
    return 0;
  }
  const auto type = p.value().type;
  if (type == SecurityHeaderType::integrity_protected ||
      type == SecurityHeaderType::integrity_protected_new_context)
    check_plain(p.value().nas_message);
  return 0;
}
