// NAS pieces several NAS comparisons use: the UE security capability IE of TS 24.301 9.9.3.36,
// which NAS 5GS replays as "Replayed S1 UE security capabilities" (TS 24.501 9.11.3.48A), the EPS
// algorithm octets it shares with the UE network capability (9.9.3.34, also the 5GS "S1 UE network
// capability", TS 24.501 9.11.3.48), the UE additional security capability (9.9.3.53), the
// TS 24.008 AUTN and AUTS of both authentications, and the MAC as Wireshark shows it.
#pragma once

#include <array>
#include <cstdint>

#include "spec/codec/nas_eps.h"
#include "spec/codec/nas_eps_attach_tau.h"
#include "tests/interop/comparison.h"
#include "tests/interop/rng.h"

namespace secmode::test::interop {

// Wireshark's fields for the EEA, EIA and UEA octets (bit 8 first): octets 3..5 of both TS 24.301
// 9.9.3.36 and 9.9.3.34.
inline constexpr std::array<const char*, 8> kEea = {
    "nas_eps.emm.eea0", "nas_eps.emm.128eea1", "nas_eps.emm.128eea2", "nas_eps.emm.eea3",
    "nas_eps.emm.eea4", "nas_eps.emm.eea5",    "nas_eps.emm.eea6",    "nas_eps.emm.eea7"};
inline constexpr std::array<const char*, 8> kEia = {
    "nas_eps.emm.eia0", "nas_eps.emm.128eia1", "nas_eps.emm.128eia2", "nas_eps.emm.eia3",
    "nas_eps.emm.eia4", "nas_eps.emm.eia5",    "nas_eps.emm.eia6",    "nas_eps.emm.eia7"};
inline constexpr std::array<const char*, 8> kUea = {
    "nas_eps.emm.uea0", "nas_eps.emm.uea1", "nas_eps.emm.uea2", "nas_eps.emm.uea3",
    "nas_eps.emm.uea4", "nas_eps.emm.uea5", "nas_eps.emm.uea6", "nas_eps.emm.uea7"};

// A TS 24.301 9.9.3.36 value of 2, 4 or 5 octets.
spec::nas::UeSecurityCapability random_eps_capabilities(Rng& r);

// TS 24.301 9.9.3.36 as Wireshark shows it, in the IE subtree `caps` (nothing when it is nullptr).
void eps_capabilities(Comparison& c, const Node* caps, const spec::nas::UeSecurityCapability& u);

// TS 24.301 9.9.3.34 as Wireshark shows it, in the IE subtree `caps` (nothing when nullptr).
void eps_network_capability(Comparison& c, const Node* caps,
                            const spec::nas::UeNetworkCapability& u);

// TS 24.301 9.9.3.53 (5G-EA0..15, 5G-IA0..15) as Wireshark shows it, in the IE subtree `caps`.
void eps_additional_capabilities(Comparison& c, const Node* caps,
                                 const spec::nas::UeAdditionalSecurityCapability& u);

// TS 24.008 10.5.3.1.1 AUTN (SQN xor AK, AMF, MAC) and 10.5.3.2.2 AUTS (SQN_MS xor AK, MAC-S),
// which EPS and 5GS authentication carry alike, as Wireshark shows them in the IE subtree `n`.
void autn(Comparison& c, const Node* n, spec::ByteView value);
void auts(Comparison& c, const Node* n, spec::ByteView value);

// The 4-octet MAC as the number Wireshark shows (first octet most significant).
std::uint32_t mac_value(const spec::Mac32& mac);

}  // namespace secmode::test::interop
