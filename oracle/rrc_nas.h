// The NAS messages that RRC carries on SRB1 and SRB2 (TS 36.331 DedicatedInfoNAS, TS 38.331
// DedicatedNAS-Message), found in a DCCH message once the AS judge has read its PDCP PDU (MAC-I
// verified, deciphered): so that a capture of the air interface alone, without S1AP / NGAP, is
// judged for NAS and AS together. The ASN.1 each reader follows is quoted in rrc_nas.cpp.
//
// Read: RRCConnectionSetupComplete, ULInformationTransfer, DLInformationTransfer and
// RRCConnectionReconfiguration (dedicatedInfoNASList) of LTE; RRCSetupComplete,
// ULInformationTransfer, DLInformationTransfer and RRCReconfiguration (dedicatedNAS-MessageList of
// its v1530 extension) of NR, stepping over an LTE or NR MeasConfig (rrc_lte_meas_config.h,
// rrc_nr_meas_config.h) and an NR RadioBearerConfig (SRBs, DRBs with their SDAP and PDCP
// configuration, security configuration, extension additions). An LTE reconfiguration whose list
// follows mobilityControlInfo, which this reader does not decode (a handover carries no NAS), is
// named, with the reason it is not read.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "oracle/verdict.h"

namespace secmode::oracle {

struct RrcNas {
  std::string message;                         // e.g. "ULInformationTransfer"; empty: no NAS carrier
  std::vector<std::vector<std::uint8_t>> nas;  // the NAS PDUs it carries, in order
  std::string unread;                          // not empty: NAS it may carry is not read, and why (with the bit offset)
};

// `message` is a whole UL-DCCH-Message (uplink) or DL-DCCH-Message in UPER. Never throws; an
// encoding error in a NAS carrier is reported in `unread`.
RrcNas rrc_nas(Rat rat, bool uplink, std::span<const std::uint8_t> message);

}  // namespace secmode::oracle
