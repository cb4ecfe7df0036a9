// The ASN.1 is quoted from EUTRA-RRC-Definitions.asn (TS 36.331) and NR-RRC-Definitions.asn
// (TS 38.331) as mirrored by pycrate; each reader follows the production above it field by field,
// in unaligned PER (X.691), up to the NAS it looks for.
#include "oracle/rrc_nas.h"

#include <optional>

#include "oracle/rrc_lte_meas_config.h"
#include "oracle/rrc_nr_meas_config.h"
#include "oracle/uper_steps.h"
#include "spec/codec/rrc_dcch.h"
#include "spec/codec/rrc_uper.h"

namespace secmode::oracle {

namespace {

using spec::rrc::UperReader;
using spec::rrc::dcch::read_octet_string;
using spec::rrc::dcch::read_transaction_id;
using uper::additions;
using uper::list;
using uper::skip_open_type;

// A field this reader does not decode stands before the NAS: recorded as the reader's failure.
bool stop(UperReader& r, const std::string& ie, const std::string& why) {
  r.fail(r.offset(), ie, why);
  return false;
}

bool nas(UperReader& r, RrcNas& out, const std::string& ie) {
  auto b = read_octet_string(r, ie);
  if (b) out.nas.push_back(std::move(*b));
  return b.has_value();
}

// SEQUENCE (SIZE (1..max)) OF DedicatedInfoNAS.
bool nas_list(UperReader& r, RrcNas& out, const std::string& ie, std::uint32_t max) {
  return list(r, ie, max, [&](const std::string& e) { return nas(r, out, e); });
}

bool skip_octet_string(UperReader& r, const std::string& ie) { return read_octet_string(r, ie).has_value(); }

// PLMN-Identity ::= SEQUENCE { mcc MCC OPTIONAL, mnc MNC }            (both RATs alike)
// MCC ::= SEQUENCE (SIZE (3)) OF MCC-MNC-Digit
// MNC ::= SEQUENCE (SIZE (2..3)) OF MCC-MNC-Digit
// MCC-MNC-Digit ::= INTEGER (0..9)
bool plmn_identity(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, false, 1);
  if (!p) return false;
  if (p->present[0])
    for (int i = 0; i < 3; ++i)
      if (!r.whole_number(ie + ".mcc", 10)) return false;
  const auto digits = r.whole_number(ie + ".mnc", 2);
  if (!digits) return false;
  for (std::uint32_t i = 0; i < *digits + 2; ++i)
    if (!r.whole_number(ie + ".mnc", 10)) return false;
  return true;
}

// criticalExtensions CHOICE { <first>, criticalExtensionsFuture SEQUENCE {} }, and for LTE the
// c1 CHOICE of `alternatives` inside it: the alternative taken, or nullopt (a failure recorded).
std::optional<std::uint32_t> critical_extensions(UperReader& r, const std::string& ie, std::uint32_t c1_alternatives) {
  const auto c = r.choice(ie, 2, false);
  if (!c) return std::nullopt;
  if (c->index == 1) {
    stop(r, ie, "criticalExtensionsFuture, which no release defines");
    return std::nullopt;
  }
  if (c1_alternatives == 0) return 0;
  const auto c1 = r.choice(ie + ".c1", c1_alternatives, false);
  if (!c1) return std::nullopt;
  return c1->index;
}

// ---- LTE (TS 36.331) -----------------------------------------------------------------------

// RRCConnectionSetupComplete ::= SEQUENCE {
//     rrc-TransactionIdentifier   RRC-TransactionIdentifier,
//     criticalExtensions          CHOICE {
//         c1  CHOICE { rrcConnectionSetupComplete-r8 RRCConnectionSetupComplete-r8-IEs,
//                      spare3 NULL, spare2 NULL, spare1 NULL },
//         criticalExtensionsFuture SEQUENCE {} } }
// RRCConnectionSetupComplete-r8-IEs ::= SEQUENCE {
//     selectedPLMN-Identity       INTEGER (1..maxPLMN-r11),          -- maxPLMN-r11 = 6
//     registeredMME               RegisteredMME                       OPTIONAL,
//     dedicatedInfoNAS            DedicatedInfoNAS,
//     nonCriticalExtension        RRCConnectionSetupComplete-v8a0-IEs OPTIONAL }
// RegisteredMME ::= SEQUENCE {
//     plmn-Identity PLMN-Identity OPTIONAL, mmegi BIT STRING (SIZE (16)), mmec MMEC }
// MMEC ::= BIT STRING (SIZE (8))
bool lte_setup_complete(UperReader& r, RrcNas& out) {
  const std::string m = "rrcConnectionSetupComplete";
  if (!read_transaction_id(r, m)) return false;
  const auto c1 = critical_extensions(r, m + ".criticalExtensions", 4);
  if (!c1) return false;
  if (*c1 != 0) return stop(r, m + ".criticalExtensions.c1", "a spare alternative");
  const std::string ies = m + ".criticalExtensions.c1.rrcConnectionSetupComplete-r8";
  const auto p = r.preamble(ies, false, 2);
  if (!p || !r.whole_number(ies + ".selectedPLMN-Identity", 6)) return false;
  if (p->present[0]) {
    const std::string mme = ies + ".registeredMME";
    const auto q = r.preamble(mme, false, 1);
    if (!q || (q->present[0] && !plmn_identity(r, mme + ".plmn-Identity")) || !r.bits(mme + ".mmegi", 16) ||
        !r.bits(mme + ".mmec", 8))
      return false;
  }
  return nas(r, out, ies + ".dedicatedInfoNAS");
}

// dedicatedInfoType CHOICE { dedicatedInfoNAS DedicatedInfoNAS,
//                            dedicatedInfoCDMA2000-1XRTT DedicatedInfoCDMA2000,
//                            dedicatedInfoCDMA2000-HRPD DedicatedInfoCDMA2000 }
// (the -r15 / -r16 CHOICEs alike); CDMA2000 carries no NAS.
bool lte_dedicated_info_type(UperReader& r, RrcNas& out, const std::string& ie) {
  const auto c = r.choice(ie, 3, false);
  if (!c) return false;
  return c->index != 0 || nas(r, out, ie + ".dedicatedInfoNAS");
}

// ULInformationTransfer ::= SEQUENCE {
//     criticalExtensions CHOICE {
//         c1 CHOICE { ulInformationTransfer-r8 ULInformationTransfer-r8-IEs,
//                     ulInformationTransfer-r16 ULInformationTransfer-r16-IEs,
//                     spare2 NULL, spare1 NULL },
//         criticalExtensionsFuture SEQUENCE {} } }
// ULInformationTransfer-r8-IEs ::= SEQUENCE {
//     dedicatedInfoType      CHOICE {...},
//     nonCriticalExtension   ULInformationTransfer-v8a0-IEs OPTIONAL }
// ULInformationTransfer-r16-IEs ::= SEQUENCE {
//     dedicatedInfoType-r16  CHOICE {...}                    OPTIONAL,
//     dedicatedInfoF1c-r16   DedicatedInfoF1c-r16            OPTIONAL,
//     nonCriticalExtension   ULInformationTransfer-v8a0-IEs  OPTIONAL }
// DLInformationTransfer ::= SEQUENCE {
//     rrc-TransactionIdentifier RRC-TransactionIdentifier,
//     criticalExtensions CHOICE {
//         c1 CHOICE { dlInformationTransfer-r8 DLInformationTransfer-r8-IEs,
//                     dlInformationTransfer-r15 DLInformationTransfer-r15-IEs,
//                     spare2 NULL, spare1 NULL },
//         criticalExtensionsFuture SEQUENCE {} } }
// DLInformationTransfer-r8-IEs: as ULInformationTransfer-r8-IEs.
// DLInformationTransfer-r15-IEs ::= SEQUENCE {
//     dedicatedInfoType-r15  CHOICE {...}                    OPTIONAL,  -- Need ON
//     timeReferenceInfo-r15  TimeReferenceInfo-r15           OPTIONAL,  -- Need ON
//     nonCriticalExtension   DLInformationTransfer-v8a0-IEs  OPTIONAL }
bool lte_information_transfer(UperReader& r, RrcNas& out, bool uplink) {
  const std::string m = uplink ? "ulInformationTransfer" : "dlInformationTransfer";
  if (!uplink && !read_transaction_id(r, m)) return false;
  const auto c1 = critical_extensions(r, m + ".criticalExtensions", 4);
  if (!c1) return false;
  const std::string c = m + ".criticalExtensions.c1.";
  if (*c1 == 0) {
    const auto p = r.preamble(c + m + "-r8", false, 1);
    return p && lte_dedicated_info_type(r, out, c + m + "-r8.dedicatedInfoType");
  }
  if (*c1 == 1) {
    const std::string release = uplink ? "-r16" : "-r15";
    const auto p = r.preamble(c + m + release, false, 3);
    return p && (!p->present[0] || lte_dedicated_info_type(r, out, c + m + release + ".dedicatedInfoType" + release));
  }
  return stop(r, m + ".criticalExtensions.c1", "a spare alternative");
}

// RRCConnectionReconfiguration ::= SEQUENCE {
//     rrc-TransactionIdentifier RRC-TransactionIdentifier,
//     criticalExtensions CHOICE {
//         c1 CHOICE { rrcConnectionReconfiguration-r8 RRCConnectionReconfiguration-r8-IEs,
//                     spare7 NULL, spare6 NULL, spare5 NULL, spare4 NULL,
//                     spare3 NULL, spare2 NULL, spare1 NULL },
//         criticalExtensionsFuture SEQUENCE {} } }
// RRCConnectionReconfiguration-r8-IEs ::= SEQUENCE {
//     measConfig                    MeasConfig                    OPTIONAL,  -- Need ON
//     mobilityControlInfo           MobilityControlInfo           OPTIONAL,  -- Cond HO
//     dedicatedInfoNASList          SEQUENCE (SIZE(1..maxDRB)) OF
//                                       DedicatedInfoNAS          OPTIONAL,  -- Cond nonHO
//     radioResourceConfigDedicated  RadioResourceConfigDedicated  OPTIONAL,  -- Cond HO-toEUTRA
//     securityConfigHO              SecurityConfigHO              OPTIONAL,  -- Cond HO-toEPC
//     nonCriticalExtension          RRCConnectionReconfiguration-v890-IEs OPTIONAL }
// maxDRB = 11
bool lte_reconfiguration(UperReader& r, RrcNas& out) {
  const std::string m = "rrcConnectionReconfiguration";
  if (!read_transaction_id(r, m)) return false;
  const auto c1 = critical_extensions(r, m + ".criticalExtensions", 8);
  if (!c1) return false;
  if (*c1 != 0) return stop(r, m + ".criticalExtensions.c1", "a spare alternative");
  const std::string ies = m + ".criticalExtensions.c1.rrcConnectionReconfiguration-r8";
  const auto p = r.preamble(ies, false, 6);
  if (!p) return false;
  if (!p->present[2]) return true;
  if (p->present[0] && !step_over_lte_meas_config(r, ies + ".measConfig")) return false;
  // The list is conditional on nonHO, mobilityControlInfo on HO: one or the other.
  if (p->present[1])
    return stop(r, ies + ".mobilityControlInfo",
                "dedicatedInfoNASList follows mobilityControlInfo, which this reader does not decode (a handover "
                "carries no NAS: Cond nonHO)");
  return nas_list(r, out, ies + ".dedicatedInfoNASList", 11);
}

// ---- NR (TS 38.331) ------------------------------------------------------------------------

// RRCSetupComplete ::= SEQUENCE {
//     rrc-TransactionIdentifier RRC-TransactionIdentifier,
//     criticalExtensions CHOICE { rrcSetupComplete RRCSetupComplete-IEs,
//                                 criticalExtensionsFuture SEQUENCE {} } }
// RRCSetupComplete-IEs ::= SEQUENCE {
//     selectedPLMN-Identity    INTEGER (1..maxPLMN),                                -- maxPLMN = 12
//     registeredAMF            RegisteredAMF                                   OPTIONAL,
//     guami-Type               ENUMERATED {native, mapped}                     OPTIONAL,
//     s-NSSAI-List             SEQUENCE (SIZE (1..maxNrofS-NSSAI)) OF S-NSSAI  OPTIONAL,  -- 8
//     dedicatedNAS-Message     DedicatedNAS-Message,
//     ng-5G-S-TMSI-Value       CHOICE {...}                                    OPTIONAL,
//     lateNonCriticalExtension OCTET STRING (CONTAINING RRCSetupComplete-v15s0-IEs) OPTIONAL,
//     nonCriticalExtension     RRCSetupComplete-v1610-IEs                      OPTIONAL }
// RegisteredAMF ::= SEQUENCE { plmn-Identity PLMN-Identity OPTIONAL, amf-Identifier AMF-Identifier }
// AMF-Identifier ::= BIT STRING (SIZE (24))
// S-NSSAI ::= CHOICE { sst BIT STRING (SIZE (8)), sst-SD BIT STRING (SIZE (32)) }
bool nr_setup_complete(UperReader& r, RrcNas& out) {
  const std::string m = "rrcSetupComplete";
  if (!read_transaction_id(r, m) || !critical_extensions(r, m + ".criticalExtensions", 0)) return false;
  const std::string ies = m + ".criticalExtensions.rrcSetupComplete";
  const auto p = r.preamble(ies, false, 6);
  if (!p || !r.whole_number(ies + ".selectedPLMN-Identity", 12)) return false;
  if (p->present[0]) {
    const std::string amf = ies + ".registeredAMF";
    const auto q = r.preamble(amf, false, 1);
    if (!q || (q->present[0] && !plmn_identity(r, amf + ".plmn-Identity")) || !r.bits(amf + ".amf-Identifier", 24))
      return false;
  }
  if (p->present[1] && !r.enumerated(ies + ".guami-Type", 2, false)) return false;
  if (p->present[2]) {
    const bool read = list(r, ies + ".s-NSSAI-List", 8, [&](const std::string& e) {
      const auto s = r.choice(e, 2, false);
      return s && r.bits(e, s->index == 0 ? 8 : 32);
    });
    if (!read) return false;
  }
  return nas(r, out, ies + ".dedicatedNAS-Message");
}

// ULInformationTransfer ::= SEQUENCE {
//     criticalExtensions CHOICE { ulInformationTransfer ULInformationTransfer-IEs,
//                                 criticalExtensionsFuture SEQUENCE {} } }
// ULInformationTransfer-IEs ::= SEQUENCE {
//     dedicatedNAS-Message      DedicatedNAS-Message             OPTIONAL,
//     lateNonCriticalExtension  OCTET STRING                     OPTIONAL,
//     nonCriticalExtension      ULInformationTransfer-v1700-IEs  OPTIONAL }
// DLInformationTransfer ::= SEQUENCE {
//     rrc-TransactionIdentifier RRC-TransactionIdentifier,
//     criticalExtensions CHOICE { dlInformationTransfer DLInformationTransfer-IEs,
//                                 criticalExtensionsFuture SEQUENCE {} } }
// DLInformationTransfer-IEs ::= SEQUENCE {
//     dedicatedNAS-Message      DedicatedNAS-Message             OPTIONAL,  -- Need N
//     lateNonCriticalExtension  OCTET STRING                     OPTIONAL,
//     nonCriticalExtension      DLInformationTransfer-v1610-IEs  OPTIONAL }
bool nr_information_transfer(UperReader& r, RrcNas& out, bool uplink) {
  const std::string m = uplink ? "ulInformationTransfer" : "dlInformationTransfer";
  if ((!uplink && !read_transaction_id(r, m)) || !critical_extensions(r, m + ".criticalExtensions", 0)) return false;
  const std::string ies = m + ".criticalExtensions." + m;
  const auto p = r.preamble(ies, false, 3);
  return p && (!p->present[0] || nas(r, out, ies + ".dedicatedNAS-Message"));
}

// PDCP-Config ::= SEQUENCE {
//     drb SEQUENCE {
//         discardTimer ENUMERATED {ms10, ..., infinity (16 values)}      OPTIONAL,
//         pdcp-SN-SizeUL ENUMERATED {len12bits, len18bits}                OPTIONAL,
//         pdcp-SN-SizeDL ENUMERATED {len12bits, len18bits}                OPTIONAL,
//         headerCompression CHOICE {
//             notUsed NULL,
//             rohc SEQUENCE { maxCID INTEGER (1..16383) DEFAULT 15,
//                             profiles SEQUENCE { profile0x0001 .. profile0x0104 (9 BOOLEAN) },
//                             drb-ContinueROHC ENUMERATED { true } OPTIONAL },
//             uplinkOnlyROHC SEQUENCE { maxCID INTEGER (1..16383) DEFAULT 15,
//                                       profiles SEQUENCE { profile0x0006 BOOLEAN },
//                                       drb-ContinueROHC ENUMERATED { true } OPTIONAL },
//             ... },
//         integrityProtection ENUMERATED { enabled }                       OPTIONAL,
//         statusReportRequired ENUMERATED { true }                         OPTIONAL,
//         outOfOrderDelivery ENUMERATED { true }                           OPTIONAL } OPTIONAL,
//     moreThanOneRLC SEQUENCE {
//         primaryPath SEQUENCE { cellGroup CellGroupId OPTIONAL,           -- INTEGER (0..3)
//                                logicalChannel LogicalChannelIdentity OPTIONAL },  -- INTEGER (1..32)
//         ul-DataSplitThreshold UL-DataSplitThreshold OPTIONAL,         -- ENUMERATED, 32 values
//         pdcp-Duplication BOOLEAN OPTIONAL }                           OPTIONAL,
//     t-Reordering ENUMERATED { ms0, ..., spare01 (64 values) }        OPTIONAL,
//     ..., [[ cipheringDisabled ENUMERATED {true} OPTIONAL ]], [[ ... -r16 ]], [[ ... -r17 ]], [[ ... -r18 ]] }
// An ENUMERATED of one value takes no bits (X.691 14.1, 11.5.4).
bool pdcp_config(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 3);
  if (!p) return false;
  if (p->present[0]) {
    const std::string drb = ie + ".drb";
    const auto d = r.preamble(drb, false, 6);
    if (!d || (d->present[0] && !r.enumerated(drb + ".discardTimer", 16, false)) ||
        (d->present[1] && !r.enumerated(drb + ".pdcp-SN-SizeUL", 2, false)) ||
        (d->present[2] && !r.enumerated(drb + ".pdcp-SN-SizeDL", 2, false)))
      return false;
    const std::string hc = drb + ".headerCompression";
    const auto c = r.choice(hc, 3, true);
    if (!c) return false;
    if (c->extension) {
      if (!skip_open_type(r, hc)) return false;
    } else if (c->index != 0) {
      const std::string rohc = hc + (c->index == 1 ? ".rohc" : ".uplinkOnlyROHC");
      const auto q = r.preamble(rohc, false, 2);
      if (!q || (q->present[0] && !r.whole_number(rohc + ".maxCID", 16383)) ||
          !r.bits(rohc + ".profiles", c->index == 1 ? 9 : 1))
        return false;
    }
  }
  if (p->present[1]) {
    const std::string more = ie + ".moreThanOneRLC";
    const auto m = r.preamble(more, false, 2);
    if (!m) return false;
    const auto path = r.preamble(more + ".primaryPath", false, 2);
    if (!path || (path->present[0] && !r.whole_number(more + ".primaryPath.cellGroup", 4)) ||
        (path->present[1] && !r.whole_number(more + ".primaryPath.logicalChannel", 32)) ||
        (m->present[0] && !r.enumerated(more + ".ul-DataSplitThreshold", 32, false)) ||
        (m->present[1] && !r.bits(more + ".pdcp-Duplication", 1)))
      return false;
  }
  if (p->present[2] && !r.enumerated(ie + ".t-Reordering", 64, false)) return false;
  return additions(r, *p, ie);
}

