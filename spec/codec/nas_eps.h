// Spec-twin codec for the EPS NAS security mode messages of TS 24.301 (V17.9.0 tables): the
// security protected NAS message header (8.2.23, 9.1, 9.3.1) and SECURITY MODE COMMAND,
// COMPLETE and REJECT (8.2.20-8.2.22) with every IE of their tables.
//
// Decoders take one whole PDU, never throw, never read outside it, and report offsets from its
// first octet. Encoders write the canonical form: IEs in table order, spare bits zero. They
// throw std::invalid_argument when a value cannot be encoded (contracts below).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "spec/codec/codec_error.h"
#include "spec/crypto/bytes.h"

namespace secmode::spec::nas {

constexpr std::uint8_t kEmmProtocolDiscriminator = 0x7;  // TS 24.007 11.2.3.1.1, TS 24.301 9.2

// TS 24.301 table 9.3.1. Values 6..11 are reserved; 13..15 are read as 12 (NOTE 3).
enum class SecurityHeaderType : std::uint8_t {
  plain = 0,
  integrity_protected = 1,
  integrity_protected_ciphered = 2,
  integrity_protected_new_context = 3,           // SECURITY MODE COMMAND only (NOTE 1)
  integrity_protected_ciphered_new_context = 4,  // SECURITY MODE COMPLETE only (NOTE 2)
  integrity_protected_partially_ciphered = 5,    // CONTROL PLANE SERVICE REQUEST only (NOTE 4)
  service_request = 12,                          // non-standard L3 message (8.2.25)
};

// TS 24.301 8.2.23: PD and security header type, MAC (9.5), sequence number (9.6), NAS message.
struct SecurityProtectedMessage {
  SecurityHeaderType type = SecurityHeaderType::integrity_protected;  // 1..5
  Mac32 mac{};
  std::uint8_t sequence_number = 0;
  Bytes nas_message;  // the plain NAS message (9.7), ciphered when `type` says so; 1..n octets
  bool operator==(const SecurityProtectedMessage&) const = default;
};

// The first octet of any EMM message: checks the PD and maps the security header type.
Decoded<SecurityHeaderType> decode_security_header_type(ByteView pdu);

// Errors: PD not EMM, security header type plain, reserved or SERVICE REQUEST, fewer than 7 octets.
Decoded<SecurityProtectedMessage> decode_security_protected(ByteView pdu);
// Contract: type is 1..5 and nas_message is not empty.
Bytes encode(const SecurityProtectedMessage& m);

// TS 24.301 9.9.3.23: type of ciphering algorithm (EEA0..EEA7) and of integrity protection
// algorithm (EIA0..EIA7), 3 bits each.
struct NasSecurityAlgorithms {
  std::uint8_t ciphering = 0;
  std::uint8_t integrity = 0;
  bool operator==(const NasSecurityAlgorithms&) const = default;
};

// TS 24.301 9.9.3.21: TSC (false: native, true: mapped) and the 3-bit key set identifier.
struct NasKeySetIdentifier {
  bool mapped = false;
  std::uint8_t ksi = 0;  // 7 is "no key is available" UE to network, reserved network to UE
  bool operator==(const NasKeySetIdentifier&) const = default;
};

// TS 24.301 9.9.3.36, octets 3..7 as bitmaps (bit 8 = algorithm 0 or spare, bit 1 = algorithm 7;
// bit 1 of eia is EPS-UPIP). Octets 5 and 6 come together; octet 7 only after them.
struct UeSecurityCapability {
  std::uint8_t eea = 0;
  std::uint8_t eia = 0;
  std::optional<std::uint8_t> uea;
  std::optional<std::uint8_t> uia;  // bit 8 spare
  std::optional<std::uint8_t> gea;  // bit 8 spare
  bool operator==(const UeSecurityCapability&) const = default;
};

// TS 24.301 9.9.3.53: 5G-EA0..15 and 5G-IA0..15, bit 15 of each word = algorithm 0.
struct UeAdditionalSecurityCapability {
  std::uint16_t ea = 0;
  std::uint16_t ia = 0;
  bool operator==(const UeAdditionalSecurityCapability&) const = default;
};

// TS 24.301 table 8.2.20.1.
struct SecurityModeCommand {
  NasSecurityAlgorithms selected_nas_security_algorithms;
  NasKeySetIdentifier nas_key_set_identifier;  // ksi 0..6
  UeSecurityCapability replayed_ue_security_capabilities;
  std::optional<std::uint8_t> imeisv_request;  // C-, TS 24.008 10.5.5.10: 3 bits, 001 = requested
  std::optional<std::uint32_t> replayed_nonce_ue;       // 55, 9.9.3.25
  std::optional<std::uint32_t> nonce_mme;               // 56, 9.9.3.25
  std::optional<std::array<std::uint8_t, 8>> hash_mme;  // 4F, 9.9.3.50
  std::optional<UeAdditionalSecurityCapability> replayed_ue_additional_security_capability;  // 6F
  std::optional<bool> ue_radio_capability_id_request;  // 37, 9.9.3.59: the URCIDR bit
  bool operator==(const SecurityModeCommand&) const = default;
};

// TS 24.301 table 8.2.21.1.
struct SecurityModeComplete {
  std::optional<std::string> imeisv;  // 23, mobile identity (TS 24.008 10.5.1.4): 16 digits
  std::optional<Bytes> replayed_nas_message_container;  // 79, 9.9.3.51: 0..65535 octets
  std::optional<Bytes> ue_radio_capability_id;  // 66, 9.9.3.60 (TS 24.501 9.11.3.68): 1..255
  bool operator==(const SecurityModeComplete&) const = default;
};

// TS 24.301 table 8.2.22.1; causes in 9.9.3.9 (#23 UE security capabilities mismatch, #24
// security mode rejected, unspecified).
struct SecurityModeReject {
  std::uint8_t emm_cause = 0;
  bool operator==(const SecurityModeReject&) const = default;
};

using SecurityModeMessage =
    std::variant<SecurityModeCommand, SecurityModeComplete, SecurityModeReject>;

// Plain NAS messages (security header type 0), e.g. the nas_message of an integrity-only PDU.
Decoded<SecurityModeCommand> decode_security_mode_command(ByteView pdu);
Decoded<SecurityModeComplete> decode_security_mode_complete(ByteView pdu);
Decoded<SecurityModeReject> decode_security_mode_reject(ByteView pdu);
// Dispatches on the message type (TS 24.301 table 9.8.1: 0x5d, 0x5e, 0x5f).
Decoded<SecurityModeMessage> decode_security_mode_message(ByteView pdu);

// Contracts: 3-bit fields fit; ksi is not 7 (reserved network to UE); UE security capability
// octets as in 9.9.3.36; IMEISV is 16 decimal digits; container and ID sizes as noted above.
Bytes encode(const SecurityModeCommand& m);
Bytes encode(const SecurityModeComplete& m);
Bytes encode(const SecurityModeReject& m);
Bytes encode(const SecurityModeMessage& m);

}  // namespace secmode::spec::nas
