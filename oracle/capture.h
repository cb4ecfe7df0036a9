// A capture's NAS messages, ready for the judges: `secmode check --pcap` turns each into a trace
// line (issues 6 and 7). The RAT is the protocol's: S1AP carries EPS NAS, NGAP 5GS NAS.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "oracle/verdict.h"

namespace secmode::oracle {

struct CapturedNas {
  std::size_t packet;  // the packet number (Wireshark's frame number)
  std::uint64_t time_us;
  Rat rat;
  bool uplink;
  std::vector<std::uint8_t> pdu;
};

struct CapturedNasTrace {
  std::vector<CapturedNas> nas;
  std::vector<std::string> notes;  // what was left out, and why
};

// The NAS messages of one UE: those of the connections whose RAN UE identity (eNB-UE-S1AP-ID /
// RAN-UE-NGAP-ID) is in `ue` (a UE that went idle and came back has a new one), or, with `ue`
// empty, of the only UE in the capture. Throws CaptureError (capture_file.h) on an unreadable
// capture or message (with the packet number), or when `ue` is empty and the capture holds
// several RAN UE identities (listed).
CapturedNasTrace capture_nas(std::span<const std::uint8_t> file, const std::vector<std::uint64_t>& ue);

}  // namespace secmode::oracle
