#include "oracle/capture_mac_nr.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace secmode::oracle {

namespace {

using Bytes = std::span<const std::uint8_t>;

constexpr std::uint8_t kPadding = 63;

// The value length of each context tag: RNTI, UE id, frame/subframe (2 octets), PHR type 2 other
// cell, HARQ id (1).
std::optional<std::size_t> tag_length(std::uint8_t tag) {
  switch (tag) {
    case 0x02:
    case 0x03:
    case 0x04:
      return 2;
    case 0x05:
    case 0x06:
      return 1;
    default:
      return std::nullopt;
  }
}

// What a subheader's LCID says of the size of what follows it (TS 38.321 6.1.2, table 6.2.1-1
// DL-SCH, table 6.2.1-2 UL-SCH, sizes of 6.1.3): `fixed` octets with an R/LCID subheader, or an L
// field (R/F/LCID/L) when not fixed. nullopt: not known here.
struct Size {
  bool has_length;
  std::size_t fixed = 0;
};
std::optional<Size> size_of(bool uplink, std::uint8_t lcid) {
  if (lcid >= 1 && lcid <= 32) return Size{true};  // DCCH and DTCH SDUs
  if (lcid == kPadding) return Size{false};        // to the end of the PDU
  if (uplink) {
    switch (lcid) {
      case 0:
        return Size{false, 8};  // CCCH of 64 bits (CCCH1)
      case 52:
        return Size{false, 6};  // CCCH of 48 bits
      case 55:
        return Size{false, 0};  // Configured Grant Confirmation (6.1.3.7)
      case 57:
        return Size{false, 2};  // Single Entry PHR (6.1.3.8)
      case 58:
        return Size{false, 2};  // C-RNTI (6.1.3.2)
      case 59:
      case 61:
        return Size{false, 1};  // Short Truncated BSR, Short BSR (6.1.3.1)
      case 54:
      case 56:
      case 60:
      case 62:
        return Size{true};  // Multiple Entry PHR (four- / one-octet Ci), Long Truncated BSR, Long BSR
      default:
        return std::nullopt;
    }
  }
  switch (lcid) {
    case 0:
      return Size{true};  // CCCH
    case 56:
    case 58:
    case 61:
      return Size{false, 1};  // Duplication, SCell (one octet) Activation/Deactivation, Timing Advance
    case 57:
      return Size{false, 4};  // SCell Activation/Deactivation (four octets) (6.1.3.10)
    case 59:
    case 60:
      return Size{false, 0};  // Long DRX Command, DRX Command (6.1.3.6, 6.1.3.5)
    case 62:
      return Size{false, 6};  // UE Contention Resolution Identity (6.1.3.3)
    default:
      return std::nullopt;
  }
}

// One RLC AM entity's receiving side (TS 38.322 5.2.3.2): segments by SN and SO until the SDU is
// whole; SNs delivered are remembered so that a retransmission counts once.
struct AmReceiver {
  struct Sdu {
    std::map<std::size_t, std::vector<std::uint8_t>> segments;  // SO -> octets
    std::optional<std::size_t> size;                            // known once the last segment came
  };
  std::map<std::uint16_t, Sdu> partial;
  std::set<std::uint16_t> delivered;
};

class Reader {
 public:
  SrbPdus out;

  void packet(const Packet& p) {
    static constexpr char kSignature[] = "mac-nr";
    const Bytes d = p.data;
    if (p.linktype != kLinktypeUdpSrsran || d.size() < 14 || !std::equal(kSignature, kSignature + 6, d.begin() + 8))
      return;  // not MAC-NR over UDP
    std::size_t at = 14;
    if (d.size() < at + 3) capture_fail(p, at, "truncated MAC-NR context");
    const bool uplink = d[at + 1] == kMacDirectionUplink;
    const std::uint8_t rnti_type = d[at + 2];
    at += 3;
    std::uint16_t rnti = 0;
    for (;;) {
      if (at >= d.size()) capture_fail(p, at, "MAC-NR context without its payload tag");
      const std::uint8_t tag = d[at++];
      if (tag == kMacPayloadTag) break;
      const auto len = tag_length(tag);
      if (!len) capture_fail(p, at - 1, "MAC-NR context tag " + std::to_string(tag) + " is not known here");
      if (d.size() - at < *len) capture_fail(p, at, "truncated MAC-NR context tag " + std::to_string(tag));
      if (tag == 0x02) rnti = static_cast<std::uint16_t>(d[at] << 8 | d[at + 1]);
      at += *len;
    }
    if (rnti_type == kMacCRnti) mac_pdu(p, at, uplink, rnti);
  }

  void finish() {
    for (const auto& [key, rx] : receivers_)
      for (const auto& [sn, sdu] : rx.partial)
        out.notes.push_back("RLC SRB" + std::to_string(std::get<2>(key)) +
                            (std::get<1>(key) ? " uplink" : " downlink") + ": SN " + std::to_string(sn) +
                            " left incomplete at the end of the capture");
  }

