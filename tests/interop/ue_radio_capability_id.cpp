#include "tests/interop/ue_radio_capability_id.h"

#include <string>

namespace secmode::test::interop {
namespace {

using spec::ByteView;

// TS 24.501 9.11.3.68 (TS 24.301 9.9.3.60 refers to it): the UE radio capability ID's hex digits,
// the first in bits 4..1 of the first octet; an odd count ends with "1111" in bits 8..5.
std::string radio_capability_id_digits(ByteView id) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < id.size(); ++i) {
    s += digits[id[i] & 15];
    if (i + 1 < id.size() || (id[i] >> 4) != 15) s += digits[id[i] >> 4];
  }
  return s;
}
// What Wireshark 4.0 shows instead: the digits read as BCD, '?' for A..F, and an F in bits 8..5 of
// any octet taken for the filler that ends the ID.
std::string radio_capability_id_as_bcd(ByteView id) {
  std::string s;
  const auto digit = [](unsigned d) { return d < 10 ? static_cast<char>('0' + d) : '?'; };
  for (const auto o : id) {
    s += digit(o & 15u);
    if ((o >> 4) == 15) return s;
    s += digit(static_cast<unsigned>(o >> 4));
  }
  return s;
}

}  // namespace

void radio_capability_id(Comparison& c, const Node* scope, ByteView id) {
  const std::string ws = value_of(child(scope, "nas_5gs.mm.ue_radio_cap_id"));
  const std::string spec = radio_capability_id_digits(id);
  const bool bcd_bug =
      spec != radio_capability_id_as_bcd(id) && ws == radio_capability_id_as_bcd(id);
  c.field("nas_5gs.mm.ue_radio_cap_id", spec, ws, bcd_bug ? "ue-radio-capability-id-hex" : nullptr);
}

}  // namespace secmode::test::interop
