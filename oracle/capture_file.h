// The packets of a capture file: classic pcap (either byte order, microsecond or nanosecond
// timestamps) and pcapng (section header, interface description, enhanced and simple packet
// blocks; every other block skipped), as written by tcpdump, dumpcap, Wireshark and srsRAN.
// Formats read from the libpcap file format description and the pcapng draft
// (draft-ietf-opsawg-pcapng), not from any reader's code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "oracle/verdict.h"

namespace secmode::oracle {

// A capture the oracle cannot read: what, and where (the packet number from 1, or 0 for the file
// header, and the file offset).
struct CaptureError : UnusableInput {
  using UnusableInput::UnusableInput;
};

// Throws CaptureError "packet N, offset M: what" (no packet part when `packet` is 0: the file).
[[noreturn]] void capture_fail(std::size_t packet, std::size_t offset, const std::string& what);

struct Packet {
  std::size_t number;                  // 1 for the first packet, as Wireshark numbers frames
  std::uint64_t time_us;               // timestamp, microseconds since the epoch (0 when the block has none)
  std::uint32_t linktype;              // LINKTYPE_* of the packet's interface
  std::span<const std::uint8_t> data;  // the captured octets (views `file`)
};

// The same about a packet's content, `offset` into its captured octets.
[[noreturn]] inline void capture_fail(const Packet& p, std::size_t offset, const std::string& what) {
  capture_fail(p.number, offset, what);
}

// Every packet of `file` in order. Throws CaptureError on a malformed file.
std::vector<Packet> capture_packets(std::span<const std::uint8_t> file);

}  // namespace secmode::oracle
