// A capture's NAS messages and SRB PDCP PDUs, ready for the judges: `secmode check --pcap` turns
// each into a trace line (issues 6 and 7). NAS comes from S1AP (EPS) or NGAP (5GS), with the AS
// key and UE capabilities of their Initial Context Setup; the LTE and NR SRB PDUs from srsRAN MAC
// captures (capture_mac_lte.h, capture_mac_nr.h).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "oracle/ap_nas.h"
#include "oracle/verdict.h"

namespace secmode::oracle {

struct CapturedPdu {
  std::size_t packet;  // the packet number (Wireshark's frame number)
  std::uint64_t time_us;
  Rat rat;
  bool uplink;
  std::uint8_t srb;  // 0: a NAS message; 1, 2: a PDCP PDU of that SRB
  std::vector<std::uint8_t> pdu;
  std::optional<ApContextSetup> context_setup;  // instead of a PDU: an Initial Context Setup (downlink)
};

struct CapturedTrace {
  std::vector<CapturedPdu> pdus;   // in packet order
  std::vector<std::string> notes;  // what was left out, and why
};

// Which UE to judge: the RAN UE identities (eNB-UE-S1AP-ID / RAN-UE-NGAP-ID) of its connections
// (a UE that went idle and came back has a new one) and its C-RNTIs; each may be left empty when
// the capture holds one.
struct UeSelection {
  std::vector<std::uint64_t> ran_ue;
  std::vector<std::uint16_t> rnti;
};

// Throws CaptureError (capture_file.h) on an unreadable capture or message (with the packet
// number), or when a selection is empty and the capture holds several (listed), or selects none.
CapturedTrace capture_pdus(std::span<const std::uint8_t> file, const UeSelection& ue);

}  // namespace secmode::oracle
