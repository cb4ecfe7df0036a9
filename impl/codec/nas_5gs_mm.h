// Zero-copy codec for the 5GMM messages of TS 24.501 (V17.9.0 tables) beyond security mode
// control: REGISTRATION REQUEST (8.2.6) with the 5GS mobile identity (9.11.3.4), AUTHENTICATION
// REQUEST, RESPONSE, RESULT, FAILURE and REJECT (8.2.1-8.2.5), and one entry for every plain 5GMM
// message this codec knows. The fast twin of spec/codec/nas_5gs_mm.h and the headers it includes,
// written apart from them so that the differential tests compare two independent readings.
//
// The contract of nas_5gs.h holds here too: decoders take one whole PDU, never allocate, never
// throw, never read outside it, report offsets from its first octet and send what clause 7 made
// them step over to the optional sink; decoded values are views into the PDU. Encoders write the
// canonical form (IEs in table order, spare bits zero, fillers 1111) into a caller buffer and
// refuse, writing nothing, a value that breaks its contract (written per type).
//
// As in the spec twin, the REGISTRATION REQUEST IEs that feed security mode control are decoded
// into fields; every other row of table 8.2.6.1.1 is a known IE kept as found in `other_ies`, so
// no IEI of the table is unknown to the message (7.6.1) and the message re-encodes unchanged.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>

#include "impl/codec/nas_5gs.h"
#include "impl/codec/nas_eps_emm.h"  // nas::RawIes

