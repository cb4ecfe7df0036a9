// The PDCP PDUs of the NR signalling radio bearers in an srsRAN MAC capture: link type 149, an
// 8-octet UDP header, the signature "mac-nr", then the context of Wireshark's MAC-NR UDP framing
// (radio type, direction, RNTI type, then tags: RNTI 0x02, UE id 0x03 and frame/subframe 0x04 of
// two octets, PHR type 2 other cell 0x05 and HARQ id 0x06 of one, and the payload tag 0x01 before
// the MAC PDU), as srsRAN's NR mac_pcap writes it. Each C-RNTI MAC PDU is demultiplexed (TS 38.321
// 6.1.2: a subheader before each SDU or control element); the RLC AM data PDUs of logical channels
// 1 and 2 (SRB1, SRB2; TS 38.331 9.2.1) are read with 12-bit SNs (TS 38.322 6.2.2.4; the SRBs'
// sn-FieldLength, TS 38.331 9.2.1) and their SDUs reassembled from segments by SO, each delivered
// when whole (TS 38.322 5.2.3.2.2: in NR the receiving RLC does not reorder), a PDU received twice
// counting once. Each SDU is a PDCP PDU of the SRB (TS 38.323 6.2.2.1).
#pragma once

#include <vector>

#include "oracle/capture_file.h"
#include "oracle/capture_mac_lte.h"

namespace secmode::oracle {

// The SRB PDUs of every MAC-NR packet among `packets` (others are skipped). Throws CaptureError
// naming the packet, the offset and the field for a malformed context, MAC PDU or RLC header, and
// for a control element whose size TS 38.321 does not state. A reserved LCID or eLCID ends the MAC
// PDU with a note, as the receiving MAC entity discards the rest (TS 38.321 5.13).
SrbPdus nr_srb_pdus(const std::vector<Packet>& packets);

}  // namespace secmode::oracle
