// The ASN.1 is quoted from NR-RRC-Definitions.asn (TS 38.331) as mirrored by pycrate, without the
// extension additions ([[ ... ]]) and extension alternatives, which are stepped over as open
// types. maxNrofObjectId = maxReportConfigId = maxNrofMeasId = 64, maxNrofCellMeas = 32,
// maxNrofPCI-Ranges = 8, maxCellReport = 8, maxNrofIndexesToReport = 32, maxNARFCN = 3279165.
// SetupRelease { T } ::= CHOICE { release NULL, setup T }. DEFAULT components have presence bits
// like OPTIONAL ones (X.691 19.2).
#include "oracle/rrc_nr_meas_config.h"

#include <cstdint>
#include <optional>

#include "oracle/uper_steps.h"

namespace secmode::oracle {

namespace {

using spec::rrc::UperReader;
using uper::additions;
using uper::enumerated;
using uper::integer;
using uper::list;
using uper::skip_open_type;

constexpr std::uint32_t kIds = 64;          // maxNrofObjectId, maxReportConfigId, maxNrofMeasId
constexpr std::uint32_t kArfcns = 3279166;  // ARFCN-ValueNR ::= INTEGER (0..maxNARFCN)
constexpr std::uint32_t kPcis = 1008;       // PhysCellId ::= INTEGER (0..1007)

// BIT STRING of n bits, n > 32 allowed.
bool bit_string(UperReader& r, const std::string& ie, std::uint32_t n) {
  for (; n > 0; n -= n > 32 ? 32 : n)
    if (!r.bits(ie, n > 32 ? 32 : n)) return false;
  return true;
}

// SetupRelease: true when `setup` follows.
std::optional<bool> setup(UperReader& r, const std::string& ie) {
  const auto c = r.choice(ie, 2, false);
  if (!c) return std::nullopt;
  return c->index == 1;
}

// Q-OffsetRangeList ::= SEQUENCE { rsrpOffsetSSB, rsrqOffsetSSB, sinrOffsetSSB, rsrpOffsetCSI-RS,
//     rsrqOffsetCSI-RS, sinrOffsetCSI-RS: each Q-OffsetRange DEFAULT dB0 }   -- ENUMERATED, 31 values
bool q_offset_range_list(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, false, 6);
  if (!p) return false;
  for (std::size_t i = 0; i < 6; ++i)
    if (p->present[i] && !enumerated(r, ie, 31)) return false;
  return true;
}

// ThresholdNR ::= SEQUENCE { thresholdRSRP RSRP-Range OPTIONAL, thresholdRSRQ RSRQ-Range OPTIONAL,
//                            thresholdSINR SINR-Range OPTIONAL }        -- each INTEGER (0..127)
bool threshold_nr(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, false, 3);
  if (!p) return false;
  for (std::size_t i = 0; i < 3; ++i)
    if (p->present[i] && !integer(r, ie, 128)) return false;
  return true;
}

// PCI-RangeElement ::= SEQUENCE { pci-RangeIndex PCI-RangeIndex,      -- INTEGER (1..maxNrofPCI-Ranges)
//                                 pci-Range PCI-Range }
// PCI-Range ::= SEQUENCE { start PhysCellId, range ENUMERATED { n4, ..., spare1 } OPTIONAL }  -- 16 values
bool pci_range_element(UperReader& r, const std::string& ie) {
  if (!integer(r, ie + ".pci-RangeIndex", 8)) return false;
  const std::string range = ie + ".pci-Range";
  const auto p = r.preamble(range, false, 1);
  return p && integer(r, range + ".start", kPcis) && (!p->present[0] || enumerated(r, range + ".range", 16));
}

