// TS 36.331 (LTE) security mode messages on the DCCH in UPER: one pass over the PDU, octet
// strings as views. The ASN.1 (EUTRA-RRC-Definitions, Rel-18) is quoted above what reads it; the
// error paths are the spec twin's, spelled out as whole static strings.
#include <variant>

#include "impl/codec/rrc_security_mode.h"
#include "impl/codec/rrc_uper.h"

namespace secmode::impl::rrc::lte {
namespace {

using uper::Reader;
using uper::Writer;

// DL-DCCH-MessageType ::= CHOICE { c1 CHOICE { <the 16 below> }, messageClassExtension SEQUENCE {}
// }
constexpr uper::Reasons kDlC1{
    SECMODE_RRC_C1("csfbParametersResponseCDMA2000"),
    SECMODE_RRC_C1("dlInformationTransfer"),
    SECMODE_RRC_C1("handoverFromEUTRAPreparationRequest"),
    SECMODE_RRC_C1("mobilityFromEUTRACommand"),
    SECMODE_RRC_C1("rrcConnectionReconfiguration"),
    SECMODE_RRC_C1("rrcConnectionRelease"),
    SECMODE_RRC_C1("securityModeCommand"),
    SECMODE_RRC_C1("ueCapabilityEnquiry"),
    SECMODE_RRC_C1("counterCheck"),
    SECMODE_RRC_C1("ueInformationRequest-r9"),
    SECMODE_RRC_C1("loggedMeasurementConfiguration-r10"),
    SECMODE_RRC_C1("rnReconfiguration-r10"),
    SECMODE_RRC_C1("rrcConnectionResume-r13"),
    SECMODE_RRC_C1("dlDedicatedMessageSegment-r16"),
    SECMODE_RRC_C1("spare2"),
    SECMODE_RRC_C1("spare1"),
};
constexpr std::uint32_t kSecurityModeCommand = 6;

// UL-DCCH-MessageType ::= CHOICE { c1 CHOICE { <16> }, messageClassExtension CHOICE {
//     c2 CHOICE { <16> }, messageClassExtensionFuture-r11 SEQUENCE {} } }
constexpr uper::Reasons kUlC1{
    SECMODE_RRC_C1("csfbParametersRequestCDMA2000"),
    SECMODE_RRC_C1("measurementReport"),
    SECMODE_RRC_C1("rrcConnectionReconfigurationComplete"),
    SECMODE_RRC_C1("rrcConnectionReestablishmentComplete"),
    SECMODE_RRC_C1("rrcConnectionSetupComplete"),
    SECMODE_RRC_C1("securityModeComplete"),
    SECMODE_RRC_C1("securityModeFailure"),
    SECMODE_RRC_C1("ueCapabilityInformation"),
    SECMODE_RRC_C1("ulHandoverPreparationTransfer"),
    SECMODE_RRC_C1("ulInformationTransfer"),
    SECMODE_RRC_C1("counterCheckResponse"),
    SECMODE_RRC_C1("ueInformationResponse-r9"),
    SECMODE_RRC_C1("proximityIndication-r9"),
    SECMODE_RRC_C1("rnReconfigurationComplete-r10"),
    SECMODE_RRC_C1("mbmsCountingResponse-r10"),
    SECMODE_RRC_C1("interFreqRSTDMeasurementIndication-r10"),
};
constexpr uper::Reasons kUlC2{
    SECMODE_RRC_C2("ueAssistanceInformation-r11"),
    SECMODE_RRC_C2("inDeviceCoexIndication-r11"),
    SECMODE_RRC_C2("mbmsInterestIndication-r11"),
    SECMODE_RRC_C2("scgFailureInformation-r12"),
    SECMODE_RRC_C2("sidelinkUEInformation-r12"),
    SECMODE_RRC_C2("wlanConnectionStatusReport-r13"),
    SECMODE_RRC_C2("rrcConnectionResumeComplete-r13"),
    SECMODE_RRC_C2("ulInformationTransferMRDC-r15"),
    SECMODE_RRC_C2("scgFailureInformationNR-r15"),
    SECMODE_RRC_C2("measReportAppLayer-r15"),
    SECMODE_RRC_C2("failureInformation-r15"),
    SECMODE_RRC_C2("ulDedicatedMessageSegment-r16"),
    SECMODE_RRC_C2("purConfigurationRequest-r16"),
    SECMODE_RRC_C2("failureInformation-r16"),
    SECMODE_RRC_C2("mcgFailureInformation-r16"),
    SECMODE_RRC_C2("ulInformationTransferIRAT-r16"),
};
constexpr std::uint32_t kSecurityModeComplete = 5;
constexpr std::uint32_t kSecurityModeFailure = 6;

// The ASN.1 paths of SecurityModeCommand, as the spec twin names them.
#define SMC_R8 "securityModeCommand.criticalExtensions.c1.securityModeCommand-r8"
constexpr const char* kTid = "securityModeCommand.rrc-TransactionIdentifier";
constexpr const char* kCritical = "securityModeCommand.criticalExtensions";
constexpr const char* kC1 = "securityModeCommand.criticalExtensions.c1";
constexpr const char* kIes = SMC_R8;
constexpr const char* kSmc = SMC_R8 ".securityConfigSMC";
constexpr const char* kCiphering =
    SMC_R8 ".securityConfigSMC.securityAlgorithmConfig.cipheringAlgorithm";
constexpr const char* kIntegrity =
    SMC_R8 ".securityConfigSMC.securityAlgorithmConfig.integrityProtAlgorithm";
#undef SMC_R8
constexpr const char* kCommandFuture =
    "criticalExtensionsFuture of securityModeCommand is not decoded here";

// Where each message keeps its SecurityModeXxx-v8a0-IEs.
struct V8a0Paths {
  const char* ies;   // ...nonCriticalExtension
  const char* late;  // ...nonCriticalExtension.lateNonCriticalExtension
};
constexpr V8a0Paths kCommandV8a0{
    "securityModeCommand.criticalExtensions.c1.securityModeCommand-r8.nonCriticalExtension",
    "securityModeCommand.criticalExtensions.c1.securityModeCommand-r8.nonCriticalExtension."
    "lateNonCriticalExtension"};

// SecurityModeComplete and SecurityModeFailure differ only in these names.
struct ResponsePaths {
  const char* tid;
  const char* critical;
  const char* future;  // the reason for criticalExtensionsFuture
  const char* ies;     // ...-r8
  V8a0Paths v8a0;
};
constexpr ResponsePaths kCompletePaths{
    "securityModeComplete.rrc-TransactionIdentifier",
    "securityModeComplete.criticalExtensions",
    "criticalExtensionsFuture of securityModeComplete is not decoded here",
    "securityModeComplete.criticalExtensions.securityModeComplete-r8",
    {"securityModeComplete.criticalExtensions.securityModeComplete-r8.nonCriticalExtension",
     "securityModeComplete.criticalExtensions.securityModeComplete-r8.nonCriticalExtension."
     "lateNonCriticalExtension"}};
constexpr ResponsePaths kFailurePaths{
    "securityModeFailure.rrc-TransactionIdentifier",
    "securityModeFailure.criticalExtensions",
    "criticalExtensionsFuture of securityModeFailure is not decoded here",
    "securityModeFailure.criticalExtensions.securityModeFailure-r8",
    {"securityModeFailure.criticalExtensions.securityModeFailure-r8.nonCriticalExtension",
     "securityModeFailure.criticalExtensions.securityModeFailure-r8.nonCriticalExtension."
     "lateNonCriticalExtension"}};

// SecurityModeCommand-v8a0-IEs ::= SEQUENCE {   (Complete-v8a0 and Failure-v8a0 alike)
//     lateNonCriticalExtension   OCTET STRING  OPTIONAL,
//     nonCriticalExtension       SEQUENCE {}   OPTIONAL }
bool read_v8a0(Reader& r, const V8a0Paths& p,
               std::optional<NonCriticalExtensionV8a0>& out) noexcept {
  const auto map = r.bitmap(p.ies, 2);
  if (!map) return false;
  NonCriticalExtensionV8a0& v = out.emplace();
  if (*map & 2u) {
    v.late_non_critical_extension = uper::read_octet_string(r, p.late);
    if (!v.late_non_critical_extension) return false;
  }
  v.non_critical_extension = (*map & 1u) != 0;
  return true;
}

// The v8a0 SEQUENCE itself; its presence bit belongs to the -r8-IEs bit-map, written earlier.
void write_v8a0(Writer& w, const NonCriticalExtensionV8a0& v) noexcept {
  w.bit(v.late_non_critical_extension.has_value());
  w.bit(v.non_critical_extension);
  if (v.late_non_critical_extension) {
    w.length(v.late_non_critical_extension->size());
    w.octets(*v.late_non_critical_extension);
  }
}

const char* check_v8a0(const std::optional<NonCriticalExtensionV8a0>& v) noexcept {
  return v ? uper::check_octet_string(v->late_non_critical_extension) : nullptr;
}

// SecurityModeCommand ::= SEQUENCE {
//     rrc-TransactionIdentifier  RRC-TransactionIdentifier,
//     criticalExtensions         CHOICE {
//         c1  CHOICE { securityModeCommand-r8 SecurityModeCommand-r8-IEs,
//                      spare3 NULL, spare2 NULL, spare1 NULL },
//         criticalExtensionsFuture SEQUENCE {} } }
// SecurityModeCommand-r8-IEs ::= SEQUENCE {
//     securityConfigSMC          SecurityConfigSMC,
//     nonCriticalExtension       SecurityModeCommand-v8a0-IEs  OPTIONAL }
// SecurityConfigSMC ::= SEQUENCE { securityAlgorithmConfig SecurityAlgorithmConfig, ... }
// SecurityAlgorithmConfig ::= SEQUENCE {     -- no `...`, no OPTIONAL: no preamble (X.691 19)
//     cipheringAlgorithm         CipheringAlgorithm-r12,
//     integrityProtAlgorithm     ENUMERATED { eia0-v920, eia1, eia2, eia3-v1130, spare4, spare3,
//                                             spare2, spare1, ...} }
// CipheringAlgorithm-r12 ::= ENUMERATED { eea0, eea1, eea2, eea3-v1130, spare4, spare3, spare2,
//                                         spare1, ...}
bool read_command(Reader& r, SecurityModeCommand& m, uper::Sink& sink) noexcept {
  static constexpr const char* kSpare[] = {
      "", "criticalExtensions c1 alternative spare3 is not decoded here",
      "criticalExtensions c1 alternative spare2 is not decoded here",
      "criticalExtensions c1 alternative spare1 is not decoded here"};
  const auto tid = uper::read_transaction_id(r, kTid);
  if (!tid || !uper::read_critical_extensions(r, kCritical, kCommandFuture)) return false;
  m.transaction_id = *tid;
  const std::size_t c1_at = r.offset();
  const auto c1 = r.choice(kC1, 4, false);
  if (!c1) return false;
  if (c1->index != 0) return r.fail(c1_at, kC1, kSpare[c1->index]);
  const auto ies = r.bitmap(kIes, 1);  // nonCriticalExtension present
  const auto smc = r.bitmap(kSmc, 1);  // extension bit
  if (!ies || !smc) return false;
  const auto ciphering = uper::read_algorithm(r, kCiphering);
  if (!ciphering) return false;
  const auto integrity = uper::read_algorithm(r, kIntegrity);
  if (!integrity) return false;
  m.algorithms = {static_cast<CipheringAlgorithm>(*ciphering),
                  static_cast<IntegrityProtAlgorithm>(*integrity)};
  if (*smc && !r.skip_extension_additions(kSmc, sink)) return false;
  return !*ies || read_v8a0(r, kCommandV8a0, m.non_critical_extension);
}

// SecurityModeComplete ::= SEQUENCE {
//     rrc-TransactionIdentifier  RRC-TransactionIdentifier,
//     criticalExtensions         CHOICE { securityModeComplete-r8 SecurityModeComplete-r8-IEs,
//                                         criticalExtensionsFuture SEQUENCE {} } }
// SecurityModeComplete-r8-IEs ::= SEQUENCE {
//     nonCriticalExtension       SecurityModeComplete-v8a0-IEs  OPTIONAL }
// SecurityModeFailure, SecurityModeFailure-r8-IEs: the same with securityModeFailure-r8.
template <typename M>
bool read_response(Reader& r, const ResponsePaths& p, M& m) noexcept {
  const auto tid = uper::read_transaction_id(r, p.tid);
  if (!tid || !uper::read_critical_extensions(r, p.critical, p.future)) return false;
  m.transaction_id = *tid;
  const auto ies = r.bitmap(p.ies, 1);
  if (!ies) return false;
  return !*ies || read_v8a0(r, p.v8a0, m.non_critical_extension);
}

template <typename M>
Encoded write_response(const M& m, std::uint32_t c1_index, std::span<std::uint8_t> out) noexcept {
  for (const char* broken :
       {uper::check_transaction_id(m.transaction_id), check_v8a0(m.non_critical_extension)})
    if (broken) return {0, false, broken};
  Writer w(out);
  uper::write_message_start(w, c1_index, m.transaction_id);
  w.bit(m.non_critical_extension.has_value());  // the -r8-IEs bit-map
  if (m.non_critical_extension) write_v8a0(w, *m.non_critical_extension);
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
      "messageClassExtension alternative messageClassExtensionFuture-r11 is not decoded here",
      kSecurityModeComplete, kSecurityModeFailure);
  if (alt == kSecurityModeComplete)
    read_response(r, kCompletePaths, m.emplace<SecurityModeComplete>());
  else if (alt == kSecurityModeFailure)
    read_response(r, kFailurePaths, m.emplace<SecurityModeFailure>());
  return uper::finish(r, m, nullptr);
}

Encoded encode(const SecurityModeCommand& m, std::span<std::uint8_t> out) noexcept {
  for (const char* broken :
       {uper::check_transaction_id(m.transaction_id),
        uper::check_algorithm(static_cast<std::uint8_t>(m.algorithms.ciphering)),
        uper::check_algorithm(static_cast<std::uint8_t>(m.algorithms.integrity)),
        check_v8a0(m.non_critical_extension)})
    if (broken) return {0, false, broken};
  Writer w(out);
  uper::write_message_start(w, kSecurityModeCommand, m.transaction_id);
  w.put(0, 2);                                  // criticalExtensions c1: securityModeCommand-r8
  w.bit(m.non_critical_extension.has_value());  // the -r8-IEs bit-map
  w.bit(false);                                 // SecurityConfigSMC: no additions
  w.put(static_cast<std::uint32_t>(m.algorithms.ciphering), 4);  // extension bit 0, index
  w.put(static_cast<std::uint32_t>(m.algorithms.integrity), 4);
  if (m.non_critical_extension) write_v8a0(w, *m.non_critical_extension);
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

}  // namespace secmode::impl::rrc::lte
