// Zero-copy codec for the EMM messages of TS 24.301 (V17.9.0 tables) beyond security mode
// control: ATTACH REQUEST (8.2.4), TRACKING AREA UPDATE REQUEST (8.2.29), AUTHENTICATION
// REQUEST, RESPONSE, FAILURE and REJECT (8.2.7, 8.2.8, 8.2.5, 8.2.6), SERVICE REQUEST (8.2.25),
// and the entries that tell every EMM PDU apart. The fast twin of spec/codec/nas_eps_emm.h and the
// headers it includes, written apart from them so that the differential tests compare two
// independent readings of the same tables.
//
// The contract of nas_eps.h holds here too: decoders take one whole PDU, never allocate, never
// throw, never read outside it, report offsets from its first octet and send what clause 7 made
// them step over to the optional sink; decoded values are views into the PDU. Encoders write the
// canonical form (IEs in table order, spare and filler bits as the tables give them) into a
// caller buffer and refuse, writing nothing, a value that breaks its contract (written per type).
//
// As in the spec twin, the IEs that feed security procedures are decoded into fields; every other
// row of the ATTACH and TAU tables is a known IE kept as found in `other_ies`, so no IEI of the
// table is ever unknown to the message (7.6.1) and the message re-encodes unchanged.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>

#include "impl/codec/nas_eps.h"