// CSI-RS-ResourceConfigMobility ::= SEQUENCE {
//     subcarrierSpacing SubcarrierSpacing,                            -- ENUMERATED, 8 values
//     csi-RS-CellList-Mobility SEQUENCE (SIZE (1..maxNrofCSI-RS-CellsRRM)) OF CSI-RS-CellMobility,  -- 96
//     ..., [[ refServCellIndex ServCellIndex OPTIONAL ]] }
// CSI-RS-CellMobility ::= SEQUENCE {
//     cellId PhysCellId,
//     csi-rs-MeasurementBW SEQUENCE { nrofPRBs ENUMERATED { size24, size48, size96, size192, size264 },
//                                     startPRB INTEGER (0..2169) },
//     density ENUMERATED {d1, d3} OPTIONAL,
//     csi-rs-ResourceList-Mobility SEQUENCE (SIZE (1..maxNrofCSI-RS-ResourcesRRM)) OF CSI-RS-Resource-Mobility }  -- 96
// CSI-RS-Resource-Mobility ::= SEQUENCE {
//     csi-RS-Index CSI-RS-Index,                                      -- INTEGER (0..95)
//     slotConfig CHOICE { ms4 INTEGER (0..31), ms5 INTEGER (0..39), ms10 INTEGER (0..79),
//                         ms20 INTEGER (0..159), ms40 INTEGER (0..319) },
//     associatedSSB SEQUENCE { ssb-Index SSB-Index, isQuasiColocated BOOLEAN } OPTIONAL,  -- SSB-Index (0..63)
//     frequencyDomainAllocation CHOICE { row1 BIT STRING (SIZE (4)), row2 BIT STRING (SIZE (12)) },
//     firstOFDMSymbolInTimeDomain INTEGER (0..13),
//     sequenceGenerationConfig INTEGER (0..1023),
//     ..., [[ slotConfig-r17 ... ]] }
bool csi_rs_resource_config_mobility(UperReader& r, const std::string& ie) {
  const auto resource = [&](const std::string& e) {
    const auto p = r.preamble(e, true, 1);
    if (!p || !integer(r, e + ".csi-RS-Index", 96)) return false;
    const auto slot = r.choice(e + ".slotConfig", 5, false);
    constexpr std::uint32_t kSlots[5] = {32, 40, 80, 160, 320};
    if (!slot || !integer(r, e + ".slotConfig", kSlots[slot->index])) return false;
    if (p->present[0] &&
        (!integer(r, e + ".associatedSSB.ssb-Index", 64) || !r.bits(e + ".associatedSSB.isQuasiColocated", 1)))
      return false;
    const auto row = r.choice(e + ".frequencyDomainAllocation", 2, false);
    return row && r.bits(e + ".frequencyDomainAllocation", row->index == 0 ? 4 : 12) &&
           integer(r, e + ".firstOFDMSymbolInTimeDomain", 14) && integer(r, e + ".sequenceGenerationConfig", 1024) &&
           additions(r, *p, e);
  };
  const auto cell = [&](const std::string& e) {
    const auto p = r.preamble(e, false, 1);
    return p && integer(r, e + ".cellId", kPcis) && enumerated(r, e + ".csi-rs-MeasurementBW.nrofPRBs", 5) &&
           integer(r, e + ".csi-rs-MeasurementBW.startPRB", 2170) &&
           (!p->present[0] || enumerated(r, e + ".density", 2)) &&
           list(r, e + ".csi-rs-ResourceList-Mobility", 96, resource);
  };
  const auto p = r.preamble(ie, true, 0);
  return p && enumerated(r, ie + ".subcarrierSpacing", 8) && list(r, ie + ".csi-RS-CellList-Mobility", 96, cell) &&
         additions(r, *p, ie);
}

