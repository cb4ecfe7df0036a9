// Spec-twin codec for the 5GS NAS security mode messages of TS 24.501 (V17.9.0 tables): the
// security protected 5GS NAS message (8.2.28, 9.1.1, 9.3) and SECURITY MODE COMMAND, COMPLETE
// and REJECT (8.2.25-8.2.27) with every IE of their tables.
//
// Decoders take one whole PDU, never throw, never read outside it, and report offsets from its
// first octet. Encoders write the canonical form: IEs in table order, spare bits zero. They
// throw std::invalid_argument when a value cannot be encoded (contracts below). Values the
// tables leave unassigned but that fit their field (a 4-bit algorithm identity 8..15, an IMEISV
// request value other than 000 and 001, any 5GMM cause) are decoded and encoded as they are:
// what a receiver does with them is the procedure's business (clause 5), not the codec's.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "spec/codec/codec_error.h"
#include "spec/codec/nas_eps.h"
#include "spec/crypto/bytes.h"

namespace secmode::spec::nas5gs {

// TS 24.007 (EPD values), TS 24.501 9.2: octet 1 of every 5GMM message, and of every security
// protected 5GS NAS message.
constexpr std::uint8_t kFiveGmmEpd = 0x7e;

// TS 24.501 table 9.3.1, bits 4..1 of octet 2. "All other values are reserved."
enum class SecurityHeaderType : std::uint8_t {
  plain = 0,
  integrity_protected = 1,
  integrity_protected_ciphered = 2,
  integrity_protected_new_context = 3,           // SECURITY MODE COMMAND only (NOTE 1)
  integrity_protected_ciphered_new_context = 4,  // SECURITY MODE COMPLETE only (NOTE 2)
};

// TS 24.501 table 8.2.28.1.1: EPD, security header type and spare half octet, MAC (9.8),
// sequence number (9.10), plain 5GS NAS message (9.9).
struct SecurityProtectedMessage {
  SecurityHeaderType type = SecurityHeaderType::integrity_protected;  // 1..4
  Mac32 mac{};
  std::uint8_t sequence_number = 0;
  // 3-n octets, or 2 for a TS 38.509 test mode control message (table NOTE); ciphered when
  // `type` says so. With type 1 or 3 it is readable and must not itself be a security
  // protected 5GS NAS message (9.9).
  Bytes plain_nas_message;
  bool operator==(const SecurityProtectedMessage&) const = default;
};

// Octets 1 and 2 of any 5GMM message: checks the EPD and maps the security header type (the
// spare half octet, bits 8..5, is not interpreted). Errors: EPD not 5GMM, reserved type.
Decoded<SecurityHeaderType> decode_security_header_type(ByteView pdu);

// Errors: EPD not 5GMM, security header type plain or reserved, fewer than 9 octets, a readable
// (type 1 or 3) plain 5GS NAS message that is itself security protected.
Decoded<SecurityProtectedMessage> decode_security_protected(ByteView pdu);
// Contract: type is 1..4, plain_nas_message has at least 2 octets and, with type 1 or 3, does not
// start with a 5GMM EPD and a non-zero security header type.
Bytes encode(const SecurityProtectedMessage& m);

// TS 24.501 9.11.3.34: type of ciphering algorithm (bits 8..5: 5G-EA0..7) and of integrity
// protection algorithm (bits 4..1: 5G-IA0..7). Four bits each; 8..15 are reserved.
struct NasSecurityAlgorithms {
  std::uint8_t ciphering = 0;
  std::uint8_t integrity = 0;
  bool operator==(const NasSecurityAlgorithms&) const = default;
};

// TS 24.501 9.11.3.32: TSC (false: native, for KSI_AMF; true: mapped, for KSI_ASME) and the 3-bit
// NAS key set identifier (ngKSI); 111 is "no key is available" UE to network, reserved network
// to UE.
struct NasKeySetIdentifier {
  bool mapped = false;
  std::uint8_t ksi = 0;
  bool operator==(const NasKeySetIdentifier&) const = default;
};

// TS 24.501 9.11.3.54, octets 3.. as bitmaps, bit 8 = algorithm 0, bit 1 = algorithm 7: 5G-EA
// (octet 3), 5G-IA (4), EEA (5), EIA (6). Octets 5 and 6 come together. Octets 7 to 10 are spare,
// but an AMF stores them as received and replays them, so they are kept: 0, 2 (octets 7 and 8)
// or 4 octets, and only after octets 5 and 6.
struct UeSecurityCapability {
  std::uint8_t ea = 0;
  std::uint8_t ia = 0;
  std::optional<std::uint8_t> eea;
  std::optional<std::uint8_t> eia;
  Bytes octets_7_to_10;
  bool operator==(const UeSecurityCapability&) const = default;
};

// TS 24.501 9.11.3.12, octet 3: RINMR (bit 2) and HDP (bit 1); bits 8..3 spare.
struct Additional5gSecurityInformation {
  bool retransmission_of_initial_nas_message_requested = false;  // RINMR
  bool horizontal_derivation_required = false;                   // HDP
  bool operator==(const Additional5gSecurityInformation&) const = default;
};

// TS 24.501 table 8.2.25.1.1.
struct SecurityModeCommand {
  NasSecurityAlgorithms selected_nas_security_algorithms;
  NasKeySetIdentifier ngksi;  // ksi 0..6
  UeSecurityCapability replayed_ue_security_capabilities;
  std::optional<std::uint8_t> imeisv_request;  // E-, 9.11.3.28 -> TS 24.008 10.5.5.10: 3 bits
  // 57, 9.11.3.25 -> TS 24.301 9.9.3.23: 3-bit EEA and EIA identities.
  std::optional<nas::NasSecurityAlgorithms> selected_eps_nas_security_algorithms;
  std::optional<Additional5gSecurityInformation> additional_5g_security_information;  // 36
  std::optional<Bytes> eap_message;  // 78, 9.11.2.2: an RFC 3748 EAP message, 4..1500 octets
  std::optional<Bytes> abba;         // 38, 9.11.3.10: 2..255 octets
  // 19, 9.11.3.48A -> TS 24.301 9.9.3.36: 2, 4 or 5 octets.
  std::optional<nas::UeSecurityCapability> replayed_s1_ue_security_capabilities;
  bool operator==(const SecurityModeCommand&) const = default;
};

// The PEIs a 5GS mobile identity (9.11.3.4) can carry other than the IMEISV.
struct Imei {
  std::string digits;  // 15 decimal digits (TS 23.003)
  bool operator==(const Imei&) const = default;
};
struct MacAddress {
  std::array<std::uint8_t, 6> address{};
  bool not_usable_as_equipment_identifier = false;  // MAURI, octet 4 bit 4
  bool operator==(const MacAddress&) const = default;
};
struct Eui64 {
  std::array<std::uint8_t, 8> value{};
  bool operator==(const Eui64&) const = default;
};
using NonImeisvPei = std::variant<Imei, MacAddress, Eui64>;

// TS 24.501 table 8.2.26.1.1.
struct SecurityModeComplete {
  std::optional<std::string> imeisv;           // 77, 5GS mobile identity: 16 decimal digits
  std::optional<Bytes> nas_message_container;  // 71, 9.11.3.33: 1..65535 octets
  std::optional<NonImeisvPei> non_imeisv_pei;  // 78, 5GS mobile identity
  bool operator==(const SecurityModeComplete&) const = default;
};

// TS 24.501 table 8.2.27.1.1; causes in 9.11.3.2 (#23 UE security capabilities mismatch, #24
// security mode rejected, unspecified). An unknown cause is kept as received; table 9.11.3.2.1
// tells the receiver to treat it as #111.
struct SecurityModeReject {
  std::uint8_t cause = 0;
  bool operator==(const SecurityModeReject&) const = default;
};

using SecurityModeMessage =
    std::variant<SecurityModeCommand, SecurityModeComplete, SecurityModeReject>;

// Plain 5GS NAS messages (security header type 0), e.g. the plain_nas_message of an integrity
// protected PDU.
Decoded<SecurityModeCommand> decode_security_mode_command(ByteView pdu);
Decoded<SecurityModeComplete> decode_security_mode_complete(ByteView pdu);
Decoded<SecurityModeReject> decode_security_mode_reject(ByteView pdu);
// Dispatches on the message type, octet 3 (TS 24.501 table 9.7.1: 0x5d, 0x5e, 0x5f).
Decoded<SecurityModeMessage> decode_security_mode_message(ByteView pdu);

// Contracts: 4-bit and 3-bit fields fit; ksi is not 7 (reserved network to UE); UE security
// capability octets as in 9.11.3.54 and S1 ones as in TS 24.301 9.9.3.36 (see above); EAP
// message, ABBA and container sizes as noted; IMEISV 16 and IMEI 15 decimal digits.
Bytes encode(const SecurityModeCommand& m);
Bytes encode(const SecurityModeComplete& m);
Bytes encode(const SecurityModeReject& m);
Bytes encode(const SecurityModeMessage& m);

}  // namespace secmode::spec::nas5gs
