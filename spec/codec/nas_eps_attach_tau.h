// Spec-twin codec for ATTACH REQUEST (TS 24.301 8.2.4) and TRACKING AREA UPDATE REQUEST (8.2.29),
// V17.9.0 tables. The IEs that feed security mode control (key set identifiers, identities, UE
// network and security capabilities, nonceUE, GUTI type, TMSI status) are decoded into fields;
// every other row of the message table is a known IE kept as its raw value in `other_ies`, so
// no IEI of the table is ever "unknown" (7.6.1) and the message re-encodes unchanged.
//
// Decoders and encoders behave as described in nas_eps.h; contracts are written per field.
#pragma once

#include <array>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <variant>

#include "spec/codec/nas_eps.h"
#include "spec/codec/nas_ie.h"  // RawIes

namespace secmode::spec::nas {

// TS 24.301 9.9.3.12, type of identity 110. MCC and MNC as decimal digit strings (E.212, BCD;
// a 2-digit MNC has "1111" in bits 8..5 of octet 5). Bits 8..5 of octet 3 ("1111") and the
// odd/even indicator (0) are fillers: written canonically, not checked on receipt.
// Contract: mcc 3 digits, mnc 2 or 3 digits.
struct Guti {
  std::string mcc = "001";
  std::string mnc = "01";
  std::uint16_t mme_group_id = 0;
  std::uint8_t mme_code = 0;
  std::uint32_t m_tmsi = 0;
  bool operator==(const Guti&) const = default;
};
// Type of identity 001: IMSI digits, BCD (TS 23.003 2.2: at most 15). Contract: 6..15 digits
// (6 is the fewest that fill the 4-octet minimum of the ATTACH REQUEST row).
struct Imsi {
  std::string digits;
  bool operator==(const Imsi&) const = default;
};
// Type of identity 011: IMEI digits, BCD (TS 23.003 6.2.1: 15 digits). Contract: 15 digits.
struct Imei {
  std::string digits;
  bool operator==(const Imei&) const = default;
};
using EpsMobileIdentity = std::variant<Imsi, Imei, Guti>;

// TS 24.301 9.9.3.34, octets 3..15 (2..13 octets of contents). The EPS and UMTS algorithm
// octets are fields (bit 8 = algorithm 0; bit 1 of eia is EPS-UPIP; bit 8 of uia is UCS2);
// octets 7.. are kept as they are. Octets are positional: uia needs uea, `rest` needs uia.
// Contract: that order, and rest at most 9 octets.
struct UeNetworkCapability {
  std::uint8_t eea = 0;
  std::uint8_t eia = 0;
  std::optional<std::uint8_t> uea;
  std::optional<std::uint8_t> uia;
  Bytes rest;
  bool operator==(const UeNetworkCapability&) const = default;
};

// Table 8.2.4.1. Octet 3: EPS attach type (9.9.3.11) in bits 4..1, NAS key set identifier
// (9.9.3.21) in bits 8..5. Contracts: eps_attach_type 0..6 (7 is reserved), ksi 0..7 (7 is
// "no key is available" UE to network), esm_message_container 3..65535 octets, identities and
// capabilities as above, ms_network_capability 2..8 octets.
// The default ESM message container: PD 2 (ESM), PTI 1, PDN CONNECTIVITY REQUEST (0xd0) and
// nothing else, enough for a default AttachRequest to encode. (A braced list here made GCC 12
// warn -Wmaybe-uninitialized, falsely, wherever an AttachRequest was default-constructed.)
inline constexpr std::uint8_t kMinimalEsmMessage[] = {0x02, 0x01, 0xd0};

struct AttachRequest {
  std::uint8_t eps_attach_type = 1;  // 3 bits; 100 and 101 are kept, read as "EPS attach"
  NasKeySetIdentifier nas_key_set_identifier{false, 7};
  EpsMobileIdentity eps_mobile_identity;
  UeNetworkCapability ue_network_capability;
  // 9.9.3.15; not interpreted (7.5.2)
  Bytes esm_message_container = Bytes(std::begin(kMinimalEsmMessage), std::end(kMinimalEsmMessage));
  std::optional<Guti> additional_guti;            // 50
  std::optional<Bytes> ms_network_capability;     // 31, TS 24.008 10.5.5.12, not interpreted
  std::optional<bool> tmsi_status;                // 9-, TS 24.008 10.5.5.4: "valid TMSI available"
  std::optional<bool> old_guti_type_mapped;       // E-, 9.9.3.45
  std::optional<UeAdditionalSecurityCapability> ue_additional_security_capability;  // 6F
  RawIes other_ies;
  bool operator==(const AttachRequest&) const = default;
};

// Table 8.2.29.1. Octet 3: EPS update type (9.9.3.14: "Active" flag in bit 4, value in bits
// 3..1) in bits 4..1, NAS key set identifier in bits 8..5. Old GUTI: LV 12, always the GUTI
// form. Contracts: eps_update_type 0..5 (6 and 7 are reserved), key set identifiers 0..7,
// gprs_ciphering_key_sequence_number 0..7, capabilities as above.
struct TrackingAreaUpdateRequest {
  std::uint8_t eps_update_type = 0;
  bool active_flag = false;
  NasKeySetIdentifier nas_key_set_identifier{false, 7};
  Guti old_guti;
  std::optional<NasKeySetIdentifier> non_current_native_nas_key_set_identifier;  // B-
  std::optional<std::uint8_t> gprs_ciphering_key_sequence_number;  // 8-, TS 24.008 10.5.1.2
  std::optional<Guti> additional_guti;                             // 50
  std::optional<std::uint32_t> nonce_ue;                           // 55, 9.9.3.25
  std::optional<UeNetworkCapability> ue_network_capability;        // 58
  std::optional<Bytes> ms_network_capability;                      // 31
  std::optional<bool> tmsi_status;                                 // 9-
  std::optional<bool> old_guti_type_mapped;                        // E-
  std::optional<UeAdditionalSecurityCapability> ue_additional_security_capability;  // 6F
  RawIes other_ies;
  bool operator==(const TrackingAreaUpdateRequest&) const = default;
};

Decoded<AttachRequest> decode_attach_request(ByteView pdu);
Decoded<TrackingAreaUpdateRequest> decode_tracking_area_update_request(ByteView pdu);

Bytes encode(const AttachRequest& m);
Bytes encode(const TrackingAreaUpdateRequest& m);

}  // namespace secmode::spec::nas
