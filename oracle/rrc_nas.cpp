// The ASN.1 is quoted from EUTRA-RRC-Definitions.asn (TS 36.331) and NR-RRC-Definitions.asn
// (TS 38.331) as mirrored by pycrate; each reader follows the production above it field by field,
// in unaligned PER (X.691), up to the NAS it looks for.
#include "oracle/rrc_nas.h"

#include <optional>

#include "spec/codec/rrc_dcch.h"
#include "spec/codec/rrc_uper.h"

namespace secmode::oracle {

namespace {

using spec::rrc::UperReader;
using spec::rrc::dcch::read_octet_string;
using spec::rrc::dcch::read_transaction_id;

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

// SEQUENCE (SIZE (1..max)) OF DedicatedInfoNAS: the count in a constrained whole number (X.691
// 20.6), then each OCTET STRING.
bool nas_list(UperReader& r, RrcNas& out, const std::string& ie, std::uint32_t max) {
  const auto n = r.whole_number(ie, max);
  if (!n) return false;
  for (std::uint32_t i = 0; i <= *n; ++i)
    if (!nas(r, out, ie + "[" + std::to_string(i) + "]")) return false;
  return true;
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
  if (p->present[2] && (p->present[0] || p->present[1]))
    return stop(r, ies + (p->present[0] ? ".measConfig" : ".mobilityControlInfo"),
                "dedicatedInfoNASList follows measConfig and mobilityControlInfo, which this reader does not decode");
  return !p->present[2] || nas_list(r, out, ies + ".dedicatedInfoNASList", 11);
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
    const std::string list = ies + ".s-NSSAI-List";
    const auto n = r.whole_number(list, 8);
    if (!n) return false;
    for (std::uint32_t i = 0; i <= *n; ++i) {
      const auto s = r.choice(list, 2, false);
      if (!s || !r.bits(list, s->index == 0 ? 8 : 32)) return false;
    }
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
  if (p->present[0] || p->present[2])
    return stop(r, ies + (p->present[0] ? ".radioBearerConfig" : ".measConfig"),
                "the nonCriticalExtension that may hold dedicatedNAS-MessageList follows radioBearerConfig and "
                "measConfig, which this reader does not decode");
  if ((p->present[1] && !skip_octet_string(r, ies + ".secondaryCellGroup")) ||
      (p->present[3] && !skip_octet_string(r, ies + ".lateNonCriticalExtension")))
    return false;
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
