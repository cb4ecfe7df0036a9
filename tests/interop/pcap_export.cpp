#include "tests/interop/pcap_export.h"

#include <stdexcept>
#include <vector>

namespace secmode::test::interop {
namespace {

constexpr std::uint32_t kSnapLength = 65535;

void le16(std::vector<char>& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>(v >> 8));
}
void le32(std::vector<char>& out, std::uint32_t v) {
  le16(out, static_cast<std::uint16_t>(v & 0xffff));
  le16(out, static_cast<std::uint16_t>(v >> 16));
}
// Exported-PDU tags are big-endian, unlike the pcap headers around them.
void be16(std::vector<char>& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v & 0xff));
}

}  // namespace

ExportedPduWriter::ExportedPduWriter(const std::string& path)
    : out_(path, std::ios::binary | std::ios::trunc), path_(path) {
  if (!out_) throw std::runtime_error("cannot create " + path);
  std::vector<char> header;
  le32(header, 0xa1b2c3d4);  // magic: microsecond timestamps, writer's byte order
  le16(header, 2);           // version 2.4
  le16(header, 4);
  le32(header, 0);  // thiszone
  le32(header, 0);  // sigfigs
  le32(header, kSnapLength);
  le32(header, kLinktypeWiresharkUpperPdu);
  out_.write(header.data(), static_cast<std::streamsize>(header.size()));
}

void ExportedPduWriter::add(const std::string& dissector, std::span<const std::uint8_t> pdu) {
  if (dissector.empty() || dissector.size() > 255)
    throw std::invalid_argument("dissector name must be 1..255 characters");
  const std::size_t padded = (dissector.size() + 3) / 4 * 4;
  std::vector<char> packet;
  be16(packet, kExpPduTagDissectorName);
  be16(packet, static_cast<std::uint16_t>(padded));
  packet.insert(packet.end(), dissector.begin(), dissector.end());
  packet.resize(packet.size() + padded - dissector.size(), '\0');
  be16(packet, kExpPduTagEndOfOptions);
  be16(packet, 0);
  packet.insert(packet.end(), pdu.begin(), pdu.end());
  if (packet.size() > kSnapLength) throw std::invalid_argument("packet exceeds 65535 octets");

  ++packets_;
  std::vector<char> record;
  le32(record, static_cast<std::uint32_t>(packets_));       // ts_sec
  le32(record, 0);                                          // ts_usec
  le32(record, static_cast<std::uint32_t>(packet.size()));  // captured length
  le32(record, static_cast<std::uint32_t>(packet.size()));  // original length
  out_.write(record.data(), static_cast<std::streamsize>(record.size()));
  out_.write(packet.data(), static_cast<std::streamsize>(packet.size()));
}

void ExportedPduWriter::close() {
  out_.close();
  if (out_.fail()) throw std::runtime_error("write to " + path_ + " failed");
}

}  // namespace secmode::test::interop
