#include "oracle/capture_sctp.h"

#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "oracle/capture_mac_lte.h"

namespace secmode::oracle {

namespace {

constexpr std::uint32_t kLinktypeNull = 0;
constexpr std::uint32_t kLinktypeEthernet = 1;
constexpr std::uint32_t kLinktypeRaw = 101;
constexpr std::uint32_t kLinktypeLinuxSll = 113;
constexpr std::uint32_t kLinktypeIpv4 = 228;
constexpr std::uint32_t kLinktypeIpv6 = 229;
constexpr std::uint32_t kLinktypeLinuxSll2 = 276;
constexpr std::uint32_t kLinktypeNasLteSrsran = 148;
constexpr std::uint32_t kLinktypeNas5gSrsran = 151;

constexpr std::uint16_t kEthertypeIpv4 = 0x0800;
constexpr std::uint16_t kEthertypeIpv6 = 0x86dd;
constexpr std::uint16_t kEthertypeVlan = 0x8100;
constexpr std::uint16_t kEthertypeQinQ = 0x88a8;
constexpr std::uint8_t kIpProtocolSctp = 132;

constexpr std::uint8_t kSctpData = 0;
constexpr std::uint8_t kSctpIData = 64;
constexpr std::uint8_t kSctpFlagEnd = 0x01, kSctpFlagBegin = 0x02;
constexpr std::uint32_t kPpidS1ap = 18;  // RFC 9260 / IANA SCTP payload protocol identifiers
constexpr std::uint32_t kPpidNgap = 60;
constexpr std::uint16_t kPortS1ap = 36412;
constexpr std::uint16_t kPortNgap = 38412;

using Bytes = std::span<const std::uint8_t>;

std::uint16_t be16(Bytes b, std::size_t at) { return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]); }
std::uint32_t be32(Bytes b, std::size_t at) {
  return std::uint32_t{b[at]} << 24 | std::uint32_t{b[at + 1]} << 16 | std::uint32_t{b[at + 2]} << 8 | b[at + 3];
}

// An SCTP path and stream: addresses, ports and stream identifier.
using Flow = std::tuple<std::string, std::uint16_t, std::uint16_t, std::uint16_t>;

struct Reassembly {
  std::uint32_t next_tsn;
  std::vector<std::uint8_t> bytes;
};

class Reader {
 public:
  ApMessages result;

  void packet(const Packet& p) {
    const Bytes d = p.data;
    switch (p.linktype) {
      case kLinktypeS1apSrsran:
      case kLinktypeNgapSrsran:
        result.messages.push_back({p.number,
                                   p.time_us,
                                   p.linktype == kLinktypeS1apSrsran ? ApProtocol::s1ap : ApProtocol::ngap,
                                   {d.begin(), d.end()}});
        return;
      case kLinktypeMacLteSrsran:
      case kLinktypeUdpSrsran:
        return;  // MAC-LTE: capture_mac_lte.h reads them
      case kLinktypeNasLteSrsran:
      case kLinktypeNas5gSrsran:
        capture_fail(
            p, 0,
            "srsRAN NAS capture (link type " + std::to_string(p.linktype) +
                "): it records uplink NAS messages before protection and downlink ones after deciphering, so no "
                "MAC can be checked; capture S1AP/NGAP instead (srsRAN's S1AP/NGAP pcap, or SCTP with tcpdump)");
      case kLinktypeEthernet:
        return ethernet(p, 12);
      case kLinktypeLinuxSll:
        if (d.size() < 16) capture_fail(p, 0, "truncated Linux cooked header");
        return by_ethertype(p, be16(d, 14), 16);
      case kLinktypeLinuxSll2:
        if (d.size() < 20) capture_fail(p, 0, "truncated Linux cooked v2 header");
        return by_ethertype(p, be16(d, 0), 20);
      case kLinktypeRaw:
        if (d.empty()) capture_fail(p, 0, "empty raw IP packet");
        return (d[0] >> 4) == 6 ? ipv6(p, 0) : ipv4(p, 0);
      case kLinktypeIpv4:
        return ipv4(p, 0);
      case kLinktypeIpv6:
        return ipv6(p, 0);
      case kLinktypeNull: {
        if (d.size() < 4) capture_fail(p, 0, "truncated loopback header");
        const std::uint32_t family = std::uint32_t{d[0]} | std::uint32_t{d[1]} << 8 | std::uint32_t{d[2]} << 16 |
                                     std::uint32_t{d[3]} << 24;  // host order of the capturing machine
        const std::uint32_t f = family > 0xffff ? __builtin_bswap32(family) : family;
        if (f == 2) return ipv4(p, 4);
        if (f == 24 || f == 28 || f == 30) return ipv6(p, 4);
        return note(p, "loopback family " + std::to_string(f) + " is not IP");
      }
      default:
        capture_fail(p, 0,
                     "link type " + std::to_string(p.linktype) +
                         " is not read (S1AP/NGAP over SCTP on Ethernet, Linux cooked or raw IP, srsRAN's S1AP 150 / "
                         "NGAP 152, and srsRAN's MAC-LTE 147 / 149 are)");
    }
  }

