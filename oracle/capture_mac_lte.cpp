#include "oracle/capture_mac_lte.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

namespace secmode::oracle {

namespace {

using Bytes = std::span<const std::uint8_t>;

// The value length of each context tag (packet-mac-lte.h): RNTI, UEId, frame/subframe (2 octets),
// predefined data, retx, CRC status (1), extended BSR sizes (0), send preamble (2: RAPID, RACH
// attempt), carrier id (1).
std::optional<std::size_t> tag_length(std::uint8_t tag) {
  switch (tag) {
    case 0x02:
    case 0x03:
    case 0x04:
    case 0x09:
      return 2;
    case 0x05:
    case 0x06:
    case 0x07:
    case 0x0a:
      return 1;
    case 0x08:
      return 0;
    default:
      return std::nullopt;
  }
}

// Fixed-size MAC control elements (TS 36.321 table 6.2.1-1 DL-SCH, 6.2.1-2 UL-SCH; 6.1.3): their
// subheaders carry no length.
std::optional<std::size_t> control_element_size(bool uplink, std::uint8_t lcid) {
  if (uplink) {
    switch (lcid) {
      case 26:
        return 1;  // Power Headroom Report
      case 27:
        return 2;  // C-RNTI
      case 28:
        return 1;  // Truncated BSR
      case 29:
        return 1;  // Short BSR
      case 30:
        return 3;  // Long BSR
      default:
        return std::nullopt;
    }
  }
  switch (lcid) {
    case 26:
      return 0;  // Long DRX Command
    case 27:
      return 1;  // Activation/Deactivation (one octet)
    case 28:
      return 6;  // UE Contention Resolution Identity
    case 29:
      return 1;  // Timing Advance Command
    case 30:
      return 0;  // DRX Command
    default:
      return std::nullopt;
  }
}

constexpr std::uint8_t kPadding = 31;

struct RlcPdu {
  std::size_t packet;  // where it was captured
  std::uint64_t time_us;
  std::uint8_t fi;  // framing info: bit 1 "not the first octet of an SDU", bit 0 "not the last"
  std::vector<std::vector<std::uint8_t>> elements;  // data field elements, in order
};

// One RLC AM entity's receiving side, in sequence-number order (10-bit SN, TS 36.322 6.2.2.3).
// A byte segment of an AMD PDU (TS 36.322 6.2.1.5): where its data field starts in the PDU's, its
// framing info, and where SDUs end inside it (from its LIs, relative to its own data field).
struct Segment {
  std::uint8_t fi;
  bool last;  // LSF: it holds the last octet of the AMD PDU
  std::vector<std::size_t> ends;
  std::vector<std::uint8_t> data;
};

struct AmReceiver {
  std::uint16_t next = 0;  // next SN to deliver: VR(R), 0 when the entity is established (TS 36.322 7.1)
  std::map<std::uint16_t, RlcPdu> held;                          // SN -> PDU waiting for the gap
  std::map<std::uint16_t, std::map<std::size_t, Segment>> segments;  // SN -> SO -> a re-segmented part
  std::optional<std::vector<std::uint8_t>> partial;              // an SDU whose last octets are still to come
  bool delivered = false;                                        // whether any PDU was delivered
};

class Reader {
 public:
  SrbPdus out;