// SRB-ToAddMod ::= SEQUENCE {
//     srb-Identity SRB-Identity,                                      -- INTEGER (1..3)
//     reestablishPDCP ENUMERATED{true} OPTIONAL, discardOnPDCP ENUMERATED{true} OPTIONAL,
//     pdcp-Config PDCP-Config OPTIONAL, ..., [[ srb-Identity-v1700 ]], [[ ... -v1800 ]] }
bool srb_to_add_mod(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 3);
  return p && r.whole_number(ie + ".srb-Identity", 3) && (!p->present[2] || pdcp_config(r, ie + ".pdcp-Config")) &&
         additions(r, *p, ie);
}

// SDAP-Config ::= SEQUENCE {
//     pdu-Session PDU-SessionID,                                      -- INTEGER (0..255)
//     sdap-HeaderDL ENUMERATED {present, absent}, sdap-HeaderUL ENUMERATED {present, absent},
//     defaultDRB BOOLEAN,
//     mappedQoS-FlowsToAdd SEQUENCE (SIZE (1..maxNrofQFIs)) OF QFI OPTIONAL,   -- 64; QFI (0..63)
//     mappedQoS-FlowsToRelease SEQUENCE (SIZE (1..maxNrofQFIs)) OF QFI OPTIONAL, ... }
bool sdap_config(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 2);
  if (!p || !r.whole_number(ie + ".pdu-Session", 256) || !r.enumerated(ie + ".sdap-HeaderDL", 2, false) ||
      !r.enumerated(ie + ".sdap-HeaderUL", 2, false) || !r.bits(ie + ".defaultDRB", 1))
    return false;
  const auto qfi = [&](const std::string& e) { return r.whole_number(e, 64).has_value(); };
  return (!p->present[0] || list(r, ie + ".mappedQoS-FlowsToAdd", 64, qfi)) &&
         (!p->present[1] || list(r, ie + ".mappedQoS-FlowsToRelease", 64, qfi)) && additions(r, *p, ie);
}

