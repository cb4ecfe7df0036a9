#include "oracle/capture_mac_nr.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
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

// What follows a MAC subheader (TS 38.321 6.1.2): an L field and then a MAC SDU or a variable-sized
// control element, a fixed-size control element (or UL CCCH SDU) of `octets`, or padding to the
// end of the PDU; or a value the tables reserve, or one whose size the standard does not state.
enum class Follows : std::uint8_t { length, fixed, padding, reserved, unsized };
struct Size {
  Follows follows;
  std::size_t octets = 0;
};

// The tables of TS 38.321 V18.6.0 6.2.1, one character per codepoint: 'v' an L field (a MAC SDU, or
// a control element whose clause says "variable size"), a digit the fixed size in octets its
// clause of 6.1.3 states, 'r' reserved, '?' a control element whose clause states no size.
//
// Table 6.2.1-1, DL-SCH LCID 35-62: 35-46 reserved; 47 Recommended bit rate (6.1.3.20, two octets);
// 48 SP ZP CSI-RS (6.1.3.19, 16 bits); 49 PUCCH spatial relation (6.1.3.18, 24 bits); 50 SP SRS
// (6.1.3.17); 51 SP CSI reporting on PUCCH, 52 TCI State Indication for PDCCH (6.1.3.16, 6.1.3.15,
// 16 bits); 53-55 TCI States for PDSCH, Aperiodic CSI Trigger State Subselection, SP CSI-RS/CSI-IM
// (6.1.3.14, .13, .12); 56 Duplication (6.1.3.11, one octet); 57, 58 SCell Activation/Deactivation
// (6.1.3.10, four octets, one octet); 59, 60 Long DRX, DRX Command (6.1.3.6, 6.1.3.5, zero bits);
// 61 Timing Advance Command (6.1.3.4, one octet); 62 UE Contention Resolution Identity (6.1.3.3, 48
// bits).
constexpr std::string_view kDlLcid35 =
    "rrrrrrrrrrrr"
    "223v22vvv1410016";
// Table 6.2.1-2, UL-SCH LCID 35-62 (LX 0): 35, 36 CCCH of 48 and 64 bits for a RedCap UE; 37-42
// reserved; 43 Truncated Enhanced BFR (6.1.3.43); 44 Timing Advance Report (6.1.3.56, two octets);
// 45, 46 (Truncated) Sidelink BSR (6.1.3.33); 47 reserved; 48, 49 LBT failure (6.1.3.30, four
// octets, one octet); 50, 51 (Truncated) BFR (6.1.3.23); 52 CCCH of 48 bits; 53 Recommended bit
// rate query (6.1.3.20, two octets); 54, 56 Multiple Entry PHR (6.1.3.9); 55 Configured Grant
// Confirmation (6.1.3.7, zero bits); 57 Single Entry PHR (6.1.3.8, two octets); 58 C-RNTI (6.1.3.2,
// 16 bits); 59, 61 Short (Truncated) BSR, 60, 62 Long (Truncated) BSR (6.1.3.1: LCG ID 3 bits and
// Buffer Size 5 bits in the short formats).
constexpr std::string_view kUlLcid35 =
    "68rrrrrr"
    "v2vvr41vv62v0v221v1v";
// Table 6.2.1-1b, DL-SCH one-octet eLCID 216-255 (0-215 reserved), in order: 6.1.3.83, .80, .77
// (24 bits), .75, .76, .73 (one octet), .70, .71, .68, .66, .67 (one octet each), .60, .59, .58,
// .57 (one octet), .55 (both), .47, .46, .45, .44 (24 bits), .41 (8 bits), .42, .63, .65, .61, .38
// (two octets), .37 (three octets each), .29, .28, .27 (24 bits), .26, .25, .24, .32 (one octet),
// .4a (two octets), .36, .22 (four octets), .21 (two octets).
constexpr std::string_view kDlElcid216 = "vv3vv1vvv11vvv1vvvvv31vvvv233vv3vvv12v42";
// Table 6.2.1-2b, UL-SCH one-octet eLCID 219-255 (0-218 reserved), in order: 6.1.3.82 (both), .81
// (four octets), .69 (8 bits), .79 (both), .78, .74, .1 (Refined Long BSR), .72 (Delay Status
// Report: no size stated), .51 (both), .50 (three octets), .49 (both), .48, .43 (three), .40 (8
// bits), .62, .64, .63, .39 (zero bits), .37 (three octets each), .1 (Extended Short Truncated BSR:
// LCG ID and Buffer Size of 8 bits each; Extended Long Truncated; Extended Short; Extended Long;
// Extended Pre-emptive), .23 (both), .31 (four octets), .34 (Sidelink Configured Grant
// Confirmation: no size stated), .22 (four octets), .1 (Pre-emptive BSR).
constexpr std::string_view kUlElcid219 = "vv41vvvvv?vv3vvvvvv1vvv0332v2vvvv4?4v";
static_assert(kDlLcid35.size() == 28 && kUlLcid35.size() == 28);
static_assert(kDlElcid216.size() == 40 && kUlElcid219.size() == 37);

