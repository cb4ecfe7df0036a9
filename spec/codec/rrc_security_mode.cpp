// TS 38.331 and TS 36.331 security mode messages on the DCCH, in UPER (X.691). The ASN.1 is
// quoted from NR-RRC-Definitions.asn and EUTRA-RRC-Definitions.asn as mirrored by pycrate
// (commit 0f24fb76, modules with Rel-18 alternatives such as indirectPathFailureInformation-r18).
// Each function below reads or writes exactly the production above it, field by field, so the
// two can be compared by eye. Only the c1 alternative names depend on the release; adding a
// release's alternative takes a spare, which keeps every index, and so every encoding, as it is.
#include "spec/codec/rrc_security_mode.h"

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "spec/codec/rrc_uper.h"

namespace secmode::spec::rrc {
namespace {

constexpr const char* kDl = "DL-DCCH-Message";
constexpr const char* kUl = "UL-DCCH-Message";

using Names = std::array<const char*, 16>;

// ---- shared pieces -----------------------------------------------------------------------------

CodecError to_error(const char* message, const UperFailure& f) {
  return CodecError{message, f.ie, f.offset, f.reason};
}

// DL-DCCH-Message ::= SEQUENCE { message DL-DCCH-MessageType }  (UL alike): a SEQUENCE with no
// `...` and no OPTIONAL has no preamble (X.691 19), so the PDU starts with the CHOICE
//   DL-DCCH-MessageType ::= CHOICE { c1 CHOICE {...16 alternatives...},
//                                    messageClassExtension SEQUENCE {} }
//   UL-DCCH-MessageType ::= CHOICE { c1 CHOICE {...16...},
//                                    messageClassExtension CHOICE { c2 CHOICE {...16...},
//                                                                   messageClassExtensionFuture
//                                                                   SEQUENCE {} } }
// None of these CHOICEs has `...`: one bit, then four (X.691 23.6, 11.5.7.1). Returns the c1
// index when it is one of `wanted`; otherwise the failure names what was found.
std::optional<std::uint32_t> read_message_type(UperReader& r, const char* message, const Names& c1,
                                               const Names* c2, const char* future,
                                               std::uint32_t wanted_a, std::uint32_t wanted_b) {
  const std::size_t start = r.offset();
  const auto type = r.choice("message", 2, false);
  if (!type) return std::nullopt;
  const std::string head = std::string(message) + " ";
  if (type->index == 1) {
    if (c2 == nullptr) {
      r.fail(start, "message",
             head + "alternative messageClassExtension is not decoded here (bit offset " +
                 std::to_string(start) + ")");
      return std::nullopt;
    }
    const std::size_t ext_at = r.offset();
    const auto ext = r.choice("message.messageClassExtension", 2, false);
    if (!ext) return std::nullopt;
    if (ext->index == 1) {
      r.fail(ext_at, "message.messageClassExtension",
             head + "messageClassExtension alternative " + future +
                 " is not decoded here (bit offset " + std::to_string(ext_at) + ")");
      return std::nullopt;
    }
    const std::size_t c2_at = r.offset();
    const auto alt = r.choice("message.messageClassExtension.c2", 16, false);
    if (!alt) return std::nullopt;
    r.fail(c2_at, "message.messageClassExtension.c2",
           head + "messageClassExtension c2 alternative " + (*c2)[alt->index] +
               " is not decoded here (bit offset " + std::to_string(c2_at) + ")");
    return std::nullopt;
  }
  const std::size_t c1_at = r.offset();
  const auto alt = r.choice("message.c1", 16, false);
  if (!alt) return std::nullopt;
  if (alt->index != wanted_a && alt->index != wanted_b) {
    r.fail(c1_at, "message.c1",
           head + "c1 alternative " + c1[alt->index] + " is not decoded here (bit offset " +
               std::to_string(c1_at) + ")");
    return std::nullopt;
  }
  return alt->index;
}

// RRC-TransactionIdentifier ::= INTEGER (0..3): two bits (X.691 13.2.2, 11.5.7.1).
std::optional<std::uint8_t> read_transaction_id(UperReader& r, const std::string& alternative) {
  const auto v = r.whole_number(alternative + ".rrc-TransactionIdentifier", 4);
  if (!v) return std::nullopt;
  return static_cast<std::uint8_t>(*v);
}

// criticalExtensions CHOICE { <ies>, criticalExtensionsFuture SEQUENCE {} }: one bit. True when
// the first alternative is there.
bool read_critical_extensions(UperReader& r, const std::string& alternative) {
  const std::string ie = alternative + ".criticalExtensions";
  const std::size_t at = r.offset();
  const auto c = r.choice(ie, 2, false);
  if (!c) return false;
  if (c->index == 1) {
    r.fail(at, ie,
           "criticalExtensionsFuture of " + alternative + " is not decoded here (bit offset " +
               std::to_string(at) + ")");
    return false;
  }
  return true;
}

// The algorithm ENUMERATEDs: 8 root values and `...`: an extension bit, then three bits (X.691
// 14.2-14.3). No extension value is defined, so one found here is an error rather than a guess.
template <typename Algorithm>
std::optional<Algorithm> read_algorithm(UperReader& r, const std::string& ie) {
  const std::size_t at = r.offset();
  const auto v = r.enumerated(ie, 8, true);
  if (!v) return std::nullopt;
  if (v->extension) {
    r.fail(at, ie,
           "extension value " + std::to_string(v->index) + " at bit offset " + std::to_string(at) +
               ", which this version does not define (X.691 14.3)");
    return std::nullopt;
  }
  return static_cast<Algorithm>(v->index);
}

// A SEQUENCE with `...` whose extension bit was set: its additions are stepped over.
bool skip_additions(UperReader& r, const std::string& ie, std::vector<IgnoredIe>& ignored) {
  const auto skipped = r.skip_extension_additions(ie);
  if (!skipped) return false;
  for (const auto& s : *skipped)
    ignored.push_back(IgnoredIe{s.offset, 0,
                                ie + " extension addition " + std::to_string(s.addition),
                                "an extension addition this version does not know, stepped over "
                                "as its open type (X.691 19.9, 11.2)"});
  return true;
}

// OCTET STRING with no size constraint: a length determinant and the octets (X.691 17.8).
std::optional<Bytes> read_octet_string(UperReader& r, const std::string& ie) {
  const auto n = r.length(ie);
  if (!n) return std::nullopt;
  return r.octets(ie, *n);
}

void write_octet_string(UperWriter& w, const Bytes& b, const char* ie) {
  w.length(b.size(), ie);
  w.octets(b);
}

template <typename Algorithm>
void write_algorithm(UperWriter& w, Algorithm a, const char* ie) {
  w.enumerated(static_cast<std::uint32_t>(a), 8, true, ie);
}

// Every decoder ends the same way: the padding, then the value or the first failure.
template <typename T>
Decoded<T> finish(UperReader& r, const char* message, std::optional<T> value,
                  std::vector<IgnoredIe> ignored) {
  if (!value || !r.end_of_pdu(message)) return to_error(message, *r.failure());
  return Decoded<T>(std::move(*value), std::move(ignored));
}

}  // namespace

// ================================ NR, TS 38.331 ================================================
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
  w.choice(0, 2, false, "message");  // c1
  w.choice(c1_index, 16, false, "message.c1");
  w.whole_number(m.transaction_id, 4, "rrc-TransactionIdentifier");
  w.choice(0, 2, false, "criticalExtensions");
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
  w.choice(0, 2, false, "message");  // c1
  w.choice(kSecurityModeCommand, 16, false, "message.c1");
  w.whole_number(m.transaction_id, 4, "rrc-TransactionIdentifier");
  w.choice(0, 2, false, "criticalExtensions");  // securityModeCommand
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

// ================================ LTE, TS 36.331 ===============================================
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
  w.choice(0, 2, false, "message");  // c1
  w.choice(c1_index, 16, false, "message.c1");
  w.whole_number(m.transaction_id, 4, "rrc-TransactionIdentifier");
  w.choice(0, 2, false, "criticalExtensions");  // securityModeComplete-r8 / -Failure-r8
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
  w.choice(0, 2, false, "message");  // c1
  w.choice(kSecurityModeCommand, 16, false, "message.c1");
  w.whole_number(m.transaction_id, 4, "rrc-TransactionIdentifier");
  w.choice(0, 2, false, "criticalExtensions");     // c1
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
