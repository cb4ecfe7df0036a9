// The ASN.1 is quoted from EUTRA-RRC-Definitions.asn (TS 36.331) as mirrored by pycrate, without
// the extension additions ([[ ... ]]) and extension alternatives, which are stepped over as open
// types. maxObjectId = maxReportConfigId = maxMeasId = maxCellMeas = 32, maxCellReport = 8.
// DEFAULT components have presence bits like OPTIONAL ones (X.691 19.2).
#include "oracle/rrc_lte_meas_config.h"

#include <cstdint>

#include "oracle/uper_steps.h"

namespace secmode::oracle {

namespace {

using spec::rrc::UperReader;
using uper::additions;
using uper::enumerated;
using uper::integer;
using uper::list;
using uper::skip_open_type;

constexpr std::uint32_t kMax = 32;  // maxObjectId, maxReportConfigId, maxMeasId, maxCellMeas

// Q-OffsetRange ::= ENUMERATED { dB-24, ..., dB24 }                  -- 31 values
bool q_offset_range(UperReader& r, const std::string& ie) { return enumerated(r, ie, 31); }

// CellIndexList ::= SEQUENCE (SIZE (1..maxCellMeas)) OF CellIndex     -- INTEGER (1..maxCellMeas)
bool cell_index_list(UperReader& r, const std::string& ie) {
  return list(r, ie, kMax, [&](const std::string& e) { return integer(r, e, kMax); });
}

// MeasObjectEUTRA ::= SEQUENCE {
//     carrierFreq               ARFCN-ValueEUTRA,                     -- INTEGER (0..maxEARFCN = 65535)
//     allowedMeasBandwidth      AllowedMeasBandwidth,                 -- ENUMERATED, 6 values
//     presenceAntennaPort1      PresenceAntennaPort1,                 -- BOOLEAN
//     neighCellConfig           NeighCellConfig,                      -- BIT STRING (SIZE (2))
//     offsetFreq                Q-OffsetRange          DEFAULT dB0,
//     cellsToRemoveList         CellIndexList          OPTIONAL,
//     cellsToAddModList         CellsToAddModList      OPTIONAL,
//     excludedCellsToRemoveList CellIndexList          OPTIONAL,
//     excludedCellsToAddModList ExcludedCellsToAddModList OPTIONAL,
//     cellForWhichToReportCGI   PhysCellId             OPTIONAL,      -- INTEGER (0..503)
//     ..., [[ ... ]] }
// CellsToAddMod ::= SEQUENCE { cellIndex INTEGER (1..maxCellMeas), physCellId PhysCellId,
//                              cellIndividualOffset Q-OffsetRange }
// ExcludedCellsToAddMod ::= SEQUENCE { cellIndex INTEGER (1..maxCellMeas), physCellIdRange PhysCellIdRange }
// PhysCellIdRange ::= SEQUENCE { start PhysCellId, range ENUMERATED { n4, ..., spare1 } OPTIONAL }  -- 16 values
bool meas_object_eutra(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 6);
  if (!p || !integer(r, ie + ".carrierFreq", 65536) || !enumerated(r, ie + ".allowedMeasBandwidth", 6) ||
      !r.bits(ie + ".presenceAntennaPort1", 1) || !r.bits(ie + ".neighCellConfig", 2))
    return false;
  const auto cell = [&](const std::string& e) {
    return integer(r, e + ".cellIndex", kMax) && integer(r, e + ".physCellId", 504) &&
           q_offset_range(r, e + ".cellIndividualOffset");
  };
  const auto excluded = [&](const std::string& e) {
    if (!integer(r, e + ".cellIndex", kMax)) return false;
    const std::string range = e + ".physCellIdRange";
    const auto q = r.preamble(range, false, 1);
    return q && integer(r, range + ".start", 504) && (!q->present[0] || enumerated(r, range + ".range", 16));
  };
  return (!p->present[0] || q_offset_range(r, ie + ".offsetFreq")) &&
         (!p->present[1] || cell_index_list(r, ie + ".cellsToRemoveList")) &&
         (!p->present[2] || list(r, ie + ".cellsToAddModList", kMax, cell)) &&
         (!p->present[3] || cell_index_list(r, ie + ".excludedCellsToRemoveList")) &&
         (!p->present[4] || list(r, ie + ".excludedCellsToAddModList", kMax, excluded)) &&
         (!p->present[5] || integer(r, ie + ".cellForWhichToReportCGI", 504)) && additions(r, *p, ie);
}

// MeasObjectUTRA ::= SEQUENCE {
//     carrierFreq               ARFCN-ValueUTRA,                      -- INTEGER (0..16383)
//     offsetFreq                Q-OffsetRangeInterRAT  DEFAULT 0,     -- INTEGER (-15..15)
//     cellsToRemoveList         CellIndexList          OPTIONAL,
//     cellsToAddModList         CHOICE { cellsToAddModListUTRA-FDD CellsToAddModListUTRA-FDD,
//                                        cellsToAddModListUTRA-TDD CellsToAddModListUTRA-TDD } OPTIONAL,
//     cellForWhichToReportCGI   CHOICE { utra-FDD PhysCellIdUTRA-FDD,
//                                        utra-TDD PhysCellIdUTRA-TDD } OPTIONAL,
//     ..., [[ ... ]] }
// CellsToAddModUTRA-FDD / -TDD ::= SEQUENCE { cellIndex INTEGER (1..maxCellMeas),
//                                             physCellId PhysCellIdUTRA-FDD / -TDD }
// PhysCellIdUTRA-FDD ::= INTEGER (0..511); PhysCellIdUTRA-TDD ::= INTEGER (0..127)
bool meas_object_utra(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 4);
  if (!p || !integer(r, ie + ".carrierFreq", 16384) || (p->present[0] && !integer(r, ie + ".offsetFreq", 31)) ||
      (p->present[1] && !cell_index_list(r, ie + ".cellsToRemoveList")))
    return false;
  if (p->present[2]) {
    const std::string add = ie + ".cellsToAddModList";
    const auto c = r.choice(add, 2, false);
    const std::uint32_t ids = c && c->index == 0 ? 512 : 128;
    if (!c || !list(r, add, kMax, [&](const std::string& e) {
          return integer(r, e + ".cellIndex", kMax) && integer(r, e + ".physCellId", ids);
        }))
      return false;
  }
  if (p->present[3]) {
    const std::string cgi = ie + ".cellForWhichToReportCGI";
    const auto c = r.choice(cgi, 2, false);
    if (!c || !integer(r, cgi, c->index == 0 ? 512 : 128)) return false;
  }
  return additions(r, *p, ie);
}