// DRB-ToAddMod ::= SEQUENCE {
//     cnAssociation CHOICE { eps-BearerIdentity INTEGER (0..15), sdap-Config SDAP-Config } OPTIONAL,
//     drb-Identity DRB-Identity,                                      -- INTEGER (1..32)
//     reestablishPDCP ENUMERATED{true} OPTIONAL, recoverPDCP ENUMERATED{true} OPTIONAL,
//     pdcp-Config PDCP-Config OPTIONAL, ..., [[ daps-Config-r16 ]], [[ n3c-BearerAssociated-r18 ]] }
bool drb_to_add_mod(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 4);
  if (!p) return false;
  if (p->present[0]) {
    const auto c = r.choice(ie + ".cnAssociation", 2, false);
    if (!c || (c->index == 0 ? !r.whole_number(ie + ".cnAssociation.eps-BearerIdentity", 16)
                             : !sdap_config(r, ie + ".cnAssociation.sdap-Config")))
      return false;
  }
  return r.whole_number(ie + ".drb-Identity", 32) && (!p->present[3] || pdcp_config(r, ie + ".pdcp-Config")) &&
         additions(r, *p, ie);
}

// SecurityConfig ::= SEQUENCE {
//     securityAlgorithmConfig SecurityAlgorithmConfig OPTIONAL,
//     keyToUse ENUMERATED{master, secondary} OPTIONAL, ... }
// SecurityAlgorithmConfig ::= SEQUENCE {
//     cipheringAlgorithm CipheringAlgorithm,              -- ENUMERATED {nea0..nea3, spare4..spare1, ...}
//     integrityProtAlgorithm IntegrityProtAlgorithm OPTIONAL, ... }   -- {nia0..nia3, spare4..spare1, ...}
bool security_config(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 2);
  if (!p) return false;
  if (p->present[0]) {
    const std::string sac = ie + ".securityAlgorithmConfig";
    const auto q = r.preamble(sac, true, 1);
    if (!q || !r.enumerated(sac + ".cipheringAlgorithm", 8, true) ||
        (q->present[0] && !r.enumerated(sac + ".integrityProtAlgorithm", 8, true)) || !additions(r, *q, sac))
      return false;
  }
  return (!p->present[1] || r.enumerated(ie + ".keyToUse", 2, false)) && additions(r, *p, ie);
}

