// The PDCP PDUs of the LTE signalling radio bearers in an srsRAN MAC capture: link type 147 (the
// MAC-LTE context of Wireshark's "mac-lte-framed" format, then the MAC PDU) or 149 (an 8-octet
// UDP header, the signature "mac-lte", the same context and PDU), as srsRAN's mac_pcap writes
// them. Each C-RNTI MAC PDU whose CRC passed is demultiplexed (TS 36.321 6.1.2, 6.2.1); the RLC AM
// data PDUs of logical channels 1 and 2 (SRB1, SRB2; TS 36.331 9.1.2) are read (TS 36.322 6.2.1.4)
// and their SDUs reassembled in sequence-number order, a PDU received twice (an RLC or HARQ
// retransmission) counting once, a PDU re-segmented for its retransmission (AMD PDU segments,
// TS 36.322 6.2.1.5) taken once its segments cover it. Each SDU is a PDCP PDU of the SRB (TS 36.323
// 6.2.2).
// Context format: Wireshark's packet-mac-lte.h tag list, read as a format description.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "oracle/capture_file.h"

namespace secmode::oracle {

inline constexpr std::uint32_t kLinktypeMacLteSrsran = 147;
inline constexpr std::uint32_t kLinktypeUdpSrsran = 149;

// What Wireshark's MAC-LTE and MAC-NR framings share: the direction and RNTI type codes of their
// context, and the tag that comes right before the MAC PDU.
inline constexpr std::uint8_t kMacDirectionUplink = 0;
inline constexpr std::uint8_t kMacCRnti = 3;
inline constexpr std::uint8_t kMacPayloadTag = 0x01;

struct SrbPdu {
  std::size_t packet;  // the packet that completed the PDCP PDU
  std::uint64_t time_us;
  std::uint16_t rnti;
  bool uplink;
  std::uint8_t srb;  // 1 or 2
  std::vector<std::uint8_t> pdcp;
};

struct SrbPdus {
  std::vector<SrbPdu> pdus;
  std::vector<std::string> notes;
};

// The SRB PDUs of every MAC-LTE packet among `packets` (others are skipped). Throws CaptureError
// naming the packet, the offset and the field for a malformed context, MAC PDU or RLC header, and
// for what this reader does not take (a MAC control element it cannot size).
SrbPdus srb_pdus(const std::vector<Packet>& packets);

}  // namespace secmode::oracle
