// A minimal writer of classic pcap files with link type 252, LINKTYPE_WIRESHARK_UPPER_PDU
// ("exported PDU"): every packet names the Wireshark dissector that should read it, so a NAS,
// RRC or SIP PDU can be handed to tshark without inventing the S1AP/NGAP/PDCP/UDP layers that
// would carry it on the wire.
//
// Packet layout (Wireshark wsutil/exported_pdu_tlvs.h, read as a format description): a list of
// tags, each a 2-octet big-endian type, a 2-octet big-endian length and that many value octets,
// ended by the end-of-options tag (type 0, length 0); then the PDU itself. Only the dissector
// name tag (type 12, an ASCII name such as "nas-eps"; trailing NUL octets are allowed and are
// not part of the name) is written. The name is NUL-padded to a multiple of 4 octets, as the
// format's drawing aligns values to 32 bits; readers also accept it unpadded.
//
// The file header and record headers are written little-endian with the classic magic
// 0xa1b2c3d4 (microsecond timestamps), which every pcap reader accepts on any host.
#pragma once

#include <cstdint>
#include <fstream>
#include <span>
#include <string>

namespace secmode::test::interop {

constexpr std::uint32_t kLinktypeWiresharkUpperPdu = 252;
constexpr std::uint16_t kExpPduTagEndOfOptions = 0;
constexpr std::uint16_t kExpPduTagDissectorName = 12;

class ExportedPduWriter {
 public:
  // Creates (truncates) `path` and writes the pcap file header. Throws std::runtime_error when the
  // file cannot be written.
  explicit ExportedPduWriter(const std::string& path);

  // Appends one packet: the dissector name tag, the end-of-options tag, then `pdu`. Packets are
  // numbered from 1 in the order written (tshark's frame.number); the timestamp is that number in
  // seconds, so the file is the same on every run. Contract: dissector is 1..255 ASCII
  // characters; the whole packet fits in 65535 octets (the snapshot length written).
  void add(const std::string& dissector, std::span<const std::uint8_t> pdu);

  // Flushes and closes; throws std::runtime_error if any write failed.
  void close();

  std::size_t packets() const { return packets_; }

 private:
  std::ofstream out_;
  std::string path_;
  std::size_t packets_ = 0;
};

}  // namespace secmode::test::interop