// RadioBearerConfig ::= SEQUENCE {
//     srb-ToAddModList SRB-ToAddModList OPTIONAL,        -- SEQUENCE (SIZE (1..2)) OF SRB-ToAddMod
//     srb3-ToRelease ENUMERATED{true} OPTIONAL,
//     drb-ToAddModList DRB-ToAddModList OPTIONAL,        -- SEQUENCE (SIZE (1..maxDRB)) OF DRB-ToAddMod
//     drb-ToReleaseList DRB-ToReleaseList OPTIONAL,      -- SEQUENCE (SIZE (1..maxDRB)) OF DRB-Identity
//     securityConfig SecurityConfig OPTIONAL,
//     ..., [[ mrb-ToAddModList-r17 ... srb4-ToRelease-r17 ]], [[ srb5-ToAddMod-r18, srb5-ToRelease-r18 ]] }
bool radio_bearer_config(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 5);
  if (!p) return false;
  return (!p->present[0] ||
          list(r, ie + ".srb-ToAddModList", 2, [&](const std::string& e) { return srb_to_add_mod(r, e); })) &&
         (!p->present[2] ||
          list(r, ie + ".drb-ToAddModList", 29, [&](const std::string& e) { return drb_to_add_mod(r, e); })) &&
         (!p->present[3] || list(r, ie + ".drb-ToReleaseList", 29,
                                 [&](const std::string& e) { return r.whole_number(e, 32).has_value(); })) &&
         (!p->present[4] || security_config(r, ie + ".securityConfig")) && additions(r, *p, ie);
}

