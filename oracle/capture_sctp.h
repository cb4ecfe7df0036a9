// S1AP and NGAP messages out of captured packets: srsRAN's own link types (150 S1AP, 152 NGAP:
// the packet is the message), or SCTP DATA chunks (RFC 9260 3.3.1) with payload protocol
// identifier 18 (S1AP) or 60 (NGAP), or port 36412 / 38412 when the identifier is 0, over IPv4 or
// IPv6 under Ethernet (VLAN tags skipped), Linux cooked capture v1/v2, raw IP or BSD loopback.
// Fragmented user messages are reassembled; a chunk whose TSN was already seen on its path (a
// retransmission) is dropped and noted, so it is not judged as a replay.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "oracle/capture_file.h"

namespace secmode::oracle {

enum class ApProtocol : std::uint8_t { s1ap, ngap };

struct ApMessage {
  std::size_t packet;  // the packet that completed the message
  std::uint64_t time_us;
  ApProtocol protocol;
  std::vector<std::uint8_t> bytes;
};

struct ApMessages {
  std::vector<ApMessage> messages;
  std::vector<std::string> notes;  // what was read but left out, and why ("packet 7: ...")
};

inline constexpr std::uint32_t kLinktypeS1apSrsran = 150;
inline constexpr std::uint32_t kLinktypeNgapSrsran = 152;

// Throws CaptureError for a packet of a link type it cannot read (srsRAN's NAS link types 148 and
// 151 among them, with the reason), a truncated header, an IP fragment or an SCTP I-DATA chunk.
ApMessages ap_messages(const std::vector<Packet>& packets);

}  // namespace secmode::oracle