namespace secmode::impl::nas5gs {

// ---- 5GS mobile identity (9.11.3.4, table 9.11.3.4.1) ----------------------------------------

// Type of identity 000 (figure 9.11.3.4.6). Never valid in a REGISTRATION REQUEST (LV-E 6-n).
struct NoIdentity {};

// Type 001 with SUPI format IMSI (000; 100..111 "are interpreted as IMSI by this version of the
// protocol" and kept), figure 9.11.3.4.3: octets 5..11 as received (MCC/MNC, routing indicator,
// protection scheme id in bits 4..1 of octet 10, home network public key id) and the scheme output
// (octets 12..x) as a view. null_scheme_msin() reads a null-scheme MSIN.
// Contract: supi_format 0 or 4..7, protection_scheme_id 0..15, scheme_output 1..65527 octets.
struct SuciImsi {
  std::uint8_t supi_format = 0;
  std::array<std::uint8_t, 3> plmn{0x00, 0xf1, 0x10};         // MCC 001, MNC 01
  std::array<std::uint8_t, 2> routing_indicator{0xf0, 0xff};  // "0"
  std::uint8_t protection_scheme_id = 0;                      // 0: null scheme
  std::uint8_t home_network_public_key_id = 0;
  ByteView scheme_output;
};

// Type 001 with SUPI format 001..011 (figure 9.11.3.4.4): the NAI octets as a view.
// Contract: supi_format 1..3, nai 1..65534 octets (3 or more in a REGISTRATION REQUEST).
struct SuciNai {
  std::uint8_t supi_format = 1;
  ByteView nai;
};

// Type 010 (figure 9.11.3.4.1). MCC and MNC digits 0..9, digit 1 first; a 2-digit MNC is coded
// with MNC digit 3 = 1111 and mnc[2] is then 0. The filler 1111 of octet 4 is written, not checked.
// Contract: digits 0..9, mnc_digits 2 or 3, amf_set_id 10 bits, amf_pointer 6 bits.
struct FiveGGuti {
  std::array<std::uint8_t, 3> mcc{0, 0, 1};
  std::array<std::uint8_t, 3> mnc{0, 1, 0};
  std::uint8_t mnc_digits = 2;
  std::uint8_t amf_region_id = 0;
  std::uint16_t amf_set_id = 0;
  std::uint8_t amf_pointer = 0;
  std::uint32_t five_g_tmsi = 0;
};

// Type 100 (figure 9.11.3.4.5). Contract: as the GUTI's fields of the same name.
struct FiveGSTmsi {
  std::uint16_t amf_set_id = 0;
  std::uint8_t amf_pointer = 0;
  std::uint32_t five_g_tmsi = 0;
};

// Type 101 (figure 9.11.3.4.2): the 9 octets, checked as SECURITY MODE COMPLETE's IMEISV is;
// imeisv_digits() spells them out. Contract: what the decoder takes.
struct Imeisv {
  std::span<const std::uint8_t, 9> identity;
};

// Imei (011), MacAddress (110) and Eui64 (111) are those of nas_5gs.h.
using MobileIdentity = std::variant<NoIdentity, SuciImsi, SuciNai, FiveGGuti, Imei, FiveGSTmsi,
                                    Imeisv, MacAddress, Eui64>;

// The MSIN digits of a null-scheme SUCI (9.11.3.4: "the Scheme output consists of the MSIN and is
// coded using BCD coding"; an odd count ends with 1111), '0'..'9', no terminator. Returns how many
// were written, or 0 when the scheme is not the null scheme, the output is longer than 10 octets
// or a digit is not BCD.
std::size_t null_scheme_msin(const SuciImsi& suci, std::span<char, 20> out) noexcept;

// ---- REGISTRATION REQUEST --------------------------------------------------------------------

// The known optional IEs of table 8.2.6.1.1 not decoded into fields, held as for the EMM tables.
using nas::RawIes;

// Table 8.2.6.1.1. Octet 4: 5GS registration type (9.11.3.7: FOR in bit 4, the value in bits
// 3..1, every value kept: 000 "shall be interpreted as initial registration" by the network) and
// ngKSI (9.11.3.32) in bits 8..5. Contracts: registration_type 3 bits, ngksi.ksi 0..7 (7 is "no
// key is available" UE to network), mobile_identity of at least 4 octets of contents (not
// NoIdentity), five_gmm_capability 1..13 octets (9.11.3.1), ue_security_capability 2, 4, 6 or 8
// (9.11.3.54), s1_ue_network_capability 2..13 (9.11.3.48 -> TS 24.301 9.9.3.34),
// nas_message_container 1..65535 (9.11.3.33).
struct RegistrationRequest {
  std::uint8_t registration_type = 1;
  bool follow_on_request = false;
  NasKeySetIdentifier ngksi{false, 7};
  MobileIdentity mobile_identity;
  std::optional<NasKeySetIdentifier> non_current_native_ngksi;  // C-
  std::optional<ByteView> five_gmm_capability;                  // 10
  std::optional<ByteView> ue_security_capability;               // 2E
  std::optional<ByteView> s1_ue_network_capability;             // 17
  std::optional<FiveGGuti> additional_guti;                     // 77, TLV-E 14
  std::optional<ByteView> nas_message_container;                // 71
  RawIes other_ies;
};

// ---- AUTHENTICATION messages ------------------------------------------------------------------

// Table 8.2.1.1.1. Octet 4: ngKSI in bits 4..1 (the spare half octet above is not checked); ABBA
// LV 3-n (9.11.3.10); RAND (21, TV 17), AUTN (20, TLV 18) for 5G AKA; EAP message (78, TLV-E
// 7-1503) for EAP-AKA'. Contracts: ngksi.ksi 0..6 (7 is reserved network to UE), abba 2..255
// octets, eap_message 4..1500.
struct AuthenticationRequest {
  NasKeySetIdentifier ngksi;
  ByteView abba;
  std::optional<std::span<const std::uint8_t, 16>> rand;
  std::optional<std::span<const std::uint8_t, 16>> autn;
  std::optional<ByteView> eap_message;
};

// Table 8.2.2.1.1: RES* (2D, TLV 18, 9.11.3.17) and the EAP message (78). Contract: eap_message
// 4..1500 octets.
struct AuthenticationResponse {
  std::optional<std::span<const std::uint8_t, 16>> res_star;
  std::optional<ByteView> eap_message;
};

// Table 8.2.3.1.1: ngKSI as in the request, EAP message LV-E 6-1502, ABBA (38, TLV 4-n).
// Contracts: ngksi.ksi 0..6, eap_message 4..1500 octets, abba 2..255.
struct AuthenticationResult {
  NasKeySetIdentifier ngksi;
  ByteView eap_message;
  std::optional<ByteView> abba;
};

// Table 8.2.4.1.1: 5GMM cause (9.11.3.2, kept as received) and the Authentication failure
// parameter (30, TLV 16, 9.11.3.14: AUTS). Its pairing with cause #21 (8.2.4.2) is the
// procedure's business (5.4.1.3.7), not the codec's.
struct AuthenticationFailure {
  std::uint8_t cause = 0;
  std::optional<std::span<const std::uint8_t, 14>> auts;
};

// Table 8.2.5.1.1: the EAP message (78). Contract: 4..1500 octets.
struct AuthenticationReject {
  std::optional<ByteView> eap_message;
};

using FiveGmmMessage =
    std::variant<RegistrationRequest, AuthenticationRequest, AuthenticationResponse,
                 AuthenticationResult, AuthenticationFailure, AuthenticationReject,
                 SecurityModeCommand, SecurityModeComplete, SecurityModeReject>;

// Plain 5GS NAS messages (security header type 0). Errors as the spec twin reports them: the
// header (7.2, 9.2, 9.3, table 9.7.1), a missing or cut mandatory IE (7.5.1), a reserved or
// syntactically incorrect mandatory value (7.5.1), an unknown comprehension-required IE.
Decoded<RegistrationRequest> decode_registration_request(ByteView pdu,
                                                         std::span<IgnoredIe> sink = {}) noexcept;
Decoded<AuthenticationRequest> decode_authentication_request(
    ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
Decoded<AuthenticationResponse> decode_authentication_response(
    ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
Decoded<AuthenticationResult> decode_authentication_result(
    ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
Decoded<AuthenticationFailure> decode_authentication_failure(
    ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
Decoded<AuthenticationReject> decode_authentication_reject(
    ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
// Any plain 5GMM message above or of nas_5gs.h, by its message type (table 9.7.1); an unknown one
// is an error at offset 2 (7.4), after the EPD and the security header type are checked.
Decoded<FiveGmmMessage> decode_5gmm_message(ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;

Encoded encode(const RegistrationRequest& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const AuthenticationRequest& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const AuthenticationResponse& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const AuthenticationResult& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const AuthenticationFailure& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const AuthenticationReject& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const FiveGmmMessage& m, std::span<std::uint8_t> out) noexcept;

}  // namespace secmode::impl::nas5gs
