// The RRC messages that carry NAS (TS 36.331 / TS 38.331), written in UPER for the tests: the
// writer side of oracle/rrc_nas.h, field by field from the same ASN.1 (quoted there), with the
// optional fields before the NAS settable so that the reader steps over each. Wireshark's RRC
// dissectors read what this writes (tests/oracle/unit_rrc_nas.cpp), which checks the writer
// independently of the reader.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "spec/codec/rrc_uper.h"

namespace secmode::test::rrc_nas {

using Octets = std::vector<std::uint8_t>;

// The fields before the NAS: written when set.
struct Before {
  bool registered = false;         // registeredMME / registeredAMF
  bool plmn = false, mcc = false;  // its plmn-Identity, with an MCC
  bool three_digit_mnc = false;
  bool guami_type = false;     // NR
  unsigned nssai = 0;          // NR s-NSSAI-List entries (0: absent), alternating sst and sst-SD
  bool later_release = false;  // LTE information transfers: the -r16 (UL) / -r15 (DL) IEs
  bool cdma2000 = false;       // LTE information transfers: dedicatedInfoCDMA2000-1XRTT instead
  bool meas_config = false;    // reconfigurations: the measConfig presence bit (no measConfig)
  Octets skipped_octets;       // NR reconfiguration: a secondaryCellGroup / masterCellGroup to step over
  // NR reconfiguration: a radioBearerConfig, written when `bearers` is set.
  struct Bearers {
    unsigned srbs = 0;        // SRB-ToAddMod entries (0: no list), up to 2
    unsigned drbs = 0;        // DRB-ToAddMod entries (0: no list), up to 29
    unsigned qfis = 0;        // mappedQoS-FlowsToAdd of each DRB's SDAP-Config (0: absent), up to 64
    bool eps_bearer = false;  // cnAssociation eps-BearerIdentity instead of sdap-Config
    bool rohc = false;        // headerCompression rohc instead of notUsed
    bool more_than_one_rlc = false;
    bool ciphering_disabled = false;  // the [[ cipheringDisabled ]] extension addition of PDCP-Config
    bool release = false;             // a drb-ToReleaseList
    bool security = false;            // a securityConfig with securityAlgorithmConfig
  };
  std::optional<Bearers> bearers;
};

namespace detail {

inline void dcch(spec::rrc::UperWriter& w, std::uint32_t c1) {
  w.choice(0, 2, false, "message");  // c1
  w.choice(c1, 16, false, "c1");
}

inline void octet_string(spec::rrc::UperWriter& w, const Octets& b) {
  w.length(b.size(), "OCTET STRING");
  w.octets(b);
}

inline void plmn(spec::rrc::UperWriter& w, const Before& b) {
  w.preamble(false, {b.mcc});
  if (b.mcc)
    for (std::uint32_t d : {0u, 0u, 1u}) w.whole_number(d, 10, "mcc");
  w.whole_number(b.three_digit_mnc ? 1 : 0, 2, "mnc");
  for (std::uint32_t d : {0u, 1u, 5u})
    if (d != 5 || b.three_digit_mnc) w.whole_number(d, 10, "mnc");
}

// PDCP-Config (oracle/rrc_nas.cpp quotes it): drb with discardTimer, both SN sizes and the header
// compression; optionally moreThanOneRLC; t-Reordering; optionally the cipheringDisabled addition.
inline void pdcp_config(spec::rrc::UperWriter& w, const Before::Bearers& b) {
  w.bit(b.ciphering_disabled);  // extension bit
  w.preamble(false, {true, b.more_than_one_rlc, true});
  w.preamble(false, {true, true, true, false, true, false});  // drb
  w.enumerated(7, 16, false, "discardTimer");
  w.enumerated(1, 2, false, "pdcp-SN-SizeUL");
  w.enumerated(1, 2, false, "pdcp-SN-SizeDL");
  w.choice(b.rohc ? 1 : 0, 3, true, "headerCompression");
  if (b.rohc) {
    w.preamble(false, {true, false});
    w.whole_number(99, 16383, "maxCID");  // 100
    w.bits(0x1a5, 9);                     // profiles
  }
  if (b.more_than_one_rlc) {
    w.preamble(false, {true, true});
    w.preamble(false, {true, true});  // primaryPath
    w.whole_number(1, 4, "cellGroup");
    w.whole_number(3, 32, "logicalChannel");  // 4
    w.enumerated(5, 32, false, "ul-DataSplitThreshold");
    w.bit(true);  // pdcp-Duplication
  }
  w.enumerated(12, 64, false, "t-Reordering");
  if (b.ciphering_disabled) {
    // X.691 19.8: the bit-map's normally small length (1), the bit-map, then the addition group
    // [[ cipheringDisabled ENUMERATED {true} OPTIONAL ]] as an open type: one presence bit, padded.
    w.bit(false);
    w.bits(0, 6);
    w.bit(true);
    w.length(1, "open type");
    w.octets({0x80});
  }
}

inline void radio_bearer_config(spec::rrc::UperWriter& w, const Before::Bearers& b) {
  w.preamble(true, {b.srbs > 0, false, b.drbs > 0, b.release, b.security});
  if (b.srbs > 0) {
    w.whole_number(b.srbs - 1, 2, "srb-ToAddModList");
    for (unsigned i = 0; i < b.srbs; ++i) {
      w.preamble(true, {false, false, true});
      w.whole_number(i + 1, 3, "srb-Identity");  // SRB2, SRB3
      pdcp_config(w, {});
    }
  }
  if (b.drbs > 0) {
    w.whole_number(b.drbs - 1, 29, "drb-ToAddModList");
    for (unsigned i = 0; i < b.drbs; ++i) {
      w.preamble(true, {true, false, false, true});
      w.choice(b.eps_bearer ? 0 : 1, 2, false, "cnAssociation");
      if (b.eps_bearer) {
        w.whole_number((5 + i) % 16, 16, "eps-BearerIdentity");
      } else {
        w.preamble(true, {b.qfis > 0, false});
        w.whole_number(1, 256, "pdu-Session");
        w.enumerated(1, 2, false, "sdap-HeaderDL");
        w.enumerated(1, 2, false, "sdap-HeaderUL");
        w.bit(i == 0);  // defaultDRB
        if (b.qfis > 0) {
          w.whole_number(b.qfis - 1, 64, "mappedQoS-FlowsToAdd");
          for (unsigned q = 0; q < b.qfis; ++q) w.whole_number(q % 64, 64, "QFI");
        }
      }
      w.whole_number(i, 32, "drb-Identity");  // DRB i + 1
      pdcp_config(w, b);
    }
  }
  if (b.release) {
    w.whole_number(1, 29, "drb-ToReleaseList");
    w.whole_number(9, 32, "drb-Identity");
    w.whole_number(10, 32, "drb-Identity");
  }
  if (b.security) {
    w.preamble(true, {true, true});
    w.preamble(true, {true});
    w.enumerated(2, 8, true, "cipheringAlgorithm");
    w.enumerated(2, 8, true, "integrityProtAlgorithm");
    w.enumerated(0, 2, false, "keyToUse");
  }
}

}  // namespace detail

// ---- LTE ---------------------------------------------------------------------------------

inline Octets lte_setup_complete(const Octets& nas, const Before& b = {}) {
  spec::rrc::UperWriter w;
  detail::dcch(w, 4);
  w.whole_number(1, 4, "rrc-TransactionIdentifier");
  w.choice(0, 2, false, "criticalExtensions");    // c1
  w.choice(0, 4, false, "c1");                    // rrcConnectionSetupComplete-r8
  w.preamble(false, {b.registered, true});        // registeredMME, nonCriticalExtension
  w.whole_number(0, 6, "selectedPLMN-Identity");  // 1
  if (b.registered) {
    w.preamble(false, {b.plmn});
    if (b.plmn) detail::plmn(w, b);
    w.bits(0x8001, 16);  // mmegi
    w.bits(0x1a, 8);     // mmec
  }
  detail::octet_string(w, nas);
  w.preamble(false, {false, false});  // RRCConnectionSetupComplete-v8a0-IEs, empty
  return std::move(w).finish();
}

inline Octets lte_information_transfer(bool uplink, const Octets& nas, const Before& b = {}) {
  spec::rrc::UperWriter w;
  detail::dcch(w, uplink ? 9 : 1);
  if (!uplink) w.whole_number(2, 4, "rrc-TransactionIdentifier");
  w.choice(0, 2, false, "criticalExtensions");  // c1
  w.choice(b.later_release ? 1 : 0, 4, false, "c1");
  if (b.later_release)
    w.preamble(false, {true, false, false});  // dedicatedInfoType-r16 / -r15 only
  else
    w.preamble(false, {false});
  w.choice(b.cdma2000 ? 1 : 0, 3, false, "dedicatedInfoType");
  detail::octet_string(w, nas);
  return std::move(w).finish();
}

inline Octets lte_reconfiguration(const std::vector<Octets>& nas, const Before& b = {}) {
  spec::rrc::UperWriter w;
  detail::dcch(w, 4);
  w.whole_number(3, 4, "rrc-TransactionIdentifier");
  w.choice(0, 2, false, "criticalExtensions");  // c1
  w.choice(0, 8, false, "c1");                  // rrcConnectionReconfiguration-r8
  w.preamble(false, {b.meas_config, false, !nas.empty(), false, false, false});
  if (!nas.empty()) {
    w.whole_number(static_cast<std::uint32_t>(nas.size() - 1), 11, "dedicatedInfoNASList");
    for (const Octets& n : nas) detail::octet_string(w, n);
  }
  return std::move(w).finish();
}

// ---- NR ----------------------------------------------------------------------------------

inline Octets nr_setup_complete(const Octets& nas, const Before& b = {}) {
  spec::rrc::UperWriter w;
  detail::dcch(w, 2);
  w.whole_number(0, 4, "rrc-TransactionIdentifier");
  w.choice(0, 2, false, "criticalExtensions");  // rrcSetupComplete
  w.preamble(false, {b.registered, b.guami_type, b.nssai != 0, false, false, false});
  w.whole_number(0, 12, "selectedPLMN-Identity");  // 1
  if (b.registered) {
    w.preamble(false, {b.plmn});
    if (b.plmn) detail::plmn(w, b);
    w.bits(0x020040, 24);  // amf-Identifier
  }
  if (b.guami_type) w.enumerated(1, 2, false, "guami-Type");  // mapped
  if (b.nssai) {
    w.whole_number(b.nssai - 1, 8, "s-NSSAI-List");
    for (unsigned i = 0; i < b.nssai; ++i) {
      w.choice(i % 2, 2, false, "S-NSSAI");
      if (i % 2)
        w.bits(0x01000001, 32);  // sst-SD
      else
        w.bits(0x01, 8);  // sst
    }
  }
  detail::octet_string(w, nas);
  return std::move(w).finish();
}

inline Octets nr_information_transfer(bool uplink, const Octets& nas) {
  spec::rrc::UperWriter w;
  detail::dcch(w, uplink ? 7 : 5);
  if (!uplink) w.whole_number(1, 4, "rrc-TransactionIdentifier");
  w.choice(0, 2, false, "criticalExtensions");
  w.preamble(false, {true, false, false});
  detail::octet_string(w, nas);
  return std::move(w).finish();
}

inline Octets nr_reconfiguration(const std::vector<Octets>& nas, const Before& b = {}) {
  spec::rrc::UperWriter w;
  detail::dcch(w, 0);
  w.whole_number(2, 4, "rrc-TransactionIdentifier");
  w.choice(0, 2, false, "criticalExtensions");  // rrcReconfiguration
  const bool cells = !b.skipped_octets.empty();
  w.preamble(false, {b.bearers.has_value(), cells, b.meas_config, false, true});
  if (b.bearers) detail::radio_bearer_config(w, *b.bearers);
  if (cells) detail::octet_string(w, b.skipped_octets);  // secondaryCellGroup
  // RRCReconfiguration-v1530-IEs: masterCellGroup, fullConfig, dedicatedNAS-MessageList, 5 more.
  w.preamble(false, {cells, cells, !nas.empty(), false, false, false, false, false});
  if (cells) detail::octet_string(w, b.skipped_octets);
  if (!nas.empty()) {
    w.whole_number(static_cast<std::uint32_t>(nas.size() - 1), 29, "dedicatedNAS-MessageList");
    for (const Octets& n : nas) detail::octet_string(w, n);
  }
  return std::move(w).finish();
}

}  // namespace secmode::test::rrc_nas