// ReferenceSignalConfig ::= SEQUENCE {
//     ssb-ConfigMobility SSB-ConfigMobility OPTIONAL,
//     csi-rs-ResourceConfigMobility SetupRelease { CSI-RS-ResourceConfigMobility } OPTIONAL }
// SSB-ConfigMobility ::= SEQUENCE {
//     ssb-ToMeasure SetupRelease { SSB-ToMeasure } OPTIONAL,
//     deriveSSB-IndexFromCell BOOLEAN,
//     ss-RSSI-Measurement SS-RSSI-Measurement OPTIONAL,
//     ..., [[ ... ]] }
// SSB-ToMeasure ::= CHOICE { shortBitmap BIT STRING (SIZE (4)), mediumBitmap BIT STRING (SIZE (8)),
//                            longBitmap BIT STRING (SIZE (64)) }
// SS-RSSI-Measurement ::= SEQUENCE { measurementSlots BIT STRING (SIZE (1..80)), endSymbol INTEGER (0..3) }
bool reference_signal_config(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, false, 2);
  if (!p) return false;
  if (p->present[0]) {
    const std::string ssb = ie + ".ssb-ConfigMobility";
    const auto q = r.preamble(ssb, true, 2);
    if (!q) return false;
    if (q->present[0]) {
      const std::string to_measure = ssb + ".ssb-ToMeasure";
      const auto s = setup(r, to_measure);
      if (!s) return false;
      if (*s) {
        const auto c = r.choice(to_measure + ".setup", 3, false);
        if (!c || !bit_string(r, to_measure + ".setup", c->index == 0 ? 4 : c->index == 1 ? 8 : 64)) return false;
      }
    }
    if (!r.bits(ssb + ".deriveSSB-IndexFromCell", 1)) return false;
    if (q->present[1]) {
      const std::string rssi = ssb + ".ss-RSSI-Measurement";
      const auto n = r.whole_number(rssi + ".measurementSlots", 80);  // X.691 16.11: the size, then the bits
      if (!n || !bit_string(r, rssi + ".measurementSlots", *n + 1) || !integer(r, rssi + ".endSymbol", 4)) return false;
    }
    if (!additions(r, *q, ssb)) return false;
  }
  if (p->present[1]) {
    const std::string csi = ie + ".csi-rs-ResourceConfigMobility";
    const auto s = setup(r, csi);
    if (!s) return false;
    if (*s && !csi_rs_resource_config_mobility(r, csi + ".setup")) return false;
  }
  return true;
}