namespace secmode::impl::nas {

// TS 24.301 9.9.3.12, type of identity 110 (figure 9.9.3.12.1). Digits are 0..9, digit 1 first;
// a 2-digit MNC is coded with 1111 as MNC digit 3, and mnc[2] is then 0. The filler bits of
// octet 3 (1111, odd/even 0) are written canonically and not checked on receipt.
// Contract: digits 0..9, mnc_digits 2 or 3.
struct Guti {
  std::array<std::uint8_t, 3> mcc{0, 0, 1};
  std::array<std::uint8_t, 3> mnc{0, 1, 0};
  std::uint8_t mnc_digits = 2;
  std::uint16_t mme_group_id = 0;
  std::uint8_t mme_code = 0;
  std::uint32_t m_tmsi = 0;
};

// Type of identity 001 (figure 9.9.3.12.2): the contents octets as received, digit 1 and the
// odd/even indicator in the first, then BCD digits, an even count ending with the end mark 1111.
// 4..8 octets, 6..15 digits (TS 23.003 2.2). Contract: what the decoder takes.
struct Imsi {
  ByteView identity;
};
// Type of identity 011: 15 digits (TS 23.003 6.2.1), so 8 octets, odd. Contract: as decoded.
struct Imei {
  std::span<const std::uint8_t, 8> identity;
};
using EpsMobileIdentity = std::variant<Imsi, Imei, Guti>;

// The digits of a decoded (hence checked) IMSI or IMEI, as '0'..'9', no terminator; returns
// how many were written.
std::size_t identity_digits(ByteView identity, std::span<char, 15> out) noexcept;

// A known optional IE of a message table that the codec does not decode into a field. For a type
// 1 row (IEI with bit 8 set in these tables, keyed by its nibble, e.g. 0xD0 for "D-") the value
// is `half`, bits 4..1 of the IEI octet; for the others it is `value`: the value of a TV row,
// the contents of a TLV or TLV-E row, cut to the row's length.
struct RawIe {
  std::uint8_t iei = 0;
  std::uint8_t half = 0;
  ByteView value;
};
// Decoded in table order; the encoder writes them in table order whatever their order here.
// Contract: every IEI a raw row of the message's table (not one decoded into a field), none
// twice, every value fitting its row's length (a type 1 value 0..15).
struct RawIes {
  // Table 8.2.6.1.1 of TS 24.501 (REGISTRATION REQUEST) has the most raw rows: 33.
  static constexpr std::size_t kCapacity = 40;
  std::array<RawIe, kCapacity> ies{};
  std::size_t size = 0;
  std::span<const RawIe> view() const noexcept { return {ies.data(), size}; }
  // Appends; false (and nothing kept) when full.
  bool add(const RawIe& ie) noexcept {
    if (size == kCapacity) return false;
    ies[size++] = ie;
    return true;
  }
};

// Table 8.2.4.1. Octet 3: EPS attach type (9.9.3.11, bits 3..1; 100 and 101 kept) and NAS key set
// identifier (9.9.3.21, bits 8..5). Contracts: eps_attach_type 0..6 (7 is reserved), ksi 0..7
// (7 is "no key is available" UE to network), ue_network_capability 2..13 octets (9.9.3.34,
// positional: octets 3, 4 then UEA, UIA, ...), esm_message_container 3..65535 octets (not
// interpreted, 7.5.2), ms_network_capability 2..8 octets (TS 24.008 10.5.5.12).
struct AttachRequest {
  std::uint8_t eps_attach_type = 1;
  NasKeySetIdentifier nas_key_set_identifier{false, 7};
  EpsMobileIdentity eps_mobile_identity;
  ByteView ue_network_capability;
  ByteView esm_message_container;
  std::optional<Guti> additional_guti;                                              // 50
  std::optional<ByteView> ms_network_capability;                                    // 31
  std::optional<bool> tmsi_status;           // 9-, TS 24.008 10.5.5.4: "valid TMSI available"
  std::optional<bool> old_guti_type_mapped;  // E-, 9.9.3.45
  std::optional<UeAdditionalSecurityCapability> ue_additional_security_capability;  // 6F
  RawIes other_ies;
};

// Table 8.2.29.1. Octet 3: EPS update type (9.9.3.14: "Active" flag bit 4, value bits 3..1) and
// NAS key set identifier (bits 8..5). Old GUTI: LV 12, the GUTI form. Contracts: eps_update_type
// 0..5 (6 and 7 are reserved), key set identifiers and the GPRS CKSN 0..7, sizes as above.
struct TrackingAreaUpdateRequest {
  std::uint8_t eps_update_type = 0;
  bool active_flag = false;
  NasKeySetIdentifier nas_key_set_identifier{false, 7};
  Guti old_guti;
  std::optional<NasKeySetIdentifier> non_current_native_nas_key_set_identifier;  // B-
  std::optional<std::uint8_t> gprs_ciphering_key_sequence_number;  // 8-, TS 24.008 10.5.1.2
  std::optional<Guti> additional_guti;                             // 50
  std::optional<std::uint32_t> nonce_ue;                           // 55, 9.9.3.25
  std::optional<ByteView> ue_network_capability;                   // 58, 2..13 octets
  std::optional<ByteView> ms_network_capability;                   // 31, 2..8 octets
  std::optional<bool> tmsi_status;                                 // 9-
  std::optional<bool> old_guti_type_mapped;                        // E-
  std::optional<UeAdditionalSecurityCapability> ue_additional_security_capability;  // 6F
  RawIes other_ies;
};

// Table 8.2.7.1: NAS key set identifierASME (octet 3, bits 4..1; the spare half octet above is
// not checked), RAND (V 16, TS 24.008 10.5.3.1), AUTN (LV 17, TS 24.008 10.5.3.1.1).
// Contracts: ksi 0..6 (7 is reserved network to UE), rand and autn 16 octets each.
struct AuthenticationRequest {
  NasKeySetIdentifier nas_key_set_identifier_asme;
  ByteView rand;
  ByteView autn;
};

// Table 8.2.8.1: Authentication response parameter (9.9.3.4). Contract: res is 4..16 octets.
struct AuthenticationResponse {
  ByteView res;
};

// Table 8.2.5.1: EMM cause (9.9.3.9, kept as received) and the optional Authentication failure
// parameter (30, TS 24.008 10.5.3.2.2: AUTS, 14 octets).
struct AuthenticationFailure {
  std::uint8_t emm_cause = 0;
  std::optional<std::span<const std::uint8_t, 14>> auts;
};

// Table 8.2.6.1: nothing after the message type.
struct AuthenticationReject {};

// Table 8.2.25.1 with the SERVICE REQUEST header of table 9.3.1 (no message type). Octet 1:
// header 11xx, whose bits 6..5 (`header_extension`, NOTE 3: read as 1100 but kept); octet 2
// (9.9.3.19): KSI (bits 8..6, no TSC) and the 5 least significant bits of the NAS COUNT; octets
// 3..4: the short MAC (9.9.3.28). Contracts: header_extension 0..3, ksi 0..7, sequence_number
// 0..31.
struct ServiceRequest {
  std::uint8_t header_extension = 0;
  std::uint8_t ksi = 0;
  std::uint8_t sequence_number = 0;
  std::array<std::uint8_t, 2> short_mac{};
};

using EmmMessage = std::variant<AttachRequest, TrackingAreaUpdateRequest, AuthenticationRequest,
                                AuthenticationResponse, AuthenticationFailure, AuthenticationReject,
                                SecurityModeCommand, SecurityModeComplete, SecurityModeReject>;
using EmmPdu = std::variant<EmmMessage, SecurityProtectedMessage, ServiceRequest>;

// Plain NAS messages (security header type 0). Errors as the spec twin reports them: the header
// (7.2, 9.2, 9.3.1, table 9.8.1), a missing or cut mandatory IE (7.5.1), a reserved or
// syntactically incorrect mandatory value (7.5.1), an unknown comprehension-required IE.
Decoded<AttachRequest> decode_attach_request(ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
Decoded<TrackingAreaUpdateRequest> decode_tracking_area_update_request(
    ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
Decoded<AuthenticationRequest> decode_authentication_request(
    ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
Decoded<AuthenticationResponse> decode_authentication_response(
    ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
Decoded<AuthenticationFailure> decode_authentication_failure(
    ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
Decoded<AuthenticationReject> decode_authentication_reject(
    ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
// Errors: PD not EMM, a security header type other than 12..15, fewer than 4 octets; octets after
// the short MAC are a non-imperative part with no known IE.
Decoded<ServiceRequest> decode_service_request(ByteView pdu,
                                               std::span<IgnoredIe> sink = {}) noexcept;

// Any plain EMM message, by its message type (table 9.8.1); an unknown one is an error at offset
// 1 (7.4), after the PD and the security header type are checked.
Decoded<EmmMessage> decode_emm_message(ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;
// Any EMM PDU by the security header type of octet 1 (table 9.3.1): 0, a plain message; 1..5,
// a security protected NAS message, its NAS message not looked into; 12..15, SERVICE REQUEST.
Decoded<EmmPdu> decode_emm_pdu(ByteView pdu, std::span<IgnoredIe> sink = {}) noexcept;

Encoded encode(const AttachRequest& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const TrackingAreaUpdateRequest& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const AuthenticationRequest& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const AuthenticationResponse& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const AuthenticationFailure& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const AuthenticationReject& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const ServiceRequest& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const EmmMessage& m, std::span<std::uint8_t> out) noexcept;
Encoded encode(const EmmPdu& m, std::span<std::uint8_t> out) noexcept;

}  // namespace secmode::impl::nas
