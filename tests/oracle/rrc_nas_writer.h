// The RRC messages that carry NAS (TS 36.331 / TS 38.331), written in UPER for the tests: the
// writer side of oracle/rrc_nas.h, field by field from the same ASN.1 (quoted there), with the
// optional fields before the NAS settable so that the reader steps over each. Wireshark's RRC
// dissectors read what this writes (tests/oracle/unit_rrc_nas.cpp), which checks the writer
// independently of the reader.
#pragma once

#include <bit>
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
  // NR reconfiguration: a MeasConfig (oracle/rrc_nr_meas_config.cpp quotes it), written when set.
  struct NrMeas {
    unsigned objects = 0;  // measObjectNR entries (0: no list), up to 3
    bool ssb = false;      // ssbFrequency, its spacing, smtc1, smtc2, ssb-ConfigMobility with RSSI slots
    unsigned bitmap = 0;   // ssb-ToMeasure: short, medium, long bit map
    bool cells = false;    // thresholds, averages, offsets and every cell list
    unsigned events = 0;   // bit i < 6: eventTriggered eventA(i+1); bit 6: periodical; bit 7: reportCGI,
                           // an extension alternative
    bool removals = false, s_measure = false, quantity = false, gap = false, sharing = false;
    bool addition = false;  // the [[ interFrequencyConfig-NoGap-r16 ]] extension addition
    bool csi_rs = false;    // a csi-rs-ResourceConfigMobility, two cells with resources of every slot period
  };
  std::optional<NrMeas> nr_meas;
  bool mobility_control = false;  // LTE reconfiguration: the mobilityControlInfo presence bit (none follows)
  // LTE reconfiguration: a MeasConfig (oracle/rrc_lte_meas_config.cpp quotes it), written when set.
  struct LteMeas {
    unsigned objects = 0;           // bit i: a measObject of alternative i (EUTRA, UTRA, GERAN, CDMA2000)
    bool cells = false;             // the objects' cell lists, excluded cells, CGI cells and DEFAULT fields
    bool tdd = false;               // UTRA TDD cells instead of FDD
    unsigned geran = 0;             // followingARFCNs: explicit list, equally spaced, bit map
    unsigned eutra_events = 0;      // bit i < 5: a reportConfigEUTRA with eventA(i+1); bit 5: periodical;
                                    // bit 6: eventA6-r10, an extension alternative
    unsigned inter_rat_events = 0;  // bit i < 3: eventB1 with UTRA / GERAN / CDMA2000; bit 3: eventB2;
                                    // bit 4: periodical
    bool removals = false;          // the three remove lists
    bool quantity = false, gap = false, gap_extension = false, s_measure = false, hrpd = false, speed = false;
    bool addition = false;  // the [[ allowInterruptions-r11 ]] extension addition
  };
  std::optional<LteMeas> lte_meas;
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

