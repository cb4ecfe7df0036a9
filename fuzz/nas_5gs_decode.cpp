// The 5GS NAS security mode spec decoders on arbitrary octets: a security protected PDU is
// unwrapped and, when its plain 5GS NAS message is not ciphered (security header type 1 or 3),
// decoded too; otherwise the input is decoded as a plain message, as fuzz/round_trip.h checks.
// An accepted protected PDU re-encodes to itself with its spare half octet cleared. On every
// octet string decoded, the zero-copy decoders (impl/codec/nas_5gs.h) must say what the spec twin
// says: accept or reject, error IE, offset and clause, values, ignored IEs, re-encoded octets.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz/round_trip.h"
#include "spec/codec/nas_5gs.h"
#include "tests/impl/nas_5gs_agreement.h"

using namespace secmode::spec;
using namespace secmode::spec::nas5gs;

namespace {

void check_agreement(ByteView pdu) {
  const std::string difference = secmode::test::nas_5gs::decoders_disagree(pdu);
  if (difference.empty()) return;
  std::fprintf(stderr, "spec and impl decoders disagree: %s\n", difference.c_str());
  std::abort();
}

void check_plain(ByteView pdu) {
  check_agreement(pdu);
  checked_round_trip(pdu, decode_security_mode_message);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView pdu(data, size);
  const auto p = decode_security_protected(pdu);
  if (!p.ok()) {
    if (p.error().offset > size || p.error().reason.empty()) std::abort();
    check_plain(pdu);  // checks agreement on pdu, the protected decoders included
    return 0;
  }
  Bytes canonical(pdu.begin(), pdu.end());
  canonical[1] &= 0x0f;  // TS 24.501 9.5: the spare half octet is sent as zero
  if (encode(p.value()) != canonical) std::abort();
  check_agreement(pdu);
  const auto type = p.value().type;
  if (type == SecurityHeaderType::integrity_protected ||
      type == SecurityHeaderType::integrity_protected_new_context)
    check_plain(p.value().plain_nas_message);
  return 0;
}