// MeasObjectGERAN ::= SEQUENCE {
//     carrierFreqs              CarrierFreqsGERAN,
//     offsetFreq                Q-OffsetRangeInterRAT  DEFAULT 0,
//     ncc-Permitted             BIT STRING (SIZE (8))  DEFAULT '11111111'B,
//     cellForWhichToReportCGI   PhysCellIdGERAN        OPTIONAL,
//     ... }
// CarrierFreqsGERAN ::= SEQUENCE {
//     startingARFCN ARFCN-ValueGERAN,                                 -- INTEGER (0..1023)
//     bandIndicator BandIndicatorGERAN,                               -- ENUMERATED {dcs1800, pcs1900}
//     followingARFCNs CHOICE {
//         explicitListOfARFCNs ExplicitListOfARFCNs,                  -- SEQUENCE (SIZE (0..31)) OF ARFCN-ValueGERAN
//         equallySpacedARFCNs SEQUENCE { arfcn-Spacing INTEGER (1..8),
//                                        numberOfFollowingARFCNs INTEGER (0..31) },
//         variableBitMapOfARFCNs OCTET STRING (SIZE (1..16)) } }
// PhysCellIdGERAN ::= SEQUENCE { networkColourCode BIT STRING (SIZE (3)),
//                                baseStationColourCode BIT STRING (SIZE (3)) }
bool meas_object_geran(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 3);
  const std::string freqs = ie + ".carrierFreqs";
  if (!p || !integer(r, freqs + ".startingARFCN", 1024) || !enumerated(r, freqs + ".bandIndicator", 2)) return false;
  const std::string following = freqs + ".followingARFCNs";
  const auto c = r.choice(following, 3, false);
  if (!c) return false;
  if (c->index == 0) {
    const auto n = r.whole_number(following + ".explicitListOfARFCNs", 32);  // SIZE (0..31): n itself
    if (!n) return false;
    for (std::uint32_t i = 0; i < *n; ++i)
      if (!integer(r, following + ".explicitListOfARFCNs[" + std::to_string(i) + "]", 1024)) return false;
  } else if (c->index == 1) {
    if (!integer(r, following + ".arfcn-Spacing", 8) || !integer(r, following + ".numberOfFollowingARFCNs", 32))
      return false;
  } else {
    // X.691 17.6: a size range below 64K is its whole number, then the octets.
    const std::string map = following + ".variableBitMapOfARFCNs";
    const auto n = r.whole_number(map, 16);
    if (!n || !r.octets(map, *n + 1)) return false;
  }
  return (!p->present[0] || integer(r, ie + ".offsetFreq", 31)) &&
         (!p->present[1] || r.bits(ie + ".ncc-Permitted", 8)) &&
         (!p->present[2] || (r.bits(ie + ".cellForWhichToReportCGI.networkColourCode", 3) &&
                             r.bits(ie + ".cellForWhichToReportCGI.baseStationColourCode", 3))) &&
         additions(r, *p, ie);
}

