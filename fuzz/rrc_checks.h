// What every RRC security mode fuzz target checks of its decoder (spec/codec/rrc_security_mode.h)
// on arbitrary octets: every error lies inside the PDU and gives its bit offset; every accepted
// value re-encodes to the PDU itself when no extension addition was stepped over, and otherwise
// to a PDU that decodes to the same value with nothing stepped over. The zero-copy decoder
// (impl/codec/rrc_security_mode.h) must say what its spec twin says: accept or reject, error path
// and bit offset, values, additions stepped over, re-encoded octets (tests/impl/rrc_agreement.h).
// Any failure aborts.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "spec/codec/rrc_security_mode.h"
#include "tests/impl/rrc_agreement.h"

namespace secmode::fuzz::rrc {

template <typename Decode>
int one_input(spec::ByteView pdu, Decode decode, std::string (*disagreement)(spec::ByteView)) {
  if (const std::string d = disagreement(pdu); !d.empty()) {
    std::fprintf(stderr, "spec and impl RRC decoders disagree: %s\n", d.c_str());
    std::abort();
  }
  const auto d = decode(pdu);
  if (!d.ok()) {
    if (d.error().offset > 8 * pdu.size() ||
        d.error().reason.find("bit offset") == std::string::npos)
      std::abort();
    return 0;
  }
  for (const auto& i : d.ignored())
    if (i.offset >= 8 * pdu.size()) std::abort();
  const spec::Bytes canonical = encode(d.value());  // spec::rrc::nr or ::lte, by ADL
  if (d.ignored().empty()) {
    if (!std::equal(canonical.begin(), canonical.end(), pdu.begin(), pdu.end())) std::abort();
    return 0;
  }
  const auto again = decode(canonical);
  if (!again.ok() || !again.ignored().empty() || !(again.value() == d.value())) std::abort();
  return 0;
}

}  // namespace secmode::fuzz::rrc