// RRCReconfiguration ::= SEQUENCE {
//     rrc-TransactionIdentifier RRC-TransactionIdentifier,
//     criticalExtensions CHOICE { rrcReconfiguration RRCReconfiguration-IEs,
//                                 criticalExtensionsFuture SEQUENCE {} } }
// RRCReconfiguration-IEs ::= SEQUENCE {
//     radioBearerConfig         RadioBearerConfig                              OPTIONAL,  -- Need M
//     secondaryCellGroup        OCTET STRING (CONTAINING CellGroupConfig)      OPTIONAL,  -- Cond SCG
//     measConfig                MeasConfig                                     OPTIONAL,  -- Need M
//     lateNonCriticalExtension  OCTET STRING (CONTAINING RRCReconfiguration-v15t0-IEs) OPTIONAL,
//     nonCriticalExtension      RRCReconfiguration-v1530-IEs                   OPTIONAL }
// RRCReconfiguration-v1530-IEs ::= SEQUENCE {
//     masterCellGroup           OCTET STRING (CONTAINING CellGroupConfig)      OPTIONAL,  -- Need M
//     fullConfig                ENUMERATED {true}                              OPTIONAL,  -- Cond FullConfig
//     dedicatedNAS-MessageList  SEQUENCE (SIZE(1..maxDRB)) OF DedicatedNAS-Message OPTIONAL,  -- Cond nonHO
//     masterKeyUpdate ... otherConfig  (5 more OPTIONAL components),
//     nonCriticalExtension      RRCReconfiguration-v1540-IEs                   OPTIONAL }
// maxDRB = 29
bool nr_reconfiguration(UperReader& r, RrcNas& out) {
  const std::string m = "rrcReconfiguration";
  if (!read_transaction_id(r, m) || !critical_extensions(r, m + ".criticalExtensions", 0)) return false;
  const std::string ies = m + ".criticalExtensions.rrcReconfiguration";
  const auto p = r.preamble(ies, false, 5);
  if (!p) return false;
  if (!p->present[4]) return true;
  if ((p->present[0] && !radio_bearer_config(r, ies + ".radioBearerConfig")) ||
      (p->present[1] && !skip_octet_string(r, ies + ".secondaryCellGroup")))
    return false;
  if (p->present[2] && !step_over_nr_meas_config(r, ies + ".measConfig")) return false;
  if (p->present[3] && !skip_octet_string(r, ies + ".lateNonCriticalExtension")) return false;
  const std::string v1530 = ies + ".nonCriticalExtension";
  const auto q = r.preamble(v1530, false, 8);
  if (!q || (q->present[0] && !skip_octet_string(r, v1530 + ".masterCellGroup"))) return false;
  // fullConfig ENUMERATED {true}: one value, no bits (X.691 14.1, 11.5.4).
  return !q->present[2] || nas_list(r, out, v1530 + ".dedicatedNAS-MessageList", 29);
}

}  // namespace