  void packet(const Packet& p) {
    Bytes d = p.data;
    std::size_t at = 0;
    if (p.linktype == kLinktypeUdpSrsran) {
      static constexpr char kSignature[] = "mac-lte";
      if (d.size() < 15 || !std::equal(kSignature, kSignature + 7, d.begin() + 8)) return;  // not MAC-LTE over UDP
      at = 15;
    } else if (p.linktype != kLinktypeMacLteSrsran) {
      return;
    }
    if (d.size() < at + 3) capture_fail(p, at, "truncated MAC-LTE context");
    const bool uplink = d[at + 1] == kMacDirectionUplink;
    const std::uint8_t rnti_type = d[at + 2];
    at += 3;
    std::uint16_t rnti = 0;
    bool crc_ok = true;
    for (;;) {
      if (at >= d.size()) capture_fail(p, at, "MAC-LTE context without its payload tag");
      const std::uint8_t tag = d[at++];
      if (tag == kMacPayloadTag) break;
      const auto len = tag_length(tag);
      if (!len) capture_fail(p, at - 1, "MAC-LTE context tag " + std::to_string(tag) + " is not known here");
      if (d.size() - at < *len) capture_fail(p, at, "truncated MAC-LTE context tag " + std::to_string(tag));
      if (tag == 0x02) rnti = static_cast<std::uint16_t>(d[at] << 8 | d[at + 1]);
      if (tag == 0x07) crc_ok = d[at] != 0;
      at += *len;
    }
    if (rnti_type != kMacCRnti || !crc_ok) return;  // no DCCH in it, or not received
    mac_pdu(p, at, uplink, rnti);
  }

  // What still waits behind a gap is delivered in SN order (SNs do not wrap within one
  // capture's leftovers here), each gap noted and never bridged: a partial SDU before it is
  // dropped.
  void finish() {
    for (auto& [key, rx] : receivers_) {
      const auto& [rnti, uplink, lcid] = key;
      const std::string where = "RLC SRB" + std::to_string(lcid) + (uplink ? " uplink" : " downlink");
      for (auto& [sn, held] : rx.held) {
        if (sn != rx.next) {
          out.notes.push_back(where + ": SN " + std::to_string(rx.next) + " to " + std::to_string((sn + 1023) & 0x3ff) +
                              " missing" + (rx.partial ? ", an SDU left incomplete before them" : ""));
          rx.partial.reset();
        }
        deliver(uplink, lcid, rnti, rx, held);
        rx.next = static_cast<std::uint16_t>((sn + 1) & 0x3ff);
      }
      if (rx.partial) out.notes.push_back(where + ": the capture ends inside an SDU");
    }
  }

 private:
  std::map<std::tuple<std::uint16_t, bool, std::uint8_t>, AmReceiver> receivers_;

  // TS 36.321 6.1.2: R/F2/E/LCID subheaders, each but the last (and fixed-size control elements')
  // with F/L (7 or 15 bits) or, with F2, a 16-bit L; then the control elements, SDUs and padding in
  // subheader order.
  void mac_pdu(const Packet& p, std::size_t at, bool uplink, std::uint16_t rnti) {
    const Bytes d = p.data;
    struct Sub {
      std::uint8_t lcid;
      std::optional<std::size_t> size;  // nullopt: the last subheader, to the end
    };
    std::vector<Sub> subs;
    for (bool more = true; more;) {
      if (at >= d.size()) capture_fail(p, at, "truncated MAC subheader");
      const std::uint8_t h = d[at++];
      const bool f2 = h & 0x40;
      more = h & 0x20;
      const std::uint8_t lcid = h & 0x1f;
      if (lcid == 16) capture_fail(p, at - 1, "MAC subheader with an extended LCID (eLCID) is not read here");
      if (!more) {
        subs.push_back({lcid, std::nullopt});
        break;
      }
      if (lcid == kPadding) {
        subs.push_back({lcid, 0});
        continue;
      }
      if (const auto ce = control_element_size(uplink, lcid)) {
        subs.push_back({lcid, *ce});
        continue;
      }
      if (lcid > 10 && !(uplink && (lcid == 24 || lcid == 25)))
        capture_fail(p, at - 1, "MAC subheader LCID " + std::to_string(lcid) + ": its size is not known here");
      std::size_t len = 0;
      if (f2) {
        if (d.size() - at < 2) capture_fail(p, at, "truncated MAC subheader L");
        len = std::size_t{d[at]} << 8 | d[at + 1];
        at += 2;
      } else {
        if (at >= d.size()) capture_fail(p, at, "truncated MAC subheader F/L");
        if (d[at] & 0x80) {
          if (d.size() - at < 2) capture_fail(p, at, "truncated MAC subheader L");
          len = std::size_t{d[at] & 0x7fu} << 8 | d[at + 1];
          at += 2;
        } else {
          len = d[at++];
        }
      }
      subs.push_back({lcid, len});
    }
    for (const Sub& s : subs) {
      const std::size_t size = s.size ? *s.size : d.size() - at;
      if (d.size() - at < size)
        capture_fail(p, at, "MAC SDU or control element of " + std::to_string(size) + " octets exceeds the PDU");
      if (s.lcid == 1 || s.lcid == 2) rlc_am(p, d.subspan(at, size), at, uplink, rnti, s.lcid);
      at += size;
      if (!s.size) break;
    }
  }

