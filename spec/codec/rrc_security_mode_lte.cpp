// TS 36.331 (LTE) security mode messages on the DCCH, in UPER (X.691). The ASN.1 is
// quoted from EUTRA-RRC-Definitions.asn as mirrored by pycrate
// (commit 0f24fb76, modules with Rel-18 alternatives such as indirectPathFailureInformation-r18).
// Each function below reads or writes exactly the production above it, field by field, so the
// two can be compared by eye. Only the c1 alternative names depend on the release; adding a
// release's alternative takes a spare, which keeps every index, and so every encoding, as it is.
#include "spec/codec/rrc_security_mode.h"

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "spec/codec/rrc_dcch.h"

namespace secmode::spec::rrc {

using namespace dcch;  // the shared pieces, read like the ASN.1 next to them

namespace lte {
namespace {

// DL-DCCH-Message ::= SEQUENCE { message DL-DCCH-MessageType }
// DL-DCCH-MessageType ::= CHOICE {
//     c1                      CHOICE {
//         csfbParametersResponseCDMA2000          CSFBParametersResponseCDMA2000,
//         dlInformationTransfer                   DLInformationTransfer,
//         handoverFromEUTRAPreparationRequest     HandoverFromEUTRAPreparationRequest,
//         mobilityFromEUTRACommand                MobilityFromEUTRACommand,
//         rrcConnectionReconfiguration            RRCConnectionReconfiguration,
//         rrcConnectionRelease                    RRCConnectionRelease,
//         securityModeCommand                     SecurityModeCommand,
//         ueCapabilityEnquiry                     UECapabilityEnquiry,
//         counterCheck                            CounterCheck,
//         ueInformationRequest-r9                 UEInformationRequest-r9,
//         loggedMeasurementConfiguration-r10      LoggedMeasurementConfiguration-r10,
//         rnReconfiguration-r10                   RNReconfiguration-r10,
//         rrcConnectionResume-r13                 RRCConnectionResume-r13,
//         dlDedicatedMessageSegment-r16           DLDedicatedMessageSegment-r16,
//         spare2 NULL, spare1 NULL
//     },
//     messageClassExtension   SEQUENCE {}
// }
// clang-format off
constexpr Names kDlC1{
    "csfbParametersResponseCDMA2000", "dlInformationTransfer",
    "handoverFromEUTRAPreparationRequest", "mobilityFromEUTRACommand",
    "rrcConnectionReconfiguration", "rrcConnectionRelease", "securityModeCommand",
    "ueCapabilityEnquiry", "counterCheck", "ueInformationRequest-r9",
    "loggedMeasurementConfiguration-r10", "rnReconfiguration-r10", "rrcConnectionResume-r13",
    "dlDedicatedMessageSegment-r16", "spare2", "spare1"};
// clang-format on
constexpr std::uint32_t kSecurityModeCommand = 6;

// UL-DCCH-Message ::= SEQUENCE { message UL-DCCH-MessageType }
// UL-DCCH-MessageType ::= CHOICE {
//     c1                      CHOICE {
//         csfbParametersRequestCDMA2000               CSFBParametersRequestCDMA2000,
//         measurementReport                           MeasurementReport,
//         rrcConnectionReconfigurationComplete        RRCConnectionReconfigurationComplete,
//         rrcConnectionReestablishmentComplete        RRCConnectionReestablishmentComplete,
//         rrcConnectionSetupComplete                  RRCConnectionSetupComplete,
//         securityModeComplete                        SecurityModeComplete,
//         securityModeFailure                         SecurityModeFailure,
//         ueCapabilityInformation                     UECapabilityInformation,
//         ulHandoverPreparationTransfer               ULHandoverPreparationTransfer,
//         ulInformationTransfer                       ULInformationTransfer,
//         counterCheckResponse                        CounterCheckResponse,
//         ueInformationResponse-r9                    UEInformationResponse-r9,
//         proximityIndication-r9                      ProximityIndication-r9,
//         rnReconfigurationComplete-r10               RNReconfigurationComplete-r10,
//         mbmsCountingResponse-r10                    MBMSCountingResponse-r10,
//         interFreqRSTDMeasurementIndication-r10      InterFreqRSTDMeasurementIndication-r10
//     },
//     messageClassExtension   CHOICE {
//         c2                          CHOICE {
//             ueAssistanceInformation-r11         UEAssistanceInformation-r11,
//             inDeviceCoexIndication-r11          InDeviceCoexIndication-r11,
//             mbmsInterestIndication-r11          MBMSInterestIndication-r11,
//             scgFailureInformation-r12           SCGFailureInformation-r12,
//             sidelinkUEInformation-r12           SidelinkUEInformation-r12,
//             wlanConnectionStatusReport-r13      WLANConnectionStatusReport-r13,
//             rrcConnectionResumeComplete-r13     RRCConnectionResumeComplete-r13,
//             ulInformationTransferMRDC-r15       ULInformationTransferMRDC-r15,
//             scgFailureInformationNR-r15         SCGFailureInformationNR-r15,
//             measReportAppLayer-r15              MeasReportAppLayer-r15,
//             failureInformation-r15              FailureInformation-r15,
//             ulDedicatedMessageSegment-r16       ULDedicatedMessageSegment-r16,
//             purConfigurationRequest-r16         PURConfigurationRequest-r16,
//             failureInformation-r16              FailureInformation-r16,
//             mcgFailureInformation-r16           MCGFailureInformation-r16,
//             ulInformationTransferIRAT-r16       ULInformationTransferIRAT-r16
//         },
//         messageClassExtensionFuture-r11
//     SEQUENCE {}
//     }
// }
// clang-format off
constexpr Names kUlC1{
    "csfbParametersRequestCDMA2000", "measurementReport", "rrcConnectionReconfigurationComplete",
    "rrcConnectionReestablishmentComplete", "rrcConnectionSetupComplete", "securityModeComplete",
    "securityModeFailure", "ueCapabilityInformation", "ulHandoverPreparationTransfer",
    "ulInformationTransfer", "counterCheckResponse", "ueInformationResponse-r9",
    "proximityIndication-r9", "rnReconfigurationComplete-r10", "mbmsCountingResponse-r10",
    "interFreqRSTDMeasurementIndication-r10"};
// clang-format on
// clang-format off
constexpr Names kUlC2{
    "ueAssistanceInformation-r11", "inDeviceCoexIndication-r11", "mbmsInterestIndication-r11",
    "scgFailureInformation-r12", "sidelinkUEInformation-r12", "wlanConnectionStatusReport-r13",
    "rrcConnectionResumeComplete-r13", "ulInformationTransferMRDC-r15",
    "scgFailureInformationNR-r15", "measReportAppLayer-r15", "failureInformation-r15",
    "ulDedicatedMessageSegment-r16", "purConfigurationRequest-r16", "failureInformation-r16",
    "mcgFailureInformation-r16", "ulInformationTransferIRAT-r16"};
// clang-format on
constexpr std::uint32_t kSecurityModeComplete = 5;
constexpr std::uint32_t kSecurityModeFailure = 6;

// SecurityModeCommand-v8a0-IEs ::= SEQUENCE {   (Complete-v8a0 and Failure-v8a0 alike)
//     lateNonCriticalExtension   OCTET STRING  OPTIONAL,
//     nonCriticalExtension       SEQUENCE {}   OPTIONAL }
std::optional<NonCriticalExtensionV8a0> read_v8a0(UperReader& r, const std::string& ie) {
  NonCriticalExtensionV8a0 v;
  const auto p = r.preamble(ie, false, 2);
  if (!p) return std::nullopt;
  if (p->present[0]) {
    v.late_non_critical_extension = read_octet_string(r, ie + ".lateNonCriticalExtension");
    if (!v.late_non_critical_extension) return std::nullopt;
  }
  v.non_critical_extension = p->present[1];
  return v;
}

void write_v8a0(UperWriter& w, const NonCriticalExtensionV8a0& v) {
  w.preamble(false, {v.late_non_critical_extension.has_value(), v.non_critical_extension});
  if (v.late_non_critical_extension)
    write_octet_string(w, *v.late_non_critical_extension, "lateNonCriticalExtension");
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
// SecurityAlgorithmConfig ::= SEQUENCE {
//     cipheringAlgorithm         CipheringAlgorithm-r12,
//     integrityProtAlgorithm     ENUMERATED { eia0-v920, eia1, eia2, eia3-v1130, spare4, spare3,
//                                             spare2, spare1, ...} }
// CipheringAlgorithm-r12 ::= ENUMERATED { eea0, eea1, eea2, eea3-v1130, spare4, spare3, spare2,
//                                         spare1, ...}
std::optional<SecurityModeCommand> read_command(UperReader& r, std::vector<IgnoredIe>& ignored) {
  const std::string alt = "securityModeCommand";
  SecurityModeCommand m;
  const auto tid = read_transaction_id(r, alt);
  if (!tid || !read_critical_extensions(r, alt)) return std::nullopt;
  m.transaction_id = *tid;
  const std::string c1 = alt + ".criticalExtensions.c1";
  const std::size_t c1_at = r.offset();
  const auto v = r.choice(c1, 4, false);
  if (!v) return std::nullopt;
  if (v->index != 0) {
    static constexpr const char* kSpare[] = {"", "spare3", "spare2", "spare1"};
    r.fail(c1_at, c1,
           "criticalExtensions c1 alternative " + std::string(kSpare[v->index]) +
               " is not decoded here (bit offset " + std::to_string(c1_at) + ")");
    return std::nullopt;
  }
  const std::string ies = c1 + ".securityModeCommand-r8";
  const auto p = r.preamble(ies, false, 1);
  if (!p) return std::nullopt;
  const std::string smc = ies + ".securityConfigSMC";
  const auto smc_p = r.preamble(smc, true, 0);
  if (!smc_p) return std::nullopt;
  const std::string sac = smc + ".securityAlgorithmConfig";  // no `...`, no OPTIONAL: no preamble
  const auto c = read_algorithm<CipheringAlgorithm>(r, sac + ".cipheringAlgorithm");
  if (!c) return std::nullopt;
  const auto i = read_algorithm<IntegrityProtAlgorithm>(r, sac + ".integrityProtAlgorithm");
  if (!i) return std::nullopt;
  m.algorithms = {*c, *i};
  if (smc_p->extension && !skip_additions(r, smc, ignored)) return std::nullopt;
  if (p->present[0]) {
    m.non_critical_extension = read_v8a0(r, ies + ".nonCriticalExtension");
    if (!m.non_critical_extension) return std::nullopt;
  }
  return m;
}

// SecurityModeComplete ::= SEQUENCE {
//     rrc-TransactionIdentifier  RRC-TransactionIdentifier,
//     criticalExtensions         CHOICE { securityModeComplete-r8 SecurityModeComplete-r8-IEs,
//                                         criticalExtensionsFuture SEQUENCE {} } }
// SecurityModeComplete-r8-IEs ::= SEQUENCE {
//     nonCriticalExtension       SecurityModeComplete-v8a0-IEs  OPTIONAL }
// SecurityModeFailure, SecurityModeFailure-r8-IEs: the same, with securityModeFailure-r8.
template <typename M>
std::optional<M> read_response(UperReader& r, const std::string& alt) {
  M m;
  const auto tid = read_transaction_id(r, alt);
  if (!tid || !read_critical_extensions(r, alt)) return std::nullopt;
  m.transaction_id = *tid;
  const std::string ies = alt + ".criticalExtensions." + alt + "-r8";
  const auto p = r.preamble(ies, false, 1);
  if (!p) return std::nullopt;
  if (p->present[0]) {
    m.non_critical_extension = read_v8a0(r, ies + ".nonCriticalExtension");
    if (!m.non_critical_extension) return std::nullopt;
  }
  return m;
}

template <typename M>
Bytes write_response(const M& m, std::uint32_t c1_index) {
  UperWriter w;
  write_message_start(w, c1_index, m.transaction_id);  // ...-r8 of Complete / Failure
  w.preamble(false, {m.non_critical_extension.has_value()});
  if (m.non_critical_extension) write_v8a0(w, *m.non_critical_extension);
  return std::move(w).finish();
}

}  // namespace

Decoded<SecurityModeCommand> decode_dl_dcch(ByteView pdu) {
  UperReader r(pdu);
  std::vector<IgnoredIe> ignored;
  std::optional<SecurityModeCommand> m;
  if (read_message_type(r, kDl, kDlC1, nullptr, "", kSecurityModeCommand, kSecurityModeCommand))
    m = read_command(r, ignored);
  return finish(r, kDl, std::move(m), std::move(ignored));
}

Decoded<UlSecurityModeMessage> decode_ul_dcch(ByteView pdu) {
  UperReader r(pdu);
  std::optional<UlSecurityModeMessage> m;
  const auto alt = read_message_type(r, kUl, kUlC1, &kUlC2, "messageClassExtensionFuture-r11",
                                     kSecurityModeComplete, kSecurityModeFailure);
  if (alt == kSecurityModeComplete) {
    if (auto c = read_response<SecurityModeComplete>(r, "securityModeComplete")) m = *c;
  } else if (alt == kSecurityModeFailure) {
    if (auto f = read_response<SecurityModeFailure>(r, "securityModeFailure")) m = *f;
  }
  return finish(r, kUl, std::move(m), {});
}

Bytes encode(const SecurityModeCommand& m) {
  UperWriter w;
  write_message_start(w, kSecurityModeCommand, m.transaction_id);  // criticalExtensions: c1
  w.choice(0, 4, false, "criticalExtensions.c1");  // securityModeCommand-r8
  w.preamble(false, {m.non_critical_extension.has_value()});
  w.preamble(true, {});  // securityConfigSMC
  write_algorithm(w, m.algorithms.ciphering, "cipheringAlgorithm");
  write_algorithm(w, m.algorithms.integrity, "integrityProtAlgorithm");
  if (m.non_critical_extension) write_v8a0(w, *m.non_critical_extension);
  return std::move(w).finish();
}

Bytes encode(const SecurityModeComplete& m) { return write_response(m, kSecurityModeComplete); }
Bytes encode(const SecurityModeFailure& m) { return write_response(m, kSecurityModeFailure); }
Bytes encode(const UlSecurityModeMessage& m) {
  return std::visit([](const auto& v) { return encode(v); }, m);
}

}  // namespace lte

}  // namespace secmode::spec::rrc
