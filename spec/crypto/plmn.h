// PLMN identities as the key derivations encode them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "spec/crypto/bytes.h"

namespace secmode::spec {

struct Plmn {
  std::string mcc;  // 3 decimal digits
  std::string mnc;  // 2 or 3 decimal digits; "01" and "001" are different networks
};

// "00101" (MNC of 2 digits), "001001" (3 digits), or "001-01" / "001-001". Throws
// CryptoArgumentError naming what is wrong.
Plmn parse_plmn(std::string_view text);

// SN id of TS 33.401 A.2 (Figure A.2-1), digits coded as in TS 24.301 9.9.3.12 / TS 24.008
// 10.5.1.13: MCC2|MCC1, MNC3|MCC3, MNC2|MNC1, with MNC3 = 0xF for a 2-digit MNC. This is not
// the S1AP/GTPv2 PLMN identity, whose nibble order differs for 3-digit MNCs.
std::array<std::uint8_t, 3> sn_id(const Plmn& plmn);

// Serving network name of TS 33.501 6.1.1.4 / TS 24.501 9.12.1:
// "5G:mnc<MNC>.mcc<MCC>.3gppnetwork.org", a 2-digit MNC padded with a leading zero.
std::string serving_network_name(const Plmn& plmn);

}  // namespace secmode::spec
