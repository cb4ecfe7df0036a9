// The RRC messages that carry NAS (TS 36.331 / TS 38.331), written in UPER for the tests: the
// writer side of oracle/rrc_nas.h, field by field from the same ASN.1 (quoted there), with the
// optional fields before the NAS settable so that the reader steps over each. Wireshark's RRC
// dissectors read what this writes (tests/oracle/unit_rrc_nas.cpp), which checks the writer
// independently of the reader.
#pragma once

#include <cstdint>
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
  w.preamble(false, {false, cells, b.meas_config, false, true});
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