// MeasObjectNR ::= SEQUENCE {
//     ssbFrequency ARFCN-ValueNR OPTIONAL,
//     ssbSubcarrierSpacing SubcarrierSpacing OPTIONAL,                -- ENUMERATED, 8 values
//     smtc1 SSB-MTC OPTIONAL,
//     smtc2 SSB-MTC2 OPTIONAL,
//     refFreqCSI-RS ARFCN-ValueNR OPTIONAL,
//     referenceSignalConfig ReferenceSignalConfig,
//     absThreshSS-BlocksConsolidation ThresholdNR OPTIONAL,
//     absThreshCSI-RS-Consolidation ThresholdNR OPTIONAL,
//     nrofSS-BlocksToAverage INTEGER (2..maxNrofSS-BlocksToAverage) OPTIONAL,             -- 16
//     nrofCSI-RS-ResourcesToAverage INTEGER (2..maxNrofCSI-RS-ResourcesToAverage) OPTIONAL,  -- 16
//     quantityConfigIndex INTEGER (1..maxNrofQuantityConfig),        -- 2
//     offsetMO Q-OffsetRangeList,
//     cellsToRemoveList PCI-List OPTIONAL,
//     cellsToAddModList CellsToAddModList OPTIONAL,
//     excludedCellsToRemoveList PCI-RangeIndexList OPTIONAL,
//     excludedCellsToAddModList SEQUENCE (SIZE (1..maxNrofPCI-Ranges)) OF PCI-RangeElement OPTIONAL,
//     allowedCellsToRemoveList PCI-RangeIndexList OPTIONAL,
//     allowedCellsToAddModList SEQUENCE (SIZE (1..maxNrofPCI-Ranges)) OF PCI-RangeElement OPTIONAL,
//     ..., [[ ... ]] }
// SSB-MTC ::= SEQUENCE {
//     periodicityAndOffset CHOICE { sf5 INTEGER (0..4), sf10 INTEGER (0..9), sf20 INTEGER (0..19),
//                                   sf40 INTEGER (0..39), sf80 INTEGER (0..79), sf160 INTEGER (0..159) },
//     duration ENUMERATED { sf1, sf2, sf3, sf4, sf5 } }
// SSB-MTC2 ::= SEQUENCE { pci-List SEQUENCE (SIZE (1..maxNrofPCIsPerSMTC)) OF PhysCellId OPTIONAL,  -- 64
//                         periodicity ENUMERATED {sf5, sf10, sf20, sf40, sf80, spare3, spare2, spare1} }
// PCI-List ::= SEQUENCE (SIZE (1..maxNrofCellMeas)) OF PhysCellId
// CellsToAddModList ::= SEQUENCE (SIZE (1..maxNrofCellMeas)) OF CellsToAddMod
// CellsToAddMod ::= SEQUENCE { physCellId PhysCellId, cellIndividualOffset Q-OffsetRangeList }
// PCI-RangeIndexList ::= SEQUENCE (SIZE (1..maxNrofPCI-Ranges)) OF PCI-RangeIndex
bool meas_object_nr(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 15);
  if (!p || (p->present[0] && !integer(r, ie + ".ssbFrequency", kArfcns)) ||
      (p->present[1] && !enumerated(r, ie + ".ssbSubcarrierSpacing", 8)))
    return false;
  if (p->present[2]) {
    const std::string smtc = ie + ".smtc1", offset = smtc + ".periodicityAndOffset";
    const auto c = r.choice(offset, 6, false);
    constexpr std::uint32_t kPeriods[6] = {5, 10, 20, 40, 80, 160};
    if (!c || !integer(r, offset, kPeriods[c->index]) || !enumerated(r, smtc + ".duration", 5)) return false;
  }
  if (p->present[3]) {
    const std::string smtc = ie + ".smtc2";
    const auto q = r.preamble(smtc, false, 1);
    if (!q ||
        (q->present[0] &&
         !list(r, smtc + ".pci-List", 64, [&](const std::string& e) { return integer(r, e, kPcis); })) ||
        !enumerated(r, smtc + ".periodicity", 8))
      return false;
  }
  const auto pci = [&](const std::string& e) { return integer(r, e, kPcis); };
  const auto index = [&](const std::string& e) { return integer(r, e, 8); };
  const auto element = [&](const std::string& e) { return pci_range_element(r, e); };
  const auto cell = [&](const std::string& e) {
    return integer(r, e + ".physCellId", kPcis) && q_offset_range_list(r, e + ".cellIndividualOffset");
  };
  return (!p->present[4] || integer(r, ie + ".refFreqCSI-RS", kArfcns)) &&
         reference_signal_config(r, ie + ".referenceSignalConfig") &&
         (!p->present[5] || threshold_nr(r, ie + ".absThreshSS-BlocksConsolidation")) &&
         (!p->present[6] || threshold_nr(r, ie + ".absThreshCSI-RS-Consolidation")) &&
         (!p->present[7] || integer(r, ie + ".nrofSS-BlocksToAverage", 15)) &&
         (!p->present[8] || integer(r, ie + ".nrofCSI-RS-ResourcesToAverage", 15)) &&
         integer(r, ie + ".quantityConfigIndex", 2) && q_offset_range_list(r, ie + ".offsetMO") &&
         (!p->present[9] || list(r, ie + ".cellsToRemoveList", 32, pci)) &&
         (!p->present[10] || list(r, ie + ".cellsToAddModList", 32, cell)) &&
         (!p->present[11] || list(r, ie + ".excludedCellsToRemoveList", 8, index)) &&
         (!p->present[12] || list(r, ie + ".excludedCellsToAddModList", 8, element)) &&
         (!p->present[13] || list(r, ie + ".allowedCellsToRemoveList", 8, index)) &&
         (!p->present[14] || list(r, ie + ".allowedCellsToAddModList", 8, element)) && additions(r, *p, ie);
}

// MeasObjectToAddMod ::= SEQUENCE {
//     measObjectId MeasObjectId,                                      -- INTEGER (1..maxNrofObjectId)
//     measObject CHOICE { measObjectNR MeasObjectNR, ..., measObjectEUTRA ..., measObjectRelay-r17 ... } }
bool meas_object_to_add_mod(UperReader& r, const std::string& ie) {
  const std::string object = ie + ".measObject";
  if (!integer(r, ie + ".measObjectId", kIds)) return false;
  const auto c = r.choice(object, 1, true);
  return c && (c->extension ? skip_open_type(r, object) : meas_object_nr(r, object + ".measObjectNR"));
}

