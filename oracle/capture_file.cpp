#include "oracle/capture_file.h"

#include <string>

namespace secmode::oracle {

namespace {

constexpr std::uint32_t kPcapMagicMicro = 0xa1b2c3d4;
constexpr std::uint32_t kPcapMagicNano = 0xa1b23c4d;
constexpr std::uint32_t kPcapngSectionHeader = 0x0a0d0d0a;
constexpr std::uint32_t kPcapngByteOrderMagic = 0x1a2b3c4d;
constexpr std::uint32_t kPcapngInterfaceDescription = 1;
constexpr std::uint32_t kPcapngSimplePacket = 3;
constexpr std::uint32_t kPcapngEnhancedPacket = 6;
constexpr std::uint16_t kPcapngOptionEnd = 0;
constexpr std::uint16_t kPcapngOptionTsresol = 9;

// Reads integers of the file's byte order at absolute offsets, failing on reads past the end.
struct Reader {
  std::span<const std::uint8_t> file;
  bool swapped = false;  // the file's byte order is not little-endian

  void need(std::size_t at, std::size_t n, std::size_t packet, const char* what) const {
    if (at > file.size() || file.size() - at < n) capture_fail(packet, at, std::string("truncated ") + what);
  }
  std::uint32_t u32(std::size_t at) const {
    const std::uint32_t le = std::uint32_t{file[at]} | std::uint32_t{file[at + 1]} << 8 |
                             std::uint32_t{file[at + 2]} << 16 | std::uint32_t{file[at + 3]} << 24;
    return swapped ? __builtin_bswap32(le) : le;
  }
  std::uint16_t u16(std::size_t at) const {
    const auto le = static_cast<std::uint16_t>(file[at] | file[at + 1] << 8);
    return swapped ? static_cast<std::uint16_t>(le >> 8 | le << 8) : le;
  }
};

std::vector<Packet> classic(Reader r, bool nano) {
  r.need(0, 24, 0, "pcap file header");
  const std::uint32_t linktype = r.u32(20) & 0xffff;  // the upper bits may carry FCS information
  std::vector<Packet> packets;
  for (std::size_t at = 24; at < r.file.size();) {
    const std::size_t number = packets.size() + 1;
    r.need(at, 16, number, "pcap record header");
    const std::uint32_t caplen = r.u32(at + 8);
    r.need(at + 16, caplen, number, "pcap record");
    const std::uint64_t frac = r.u32(at + 4);
    packets.push_back({number, std::uint64_t{r.u32(at)} * 1000000 + (nano ? frac / 1000 : frac), linktype,
                       r.file.subspan(at + 16, caplen)});
    at += 16 + std::size_t{caplen};
  }
  return packets;
}

struct Interface {
  std::uint32_t linktype;
  std::uint64_t units_per_second = 1000000;  // if_tsresol, default microseconds
};

// The if_tsresol option of an interface description block's options at [at, end).
std::uint64_t tsresol(const Reader& r, std::size_t at, std::size_t end, std::size_t packet) {
  std::uint64_t units = 1000000;
  while (at + 4 <= end) {
    const std::uint16_t code = r.u16(at), len = r.u16(at + 2);
    if (code == kPcapngOptionEnd) break;
    if (end - at - 4 < len) capture_fail(packet, at, "interface option longer than its block");
    if (code == kPcapngOptionTsresol && len >= 1) {
      const std::uint8_t v = r.file[at + 4];
      const unsigned exponent = v & 0x7f;
      if (exponent > 19 || ((v & 0x80) && exponent > 63))
        capture_fail(packet, at, "if_tsresol " + std::to_string(v) + " out of range");
      units = 1;
      for (unsigned i = 0; i < exponent; ++i) units *= (v & 0x80) ? 2 : 10;
    }
    at += 4 + ((std::size_t{len} + 3) & ~std::size_t{3});
  }
  return units;
}

std::vector<Packet> pcapng(std::span<const std::uint8_t> file) {
  Reader r{file};
  std::vector<Interface> interfaces;
  std::vector<Packet> packets;
  for (std::size_t at = 0; at < file.size();) {
    const std::size_t number = packets.size() + 1;
    r.need(at, 12, number, "pcapng block header");
    // The section header block's type reads the same in either byte order.
    const bool section = r.u32(at) == kPcapngSectionHeader || __builtin_bswap32(r.u32(at)) == kPcapngSectionHeader;
    if (section) {
      r.need(at, 12, number, "section header block");
      const std::uint32_t bom = std::uint32_t{file[at + 8]} | std::uint32_t{file[at + 9]} << 8 |
                                std::uint32_t{file[at + 10]} << 16 | std::uint32_t{file[at + 11]} << 24;
      if (bom == kPcapngByteOrderMagic)
        r.swapped = false;
      else if (__builtin_bswap32(bom) == kPcapngByteOrderMagic)
        r.swapped = true;
      else
        capture_fail(number, at + 8, "section header block without the byte-order magic");
      interfaces.clear();  // interface numbers are per section
    } else if (at == 0) {
      capture_fail(0, 0, "not a pcap or pcapng file");
    }
    const std::uint32_t type = r.u32(at), length = r.u32(at + 4);
    if (length < 12 || length % 4 != 0) capture_fail(number, at + 4, "pcapng block length " + std::to_string(length));
    r.need(at, length, number, "pcapng block");
    if (r.u32(at + length - 4) != length) capture_fail(number, at + length - 4, "pcapng block lengths differ");
    const std::size_t body = at + 8, end = at + length - 4;
    if (type == kPcapngInterfaceDescription) {
      if (end - body < 8) capture_fail(number, body, "interface description block too short");
      interfaces.push_back({r.u16(body), tsresol(r, body + 8, end, number)});
    } else if (type == kPcapngEnhancedPacket || type == kPcapngSimplePacket) {
      const bool enhanced = type == kPcapngEnhancedPacket;
      const std::size_t fixed = enhanced ? 20 : 4;
      if (end - body < fixed) capture_fail(number, body, "packet block too short");
      const std::uint32_t id = enhanced ? r.u32(body) : 0;
      if (id >= interfaces.size())
        capture_fail(number, body, "packet of interface " + std::to_string(id) + ", which no block described");
      const Interface& itf = interfaces[id];
      std::uint32_t caplen = enhanced ? r.u32(body + 12) : r.u32(body);
      if (caplen > end - body - fixed) {
        if (enhanced)
          capture_fail(number, body + 12, "captured length " + std::to_string(caplen) + " exceeds its block");
        caplen = static_cast<std::uint32_t>(end - body - fixed);  // a simple packet block holds min(snaplen, len)
      }
      std::uint64_t time_us = 0;
      if (enhanced) {
        const std::uint64_t units = std::uint64_t{r.u32(body + 4)} << 32 | r.u32(body + 8);
        time_us = itf.units_per_second >= 1000000 ? units / (itf.units_per_second / 1000000)
                                                  : units * (1000000 / itf.units_per_second);
      }
      packets.push_back({number, time_us, itf.linktype, file.subspan(body + fixed, caplen)});
    }
    at += length;
  }
  return packets;
}

}  // namespace

void capture_fail(std::size_t packet, std::size_t offset, const std::string& what) {
  throw CaptureError((packet ? "packet " + std::to_string(packet) + ", " : std::string()) + "offset " +
                     std::to_string(offset) + ": " + what);
}

std::vector<Packet> capture_packets(std::span<const std::uint8_t> file) {
  if (file.size() < 4) capture_fail(0, 0, "not a pcap or pcapng file (" + std::to_string(file.size()) + " octets)");
  Reader r{file};
  const std::uint32_t magic = r.u32(0);
  if (magic == kPcapMagicMicro || magic == kPcapMagicNano) return classic(r, magic == kPcapMagicNano);
  r.swapped = true;
  if (r.u32(0) == kPcapMagicMicro || r.u32(0) == kPcapMagicNano) return classic(r, r.u32(0) == kPcapMagicNano);
  return pcapng(file);
}

}  // namespace secmode::oracle