// MeasObjectCDMA2000 ::= SEQUENCE {
//     cdma2000-Type             CDMA2000-Type,                        -- ENUMERATED {type1XRTT, typeHRPD}
//     carrierFreq               CarrierFreqCDMA2000,
//     searchWindowSize          INTEGER (0..15)        OPTIONAL,
//     offsetFreq                Q-OffsetRangeInterRAT  DEFAULT 0,
//     cellsToRemoveList         CellIndexList          OPTIONAL,
//     cellsToAddModList         CellsToAddModListCDMA2000 OPTIONAL,
//     cellForWhichToReportCGI   PhysCellIdCDMA2000     OPTIONAL,      -- INTEGER (0..maxPNOffset = 511)
//     ... }
// CarrierFreqCDMA2000 ::= SEQUENCE { bandClass BandclassCDMA2000,    -- ENUMERATED, 32 values, ...
//                                    arfcn ARFCN-ValueCDMA2000 }      -- INTEGER (0..2047)
// CellsToAddModCDMA2000 ::= SEQUENCE { cellIndex INTEGER (1..maxCellMeas), physCellId PhysCellIdCDMA2000 }
bool meas_object_cdma2000(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 5);
  const auto cell = [&](const std::string& e) {
    return integer(r, e + ".cellIndex", kMax) && integer(r, e + ".physCellId", 512);
  };
  return p && enumerated(r, ie + ".cdma2000-Type", 2) && enumerated(r, ie + ".carrierFreq.bandClass", 32, true) &&
         integer(r, ie + ".carrierFreq.arfcn", 2048) && (!p->present[0] || integer(r, ie + ".searchWindowSize", 16)) &&
         (!p->present[1] || integer(r, ie + ".offsetFreq", 31)) &&
         (!p->present[2] || cell_index_list(r, ie + ".cellsToRemoveList")) &&
         (!p->present[3] || list(r, ie + ".cellsToAddModList", kMax, cell)) &&
         (!p->present[4] || integer(r, ie + ".cellForWhichToReportCGI", 512)) && additions(r, *p, ie);
}