// MeasTriggerQuantity ::= CHOICE { rsrp RSRP-Range, rsrq RSRQ-Range, sinr SINR-Range }   -- INTEGER (0..127)
// MeasTriggerQuantityOffset ::= CHOICE { rsrp, rsrq, sinr: INTEGER (-30..30) }
bool trigger_quantity(UperReader& r, const std::string& ie, std::uint32_t values) {
  const auto c = r.choice(ie, 3, false);
  return c && integer(r, ie, values);
}

// The fields that PeriodicalReportConfig and EventTriggerConfig share, after the event:
//     rsType NR-RS-Type,                                              -- ENUMERATED {ssb, csi-rs}
//     reportInterval ReportInterval,                                  -- ENUMERATED, 14 values
//     reportAmount ENUMERATED {r1, r2, r4, r8, r16, r32, r64, infinity},
//     reportQuantityCell MeasReportQuantity,                          -- SEQUENCE { rsrp, rsrq, sinr BOOLEAN }
//     maxReportCells INTEGER (1..maxCellReport),
//     reportQuantityRS-Indexes MeasReportQuantity OPTIONAL,
//     maxNrofRS-IndexesToReport INTEGER (1..maxNrofIndexesToReport) OPTIONAL,
//     includeBeamMeasurements BOOLEAN
bool report_common(UperReader& r, const spec::rrc::UperPreamble& p, const std::string& ie) {
  return enumerated(r, ie + ".rsType", 2) && enumerated(r, ie + ".reportInterval", 14) &&
         enumerated(r, ie + ".reportAmount", 8) && r.bits(ie + ".reportQuantityCell", 3) &&
         integer(r, ie + ".maxReportCells", 8) && (!p.present[0] || r.bits(ie + ".reportQuantityRS-Indexes", 3)) &&
         (!p.present[1] || integer(r, ie + ".maxNrofRS-IndexesToReport", 32)) &&
         r.bits(ie + ".includeBeamMeasurements", 1);
}

// ReportConfigNR ::= SEQUENCE { reportType CHOICE { periodical PeriodicalReportConfig,
//     eventTriggered EventTriggerConfig, ..., reportCGI ..., rxTxPeriodical-r17 ... } }
// PeriodicalReportConfig ::= SEQUENCE { <the common fields>, useAllowedCellList BOOLEAN, ..., [[ ... ]] }
// EventTriggerConfig ::= SEQUENCE {
//     eventId CHOICE {
//         eventA1 SEQUENCE { a1-Threshold MeasTriggerQuantity, reportOnLeave BOOLEAN,
//                            hysteresis Hysteresis, timeToTrigger TimeToTrigger },
//         eventA2 SEQUENCE { a2-Threshold MeasTriggerQuantity, reportOnLeave, hysteresis, timeToTrigger },
//         eventA3 SEQUENCE { a3-Offset MeasTriggerQuantityOffset, reportOnLeave, hysteresis,
//                            timeToTrigger, useAllowedCellList BOOLEAN },
//         eventA4 SEQUENCE { a4-Threshold MeasTriggerQuantity, reportOnLeave, hysteresis,
//                            timeToTrigger, useAllowedCellList },
//         eventA5 SEQUENCE { a5-Threshold1 MeasTriggerQuantity, a5-Threshold2 MeasTriggerQuantity,
//                            reportOnLeave, hysteresis, timeToTrigger, useAllowedCellList },
//         eventA6 SEQUENCE { a6-Offset MeasTriggerQuantityOffset, reportOnLeave, hysteresis,
//                            timeToTrigger, useAllowedCellList },
//         ..., [[ eventX1-r17, eventX2-r17, eventD1-r17 ]] },
//     <the common fields>,
//     reportAddNeighMeas ENUMERATED {setup} OPTIONAL,
//     ..., [[ ... ]] }
// Hysteresis ::= INTEGER (0..30); TimeToTrigger ::= ENUMERATED { ms0, ..., ms5120 }   -- 16 values
bool report_config_nr(UperReader& r, const std::string& ie) {
  const std::string type = ie + ".reportType";
  const auto c = r.choice(type, 2, true);
  if (!c) return false;
  if (c->extension) return skip_open_type(r, type);
  if (c->index == 0) {
    const std::string periodical = type + ".periodical";
    const auto p = r.preamble(periodical, true, 2);
    return p && report_common(r, *p, periodical) && r.bits(periodical + ".useAllowedCellList", 1) &&
           additions(r, *p, periodical);
  }
  const std::string event = type + ".eventTriggered", id = event + ".eventId";
  const auto p = r.preamble(event, true, 3);
  const auto e = p ? r.choice(id, 6, true) : std::nullopt;
  if (!e) return false;
  if (e->extension) {
    if (!skip_open_type(r, id)) return false;
  } else {
    const std::uint32_t k = e->index;
    const bool offset = k == 2 || k == 5;
    if (!trigger_quantity(r, id + ".threshold", offset ? 61 : 128) ||
        (k == 4 && !trigger_quantity(r, id + ".a5-Threshold2", 128)) || !r.bits(id + ".reportOnLeave", 1) ||
        !integer(r, id + ".hysteresis", 31) || !enumerated(r, id + ".timeToTrigger", 16) ||
        (k >= 2 && !r.bits(id + ".useAllowedCellList", 1)))
      return false;
  }
  // reportAddNeighMeas ENUMERATED {setup}: one value, no bits (X.691 14.1, 11.5.4).
  return report_common(r, *p, event) && additions(r, *p, event);
}

