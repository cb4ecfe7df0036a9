// TS 38.331 (NR) security mode messages on the DCCH, in UPER (X.691). The ASN.1 is
// quoted from NR-RRC-Definitions.asn as mirrored by pycrate
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

namespace nr {
namespace {

// DL-DCCH-Message ::= SEQUENCE { message DL-DCCH-MessageType }
// DL-DCCH-MessageType ::=             CHOICE {
//     c1                                  CHOICE {
//         rrcReconfiguration                  RRCReconfiguration,
//         rrcResume                           RRCResume,
//         rrcRelease                          RRCRelease,
//         rrcReestablishment                  RRCReestablishment,
//         securityModeCommand                 SecurityModeCommand,
//         dlInformationTransfer               DLInformationTransfer,
//         ueCapabilityEnquiry                 UECapabilityEnquiry,
//         counterCheck                        CounterCheck,
//         mobilityFromNRCommand               MobilityFromNRCommand,
//         dlDedicatedMessageSegment-r16       DLDedicatedMessageSegment-r16,
//         ueInformationRequest-r16            UEInformationRequest-r16,
//         dlInformationTransferMRDC-r16       DLInformationTransferMRDC-r16,
//         loggedMeasurementConfiguration-r16  LoggedMeasurementConfiguration-r16,
//                 spare3 NULL, spare2 NULL, spare1 NULL
//     },
//     messageClassExtension   SEQUENCE {}
// }
// clang-format off
constexpr Names kDlC1{
    "rrcReconfiguration", "rrcResume", "rrcRelease", "rrcReestablishment", "securityModeCommand",
    "dlInformationTransfer", "ueCapabilityEnquiry", "counterCheck", "mobilityFromNRCommand",
    "dlDedicatedMessageSegment-r16", "ueInformationRequest-r16", "dlInformationTransferMRDC-r16",
    "loggedMeasurementConfiguration-r16", "spare3", "spare2", "spare1"};
// clang-format on
constexpr std::uint32_t kSecurityModeCommand = 4;

// UL-DCCH-Message ::= SEQUENCE { message UL-DCCH-MessageType }
// UL-DCCH-MessageType ::=         CHOICE {
//     c1                              CHOICE {
//         measurementReport               MeasurementReport,
//         rrcReconfigurationComplete      RRCReconfigurationComplete,
//         rrcSetupComplete                RRCSetupComplete,
//         rrcReestablishmentComplete      RRCReestablishmentComplete,
//         rrcResumeComplete               RRCResumeComplete,
//         securityModeComplete            SecurityModeComplete,
//         securityModeFailure             SecurityModeFailure,
//         ulInformationTransfer           ULInformationTransfer,
//         locationMeasurementIndication   LocationMeasurementIndication,
//         ueCapabilityInformation         UECapabilityInformation,
//         counterCheckResponse            CounterCheckResponse,
//         ueAssistanceInformation         UEAssistanceInformation,
//         failureInformation              FailureInformation,
//         ulInformationTransferMRDC       ULInformationTransferMRDC,
//         scgFailureInformation           SCGFailureInformation,
//         scgFailureInformationEUTRA      SCGFailureInformationEUTRA
//     },
//     messageClassExtension           CHOICE {
//         c2                              CHOICE {
//             ulDedicatedMessageSegment-r16    ULDedicatedMessageSegment-r16,
//             dedicatedSIBRequest-r16         DedicatedSIBRequest-r16,
//             mcgFailureInformation-r16       MCGFailureInformation-r16,
//             ueInformationResponse-r16       UEInformationResponse-r16,
//             sidelinkUEInformationNR-r16     SidelinkUEInformationNR-r16,
//             ulInformationTransferIRAT-r16   ULInformationTransferIRAT-r16,
//             iabOtherInformation-r16         IABOtherInformation-r16,
//             mbsInterestIndication-r17       MBSInterestIndication-r17,
//             uePositioningAssistanceInfo-r17 UEPositioningAssistanceInfo-r17,
//             measurementReportAppLayer-r17   MeasurementReportAppLayer-r17,
//             indirectPathFailureInformation-r18 IndirectPathFailureInformation-r18,
//             spare5 NULL, spare4 NULL, spare3 NULL, spare2 NULL, spare1 NULL
//         },
//         messageClassExtensionFuture-r16    SEQUENCE {}
//     }
// }
// clang-format off
constexpr Names kUlC1{
    "measurementReport", "rrcReconfigurationComplete", "rrcSetupComplete",
    "rrcReestablishmentComplete", "rrcResumeComplete", "securityModeComplete",
    "securityModeFailure", "ulInformationTransfer", "locationMeasurementIndication",
    "ueCapabilityInformation", "counterCheckResponse", "ueAssistanceInformation",
    "failureInformation", "ulInformationTransferMRDC", "scgFailureInformation",
    "scgFailureInformationEUTRA"};
// clang-format on
// clang-format off
constexpr Names kUlC2{
    "ulDedicatedMessageSegment-r16", "dedicatedSIBRequest-r16", "mcgFailureInformation-r16",
    "ueInformationResponse-r16", "sidelinkUEInformationNR-r16", "ulInformationTransferIRAT-r16",
    "iabOtherInformation-r16", "mbsInterestIndication-r17", "uePositioningAssistanceInfo-r17",
    "measurementReportAppLayer-r17", "indirectPathFailureInformation-r18", "spare5", "spare4",
    "spare3", "spare2", "spare1"};
// clang-format on
constexpr std::uint32_t kSecurityModeComplete = 5;
constexpr std::uint32_t kSecurityModeFailure = 6;

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
// CipheringAlgorithm ::= ENUMERATED { nea0, nea1, nea2, nea3, spare4, spare3, spare2, spare1, ...}
// IntegrityProtAlgorithm ::= ENUMERATED { nia0, nia1, nia2, nia3, spare4, spare3, spare2,
//                                         spare1, ...}
std::optional<SecurityModeCommand> read_command(UperReader& r, std::vector<IgnoredIe>& ignored) {
  const std::string alt = "securityModeCommand";
  SecurityModeCommand m;
  const auto tid = read_transaction_id(r, alt);
  if (!tid || !read_critical_extensions(r, alt)) return std::nullopt;
  m.transaction_id = *tid;
  const std::string ies = alt + ".criticalExtensions.securityModeCommand";
  const auto p = r.preamble(ies, false, 2);
  if (!p) return std::nullopt;
  const std::string smc = ies + ".securityConfigSMC";
  const auto smc_p = r.preamble(smc, true, 0);
  if (!smc_p) return std::nullopt;
  const std::string sac = smc + ".securityAlgorithmConfig";
  const auto sac_p = r.preamble(sac, true, 1);
  if (!sac_p) return std::nullopt;
  const auto c = read_algorithm<CipheringAlgorithm>(r, sac + ".cipheringAlgorithm");
  if (!c) return std::nullopt;
  m.algorithms.ciphering = *c;
  if (sac_p->present[0]) {
    const auto i = read_algorithm<IntegrityProtAlgorithm>(r, sac + ".integrityProtAlgorithm");
    if (!i) return std::nullopt;
    m.algorithms.integrity = *i;
  }
  if (sac_p->extension && !skip_additions(r, sac, ignored)) return std::nullopt;
  if (smc_p->extension && !skip_additions(r, smc, ignored)) return std::nullopt;
  if (p->present[0]) {
    m.late_non_critical_extension = read_octet_string(r, ies + ".lateNonCriticalExtension");
    if (!m.late_non_critical_extension) return std::nullopt;
  }
  m.non_critical_extension = p->present[1];  // SEQUENCE{}: no bits of its own
  return m;
}

// SecurityModeComplete ::= SEQUENCE {
//     rrc-TransactionIdentifier  RRC-TransactionIdentifier,
//     criticalExtensions         CHOICE { securityModeComplete SecurityModeComplete-IEs,
//                                         criticalExtensionsFuture SEQUENCE {} } }
// SecurityModeComplete-IEs ::= SEQUENCE {
//     lateNonCriticalExtension   OCTET STRING  OPTIONAL,
//     nonCriticalExtension       SEQUENCE{}    OPTIONAL }
// SecurityModeFailure and SecurityModeFailure-IEs: the same, with securityModeFailure.
template <typename M>
std::optional<M> read_response(UperReader& r, const std::string& alt) {
  M m;
  const auto tid = read_transaction_id(r, alt);
  if (!tid || !read_critical_extensions(r, alt)) return std::nullopt;
  m.transaction_id = *tid;
  const std::string ies = alt + ".criticalExtensions." + alt;
  const auto p = r.preamble(ies, false, 2);
  if (!p) return std::nullopt;
  if (p->present[0]) {
    m.late_non_critical_extension = read_octet_string(r, ies + ".lateNonCriticalExtension");
    if (!m.late_non_critical_extension) return std::nullopt;
  }
  m.non_critical_extension = p->present[1];
  return m;
}

template <typename M>
Bytes write_response(const M& m, std::uint32_t c1_index) {
  UperWriter w;
  write_message_start(w, c1_index, m.transaction_id);
  w.preamble(false, {m.late_non_critical_extension.has_value(), m.non_critical_extension});
  if (m.late_non_critical_extension)
    write_octet_string(w, *m.late_non_critical_extension, "lateNonCriticalExtension");
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
  const auto alt = read_message_type(r, kUl, kUlC1, &kUlC2, "messageClassExtensionFuture-r16",
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
  write_message_start(w, kSecurityModeCommand, m.transaction_id);  // securityModeCommand
  w.preamble(false, {m.late_non_critical_extension.has_value(), m.non_critical_extension});
  w.preamble(true, {});                                    // securityConfigSMC
  w.preamble(true, {m.algorithms.integrity.has_value()});  // securityAlgorithmConfig
  write_algorithm(w, m.algorithms.ciphering, "cipheringAlgorithm");
  if (m.algorithms.integrity) write_algorithm(w, *m.algorithms.integrity, "integrityProtAlgorithm");
  if (m.late_non_critical_extension)
    write_octet_string(w, *m.late_non_critical_extension, "lateNonCriticalExtension");
  return std::move(w).finish();
}

Bytes encode(const SecurityModeComplete& m) { return write_response(m, kSecurityModeComplete); }
Bytes encode(const SecurityModeFailure& m) { return write_response(m, kSecurityModeFailure); }
Bytes encode(const UlSecurityModeMessage& m) {
  return std::visit([](const auto& v) { return encode(v); }, m);
}

}  // namespace nr

}  // namespace secmode::spec::rrc