  // TS 36.322 6.2.1.4: D/C, RF, P, FI, E, SN (10 bits); with E, E/LI pairs (11-bit LI); the data
  // field elements. 6.2.1.5: an AMD PDU segment (RF = 1) has LSF and a 15-bit SO after the SN, and
  // its LIs count inside its own data field. STATUS PDUs (D/C = 0) carry no SDU.
  void rlc_am(const Packet& p, Bytes pdu, std::size_t base, bool uplink, std::uint16_t rnti, std::uint8_t lcid) {
    if (pdu.size() < 2) capture_fail(p, base, "truncated RLC AM header");
    if (!(pdu[0] & 0x80)) return;  // a STATUS PDU
    const bool segment = pdu[0] & 0x40;
    if (segment && pdu.size() < 4) capture_fail(p, base, "truncated RLC AM PDU segment header (LSF, SO)");
    RlcPdu r{p.number, p.time_us, static_cast<std::uint8_t>((pdu[0] >> 3) & 3), {}};
    bool e = pdu[0] & 0x04;
    const auto sn = static_cast<std::uint16_t>((pdu[0] & 0x03) << 8 | pdu[1]);
    std::vector<std::size_t> lis;
    std::size_t bit = segment ? 32 : 16;  // position of the next E/LI in bits
    while (e) {
      if ((bit + 12 + 7) / 8 > pdu.size()) capture_fail(p, base + bit / 8, "truncated RLC AM LI");
      std::uint32_t v = 0;  // 12 bits starting at `bit`
      for (int k = 0; k < 12; ++k, ++bit) v = v << 1 | ((pdu[bit / 8] >> (7 - bit % 8)) & 1u);
      e = v & 0x800;
      lis.push_back(v & 0x7ff);
      if (lis.back() == 0) capture_fail(p, base + bit / 8, "RLC AM LI of 0 (TS 36.322 6.2.2.5: reserved)");
    }
    std::size_t at = (bit + 7) / 8;
    for (std::size_t li : lis) {
      if (pdu.size() - at < li) capture_fail(p, base + at, "RLC AM LI " + std::to_string(li) + " exceeds the PDU");
      r.elements.emplace_back(pdu.begin() + static_cast<std::ptrdiff_t>(at),
                              pdu.begin() + static_cast<std::ptrdiff_t>(at + li));
      at += li;
    }
    r.elements.emplace_back(pdu.begin() + static_cast<std::ptrdiff_t>(at), pdu.end());
    AmReceiver& rx = receivers_[{rnti, uplink, lcid}];
    if (segment) {
      Segment g{r.fi, (pdu[2] & 0x80) != 0, {}, {}};
      const std::size_t so = std::size_t{pdu[2] & 0x7fu} << 8 | pdu[3];
      for (std::size_t i = 0; i + 1 < r.elements.size(); ++i) {
        g.data.insert(g.data.end(), r.elements[i].begin(), r.elements[i].end());
        g.ends.push_back(g.data.size());
      }
      g.data.insert(g.data.end(), r.elements.back().begin(), r.elements.back().end());
      rx.segments[sn].insert_or_assign(so, std::move(g));
      if (!whole(p, base, rx.segments[sn], r)) return;
      rx.segments.erase(sn);
    }
    // A capture that starts after SN 0 delivers what it holds at its end, the gap noted.
    const std::uint16_t behind = static_cast<std::uint16_t>((rx.next - sn) & 0x3ff);
    if (rx.delivered && behind != 0 && behind <= 512) return;  // delivered already: a retransmission
    if (rx.held.count(sn)) return;
    rx.held.emplace(sn, std::move(r));
    while (!rx.held.empty()) {
      const auto it = rx.held.find(rx.next);
      if (it == rx.held.end()) break;
      deliver(uplink, lcid, rnti, rx, it->second);
      rx.held.erase(it);
      rx.delivered = true;
      rx.next = static_cast<std::uint16_t>((rx.next + 1) & 0x3ff);
    }
  }

