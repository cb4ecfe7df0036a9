#include "spec/crypto/plmn.h"

#include <algorithm>

namespace secmode::spec {
namespace {
bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
std::uint8_t nibble(char c) { return static_cast<std::uint8_t>(c - '0'); }
}  // namespace

Plmn parse_plmn(std::string_view text) {
  Plmn p;
  if (const auto dash = text.find('-'); dash != std::string_view::npos) {
    p.mcc = std::string(text.substr(0, dash));
    p.mnc = std::string(text.substr(dash + 1));
  } else if (text.size() == 5 || text.size() == 6) {
    p.mcc = std::string(text.substr(0, 3));
    p.mnc = std::string(text.substr(3));
  } else {
    throw CryptoArgumentError("PLMN '" + std::string(text) + "': expected MCC+MNC as 5 or 6 digits, or MCC-MNC");
  }
  if (p.mcc.size() != 3 || !all_digits(p.mcc))
    throw CryptoArgumentError("PLMN '" + std::string(text) + "': MCC must be 3 digits");
  if ((p.mnc.size() != 2 && p.mnc.size() != 3) || !all_digits(p.mnc))
    throw CryptoArgumentError("PLMN '" + std::string(text) + "': MNC must be 2 or 3 digits");
  return p;
}

std::array<std::uint8_t, 3> sn_id(const Plmn& p) {
  const std::uint8_t mnc3 = p.mnc.size() == 3 ? nibble(p.mnc[2]) : 0xf;
  return {static_cast<std::uint8_t>(nibble(p.mcc[1]) << 4 | nibble(p.mcc[0])),
          static_cast<std::uint8_t>(mnc3 << 4 | nibble(p.mcc[2])),
          static_cast<std::uint8_t>(nibble(p.mnc[1]) << 4 | nibble(p.mnc[0]))};
}

std::string serving_network_name(const Plmn& p) {
  const std::string mnc = p.mnc.size() == 2 ? "0" + p.mnc : p.mnc;
  return "5G:mnc" + mnc + ".mcc" + p.mcc + ".3gppnetwork.org";
}

}  // namespace secmode::spec
