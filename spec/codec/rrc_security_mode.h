// Spec-twin codec for the RRC security mode messages, as whole DCCH PDUs in unaligned PER
// (X.691): NR (TS 38.331, ASN.1 of the pycrate 38.331 module) DL-DCCH SecurityModeCommand and
// UL-DCCH SecurityModeComplete / SecurityModeFailure, and their LTE (TS 36.331) equivalents.
// The ASN.1 productions are quoted in rrc_security_mode_nr.cpp and rrc_security_mode_lte.cpp
// (shared pieces: rrc_dcch.h) next to the code that reads them.
//
// Decoders take one whole PDU, never throw and never read outside it. Errors carry the message
// ("DL-DCCH-Message", "UL-DCCH-Message"), the ASN.1 path of the field at fault (e.g.
// "securityModeCommand.criticalExtensions") and its BIT offset from the start of the PDU. Any
// other DCCH message, messageClassExtension and criticalExtensionsFuture are errors that name
// what was found. Extension additions of SecurityConfigSMC and (NR) SecurityAlgorithmConfig
// are stepped over (X.691 19.9) and listed in Decoded::ignored() (offset: bit offset of the open
// type; iei: 0). A value from an ENUMERATED's extension (none is defined) is an error.
//
// Encoders write canonical UPER padded with zero bits to a whole octet (X.691 11.1), with no
// extension additions, and throw std::invalid_argument when a value cannot be encoded: a
// transaction identifier above 3, an algorithm outside its 8 root values, an octet string of
// 16384 octets or more (fragmentation is not written; see rrc_uper.h).
#pragma once

#include <cstdint>
#include <optional>
#include <variant>

#include "spec/codec/codec_error.h"
#include "spec/crypto/bytes.h"

namespace secmode::spec::rrc {

namespace nr {

// TS 38.331 CipheringAlgorithm and IntegrityProtAlgorithm: the root values in order (X.691 14
// encodes the index). The spares are decoded as they are; their meaning is not the codec's.
enum class CipheringAlgorithm : std::uint8_t {
  nea0,
  nea1,
  nea2,
  nea3,
  spare4,
  spare3,
  spare2,
  spare1
};
enum class IntegrityProtAlgorithm : std::uint8_t {
  nia0,
  nia1,
  nia2,
  nia3,
  spare4,
  spare3,
  spare2,
  spare1
};

// TS 38.331 SecurityAlgorithmConfig; integrityProtAlgorithm is OPTIONAL, Need R.
struct SecurityAlgorithmConfig {
  CipheringAlgorithm ciphering = CipheringAlgorithm::nea0;
  std::optional<IntegrityProtAlgorithm> integrity;
  bool operator==(const SecurityAlgorithmConfig&) const = default;
};

// SecurityModeCommand with criticalExtensions = securityModeCommand (SecurityModeCommand-IEs,
// whose securityConfigSMC holds only securityAlgorithmConfig).
struct SecurityModeCommand {
  std::uint8_t transaction_id = 0;  // RRC-TransactionIdentifier, 0..3
  SecurityAlgorithmConfig algorithms;
  std::optional<Bytes> late_non_critical_extension;  // OCTET STRING OPTIONAL
  bool non_critical_extension = false;               // SEQUENCE {} OPTIONAL: present or not
  bool operator==(const SecurityModeCommand&) const = default;
};

// SecurityModeComplete-IEs and SecurityModeFailure-IEs have the same two OPTIONAL fields.
struct SecurityModeComplete {
  std::uint8_t transaction_id = 0;
  std::optional<Bytes> late_non_critical_extension;
  bool non_critical_extension = false;
  bool operator==(const SecurityModeComplete&) const = default;
};
struct SecurityModeFailure {
  std::uint8_t transaction_id = 0;
  std::optional<Bytes> late_non_critical_extension;
  bool non_critical_extension = false;
  bool operator==(const SecurityModeFailure&) const = default;
};
using UlSecurityModeMessage = std::variant<SecurityModeComplete, SecurityModeFailure>;

// A DL-DCCH-Message carrying c1.securityModeCommand.
Decoded<SecurityModeCommand> decode_dl_dcch(ByteView pdu);
// An UL-DCCH-Message carrying c1.securityModeComplete or c1.securityModeFailure.
Decoded<UlSecurityModeMessage> decode_ul_dcch(ByteView pdu);

Bytes encode(const SecurityModeCommand& m);   // a DL-DCCH-Message
Bytes encode(const SecurityModeComplete& m);  // an UL-DCCH-Message
Bytes encode(const SecurityModeFailure& m);
Bytes encode(const UlSecurityModeMessage& m);

}  // namespace nr

namespace lte {

// TS 36.331 CipheringAlgorithm-r12 and the ENUMERATED of SecurityAlgorithmConfig's
// integrityProtAlgorithm (both mandatory in LTE).
enum class CipheringAlgorithm : std::uint8_t {
  eea0,
  eea1,
  eea2,
  eea3_v1130,
  spare4,
  spare3,
  spare2,
  spare1
};
enum class IntegrityProtAlgorithm : std::uint8_t {
  eia0_v920,
  eia1,
  eia2,
  eia3_v1130,
  spare4,
  spare3,
  spare2,
  spare1
};

struct SecurityAlgorithmConfig {
  CipheringAlgorithm ciphering = CipheringAlgorithm::eea0;
  IntegrityProtAlgorithm integrity = IntegrityProtAlgorithm::eia0_v920;
  bool operator==(const SecurityAlgorithmConfig&) const = default;
};

// SecurityModeCommand-v8a0-IEs, SecurityModeComplete-v8a0-IEs and SecurityModeFailure-v8a0-IEs
// are the same SEQUENCE.
struct NonCriticalExtensionV8a0 {
  std::optional<Bytes> late_non_critical_extension;  // OCTET STRING OPTIONAL
  bool non_critical_extension = false;               // SEQUENCE {} OPTIONAL
  bool operator==(const NonCriticalExtensionV8a0&) const = default;
};

// criticalExtensions = c1.securityModeCommand-r8 (SecurityModeCommand-r8-IEs).
struct SecurityModeCommand {
  std::uint8_t transaction_id = 0;  // 0..3
  SecurityAlgorithmConfig algorithms;
  std::optional<NonCriticalExtensionV8a0> non_critical_extension;
  bool operator==(const SecurityModeCommand&) const = default;
};
// criticalExtensions = securityModeComplete-r8 / securityModeFailure-r8.
struct SecurityModeComplete {
  std::uint8_t transaction_id = 0;
  std::optional<NonCriticalExtensionV8a0> non_critical_extension;
  bool operator==(const SecurityModeComplete&) const = default;
};
struct SecurityModeFailure {
  std::uint8_t transaction_id = 0;
  std::optional<NonCriticalExtensionV8a0> non_critical_extension;
  bool operator==(const SecurityModeFailure&) const = default;
};
using UlSecurityModeMessage = std::variant<SecurityModeComplete, SecurityModeFailure>;

Decoded<SecurityModeCommand> decode_dl_dcch(ByteView pdu);
Decoded<UlSecurityModeMessage> decode_ul_dcch(ByteView pdu);

Bytes encode(const SecurityModeCommand& m);
Bytes encode(const SecurityModeComplete& m);
Bytes encode(const SecurityModeFailure& m);
Bytes encode(const UlSecurityModeMessage& m);

}  // namespace lte

}  // namespace secmode::spec::rrc