 private:
  std::map<std::tuple<std::uint16_t, bool, std::uint8_t>, AmReceiver> receivers_;

  // TS 38.321 6.1.2: each subheader (R/F/LCID with an 8- or 16-bit L, or R/LCID) comes right
  // before its SDU or control element.
  void mac_pdu(const Packet& p, std::size_t at, bool uplink, std::uint16_t rnti) {
    const Bytes d = p.data;
    while (at < d.size()) {
      const std::uint8_t h = d[at];
      const std::uint8_t lcid = h & 0x3f;
      if (lcid == 33 || lcid == 34) capture_fail(p, at, "MAC subheader with an extended LCID (eLCID) is not read here");
      const auto size = size_of(uplink, lcid);
      if (!size) capture_fail(p, at, "MAC subheader LCID " + std::to_string(lcid) + ": its size is not known here");
      ++at;
      if (lcid == kPadding) return;
      std::size_t len = size->fixed;
      if (size->has_length) {
        const bool f = h & 0x40;
        if (d.size() - at < (f ? 2u : 1u)) capture_fail(p, at, "truncated MAC subheader L");
        len = f ? std::size_t{d[at]} << 8 | d[at + 1] : d[at];
        at += f ? 2 : 1;
      }
      if (d.size() - at < len)
        capture_fail(p, at, "MAC SDU or control element of " + std::to_string(len) + " octets exceeds the PDU");
      if (lcid == 1 || lcid == 2) rlc_am(p, d.subspan(at, len), at, uplink, rnti, lcid);
      at += len;
    }
  }

  // TS 38.322 6.2.2.4, 12-bit SN: D/C, P, SI (2 bits), SN (12 bits), and SO (16 bits) when SI says
  // the PDU holds the last or a middle segment. STATUS PDUs (D/C = 0) carry no SDU. An SRB's SN is
  // always 12 bits: "The network configures only value size12 in SN-FieldLengthAM for SRB" (TS
  // 38.331 6.3.2, RLC-Config field descriptions).
  void rlc_am(const Packet& p, Bytes pdu, std::size_t base, bool uplink, std::uint16_t rnti, std::uint8_t lcid) {
    if (pdu.empty()) capture_fail(p, base, "empty RLC AM PDU");
    if (!(pdu[0] & 0x80)) return;  // a STATUS PDU
    if (pdu.size() < 2) capture_fail(p, base, "truncated RLC AM header");
    const std::uint8_t si = (pdu[0] >> 4) & 3;  // 00 whole, 01 first, 10 last, 11 middle segment
    const auto sn = static_cast<std::uint16_t>((pdu[0] & 0x0f) << 8 | pdu[1]);
    std::size_t at = 2, so = 0;
    if (si >= 2) {
      if (pdu.size() < 4) capture_fail(p, base, "truncated RLC AM header SO");
      so = std::size_t{pdu[2]} << 8 | pdu[3];
      at = 4;
    }
    if (at == pdu.size()) capture_fail(p, base + at, "RLC AM data PDU without data");
    AmReceiver& rx = receivers_[{rnti, uplink, lcid}];
    if (rx.delivered.count(sn)) return;  // a retransmission of what is delivered
    AmReceiver::Sdu& sdu = rx.partial[sn];
    sdu.segments.emplace(so, std::vector<std::uint8_t>(pdu.begin() + static_cast<std::ptrdiff_t>(at), pdu.end()));
    if (si == 0 || si == 2) sdu.size = so + pdu.size() - at;
    // Whole when the segments cover [0, size) without a gap (overlaps from re-segmentation are
    // allowed; the later octets of an overlap are the same octets).
    if (!sdu.size) return;
    std::vector<std::uint8_t> whole;
    for (const auto& [offset, octets] : sdu.segments) {
      if (offset > whole.size()) return;  // a gap
      if (offset + octets.size() > whole.size())
        whole.insert(whole.end(), octets.begin() + static_cast<std::ptrdiff_t>(whole.size() - offset), octets.end());
    }
    if (whole.size() != *sdu.size) {
      if (whole.size() > *sdu.size) capture_fail(p, base, "RLC AM segments reach beyond the SDU's last octet");
      return;
    }
    rx.partial.erase(sn);
    rx.delivered.insert(sn);
    rx.delivered.erase(static_cast<std::uint16_t>((sn + 2048) & 0xfff));  // AM_Window_Size: half the SN space
    out.pdus.push_back({p.number, p.time_us, rnti, uplink, lcid, std::move(whole)});
  }
};

}  // namespace

SrbPdus nr_srb_pdus(const std::vector<Packet>& packets) {
  Reader r;
  for (const Packet& p : packets) r.packet(p);
  r.finish();
  return std::move(r.out);
}

}  // namespace secmode::oracle
