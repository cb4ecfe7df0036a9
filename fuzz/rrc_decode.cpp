// The RRC security mode spec decoders (spec/codec/rrc_security_mode.h) on arbitrary octets. The
// first octet selects the decoder: bit 0 DL-DCCH (0) or UL-DCCH (1), bit 1 NR (0) or LTE (1);
// the rest is the PDU. Every error lies inside the PDU and gives its bit offset; every accepted
// value re-encodes to the PDU itself when no extension addition was stepped over, and otherwise
// to a PDU that decodes to the same value with nothing stepped over. On every PDU, all four
// zero-copy decoders (impl/codec/rrc_security_mode.h) must say what their spec twins say:
// accept or reject, error path and bit offset, values, additions stepped over, re-encoded
// octets (tests/impl/rrc_agreement.h); any disagreement aborts.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "spec/codec/rrc_security_mode.h"
#include "tests/impl/rrc_agreement.h"

using namespace secmode::spec;
using namespace secmode::spec::rrc;

namespace {

template <typename Decode>
void check(ByteView pdu, Decode decode) {
  const auto d = decode(pdu);
  if (!d.ok()) {
    if (d.error().offset > 8 * pdu.size() ||
        d.error().reason.find("bit offset") == std::string::npos)
      std::abort();
    return;
  }
  for (const auto& i : d.ignored())
    if (i.offset >= 8 * pdu.size()) std::abort();
  const Bytes canonical = encode(d.value());
  if (d.ignored().empty()) {
    if (!std::equal(canonical.begin(), canonical.end(), pdu.begin(), pdu.end())) std::abort();
    return;
  }
  const auto again = decode(canonical);
  if (!again.ok() || !again.ignored().empty() || !(again.value() == d.value())) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const ByteView pdu(data + 1, size - 1);
  if (const std::string d = secmode::test::rrc::decoders_disagree(pdu); !d.empty()) {
    std::fprintf(stderr, "spec and impl RRC decoders disagree: %s\n", d.c_str());
    std::abort();
  }
  switch (data[0] & 3) {
    case 0:
      check(pdu, nr::decode_dl_dcch);
      break;
    case 1:
      check(pdu, nr::decode_ul_dcch);
      break;
    case 2:
      check(pdu, lte::decode_dl_dcch);
      break;
    default:
      check(pdu, lte::decode_ul_dcch);
  }
  return 0;
}