// MeasObjectToAddMod ::= SEQUENCE {
//     measObjectId  MeasObjectId,                                     -- INTEGER (1..maxObjectId)
//     measObject    CHOICE { measObjectEUTRA MeasObjectEUTRA, measObjectUTRA MeasObjectUTRA,
//                            measObjectGERAN MeasObjectGERAN, measObjectCDMA2000 MeasObjectCDMA2000,
//                            ..., measObjectWLAN-r13 ..., measObjectNR-r15 ... } }
bool meas_object_to_add_mod(UperReader& r, const std::string& ie) {
  const std::string object = ie + ".measObject";
  if (!integer(r, ie + ".measObjectId", kMax)) return false;
  const auto c = r.choice(object, 4, true);
  if (!c) return false;
  if (c->extension) return skip_open_type(r, object);
  switch (c->index) {
    case 0:
      return meas_object_eutra(r, object + ".measObjectEUTRA");
    case 1:
      return meas_object_utra(r, object + ".measObjectUTRA");
    case 2:
      return meas_object_geran(r, object + ".measObjectGERAN");
    default:
      return meas_object_cdma2000(r, object + ".measObjectCDMA2000");
  }
}

// ThresholdEUTRA ::= CHOICE { threshold-RSRP RSRP-Range,               -- INTEGER (0..97)
//                             threshold-RSRQ RSRQ-Range }              -- INTEGER (0..34)
bool threshold_eutra(UperReader& r, const std::string& ie) {
  const auto c = r.choice(ie, 2, false);
  return c && integer(r, ie, c->index == 0 ? 98 : 35);
}

// CHOICE { ...UTRA ThresholdUTRA, ...GERAN ThresholdGERAN, ...CDMA2000 ThresholdCDMA2000 }
// ThresholdUTRA ::= CHOICE { utra-RSCP INTEGER (-5..91), utra-EcN0 INTEGER (0..49) }
// ThresholdGERAN ::= INTEGER (0..63); ThresholdCDMA2000 ::= INTEGER (0..63)
bool threshold_inter_rat(UperReader& r, const std::string& ie) {
  const auto c = r.choice(ie, 3, false);
  if (!c) return false;
  if (c->index != 0) return integer(r, ie, 64);
  const auto u = r.choice(ie, 2, false);
  return u && integer(r, ie, u->index == 0 ? 97 : 50);
}

// Hysteresis ::= INTEGER (0..30); TimeToTrigger ::= ENUMERATED { ms0, ..., ms5120 }   -- 16 values
bool hysteresis_and_time(UperReader& r, const std::string& ie) {
  return integer(r, ie + ".hysteresis", 31) && enumerated(r, ie + ".timeToTrigger", 16);
}

// triggerType CHOICE {
//     event SEQUENCE { eventId CHOICE { <root events>, ..., <extension events> },
//                      hysteresis Hysteresis, timeToTrigger TimeToTrigger },
//     periodical SEQUENCE { purpose ENUMERATED { <purposes> } } }
// as both report configurations have it; event(name, index) reads a root event.
template <class Event>
bool trigger_type(UperReader& r, const std::string& ie, std::uint32_t events, std::uint32_t purposes, Event&& event) {
  const auto t = r.choice(ie, 2, false);
  if (!t) return false;
  if (t->index == 1) return enumerated(r, ie + ".periodical.purpose", purposes);
  const std::string id = ie + ".event.eventId";
  const auto e = r.choice(id, events, true);
  return e && (e->extension ? skip_open_type(r, id) : event(id, e->index)) && hysteresis_and_time(r, ie + ".event");
}