// ReportConfigToAddMod ::= SEQUENCE {
//     reportConfigId ReportConfigId,                                  -- INTEGER (1..maxReportConfigId)
//     reportConfig CHOICE { reportConfigNR ReportConfigNR, ..., reportConfigInterRAT ..., reportConfigNR-SL-r16 ... } }
bool report_config_to_add_mod(UperReader& r, const std::string& ie) {
  const std::string config = ie + ".reportConfig";
  if (!integer(r, ie + ".reportConfigId", kIds)) return false;
  const auto c = r.choice(config, 1, true);
  return c && (c->extension ? skip_open_type(r, config) : report_config_nr(r, config + ".reportConfigNR"));
}

// FilterConfig ::= SEQUENCE { filterCoefficientRSRP, filterCoefficientRSRQ, filterCoefficientRS-SINR:
//     each FilterCoefficient DEFAULT fc4 }          -- ENUMERATED { fc0, ..., spare1, ... }: 16 values
bool filter_config(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, false, 3);
  if (!p) return false;
  for (std::size_t i = 0; i < 3; ++i)
    if (p->present[i] && !enumerated(r, ie, 16, true)) return false;
  return true;
}

// QuantityConfig ::= SEQUENCE {
//     quantityConfigNR-List SEQUENCE (SIZE (1..maxNrofQuantityConfig)) OF QuantityConfigNR OPTIONAL,  -- 2
//     ..., [[ quantityConfigEUTRA ]], [[ ... ]] }
// QuantityConfigNR ::= SEQUENCE { quantityConfigCell QuantityConfigRS,
//                                 quantityConfigRS-Index QuantityConfigRS OPTIONAL }
// QuantityConfigRS ::= SEQUENCE { ssb-FilterConfig FilterConfig, csi-RS-FilterConfig FilterConfig }
bool quantity_config(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 1);
  const auto rs = [&](const std::string& e) {
    return filter_config(r, e + ".ssb-FilterConfig") && filter_config(r, e + ".csi-RS-FilterConfig");
  };
  return p &&
         (!p->present[0] || list(r, ie + ".quantityConfigNR-List", 2,
                                 [&](const std::string& e) {
                                   const auto q = r.preamble(e, false, 1);
                                   return q && rs(e + ".quantityConfigCell") &&
                                          (!q->present[0] || rs(e + ".quantityConfigRS-Index"));
                                 })) &&
         additions(r, *p, ie);
}