  // The AMD PDU the byte segments of one SN make once they cover its data field from SO 0 to the
  // segment with LSF (TS 36.322 5.1.3.2.2): its FI is the first segment's first bit and the last's
  // second, its elements split where the segments' LIs end SDUs. False while a part is missing.
  static bool whole(const Packet& p, std::size_t base, const std::map<std::size_t, Segment>& parts, RlcPdu& out) {
    std::vector<std::uint8_t> data;
    std::vector<std::size_t> ends;
    std::uint8_t fi = 0;
    for (const auto& [so, g] : parts) {
      if (so > data.size()) return false;  // a gap
      if (so == 0) fi = g.fi & 2;
      if (so + g.data.size() > data.size())
        data.insert(data.end(), g.data.begin() + static_cast<std::ptrdiff_t>(data.size() - so), g.data.end());
      for (std::size_t end : g.ends) ends.push_back(so + end);
      // FI bits 0 inside the PDU: an SDU ends with this segment, or starts with it.
      if (!(g.fi & 1) && !g.last) ends.push_back(so + g.data.size());
      if (!(g.fi & 2) && so != 0) ends.push_back(so);
      if (g.last) {
        if (data.size() != so + g.data.size())
          capture_fail(p, base, "RLC AM PDU segments reach beyond the one with LSF");
        fi |= g.fi & 1;
        std::sort(ends.begin(), ends.end());
        ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
        out.elements.clear();
        std::size_t from = 0;
        for (std::size_t end : ends) {
          if (end <= from || end >= data.size()) continue;
          out.elements.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(from),
                                    data.begin() + static_cast<std::ptrdiff_t>(end));
          from = end;
        }
        out.elements.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(from), data.end());
        out.fi = fi;
        return true;
      }
    }
    return false;
  }

  // TS 36.322 6.2.2.6 FI: whether the first and the last element begin and end an SDU.
  void deliver(bool uplink, std::uint8_t lcid, std::uint16_t rnti, AmReceiver& rx, RlcPdu& r) {
    const std::size_t packet = r.packet;
    for (std::size_t i = 0; i < r.elements.size(); ++i) {
      auto& el = r.elements[i];
      const bool continues = i == 0 && (r.fi & 2);
      const bool ends = i + 1 < r.elements.size() || !(r.fi & 1);
      if (continues) {
        if (!rx.partial) {
          out.notes.push_back("packet " + std::to_string(packet) + ": RLC SRB" + std::to_string(lcid) +
                              " segment whose SDU began before the capture, left out");
          continue;
        }
        rx.partial->insert(rx.partial->end(), el.begin(), el.end());
      } else {
        if (rx.partial)
          out.notes.push_back("packet " + std::to_string(packet) + ": RLC SRB" + std::to_string(lcid) +
                              " SDU left incomplete, left out");
        rx.partial = std::move(el);
      }
      if (ends) {
        out.pdus.push_back({packet, r.time_us, rnti, uplink, lcid, std::move(*rx.partial)});
        rx.partial.reset();
      }
    }
  }
};

}  // namespace

SrbPdus srb_pdus(const std::vector<Packet>& packets) {
  Reader r;
  for (const Packet& p : packets) r.packet(p);
  r.finish();
  return std::move(r.out);
}

}  // namespace secmode::oracle