// ReportConfigEUTRA ::= SEQUENCE {
//     triggerType CHOICE {
//         event SEQUENCE {
//             eventId CHOICE {
//                 eventA1 SEQUENCE { a1-Threshold ThresholdEUTRA },
//                 eventA2 SEQUENCE { a2-Threshold ThresholdEUTRA },
//                 eventA3 SEQUENCE { a3-Offset INTEGER (-30..30), reportOnLeave BOOLEAN },
//                 eventA4 SEQUENCE { a4-Threshold ThresholdEUTRA },
//                 eventA5 SEQUENCE { a5-Threshold1 ThresholdEUTRA, a5-Threshold2 ThresholdEUTRA },
//                 ..., eventA6-r10 ... eventH2-r15 },
//             hysteresis Hysteresis,
//             timeToTrigger TimeToTrigger },
//         periodical SEQUENCE { purpose ENUMERATED { reportStrongestCells, reportCGI } } },
//     triggerQuantity ENUMERATED {rsrp, rsrq},
//     reportQuantity ENUMERATED {sameAsTriggerQuantity, both},
//     maxReportCells INTEGER (1..maxCellReport),
//     reportInterval ReportInterval,                                  -- ENUMERATED, 16 values
//     reportAmount ENUMERATED {r1, r2, r4, r8, r16, r32, r64, infinity},
//     ..., [[ ... ]] }
bool report_config_eutra(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 0);
  const auto event = [&](const std::string& id, std::uint32_t k) {
    if (k == 2) return integer(r, id + ".eventA3.a3-Offset", 61) && r.bits(id + ".eventA3.reportOnLeave", 1);
    if (k == 4)
      return threshold_eutra(r, id + ".eventA5.a5-Threshold1") && threshold_eutra(r, id + ".eventA5.a5-Threshold2");
    return threshold_eutra(r, id + (k == 0   ? ".eventA1.a1-Threshold"
                                    : k == 1 ? ".eventA2.a2-Threshold"
                                             : ".eventA4.a4-Threshold"));
  };
  return p && trigger_type(r, ie + ".triggerType", 5, 2, event) && enumerated(r, ie + ".triggerQuantity", 2) &&
         enumerated(r, ie + ".reportQuantity", 2) && integer(r, ie + ".maxReportCells", 8) &&
         enumerated(r, ie + ".reportInterval", 16) && enumerated(r, ie + ".reportAmount", 8) && additions(r, *p, ie);
}

// ReportConfigInterRAT ::= SEQUENCE {
//     triggerType CHOICE {
//         event SEQUENCE {
//             eventId CHOICE {
//                 eventB1 SEQUENCE { b1-Threshold CHOICE { b1-ThresholdUTRA ThresholdUTRA,
//                                                          b1-ThresholdGERAN ThresholdGERAN,
//                                                          b1-ThresholdCDMA2000 ThresholdCDMA2000 } },
//                 eventB2 SEQUENCE { b2-Threshold1 ThresholdEUTRA,
//                                    b2-Threshold2 CHOICE { ...UTRA, ...GERAN, ...CDMA2000 as b1 } },
//                 ..., eventW1-r13 ... eventB2-NR-r15 },
//             hysteresis Hysteresis,
//             timeToTrigger TimeToTrigger },
//         periodical SEQUENCE { purpose ENUMERATED { reportStrongestCells,
//                                                    reportStrongestCellsForSON, reportCGI } } },
//     maxReportCells INTEGER (1..maxCellReport),
//     reportInterval ReportInterval,
//     reportAmount ENUMERATED {r1, r2, r4, r8, r16, r32, r64, infinity},
//     ..., [[ ... ]] }
bool report_config_inter_rat(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 0);
  const auto event = [&](const std::string& id, std::uint32_t k) {
    if (k == 0) return threshold_inter_rat(r, id + ".eventB1.b1-Threshold");
    return threshold_eutra(r, id + ".eventB2.b2-Threshold1") && threshold_inter_rat(r, id + ".eventB2.b2-Threshold2");
  };
  return p && trigger_type(r, ie + ".triggerType", 2, 3, event) && integer(r, ie + ".maxReportCells", 8) &&
         enumerated(r, ie + ".reportInterval", 16) && enumerated(r, ie + ".reportAmount", 8) && additions(r, *p, ie);
}

// ReportConfigToAddMod ::= SEQUENCE {
//     reportConfigId ReportConfigId,                                  -- INTEGER (1..maxReportConfigId)
//     reportConfig CHOICE { reportConfigEUTRA ReportConfigEUTRA, reportConfigInterRAT ReportConfigInterRAT } }
bool report_config_to_add_mod(UperReader& r, const std::string& ie) {
  const std::string config = ie + ".reportConfig";
  if (!integer(r, ie + ".reportConfigId", kMax)) return false;
  const auto c = r.choice(config, 2, false);
  return c && (c->index == 0 ? report_config_eutra(r, config + ".reportConfigEUTRA")
                             : report_config_inter_rat(r, config + ".reportConfigInterRAT"));
}