// LTE MeasConfig: every field the knobs ask for, in the order of the ASN.1.
inline void lte_meas_config(spec::rrc::UperWriter& w, const Before::LteMeas& m) {
  const unsigned eutra_reports = static_cast<unsigned>(std::popcount(m.eutra_events & 0x7f));
  const unsigned inter_rat_reports = static_cast<unsigned>(std::popcount(m.inter_rat_events & 0x1f));
  const unsigned objects = static_cast<unsigned>(std::popcount(m.objects & 0xf));
  const unsigned reports = eutra_reports + inter_rat_reports;
  w.bit(m.addition);  // extension bit
  w.preamble(false, {m.removals, objects > 0, m.removals, reports > 0, m.removals, objects > 0 && reports > 0,
                     m.quantity, m.gap, m.s_measure, m.hrpd, m.speed});
  const auto ids = [&w](unsigned n, const char* ie) {  // a remove list: ids 1..n
    w.whole_number(n - 1, 32, ie);
    for (unsigned i = 0; i < n; ++i) w.whole_number(i, 32, ie);
  };
  if (m.removals) ids(3, "measObjectToRemoveList");
  if (objects > 0) {
    w.whole_number(objects - 1, 32, "measObjectToAddModList");
    unsigned id = 0;
    for (unsigned kind = 0; kind < 4; ++kind) {
      if (!(m.objects >> kind & 1)) continue;
      w.whole_number(id++, 32, "measObjectId");
      w.choice(kind, 4, true, "measObject");
      if (kind == 0) {  // MeasObjectEUTRA
        w.preamble(true, {m.cells, m.cells, m.cells, m.cells, m.cells, m.cells});
        w.whole_number(1850, 65536, "carrierFreq");
        w.enumerated(5, 6, false, "allowedMeasBandwidth");
        w.bit(true);   // presenceAntennaPort1
        w.bits(1, 2);  // neighCellConfig
        if (m.cells) {
          w.enumerated(17, 31, false, "offsetFreq");  // dB2
          ids(2, "cellsToRemoveList");
          w.whole_number(1, 32, "cellsToAddModList");
          for (unsigned c = 0; c < 2; ++c) {
            w.whole_number(c, 32, "cellIndex");
            w.whole_number(100 + c, 504, "physCellId");
            w.enumerated(15, 31, false, "cellIndividualOffset");
          }
          ids(1, "excludedCellsToRemoveList");
          w.whole_number(1, 32, "excludedCellsToAddModList");
          for (unsigned c = 0; c < 2; ++c) {
            w.whole_number(c, 32, "cellIndex");
            w.preamble(false, {c == 1});
            w.whole_number(200, 504, "start");
            if (c == 1) w.enumerated(3, 16, false, "range");
          }
          w.whole_number(303, 504, "cellForWhichToReportCGI");
        }
      } else if (kind == 1) {  // MeasObjectUTRA
        w.preamble(true, {m.cells, m.cells, m.cells, m.cells});
        w.whole_number(10700, 16384, "carrierFreq");
        if (m.cells) {
          w.whole_number(20, 31, "offsetFreq");  // 5
          ids(1, "cellsToRemoveList");
          w.choice(m.tdd ? 1 : 0, 2, false, "cellsToAddModList");
          w.whole_number(2, 32, "cellsToAddModList");
          for (unsigned c = 0; c < 3; ++c) {
            w.whole_number(c, 32, "cellIndex");
            w.whole_number(c * 40, m.tdd ? 128 : 512, "physCellId");
          }
          w.choice(m.tdd ? 1 : 0, 2, false, "cellForWhichToReportCGI");
          w.whole_number(77, m.tdd ? 128 : 512, "cellForWhichToReportCGI");
        }
      } else if (kind == 2) {  // MeasObjectGERAN
        w.preamble(true, {m.cells, m.cells, m.cells});
        w.whole_number(512, 1024, "startingARFCN");
        w.enumerated(0, 2, false, "bandIndicator");
        w.choice(m.geran % 3, 3, false, "followingARFCNs");
        if (m.geran % 3 == 0) {
          w.whole_number(3, 32, "explicitListOfARFCNs");
          for (std::uint32_t a : {514u, 520u, 600u}) w.whole_number(a, 1024, "ARFCN-ValueGERAN");
        } else if (m.geran % 3 == 1) {
          w.whole_number(1, 8, "arfcn-Spacing");
          w.whole_number(9, 32, "numberOfFollowingARFCNs");
        } else {
          w.whole_number(2, 16, "variableBitMapOfARFCNs");
          w.octets({0xa5, 0x0f, 0x81});
        }
        if (m.cells) {
          w.whole_number(10, 31, "offsetFreq");  // -5
          w.bits(0xf0, 8);                       // ncc-Permitted
          w.bits(5, 3);                          // networkColourCode
          w.bits(2, 3);                          // baseStationColourCode
        }
      } else {  // MeasObjectCDMA2000
        w.preamble(true, {m.cells, m.cells, m.cells, m.cells, m.cells});
        w.enumerated(1, 2, false, "cdma2000-Type");
        w.enumerated(3, 32, true, "bandClass");
        w.whole_number(283, 2048, "arfcn");
        if (m.cells) {
          w.whole_number(8, 16, "searchWindowSize");
          w.whole_number(15, 31, "offsetFreq");  // 0
          ids(2, "cellsToRemoveList");
          w.whole_number(0, 32, "cellsToAddModList");
          w.whole_number(4, 32, "cellIndex");
          w.whole_number(510, 512, "physCellId");
          w.whole_number(12, 512, "cellForWhichToReportCGI");
        }
      }
    }
  }
  if (m.removals) ids(2, "reportConfigToRemoveList");
  const auto rsrp = [&w] {  // ThresholdEUTRA: threshold-RSRP
    w.choice(0, 2, false, "ThresholdEUTRA");
    w.whole_number(40, 98, "threshold-RSRP");
  };
  const auto tail = [&w](bool eutra) {  // what follows triggerType
    if (eutra) {
      w.enumerated(1, 2, false, "triggerQuantity");
      w.enumerated(0, 2, false, "reportQuantity");
    }
    w.whole_number(3, 8, "maxReportCells");
    w.enumerated(4, 16, false, "reportInterval");
    w.enumerated(7, 8, false, "reportAmount");
  };
  if (reports > 0) {
    w.whole_number(reports - 1, 32, "reportConfigToAddModList");
    unsigned id = 0;
    for (unsigned e = 0; e < 7; ++e) {
      if (!(m.eutra_events >> e & 1)) continue;
      w.whole_number(id++, 32, "reportConfigId");
      w.choice(0, 2, false, "reportConfig");  // reportConfigEUTRA
      w.bit(false);                           // extension bit
      w.choice(e == 5 ? 1 : 0, 2, false, "triggerType");
      if (e == 5) {
        w.enumerated(1, 2, false, "purpose");  // reportCGI
      } else {
        if (e == 6) {  // eventA6-r10: extension alternative 0, an open type of 7 bits
          w.bit(true);
          w.normally_small(0);
          w.length(1, "open type");
          w.octets({static_cast<std::uint8_t>((33u << 2) | (1u << 1))});  // a6-Offset 3, a6-ReportOnLeave
        } else {
          w.choice(e, 5, true, "eventId");
          if (e == 2) {
            w.whole_number(34, 61, "a3-Offset");  // 4 (2 dB)
            w.bit(false);                         // reportOnLeave
          } else {
            rsrp();
            if (e == 4) {
              w.choice(1, 2, false, "ThresholdEUTRA");
              w.whole_number(20, 35, "threshold-RSRQ");
            }
          }
        }
        w.whole_number(4, 31, "hysteresis");
        w.enumerated(9, 16, false, "timeToTrigger");
      }
      tail(true);
    }
    for (unsigned e = 0; e < 5; ++e) {
      if (!(m.inter_rat_events >> e & 1)) continue;
      w.whole_number(id++, 32, "reportConfigId");
      w.choice(1, 2, false, "reportConfig");  // reportConfigInterRAT
      w.bit(false);                           // extension bit
      w.choice(e == 4 ? 1 : 0, 2, false, "triggerType");
      if (e == 4) {
        w.enumerated(1, 3, false, "purpose");  // reportStrongestCellsForSON
      } else {
        w.choice(e == 3 ? 1 : 0, 2, true, "eventId");
        if (e == 3) rsrp();
        const unsigned rat = e == 3 ? 0 : e;
        w.choice(rat, 3, false, "threshold");
        if (rat == 0) {
          w.choice(0, 2, false, "ThresholdUTRA");
          w.whole_number(60, 97, "utra-RSCP");
        } else {
          w.whole_number(30, 64, rat == 1 ? "ThresholdGERAN" : "ThresholdCDMA2000");
        }
        w.whole_number(2, 31, "hysteresis");
        w.enumerated(3, 16, false, "timeToTrigger");
      }
      tail(false);
    }
  }
  if (m.removals) ids(4, "measIdToRemoveList");
  if (objects > 0 && reports > 0) {
    w.whole_number(1, 32, "measIdToAddModList");
    for (unsigned i = 0; i < 2; ++i) {
      w.whole_number(i, 32, "measId");
      w.whole_number(0, 32, "measObjectId");
      w.whole_number(i % reports, 32, "reportConfigId");
    }
  }
  if (m.quantity) {
    w.bit(false);  // extension bit
    w.preamble(false, {true, true, true, true});
    w.preamble(false, {true, false});
    w.enumerated(8, 16, true, "filterCoefficientRSRP");
    w.preamble(false, {true});
    w.enumerated(1, 2, false, "measQuantityUTRA-FDD");  // measQuantityUTRA-TDD: one value, no bits
    w.enumerated(2, 16, true, "filterCoefficient");
    w.preamble(false, {false});  // GERAN: measQuantityGERAN, no bits
    w.enumerated(1, 2, false, "measQuantityCDMA2000");
  }
  if (m.gap) {
    w.choice(1, 2, false, "measGapConfig");  // setup
    if (m.gap_extension) {  // gp4-r15 INTEGER (0..19): extension alternative 10, 5 bits in an open type
      w.bit(true);
      w.normally_small(10);
      w.length(1, "open type");
      w.octets({static_cast<std::uint8_t>(17u << 3)});
    } else {
      w.choice(1, 2, true, "gapOffset");
      w.whole_number(63, 80, "gp1");
    }
  }
  if (m.s_measure) w.whole_number(50, 98, "s-Measure");
  if (m.hrpd) {
    w.preamble(false, {true, true});
    w.bit(true);  // preRegistrationAllowed
    w.whole_number(17, 256, "preRegistrationZoneId");
    w.whole_number(1, 2, "secondaryPreRegistrationZoneIdList");
    w.whole_number(18, 256, "PreRegistrationZoneIdHRPD");
    w.whole_number(19, 256, "PreRegistrationZoneIdHRPD");
  }
  if (m.speed) {
    w.choice(1, 2, false, "speedStatePars");
    w.enumerated(2, 8, false, "t-Evaluation");
    w.enumerated(3, 8, false, "t-HystNormal");
    w.whole_number(5, 16, "n-CellChangeMedium");
    w.whole_number(9, 16, "n-CellChangeHigh");
    w.enumerated(1, 4, false, "sf-Medium");
    w.enumerated(0, 4, false, "sf-High");
  }
  if (m.addition) {
    // X.691 19.8: bit-map length 2 (normally small, 1), bit-map 01, then the group
    // [[ allowInterruptions-r11 BOOLEAN OPTIONAL ]] as an open type: presence, TRUE, padded.
    w.bit(false);
    w.bits(1, 6);
    w.bits(1, 2);
    w.length(1, "open type");
    w.octets({0xc0});
  }
}

