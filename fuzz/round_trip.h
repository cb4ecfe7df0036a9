// What every spec-decoder fuzz target checks of the octets it decodes: an error lies inside
// them; an accepted value's ignored IEs lie inside them, and the value re-encodes to canonical
// octets that are no longer than the input when nothing was ignored, decode to the same value
// with nothing ignored, and re-encode to themselves. Anything else aborts, which libFuzzer (or
// the replay driver) reports.
#pragma once

#include <cstdlib>

#include "spec/crypto/bytes.h"

// Returns what `decode` made of `pdu`, once checked.
template <typename Decode>
auto checked_round_trip(secmode::spec::ByteView pdu, Decode decode) {
  const auto d = decode(pdu);
  if (!d.ok()) {
    if (d.error().offset > pdu.size() || d.error().reason.empty()) std::abort();
    return d;
  }
  for (const auto& i : d.ignored())
    if (i.offset >= pdu.size()) std::abort();
  const secmode::spec::Bytes canonical = encode(d.value());
  if (d.ignored().empty() && canonical.size() > pdu.size()) std::abort();
  const auto again = decode(canonical);
  if (!again.ok() || !again.ignored().empty() || !(again.value() == d.value())) std::abort();
  if (encode(again.value()) != canonical) std::abort();
  return d;
}