  void finish() {
    for (const auto& [flow, part] : partial_)
      result.notes.push_back("an SCTP user message of stream " + std::to_string(std::get<3>(flow)) +
                             " ends without its last fragment (TSN " + std::to_string(part.next_tsn) +
                             " missing): left out");
  }

 private:
  std::set<std::tuple<Flow, std::uint32_t>> seen_;
  std::map<Flow, Reassembly> partial_;

  void note(const Packet& p, const std::string& what) {
    result.notes.push_back("packet " + std::to_string(p.number) + ": " + what);
  }

  void ethernet(const Packet& p, std::size_t type_at) {
    const Bytes d = p.data;
    for (;;) {
      if (d.size() < type_at + 2) capture_fail(p, type_at, "truncated Ethernet header");
      const std::uint16_t type = be16(d, type_at);
      if (type != kEthertypeVlan && type != kEthertypeQinQ) return by_ethertype(p, type, type_at + 2);
      type_at += 4;
    }
  }

  void by_ethertype(const Packet& p, std::uint16_t type, std::size_t at) {
    if (type == kEthertypeIpv4) return ipv4(p, at);
    if (type == kEthertypeIpv6) return ipv6(p, at);
    // Not IP (ARP, LLDP, ...): nothing of S1AP or NGAP in it; skipped without a note.
  }

  void ipv4(const Packet& p, std::size_t at) {
    const Bytes d = p.data;
    if (d.size() < at + 20) capture_fail(p, at, "truncated IPv4 header");
    if ((d[at] >> 4) != 4) capture_fail(p, at, "IPv4 header with version " + std::to_string(d[at] >> 4));
    const std::size_t header = std::size_t{d[at] & 0x0fu} * 4, total = be16(d, at + 2);
    if (header < 20 || total < header || d.size() < at + total)
      capture_fail(p, at,
                   "IPv4 lengths (header " + std::to_string(header) + ", total " + std::to_string(total) +
                       ") do not fit the packet");
    if (d[at + 9] != kIpProtocolSctp) return;
    if ((be16(d, at + 6) & 0x3fff) != 0)
      capture_fail(p, at + 6, "fragmented IPv4 packet carrying SCTP (IP reassembly is not done here)");
    std::string addresses(d.begin() + at + 12, d.begin() + at + 20);
    sctp(p, at + header, at + total, std::move(addresses));
  }