// QuantityConfig ::= SEQUENCE {
//     quantityConfigEUTRA    QuantityConfigEUTRA    OPTIONAL,
//     quantityConfigUTRA     QuantityConfigUTRA     OPTIONAL,
//     quantityConfigGERAN    QuantityConfigGERAN    OPTIONAL,
//     quantityConfigCDMA2000 QuantityConfigCDMA2000 OPTIONAL,
//     ..., [[ ... ]] }
// QuantityConfigEUTRA ::= SEQUENCE { filterCoefficientRSRP FilterCoefficient DEFAULT fc4,
//                                    filterCoefficientRSRQ FilterCoefficient DEFAULT fc4 }
// FilterCoefficient ::= ENUMERATED { fc0, ..., fc19, spare1, ... }    -- 16 values, extensible
// QuantityConfigUTRA ::= SEQUENCE { measQuantityUTRA-FDD ENUMERATED {cpich-RSCP, cpich-EcN0},
//                                   measQuantityUTRA-TDD ENUMERATED {pccpch-RSCP},
//                                   filterCoefficient FilterCoefficient DEFAULT fc4 }
// QuantityConfigGERAN ::= SEQUENCE { measQuantityGERAN ENUMERATED {rssi},
//                                    filterCoefficient FilterCoefficient DEFAULT fc2 }
// QuantityConfigCDMA2000 ::= SEQUENCE { measQuantityCDMA2000 ENUMERATED {pilotStrength,
//                                                                        pilotPnPhaseAndPilotStrength} }
// An ENUMERATED of one value takes no bits (X.691 14.1, 11.5.4).
bool quantity_config(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 4);
  if (!p) return false;
  const auto filter = [&](const std::string& e) { return enumerated(r, e, 16, true); };
  if (p->present[0]) {
    const std::string q = ie + ".quantityConfigEUTRA";
    const auto d = r.preamble(q, false, 2);
    if (!d || (d->present[0] && !filter(q + ".filterCoefficientRSRP")) ||
        (d->present[1] && !filter(q + ".filterCoefficientRSRQ")))
      return false;
  }
  if (p->present[1]) {
    const std::string q = ie + ".quantityConfigUTRA";
    const auto d = r.preamble(q, false, 1);
    if (!d || !enumerated(r, q + ".measQuantityUTRA-FDD", 2) || !enumerated(r, q + ".measQuantityUTRA-TDD", 1) ||
        (d->present[0] && !filter(q + ".filterCoefficient")))
      return false;
  }
  if (p->present[2]) {
    const std::string q = ie + ".quantityConfigGERAN";
    const auto d = r.preamble(q, false, 1);
    if (!d || !enumerated(r, q + ".measQuantityGERAN", 1) || (d->present[0] && !filter(q + ".filterCoefficient")))
      return false;
  }
  return (!p->present[3] || enumerated(r, ie + ".quantityConfigCDMA2000.measQuantityCDMA2000", 2)) &&
         additions(r, *p, ie);
}

// MeasGapConfig ::= CHOICE { release NULL,
//     setup SEQUENCE { gapOffset CHOICE { gp0 INTEGER (0..39), gp1 INTEGER (0..79), ...,
//                                         gp2-r14 ... gp11-r15 } } }
bool meas_gap_config(UperReader& r, const std::string& ie) {
  const auto c = r.choice(ie, 2, false);
  if (!c || c->index == 0) return c.has_value();
  const std::string offset = ie + ".setup.gapOffset";
  const auto g = r.choice(offset, 2, true);
  return g && (g->extension ? skip_open_type(r, offset) : integer(r, offset, g->index == 0 ? 40 : 80));
}

