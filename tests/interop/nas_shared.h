// NAS pieces both NAS families use: the UE security capability IE of TS 24.301 9.9.3.36, which
// NAS 5GS replays as "Replayed S1 UE security capabilities" (TS 24.501 9.11.3.48A), and the MAC
// as Wireshark shows it.
#pragma once

#include <cstdint>

#include "spec/codec/nas_eps.h"
#include "tests/interop/comparison.h"
#include "tests/interop/rng.h"

namespace secmode::test::interop {

// A TS 24.301 9.9.3.36 value of 2, 4 or 5 octets.
spec::nas::UeSecurityCapability random_eps_capabilities(Rng& r);

// TS 24.301 9.9.3.36 as Wireshark shows it, in the IE subtree `caps` (nothing when it is nullptr).
void eps_capabilities(Comparison& c, const Node* caps, const spec::nas::UeSecurityCapability& u);

// The 4-octet MAC as the number Wireshark shows (first octet most significant).
std::uint32_t mac_value(const spec::Mac32& mac);

}  // namespace secmode::test::interop