  void ipv6(const Packet& p, std::size_t at) {
    const Bytes d = p.data;
    if (d.size() < at + 40) capture_fail(p, at, "truncated IPv6 header");
    if ((d[at] >> 4) != 6) capture_fail(p, at, "IPv6 header with version " + std::to_string(d[at] >> 4));
    const std::size_t end = at + 40 + be16(d, at + 4);
    if (d.size() < end) capture_fail(p, at + 4, "IPv6 payload length exceeds the packet");
    std::string addresses(d.begin() + at + 8, d.begin() + at + 40);
    std::uint8_t next = d[at + 6];
    std::size_t pos = at + 40;
    while (next == 0 || next == 43 || next == 60) {  // hop-by-hop, routing, destination options
      if (end - pos < 8) capture_fail(p, pos, "truncated IPv6 extension header");
      const std::size_t len = (std::size_t{d[pos + 1]} + 1) * 8;
      if (end - pos < len) capture_fail(p, pos, "IPv6 extension header exceeds the packet");
      next = d[pos];
      pos += len;
    }
    if (next == 44) capture_fail(p, pos, "fragmented IPv6 packet (IP reassembly is not done here)");
    if (next == kIpProtocolSctp) sctp(p, pos, end, std::move(addresses));
  }

  void sctp(const Packet& p, std::size_t at, std::size_t end, std::string addresses) {
    const Bytes d = p.data;
    if (end - at < 12) capture_fail(p, at, "truncated SCTP common header");
    const std::uint16_t src = be16(d, at), dst = be16(d, at + 2);
    for (std::size_t pos = at + 12; pos < end;) {
      if (end - pos < 4) capture_fail(p, pos, "truncated SCTP chunk header");
      const std::uint8_t type = d[pos], flags = d[pos + 1];
      const std::size_t len = be16(d, pos + 2);
      if (len < 4 || end - pos < len)
        capture_fail(p, pos + 2, "SCTP chunk length " + std::to_string(len) + " does not fit the packet");
      if (type == kSctpIData) capture_fail(p, pos, "SCTP I-DATA chunk (RFC 8260) is not read");
      if (type == kSctpData) {
        if (len < 16) capture_fail(p, pos + 2, "SCTP DATA chunk shorter than its 16-octet header");
        data(p, d.subspan(pos, len), flags, Flow{addresses, src, dst, be16(d, pos + 8)});
      }
      pos += (len + 3) & ~std::size_t{3};
    }
  }

  void data(const Packet& p, Bytes chunk, std::uint8_t flags, const Flow& flow) {
    const std::uint32_t tsn = be32(chunk, 4), ppid = be32(chunk, 12);
    const auto [src, dst] = std::pair{std::get<1>(flow), std::get<2>(flow)};
    std::optional<ApProtocol> protocol;
    if (ppid == kPpidS1ap || (ppid == 0 && (src == kPortS1ap || dst == kPortS1ap))) protocol = ApProtocol::s1ap;
    if (ppid == kPpidNgap || (ppid == 0 && (src == kPortNgap || dst == kPortNgap))) protocol = ApProtocol::ngap;
    if (!protocol) return;  // another protocol over SCTP (X2AP, Diameter, ...)
    if (!seen_.insert({flow, tsn}).second) {
      note(p, "SCTP retransmission of TSN " + std::to_string(tsn) + " left out (its first copy is judged)");
      return;
    }
    const Bytes payload = chunk.subspan(16);
    const bool begin = flags & kSctpFlagBegin, last = flags & kSctpFlagEnd;
    if (begin && last) {
      result.messages.push_back({p.number, p.time_us, *protocol, {payload.begin(), payload.end()}});
      return;
    }
    auto it = partial_.find(flow);
    if (begin) {
      partial_[flow] = Reassembly{tsn + 1, {payload.begin(), payload.end()}};
      return;
    }
    if (it == partial_.end() || it->second.next_tsn != tsn)
      capture_fail(p, 0,
                   "SCTP fragment with TSN " + std::to_string(tsn) +
                       " does not continue a message of its stream (fragments must arrive in order here)");
    it->second.bytes.insert(it->second.bytes.end(), payload.begin(), payload.end());
    it->second.next_tsn = tsn + 1;
    if (last) {
      result.messages.push_back({p.number, p.time_us, *protocol, std::move(it->second.bytes)});
      partial_.erase(it);
    }
  }
};

}  // namespace

ApMessages ap_messages(const std::vector<Packet>& packets) {
  Reader r;
  for (const Packet& p : packets) r.packet(p);
  r.finish();
  return std::move(r.result);
}

}  // namespace secmode::oracle
