// Spec-twin codec for REGISTRATION REQUEST (TS 24.501 8.2.6, V17.9.0 table 8.2.6.1.1) and the
// 5GS mobile identity it carries (9.11.3.4). The IEs that feed security mode control (ngKSI,
// identities, 5GMM capability, UE security capability, S1 UE network capability, NAS message
// container) are decoded into fields; every other row of the table is a known IE kept as its raw
// value in `other_ies`, so no IEI of the table is "unknown" (7.6.1) and the message re-encodes
// unchanged. Table 8.2.6.1.1 has no "UE additional security capability" row (that IE is EPS only,
// TS 24.301 9.9.3.53): a 0x6F IE here is unknown and skipped.
//
// Decoders and encoders behave as described in nas_5gs.h; contracts are written per field.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "spec/codec/nas_5gs.h"
#include "spec/codec/nas_eps_attach_tau.h"

namespace secmode::spec::nas5gs {

// ---- 5GS mobile identity (9.11.3.4, table 9.11.3.4.1) ----------------------------------------

// Type of identity 000 (figure 9.11.3.4.6): contents of one octet, bits 8..4 spare.
struct NoIdentity {
  bool operator==(const NoIdentity&) const = default;
};

// Type 001, SUPI format "IMSI" (figure 9.11.3.4.3). Octets are kept as received: the SUPI format
// field (000; 100..111 "are interpreted as IMSI by this version of the protocol" and are kept so
// the IE re-encodes), MCC/MNC (octets 5..7, BCD as in TS 24.008 figure 10.5.154), routing
// indicator (octets 8..9), protection scheme id (octet 10 bits 4..1), home network public key id
// (octet 11) and the scheme output (octets 12..x, at least one octet). null_scheme_imsi() reads
// the digits. Contract: supi_format 0 or 4..7, protection_scheme_id 0..15, scheme_output 1..65527
// octets.
struct SuciImsi {
  std::uint8_t supi_format = 0;
  std::array<std::uint8_t, 3> plmn{0x00, 0xf1, 0x10};  // MCC 001, MNC 01
  std::array<std::uint8_t, 2> routing_indicator{0xf0, 0xff};  // "0", no routing indicator
  std::uint8_t protection_scheme_id = 0;                      // 0: null scheme
  std::uint8_t home_network_public_key_id = 0;
  Bytes scheme_output{0x21, 0x43, 0x65, 0x87, 0x09};  // null scheme: MSIN 1234567890
  bool operator==(const SuciImsi&) const = default;
};

// Type 001, SUPI format "Network specific identifier" (001), "GCI" (010) or "GLI" (011)
// (figure 9.11.3.4.4): the SUCI NAI, a UTF-8 string (TS 23.003 28.7.3, 28.15.5, 28.16.5), kept
// as octets. Contract: supi_format 1..3, nai 1..65534 octets.
struct SuciNai {
  std::uint8_t supi_format = 1;
  Bytes nai;
  bool operator==(const SuciNai&) const = default;
};

// Type 010 (figure 9.11.3.4.1). Bits 8..5 of octet 4 ("1111") are a filler: written
// canonically, not checked on receipt. Contract: mcc 3 and mnc 2 or 3 decimal digits,
// amf_set_id 10 bits, amf_pointer 6 bits.
struct FiveGGuti {
  std::string mcc = "001";
  std::string mnc = "01";
  std::uint8_t amf_region_id = 0;
  std::uint16_t amf_set_id = 0;
  std::uint8_t amf_pointer = 0;
  std::uint32_t five_g_tmsi = 0;
  bool operator==(const FiveGGuti&) const = default;
};

// Type 100 (figure 9.11.3.4.5); octet 4 bits 8..5 "1111" as for the GUTI. Contract as for the
// GUTI's fields of the same name.
struct FiveGSTmsi {
  std::uint16_t amf_set_id = 0;
  std::uint8_t amf_pointer = 0;
  std::uint32_t five_g_tmsi = 0;
  bool operator==(const FiveGSTmsi&) const = default;
};

// Type 101 (figure 9.11.3.4.2): 16 decimal digits (TS 23.003 6.2.2).
struct Imeisv {
  std::string digits;
  bool operator==(const Imeisv&) const = default;
};

// Imei (type 011), MacAddress (110) and Eui64 (111) are those of nas_5gs.h.
using MobileIdentity = std::variant<NoIdentity, SuciImsi, SuciNai, FiveGGuti, Imei, FiveGSTmsi,
                                    Imeisv, MacAddress, Eui64>;

// The digits of a SUCI with SUPI format IMSI and the null scheme (9.11.3.4: "the Scheme output
// consists of the MSIN and is coded using BCD coding"; a routing indicator of fewer than 4 digits
// is filled with "1111"). mcc + mnc + msin is the IMSI.
struct NullSchemeImsi {
  std::string mcc;
  std::string mnc;
  std::string routing_indicator;  // 1..4 digits
  std::string msin;
  bool operator==(const NullSchemeImsi&) const = default;
};
// Nothing when the protection scheme is not the null scheme, or a digit or filler is not where
// 9.11.3.4 puts it; the SUCI itself stays valid (its fields are kept as octets).
std::optional<NullSchemeImsi> null_scheme_imsi(const SuciImsi& suci);

// ---- REGISTRATION REQUEST --------------------------------------------------------------------

// 9.11.3.1: 1..13 octets of contents kept as received; octet 3 bit 1 is "S1 mode supported",
// which tells the AMF to select EPS NAS algorithms too (5.4.2.2). Contract: 1..13 octets.
struct FiveGmmCapability {
  Bytes octets{0x00};
  bool s1_mode() const { return (octets.at(0) & 0x01) != 0; }
  bool operator==(const FiveGmmCapability&) const = default;
};

// Known optional IEs not decoded into fields, as in nas_eps_attach_tau.h: IEI -> value; type 1
// rows keyed by their IEI nibble (0xB0 for "B-") and holding the value nibble as one octet.
using RawIes = nas::RawIes;

// Table 8.2.6.1.1. Octet 4: 5GS registration type (9.11.3.7: FOR in bit 4, value in bits 3..1)
// in bits 4..1, ngKSI (9.11.3.32) in bits 8..5. Contracts: registration_type 3 bits (every value
// is kept: 000 is unused and "shall be interpreted as initial registration" by the network),
// ngksi.ksi 0..7 (7 is "no key is available" UE to network), mobile_identity of at least 4
// octets of contents (the row is LV-E 6-n: never NoIdentity, a SuciNai's NAI of 3 octets or
// more), the IEs as noted.
struct RegistrationRequest {
  std::uint8_t registration_type = 1;  // 001 initial registration
  bool follow_on_request = false;
  NasKeySetIdentifier ngksi{false, 7};
  MobileIdentity mobile_identity = SuciImsi{};
  std::optional<NasKeySetIdentifier> non_current_native_ngksi;  // C-, 9.11.3.32
  std::optional<FiveGmmCapability> five_gmm_capability;         // 10
  std::optional<UeSecurityCapability> ue_security_capability;   // 2E, 9.11.3.54
  // 17, 9.11.3.48 -> TS 24.301 9.9.3.34: 2..13 octets.
  std::optional<nas::UeNetworkCapability> s1_ue_network_capability;
  std::optional<FiveGGuti> additional_guti;    // 77, TLV-E 14: a 5G-GUTI
  std::optional<Bytes> nas_message_container;  // 71, 9.11.3.33: 1..65535 octets
  RawIes other_ies;
  bool operator==(const RegistrationRequest&) const = default;
};

Decoded<RegistrationRequest> decode_registration_request(ByteView pdu);
Bytes encode(const RegistrationRequest& m);

}  // namespace secmode::spec::nas5gs