// MeasGapConfig ::= SEQUENCE { gapFR2 SetupRelease { GapConfig } OPTIONAL, ..., [[ gapFR1, gapUE ]], [[ ... ]] }
// GapConfig ::= SEQUENCE {
//     gapOffset INTEGER (0..159),
//     mgl ENUMERATED {ms1dot5, ms3, ms3dot5, ms4, ms5dot5, ms6},
//     mgrp ENUMERATED {ms20, ms40, ms80, ms160},
//     mgta ENUMERATED {ms0, ms0dot25, ms0dot5},
//     ..., [[ ... ]] }
bool meas_gap_config(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 1);
  if (!p) return false;
  if (p->present[0]) {
    const std::string gap = ie + ".gapFR2";
    const auto s = setup(r, gap);
    if (!s) return false;
    if (*s) {
      const std::string config = gap + ".setup";
      const auto q = r.preamble(config, true, 0);
      if (!q || !integer(r, config + ".gapOffset", 160) || !enumerated(r, config + ".mgl", 6) ||
          !enumerated(r, config + ".mgrp", 4) || !enumerated(r, config + ".mgta", 3) || !additions(r, *q, config))
        return false;
    }
  }
  return additions(r, *p, ie);
}

// MeasGapSharingConfig ::= SEQUENCE { gapSharingFR2 SetupRelease { MeasGapSharingScheme } OPTIONAL,
//                                     ..., [[ gapSharingFR1, gapSharingUE ]] }
// MeasGapSharingScheme ::= ENUMERATED {scheme00, scheme01, scheme10, scheme11}
bool meas_gap_sharing_config(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 1);
  if (!p) return false;
  if (p->present[0]) {
    const auto s = setup(r, ie + ".gapSharingFR2");
    if (!s || (*s && !enumerated(r, ie + ".gapSharingFR2.setup", 4))) return false;
  }
  return additions(r, *p, ie);
}

}  // namespace

// MeasConfig ::= SEQUENCE {
//     measObjectToRemoveList MeasObjectToRemoveList OPTIONAL,
//     measObjectToAddModList MeasObjectToAddModList OPTIONAL,
//     reportConfigToRemoveList ReportConfigToRemoveList OPTIONAL,
//     reportConfigToAddModList ReportConfigToAddModList OPTIONAL,
//     measIdToRemoveList MeasIdToRemoveList OPTIONAL,
//     measIdToAddModList MeasIdToAddModList OPTIONAL,
//     s-MeasureConfig CHOICE { ssb-RSRP RSRP-Range, csi-RSRP RSRP-Range } OPTIONAL,
//     quantityConfig QuantityConfig OPTIONAL,
//     measGapConfig MeasGapConfig OPTIONAL,
//     measGapSharingConfig MeasGapSharingConfig OPTIONAL,
//     ..., [[ interFrequencyConfig-NoGap-r16 ENUMERATED {true} OPTIONAL ]] }
// The six lists: uper::meas_lists.
bool step_over_nr_meas_config(UperReader& r, const std::string& ie) {
  const auto p = r.preamble(ie, true, 10);
  if (!p) return false;
  const auto s_measure = [&] {
    const auto c = r.choice(ie + ".s-MeasureConfig", 2, false);
    return c && integer(r, ie + ".s-MeasureConfig", 128);
  };
  const auto object = [&](const std::string& e) { return meas_object_to_add_mod(r, e); };
  const auto report = [&](const std::string& e) { return report_config_to_add_mod(r, e); };
  return uper::meas_lists(r, p->present, ie, kIds, object, report) && (!p->present[6] || s_measure()) &&
         (!p->present[7] || quantity_config(r, ie + ".quantityConfig")) &&
         (!p->present[8] || meas_gap_config(r, ie + ".measGapConfig")) &&
         (!p->present[9] || meas_gap_sharing_config(r, ie + ".measGapSharingConfig")) && additions(r, *p, ie);
}

}  // namespace secmode::oracle