// PreRegistrationInfoHRPD ::= SEQUENCE {
//     preRegistrationAllowed BOOLEAN,
//     preRegistrationZoneId PreRegistrationZoneIdHRPD OPTIONAL,       -- INTEGER (0..255)
//     secondaryPreRegistrationZoneIdList SecondaryPreRegistrationZoneIdListHRPD OPTIONAL }
// SecondaryPreRegistrationZoneIdListHRPD ::= SEQUENCE (SIZE (1..2)) OF PreRegistrationZoneIdHRPD
bool pre_registration_info_hrpd(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, false, 2);
  return p && r.bits(ie + ".preRegistrationAllowed", 1) &&
         (!p->present[0] || integer(r, ie + ".preRegistrationZoneId", 256)) &&
         (!p->present[1] || list(r, ie + ".secondaryPreRegistrationZoneIdList", 2,
                                 [&](const std::string& e) { return integer(r, e, 256); }));
}

// speedStatePars CHOICE { release NULL,
//     setup SEQUENCE { mobilityStateParameters MobilityStateParameters,
//                      timeToTrigger-SF SpeedStateScaleFactors } }
// MobilityStateParameters ::= SEQUENCE { t-Evaluation ENUMERATED (8 values), t-HystNormal ENUMERATED (8 values),
//                                        n-CellChangeMedium INTEGER (1..16), n-CellChangeHigh INTEGER (1..16) }
// SpeedStateScaleFactors ::= SEQUENCE { sf-Medium ENUMERATED (4 values), sf-High ENUMERATED (4 values) }
bool speed_state_pars(UperReader& r, const std::string& ie) {
  const auto c = r.choice(ie, 2, false);
  if (!c || c->index == 0) return c.has_value();
  const std::string m = ie + ".setup.mobilityStateParameters", sf = ie + ".setup.timeToTrigger-SF";
  return enumerated(r, m + ".t-Evaluation", 8) && enumerated(r, m + ".t-HystNormal", 8) &&
         integer(r, m + ".n-CellChangeMedium", 16) && integer(r, m + ".n-CellChangeHigh", 16) &&
         enumerated(r, sf + ".sf-Medium", 4) && enumerated(r, sf + ".sf-High", 4);
}

}  // namespace

// MeasConfig ::= SEQUENCE {
//     measObjectToRemoveList   MeasObjectToRemoveList   OPTIONAL,
//     measObjectToAddModList   MeasObjectToAddModList   OPTIONAL,
//     reportConfigToRemoveList ReportConfigToRemoveList OPTIONAL,
//     reportConfigToAddModList ReportConfigToAddModList OPTIONAL,
//     measIdToRemoveList       MeasIdToRemoveList       OPTIONAL,
//     measIdToAddModList       MeasIdToAddModList       OPTIONAL,
//     quantityConfig           QuantityConfig           OPTIONAL,
//     measGapConfig            MeasGapConfig            OPTIONAL,
//     s-Measure                RSRP-Range               OPTIONAL,     -- INTEGER (0..97)
//     preRegistrationInfoHRPD  PreRegistrationInfoHRPD  OPTIONAL,
//     speedStatePars           CHOICE {...}             OPTIONAL,
//     ..., [[ measObjectToAddModList-v9e0 ]], [[ allowInterruptions-r11 ]], ... }
// The six lists: uper::meas_lists.
bool step_over_lte_meas_config(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 11);
  if (!p) return false;
  const auto object = [&](const std::string& e) { return meas_object_to_add_mod(r, e); };
  const auto report = [&](const std::string& e) { return report_config_to_add_mod(r, e); };
  return uper::meas_lists(r, p->present, ie, kMax, object, report) &&
         (!p->present[6] || quantity_config(r, ie + ".quantityConfig")) &&
         (!p->present[7] || meas_gap_config(r, ie + ".measGapConfig")) &&
         (!p->present[8] || integer(r, ie + ".s-Measure", 98)) &&
         (!p->present[9] || pre_registration_info_hrpd(r, ie + ".preRegistrationInfoHRPD")) &&
         (!p->present[10] || speed_state_pars(r, ie + ".speedStatePars")) && additions(r, *p, ie);
}

}  // namespace secmode::oracle
