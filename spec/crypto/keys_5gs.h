// The 5GS key hierarchy, TS 33.501 Annex A (all through the KDF of TS 33.220 B.2).
#pragma once

#include <cstdint>
#include <string_view>

#include "spec/crypto/bytes.h"
#include "spec/crypto/keys_eps.h"

namespace secmode::spec {

// TS 33.501 A.2: K_AUSF (5G AKA) from CK || IK, the serving network name and SQN xor AK.
Key256 derive_kausf(ByteView ck, ByteView ik, std::string_view serving_network_name, ByteView sqn_xor_ak);

// TS 33.501 A.4: RES* / XRES*, the 128 least significant bits of the KDF output over the
// serving network name, RAND (16 bytes) and RES / XRES (4 to 16 bytes).
Key128 derive_res_star(ByteView ck, ByteView ik, std::string_view serving_network_name, ByteView rand,
                       ByteView res);

// TS 33.501 A.5: HRES* / HXRES*, the 128 least significant bits of SHA-256(RAND || (X)RES*).
std::array<std::uint8_t, 16> derive_hres_star(ByteView rand, ByteView res_star);

// TS 33.501 A.6: K_SEAF from K_AUSF and the serving network name.
Key256 derive_kseaf(ByteView kausf, std::string_view serving_network_name);

// TS 33.501 A.7: K_AMF from K_SEAF, the SUPI and ABBA. For an IMSI-type SUPI the parameter is
// the IMSI digits (TS 23.003 2.2), for an NAI-type SUPI the NAI; "imsi-" / "nai-" prefixes of
// the SUPI's textual form are removed.
Key256 derive_kamf(ByteView kseaf, std::string_view supi, ByteView abba);

// TS 33.501 A.13: K_AMF' (horizontal derivation in mobility) from K_AMF, DIRECTION (1 with the
// downlink NAS COUNT in handover, 0 with the uplink COUNT of the Registration Request in
// idle mobility) and that COUNT.
Key256 derive_kamf_prime(ByteView kamf, std::uint8_t direction, std::uint32_t count);

// TS 33.501 A.9: access type distinguisher.
enum class AccessType : std::uint8_t { three_gpp = 0x01, non_three_gpp = 0x02 };

// TS 33.501 A.9: K_gNB (3GPP access) or K_N3IWF (non-3GPP) from K_AMF and the uplink NAS COUNT.
Key256 derive_kgnb(ByteView kamf, std::uint32_t uplink_nas_count, AccessType access);

// TS 33.501 A.10: NH from K_AMF and the SYNC-input (32 bytes).
Key256 derive_nh_5gs(ByteView kamf, ByteView sync_input);

// TS 33.501 A.11: K_NG-RAN* for a target gNB from K_gNB or NH, PCI and ARFCN-DL (3 octets).
Key256 derive_kngran_star_gnb(ByteView kgnb_or_nh, std::uint16_t pci, std::uint32_t arfcn_dl);
// TS 33.501 A.12: K_NG-RAN* for a target ng-eNB; EARFCN-DL is always 3 octets here.
Key256 derive_kngran_star_ng_enb(ByteView kgnb_or_nh, std::uint16_t pci, std::uint32_t earfcn_dl);

// TS 33.501 A.8: the 128-bit NAS/RRC/UP algorithm key (128 least significant bits). Key is
// K_AMF for NAS and K_gNB for RRC and UP; alg is the NEA/NIA identity (4 bits).
Key128 derive_5gs_algorithm_key(ByteView key, AlgorithmType type, std::uint8_t alg);

// TS 33.501 A.14.1 / A.14.2: K'_ASME from K_AMF, at idle mobility (uplink NAS COUNT) or
// handover (downlink NAS COUNT).
Key256 derive_kasme_from_kamf_idle(ByteView kamf, std::uint32_t uplink_nas_count);
Key256 derive_kasme_from_kamf_handover(ByteView kamf, std::uint32_t downlink_nas_count);

// TS 33.501 A.15.1 / A.15.2: K_AMF' from K_ASME, at idle mobility (uplink NAS COUNT of the TAU
// carried in the Registration Request) or handover (NH, 32 bytes).
Key256 derive_kamf_from_kasme_idle(ByteView kasme, std::uint32_t tau_uplink_nas_count);
Key256 derive_kamf_from_kasme_handover(ByteView kasme, ByteView nh);

}  // namespace secmode::spec