RrcNas rrc_nas(Rat rat, bool uplink, std::span<const std::uint8_t> message) {
  RrcNas out;
  UperReader r(message);
  // UL-/DL-DCCH-MessageType ::= CHOICE { c1 CHOICE {...16...}, messageClassExtension ... }
  const auto type = r.choice(uplink ? "UL-DCCH-MessageType" : "DL-DCCH-MessageType", 2, false);
  if (!type || type->index != 0) return out;
  const auto c1 = r.choice("c1", 16, false);
  if (!c1) return out;
  bool ok = true;
  const bool eps = rat == Rat::eps;
  // The c1 indices: LTE UL rrcConnectionSetupComplete 4, ulInformationTransfer 9; DL
  // dlInformationTransfer 1, rrcConnectionReconfiguration 4. NR UL rrcSetupComplete 2,
  // ulInformationTransfer 7; DL rrcReconfiguration 0, dlInformationTransfer 5.
  if (eps && uplink && c1->index == 4) {
    out.message = "RRCConnectionSetupComplete";
    ok = lte_setup_complete(r, out);
  } else if (eps && ((uplink && c1->index == 9) || (!uplink && c1->index == 1))) {
    out.message = uplink ? "ULInformationTransfer" : "DLInformationTransfer";
    ok = lte_information_transfer(r, out, uplink);
  } else if (eps && !uplink && c1->index == 4) {
    out.message = "RRCConnectionReconfiguration";
    ok = lte_reconfiguration(r, out);
  } else if (!eps && uplink && c1->index == 2) {
    out.message = "RRCSetupComplete";
    ok = nr_setup_complete(r, out);
  } else if (!eps && ((uplink && c1->index == 7) || (!uplink && c1->index == 5))) {
    out.message = uplink ? "ULInformationTransfer" : "DLInformationTransfer";
    ok = nr_information_transfer(r, out, uplink);
  } else if (!eps && !uplink && c1->index == 0) {
    out.message = "RRCReconfiguration";
    ok = nr_reconfiguration(r, out);
  }
  if (!ok) {
    const auto& f = *r.failure();
    out.unread = f.ie + " at bit " + std::to_string(f.offset) + ": " + f.reason;
    out.nas.clear();
  }
  return out;
}

}  // namespace secmode::oracle