// NR MeasConfig: every field the knobs ask for, in the order of the ASN.1.
inline void nr_meas_config(spec::rrc::UperWriter& w, const Before::NrMeas& m) {
  const unsigned reports = static_cast<unsigned>(std::popcount(m.events & 0xff));
  w.bit(m.addition);  // extension bit
  w.preamble(false, {m.removals, m.objects > 0, m.removals, reports > 0, m.removals, m.objects > 0 && reports > 0,
                     m.s_measure, m.quantity, m.gap, m.sharing});
  const auto ids = [&w](unsigned n, std::uint32_t max, const char* ie) {  // ids 1..n
    w.whole_number(n - 1, max, ie);
    for (unsigned i = 0; i < n; ++i) w.whole_number(i, max, ie);
  };
  const auto offsets = [&w](bool any) {  // Q-OffsetRangeList: the first and the last when `any`
    w.preamble(false, {any, false, false, false, false, any});
    if (any) {
      w.enumerated(17, 31, false, "rsrpOffsetSSB");
      w.enumerated(13, 31, false, "sinrOffsetCSI-RS");
    }
  };
  const auto range = [&w](unsigned index, bool with_range) {  // PCI-RangeElement
    w.whole_number(index, 8, "pci-RangeIndex");
    w.preamble(false, {with_range});
    w.whole_number(500 + index, 1008, "start");
    if (with_range) w.enumerated(14, 16, false, "range");  // n1008
  };
  if (m.removals) ids(2, 64, "measObjectToRemoveList");
  if (m.objects > 0) {
    w.whole_number(m.objects - 1, 64, "measObjectToAddModList");
    for (unsigned o = 0; o < m.objects; ++o) {
      w.whole_number(o, 64, "measObjectId");
      w.choice(0, 1, true, "measObject");  // measObjectNR
      const bool c = m.cells;
      w.bit(false);  // extension bit
      w.preamble(false, {m.ssb, m.ssb, m.ssb, m.ssb, false, c, c, c, c, c, c, c, c, c, c});
      if (m.ssb) {
        w.whole_number(632628, 3279166, "ssbFrequency");
        w.enumerated(1, 8, false, "ssbSubcarrierSpacing");  // kHz30
        w.choice(1, 6, false, "periodicityAndOffset");      // sf10
        w.whole_number(7, 10, "sf10");
        w.enumerated(4, 5, false, "duration");
        w.preamble(false, {true});  // smtc2
        w.whole_number(1, 64, "pci-List");
        w.whole_number(1, 1008, "PhysCellId");
        w.whole_number(1007, 1008, "PhysCellId");
        w.enumerated(2, 8, false, "periodicity");
      }
      w.preamble(false, {m.ssb, m.csi_rs});  // referenceSignalConfig
      if (m.ssb) {
        w.bit(false);  // extension bit
        w.preamble(false, {true, true});
        w.choice(1, 2, false, "ssb-ToMeasure");  // setup
        w.choice(m.bitmap % 3, 3, false, "SSB-ToMeasure");
        if (m.bitmap % 3 == 0) w.bits(0xa, 4);
        if (m.bitmap % 3 == 1) w.bits(0x81, 8);
        if (m.bitmap % 3 == 2) {
          w.bits(0xf0000000u, 32);
          w.bits(0x0000000fu, 32);
        }
        w.bit(true);                                 // deriveSSB-IndexFromCell
        w.whole_number(39, 80, "measurementSlots");  // 40 bits
        w.bits(0xffff0000u, 32);
        w.bits(0x5a, 8);
        w.whole_number(2, 4, "endSymbol");
      }
      if (m.csi_rs) {
        w.choice(1, 2, false, "csi-rs-ResourceConfigMobility");  // setup
        w.bit(false);                                            // extension bit
        w.enumerated(1, 8, false, "subcarrierSpacing");
        w.whole_number(1, 96, "csi-RS-CellList-Mobility");
        for (unsigned cell = 0; cell < 2; ++cell) {
          w.preamble(false, {cell == 0});
          w.whole_number(300 + cell, 1008, "cellId");
          w.enumerated(cell + 2, 5, false, "nrofPRBs");
          w.whole_number(2169 - cell, 2170, "startPRB");
          if (cell == 0) w.enumerated(1, 2, false, "density");
          w.whole_number(4, 96, "csi-rs-ResourceList-Mobility");
          constexpr std::uint32_t kSlots[5] = {32, 40, 80, 160, 320};
          for (unsigned k = 0; k < 5; ++k) {
            w.bit(false);  // extension bit
            w.preamble(false, {k % 2 == 0});
            w.whole_number(95 - k, 96, "csi-RS-Index");
            w.choice(k, 5, false, "slotConfig");
            w.whole_number(kSlots[k] - 1, kSlots[k], "slotConfig");
            if (k % 2 == 0) {
              w.whole_number(63 - k, 64, "ssb-Index");
              w.bit(k == 2);  // isQuasiColocated
            }
            w.choice(k % 2, 2, false, "frequencyDomainAllocation");
            w.bits(k % 2 ? 0xabc : 0x5, k % 2 ? 12 : 4);
            w.whole_number(13 - k, 14, "firstOFDMSymbolInTimeDomain");
            w.whole_number(1023 - k, 1024, "sequenceGenerationConfig");
          }
        }
      }
      if (c) {
        w.preamble(false, {true, false, true});
        w.whole_number(60, 128, "thresholdRSRP");
        w.whole_number(20, 128, "thresholdSINR");
        w.preamble(false, {false, true, false});
        w.whole_number(30, 128, "thresholdRSRQ");
        w.whole_number(6, 15, "nrofSS-BlocksToAverage");
        w.whole_number(14, 15, "nrofCSI-RS-ResourcesToAverage");
      }
      w.whole_number(0, 2, "quantityConfigIndex");
      offsets(c);
      if (c) {
        w.whole_number(1, 32, "cellsToRemoveList");
        w.whole_number(11, 1008, "PhysCellId");
        w.whole_number(12, 1008, "PhysCellId");
        w.whole_number(1, 32, "cellsToAddModList");
        for (unsigned k = 0; k < 2; ++k) {
          w.whole_number(20 + k, 1008, "physCellId");
          offsets(k == 1);
        }
        ids(2, 8, "excludedCellsToRemoveList");
        w.whole_number(1, 8, "excludedCellsToAddModList");
        range(0, true);
        range(1, false);
        ids(1, 8, "allowedCellsToRemoveList");
        w.whole_number(0, 8, "allowedCellsToAddModList");
        range(3, true);
      }
    }
  }
  if (m.removals) ids(3, 64, "reportConfigToRemoveList");
  const auto common = [&w](bool periodical) {  // the fields after the event, and before the end
    w.enumerated(periodical ? 1 : 0, 2, false, "rsType");
    w.enumerated(periodical ? 13 : 2, 14, false, "reportInterval");
    w.enumerated(5, 8, false, "reportAmount");
    w.bits(periodical ? 7 : 4, 3);  // reportQuantityCell
    w.whole_number(7, 8, "maxReportCells");
    if (periodical) {
      w.bits(1, 3);  // reportQuantityRS-Indexes
      w.whole_number(31, 32, "maxNrofRS-IndexesToReport");
    }
    w.bit(periodical);  // includeBeamMeasurements
  };
  if (reports > 0) {
    w.whole_number(reports - 1, 64, "reportConfigToAddModList");
    unsigned id = 0;
    for (unsigned e = 0; e < 8; ++e) {
      if (!(m.events >> e & 1)) continue;
      w.whole_number(id++, 64, "reportConfigId");
      w.choice(0, 1, true, "reportConfig");  // reportConfigNR
      if (e == 7) {                          // reportCGI: extension alternative 0, an open type of 11 bits
        w.bit(true);
        w.normally_small(0);
        w.length(2, "open type");
        w.octets({0x3e, 0x60});  // extension bit 0, cellForWhichToReportCGI 499
        continue;
      }
      w.choice(e == 6 ? 0 : 1, 2, true, "reportType");
      if (e == 6) {  // periodical
        w.bit(false);
        w.preamble(false, {true, true});
        common(true);
        w.bit(true);  // useAllowedCellList
        continue;
      }
      w.bit(false);                               // extension bit
      w.preamble(false, {false, false, e == 0});  // reportAddNeighMeas: no bits
      w.choice(e, 6, true, "eventId");
      const bool offset = e == 2 || e == 5;
      w.choice(e % 3, 3, false, offset ? "MeasTriggerQuantityOffset" : "MeasTriggerQuantity");
      w.whole_number(offset ? 33 : 90, offset ? 61 : 128, "threshold");
      if (e == 4) {
        w.choice(2, 3, false, "MeasTriggerQuantity");
        w.whole_number(70, 128, "a5-Threshold2");
      }
      w.bit(e % 2 == 1);  // reportOnLeave
      w.whole_number(2, 31, "hysteresis");
      w.enumerated(8, 16, false, "timeToTrigger");
      if (e >= 2) w.bit(true);  // useAllowedCellList
      common(false);
    }
  }
  if (m.removals) ids(4, 64, "measIdToRemoveList");
  if (m.objects > 0 && reports > 0) {
    w.whole_number(reports - 1, 64, "measIdToAddModList");
    for (unsigned i = 0; i < reports; ++i) {
      w.whole_number(i, 64, "measId");
      w.whole_number(i % m.objects, 64, "measObjectId");
      w.whole_number(i, 64, "reportConfigId");
    }
  }
  if (m.s_measure) {
    w.choice(1, 2, false, "s-MeasureConfig");  // csi-RSRP
    w.whole_number(45, 128, "csi-RSRP");
  }
  const auto filter = [&w](bool any) {
    w.preamble(false, {any, false, any});
    if (any) {
      w.enumerated(6, 16, true, "filterCoefficientRSRP");
      w.enumerated(0, 16, true, "filterCoefficientRS-SINR");
    }
  };
  if (m.quantity) {
    w.bit(false);  // extension bit
    w.preamble(false, {true});
    w.whole_number(1, 2, "quantityConfigNR-List");
    for (unsigned q = 0; q < 2; ++q) {
      w.preamble(false, {q == 1});
      filter(true);
      filter(false);
      if (q == 1) {
        filter(false);
        filter(true);
      }
    }
  }
  if (m.gap) {
    w.bit(false);  // extension bit
    w.preamble(false, {true});
    w.choice(1, 2, false, "gapFR2");  // setup
    w.bit(false);                     // GapConfig's extension bit
    w.whole_number(77, 160, "gapOffset");
    w.enumerated(3, 6, false, "mgl");
    w.enumerated(1, 4, false, "mgrp");
    w.enumerated(2, 3, false, "mgta");
  }
  if (m.sharing) {
    w.bit(false);  // extension bit
    w.preamble(false, {true});
    w.choice(1, 2, false, "gapSharingFR2");
    w.enumerated(2, 4, false, "MeasGapSharingScheme");
  }
  if (m.addition) {
    // X.691 19.8: bit-map length 1 (normally small, 0), bit-map 1, then the group
    // [[ interFrequencyConfig-NoGap-r16 ENUMERATED {true} OPTIONAL ]] as an open type: presence, padded.
    w.bit(false);
    w.bits(0, 6);
    w.bit(true);
    w.length(1, "open type");
    w.octets({0x80});
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
  w.preamble(false, {b.lte_meas.has_value(), b.mobility_control, !nas.empty(), false, false, false});
  if (b.lte_meas) detail::lte_meas_config(w, *b.lte_meas);
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
  w.preamble(false, {b.bearers.has_value(), cells, b.nr_meas.has_value(), false, true});
  if (b.bearers) detail::radio_bearer_config(w, *b.bearers);
  if (cells) detail::octet_string(w, b.skipped_octets);  // secondaryCellGroup
  if (b.nr_meas) detail::nr_meas_config(w, *b.nr_meas);
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