Size size_from(char c) {
  if (c == 'v') return {Follows::length};
  if (c == 'r') return {Follows::reserved};
  if (c == '?') return {Follows::unsized};
  return {Follows::fixed, static_cast<std::size_t>(c - '0')};
}

// A subheader's LCID (LX 0), tables 6.2.1-1 and 6.2.1-2; 33 and 34 are read by the caller.
Size lcid_size(bool uplink, std::uint8_t lcid) {
  if (lcid >= 1 && lcid <= 32) return {Follows::length};  // DCCH, DTCH (and multicast MTCH) SDUs
  if (lcid == kPadding) return {Follows::padding};
  if (lcid == 0) return uplink ? Size{Follows::fixed, 8} : Size{Follows::length};  // UL: CCCH of 64 bits
  return size_from((uplink ? kUlLcid35 : kDlLcid35)[lcid - 35]);
}

// A one-octet eLCID (LCID 34), tables 6.2.1-1b and 6.2.1-2b.
Size elcid_size(bool uplink, std::uint8_t elcid) {
  const std::string_view table = uplink ? kUlElcid219 : kDlElcid216;
  const std::size_t first = 256 - table.size();
  return elcid < first ? Size{Follows::reserved} : size_from(table[elcid - first]);
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

  // TS 38.321 6.1.2: each subheader (R/F/LCID/(eLCID)/L, R/LCID/(eLCID), or (LX)/R/LCID for UL CCCH)
  // comes right before its SDU or control element. 6.2.1: LCID 34 is followed by a one-octet eLCID,
  // 33 by a two-octet eLCID (table 6.2.1-1a / 6.2.1-2a: the identity of a logical channel, 320 and
  // up, never an SRB); in the uplink an LX bit of 1 takes the LCID from table 6.2.1-2c.
  void mac_pdu(const Packet& p, std::size_t at, bool uplink, std::uint16_t rnti) {
    const Bytes d = p.data;
    while (at < d.size()) {
      const std::size_t start = at;
      const std::uint8_t h = d[at++];
      const std::uint8_t lcid = h & 0x3f;
      std::string name = "LCID " + std::to_string(lcid);
      Size size;
      bool srb = false;
      if (uplink && (h & 0x80)) {
        // Table 6.2.1-2c: 0-7 CCCH of 48 bits (even codepoints) or 64 bits (odd), 8-63 reserved.
        name = "LX 1, " + name;
        size = lcid < 8 ? Size{Follows::fixed, lcid % 2 ? 8u : 6u} : Size{Follows::reserved};
      } else if (lcid == 33 || lcid == 34) {
        const std::size_t n = lcid == 33 ? 2 : 1;
        if (d.size() - at < n) capture_fail(p, at, "truncated MAC subheader eLCID");
        const unsigned e = lcid == 33 ? unsigned{d[at]} << 8 | d[at + 1] : d[at];
        name += (lcid == 33 ? ", two-octet eLCID " : ", one-octet eLCID ") + std::to_string(e);
        size = lcid == 33 ? Size{Follows::length} : elcid_size(uplink, static_cast<std::uint8_t>(e));
        at += n;
      } else {
        size = lcid_size(uplink, lcid);
        srb = lcid == 1 || lcid == 2;
      }
      if (size.follows == Follows::padding) return;
      if (size.follows == Follows::reserved) {
        // TS 38.321 5.13: a MAC entity that receives a reserved value discards that subPDU and the
        // rest of the PDU; what follows never reaches RLC.
        out.notes.push_back("packet " + std::to_string(p.number) + " offset " + std::to_string(start) +
                            ": MAC subheader " + name +
                            " is reserved; the rest of the MAC PDU is discarded (TS 38.321 5.13)");
        return;
      }
      if (size.follows == Follows::unsized)
        capture_fail(p, start,
                     "MAC subheader " + name + ": TS 38.321 states no size for it, so what follows cannot be found");
      std::size_t len = size.octets;
      if (size.follows == Follows::length) {
        const bool f = h & 0x40;
        if (d.size() - at < (f ? 2u : 1u)) capture_fail(p, at, "truncated MAC subheader L");
        len = f ? std::size_t{d[at]} << 8 | d[at + 1] : d[at];
        at += f ? 2 : 1;
      }
      if (d.size() - at < len)
        capture_fail(p, at, "MAC SDU or control element of " + std::to_string(len) + " octets exceeds the PDU");
      if (srb) rlc_am(p, d.subspan(at, len), at, uplink, rnti, lcid);
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
