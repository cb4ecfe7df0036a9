// TS 38.331 (NR) security mode messages on the DCCH in UPER: one pass over the PDU, octet
// strings as views. The ASN.1 (NR-RRC-Definitions, Rel-18) is quoted above what reads it; the
// error paths are the spec twin's, spelled out as whole static strings.
#include <variant>

#include "impl/codec/rrc_security_mode.h"
#include "impl/codec/rrc_uper.h"

namespace secmode::impl::rrc::nr {
namespace {

using uper::Reader;
using uper::Writer;

// DL-DCCH-MessageType ::= CHOICE { c1 CHOICE { <the 16 below> }, messageClassExtension SEQUENCE {}
// }
constexpr uper::Reasons kDlC1{
    SECMODE_RRC_C1("rrcReconfiguration"),
    SECMODE_RRC_C1("rrcResume"),
    SECMODE_RRC_C1("rrcRelease"),
    SECMODE_RRC_C1("rrcReestablishment"),
    SECMODE_RRC_C1("securityModeCommand"),
    SECMODE_RRC_C1("dlInformationTransfer"),
    SECMODE_RRC_C1("ueCapabilityEnquiry"),
    SECMODE_RRC_C1("counterCheck"),
    SECMODE_RRC_C1("mobilityFromNRCommand"),
    SECMODE_RRC_C1("dlDedicatedMessageSegment-r16"),
    SECMODE_RRC_C1("ueInformationRequest-r16"),
    SECMODE_RRC_C1("dlInformationTransferMRDC-r16"),
    SECMODE_RRC_C1("loggedMeasurementConfiguration-r16"),
    SECMODE_RRC_C1("spare3"),
    SECMODE_RRC_C1("spare2"),
    SECMODE_RRC_C1("spare1"),
};
constexpr std::uint32_t kSecurityModeCommand = 4;

// UL-DCCH-MessageType ::= CHOICE { c1 CHOICE { <16> }, messageClassExtension CHOICE {
//     c2 CHOICE { <16> }, messageClassExtensionFuture-r16 SEQUENCE {} } }
constexpr uper::Reasons kUlC1{
    SECMODE_RRC_C1("measurementReport"),
    SECMODE_RRC_C1("rrcReconfigurationComplete"),
    SECMODE_RRC_C1("rrcSetupComplete"),
    SECMODE_RRC_C1("rrcReestablishmentComplete"),
    SECMODE_RRC_C1("rrcResumeComplete"),
    SECMODE_RRC_C1("securityModeComplete"),
    SECMODE_RRC_C1("securityModeFailure"),
    SECMODE_RRC_C1("ulInformationTransfer"),
    SECMODE_RRC_C1("locationMeasurementIndication"),
    SECMODE_RRC_C1("ueCapabilityInformation"),
    SECMODE_RRC_C1("counterCheckResponse"),
    SECMODE_RRC_C1("ueAssistanceInformation"),
    SECMODE_RRC_C1("failureInformation"),
    SECMODE_RRC_C1("ulInformationTransferMRDC"),
    SECMODE_RRC_C1("scgFailureInformation"),
    SECMODE_RRC_C1("scgFailureInformationEUTRA"),
};
constexpr uper::Reasons kUlC2{
    SECMODE_RRC_C2("ulDedicatedMessageSegment-r16"),
    SECMODE_RRC_C2("dedicatedSIBRequest-r16"),
    SECMODE_RRC_C2("mcgFailureInformation-r16"),
    SECMODE_RRC_C2("ueInformationResponse-r16"),
    SECMODE_RRC_C2("sidelinkUEInformationNR-r16"),
    SECMODE_RRC_C2("ulInformationTransferIRAT-r16"),
    SECMODE_RRC_C2("iabOtherInformation-r16"),
    SECMODE_RRC_C2("mbsInterestIndication-r17"),
    SECMODE_RRC_C2("uePositioningAssistanceInfo-r17"),
    SECMODE_RRC_C2("measurementReportAppLayer-r17"),
    SECMODE_RRC_C2("indirectPathFailureInformation-r18"),
    SECMODE_RRC_C2("spare5"),
    SECMODE_RRC_C2("spare4"),
    SECMODE_RRC_C2("spare3"),
    SECMODE_RRC_C2("spare2"),
    SECMODE_RRC_C2("spare1"),
};
constexpr std::uint32_t kSecurityModeComplete = 5;
constexpr std::uint32_t kSecurityModeFailure = 6;

// The ASN.1 paths of SecurityModeCommand, as the spec twin names them.
#define SMC_IES "securityModeCommand.criticalExtensions.securityModeCommand"
constexpr const char* kTid = "securityModeCommand.rrc-TransactionIdentifier";
constexpr const char* kCritical = "securityModeCommand.criticalExtensions";
constexpr const char* kIes = SMC_IES;
constexpr const char* kSmc = SMC_IES ".securityConfigSMC";
constexpr const char* kSac = SMC_IES ".securityConfigSMC.securityAlgorithmConfig";
constexpr const char* kCiphering =
    SMC_IES ".securityConfigSMC.securityAlgorithmConfig.cipheringAlgorithm";
constexpr const char* kIntegrity =
    SMC_IES ".securityConfigSMC.securityAlgorithmConfig.integrityProtAlgorithm";
constexpr const char* kLate = SMC_IES ".lateNonCriticalExtension";
constexpr const char* kCommandFuture =
    "criticalExtensionsFuture of securityModeCommand is not decoded here";
#undef SMC_IES

// SecurityModeComplete and SecurityModeFailure differ only in these names.
struct ResponsePaths {
  const char* tid;
  const char* critical;
  const char* future;  // the reason for criticalExtensionsFuture
  const char* ies;
  const char* late;
};
constexpr ResponsePaths kCompletePaths{
    "securityModeComplete.rrc-TransactionIdentifier", "securityModeComplete.criticalExtensions",
    "criticalExtensionsFuture of securityModeComplete is not decoded here",
    "securityModeComplete.criticalExtensions.securityModeComplete",
    "securityModeComplete.criticalExtensions.securityModeComplete.lateNonCriticalExtension"};
constexpr ResponsePaths kFailurePaths{
    "securityModeFailure.rrc-TransactionIdentifier", "securityModeFailure.criticalExtensions",
    "criticalExtensionsFuture of securityModeFailure is not decoded here",
    "securityModeFailure.criticalExtensions.securityModeFailure",
    "securityModeFailure.criticalExtensions.securityModeFailure.lateNonCriticalExtension"};

// SecurityModeCommand ::= SEQUENCE {
//     rrc-TransactionIdentifier  RRC-TransactionIdentifier,
//     criticalExtensions         CHOICE { securityModeCommand SecurityModeCommand-IEs,
//                                         criticalExtensionsFuture SEQUENCE {} } }
// SecurityModeCommand-IEs ::= SEQUENCE {
//     securityConfigSMC          SecurityConfigSMC,
//     lateNonCriticalExtension   OCTET STRING  OPTIONAL,
//     nonCriticalExtension       SEQUENCE{}    OPTIONAL }
// SecurityConfigSMC ::= SEQUENCE { securityAlgorithmConfig SecurityAlgorithmConfig, ... }
// SecurityAlgorithmConfig ::= SEQUENCE {
//     cipheringAlgorithm         CipheringAlgorithm,
//     integrityProtAlgorithm     IntegrityProtAlgorithm  OPTIONAL,   -- Need R
//     ... }
// Both algorithm ENUMERATEDs: 8 root values, `...`.
// The extension bits of SecurityConfigSMC and SecurityAlgorithmConfig come first (preambles,
// X.691 19.1-19.3), their additions after their root components: SecurityAlgorithmConfig's,
// then SecurityConfigSMC's (19.7-19.9), then lateNonCriticalExtension.
bool read_command(Reader& r, SecurityModeCommand& m, uper::Sink& sink) noexcept {
  const auto tid = uper::read_transaction_id(r, kTid);
  if (!tid || !uper::read_critical_extensions(r, kCritical, kCommandFuture)) return false;
  m.transaction_id = *tid;
  const auto ies = r.bitmap(kIes, 2);  // late, nonCritical
  const auto smc = r.bitmap(kSmc, 1);  // extension bit
  const auto sac = r.bitmap(kSac, 2);  // extension bit, integrity present
  if (!ies || !smc || !sac) return false;
  const auto ciphering = uper::read_algorithm(r, kCiphering);
  if (!ciphering) return false;
  m.algorithms.ciphering = static_cast<CipheringAlgorithm>(*ciphering);
  if (*sac & 1u) {
    const auto integrity = uper::read_algorithm(r, kIntegrity);
    if (!integrity) return false;
    m.algorithms.integrity = static_cast<IntegrityProtAlgorithm>(*integrity);
  }
  if ((*sac & 2u) && !r.skip_extension_additions(kSac, sink)) return false;
  if (*smc && !r.skip_extension_additions(kSmc, sink)) return false;
  if (*ies & 2u) {
    m.late_non_critical_extension = uper::read_octet_string(r, kLate);
    if (!m.late_non_critical_extension) return false;
  }
  m.non_critical_extension = (*ies & 1u) != 0;  // SEQUENCE {}: no bits of its own
  return true;
}

// SecurityModeComplete ::= SEQUENCE {
//     rrc-TransactionIdentifier  RRC-TransactionIdentifier,
//     criticalExtensions         CHOICE { securityModeComplete SecurityModeComplete-IEs,
//                                         criticalExtensionsFuture SEQUENCE {} } }
// SecurityModeComplete-IEs ::= SEQUENCE {
//     lateNonCriticalExtension   OCTET STRING  OPTIONAL,
//     nonCriticalExtension       SEQUENCE{}    OPTIONAL }
// SecurityModeFailure, SecurityModeFailure-IEs: the same with securityModeFailure.
template <typename M>
bool read_response(Reader& r, const ResponsePaths& p, M& m) noexcept {
  const auto tid = uper::read_transaction_id(r, p.tid);
  if (!tid || !uper::read_critical_extensions(r, p.critical, p.future)) return false;
  m.transaction_id = *tid;
  const auto ies = r.bitmap(p.ies, 2);
  if (!ies) return false;
  if (*ies & 2u) {
    m.late_non_critical_extension = uper::read_octet_string(r, p.late);
    if (!m.late_non_critical_extension) return false;
  }
  m.non_critical_extension = (*ies & 1u) != 0;
  return true;
}

template <typename M>
Encoded write_response(const M& m, std::uint32_t c1_index, std::span<std::uint8_t> out) noexcept {
  for (const char* broken : {uper::check_transaction_id(m.transaction_id),
                             uper::check_octet_string(m.late_non_critical_extension)})
    if (broken) return {0, false, broken};
  Writer w(out);
  uper::write_message_start(w, c1_index, m.transaction_id);
  w.bit(m.late_non_critical_extension.has_value());
  w.bit(m.non_critical_extension);
  if (m.late_non_critical_extension) {
    w.length(m.late_non_critical_extension->size());
    w.octets(*m.late_non_critical_extension);
  }
  return w.done();
}

}  // namespace

Decoded<SecurityModeCommand> decode_dl_dcch(ByteView pdu, std::span<IgnoredIe> sink) noexcept {
  Reader r(pdu, uper::kDl);
  uper::Sink ignored(sink);
  SecurityModeCommand m;
  if (uper::read_message_type(r, kDlC1, nullptr, "", kSecurityModeCommand, kSecurityModeCommand))
    read_command(r, m, ignored);
  return uper::finish(r, m, &ignored);
}

Decoded<UlSecurityModeMessage> decode_ul_dcch(ByteView pdu) noexcept {
  Reader r(pdu, uper::kUl);
  UlSecurityModeMessage m;
  const auto alt = uper::read_message_type(
      r, kUlC1, &kUlC2,
      "messageClassExtension alternative messageClassExtensionFuture-r16 is not decoded here",
      kSecurityModeComplete, kSecurityModeFailure);
  if (alt == kSecurityModeComplete)
    read_response(r, kCompletePaths, m.emplace<SecurityModeComplete>());
  else if (alt == kSecurityModeFailure)
    read_response(r, kFailurePaths, m.emplace<SecurityModeFailure>());
  return uper::finish(r, m, nullptr);
}

Encoded encode(const SecurityModeCommand& m, std::span<std::uint8_t> out) noexcept {
  const auto& a = m.algorithms;
  for (const char* broken :
       {uper::check_transaction_id(m.transaction_id),
        uper::check_algorithm(static_cast<std::uint8_t>(a.ciphering)),
        a.integrity ? uper::check_algorithm(static_cast<std::uint8_t>(*a.integrity)) : nullptr,
        uper::check_octet_string(m.late_non_critical_extension)})
    if (broken) return {0, false, broken};
  Writer w(out);
  uper::write_message_start(w, kSecurityModeCommand, m.transaction_id);
  w.bit(m.late_non_critical_extension.has_value());  // SecurityModeCommand-IEs bit-map
  w.bit(m.non_critical_extension);
  w.bit(false);  // SecurityConfigSMC: no additions
  w.bit(false);  // SecurityAlgorithmConfig: no additions
  w.bit(a.integrity.has_value());
  w.put(static_cast<std::uint32_t>(a.ciphering), 4);  // extension bit 0, three bits of index
  if (a.integrity) w.put(static_cast<std::uint32_t>(*a.integrity), 4);
  if (m.late_non_critical_extension) {
    w.length(m.late_non_critical_extension->size());
    w.octets(*m.late_non_critical_extension);
  }
  return w.done();
}

Encoded encode(const SecurityModeComplete& m, std::span<std::uint8_t> out) noexcept {
  return write_response(m, kSecurityModeComplete, out);
}
Encoded encode(const SecurityModeFailure& m, std::span<std::uint8_t> out) noexcept {
  return write_response(m, kSecurityModeFailure, out);
}
Encoded encode(const UlSecurityModeMessage& m, std::span<std::uint8_t> out) noexcept {
  return std::visit([out](const auto& v) { return encode(v, out); }, m);
}

}  // namespace secmode::impl::rrc::nr
