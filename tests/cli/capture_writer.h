// Captures of NAS traffic as real stacks write them, for `secmode check --pcap` tests: NAS-PDUs
// wrapped in S1AP / NGAP InitialUEMessage, UplinkNASTransport and DownlinkNASTransport (aligned
// PER, TS 36.413 / TS 38.413: only the UE identities and the NAS-PDU among their IEs), and the
// Initial Context Setup with its AS security, carried
// either bare (srsRAN's link types 150 / 152) or in SCTP DATA chunks over IPv4 on Ethernet or
// IPv6 on Linux cooked capture v2, in a classic pcap or a pcapng file.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace secmode::test {

using Octets = std::vector<std::uint8_t>;

inline void put_length(Octets& o, std::size_t n) {  // X.691 aligned length determinant, < 16K
  if (n < 128) {
    o.push_back(static_cast<std::uint8_t>(n));
  } else {
    o.push_back(static_cast<std::uint8_t>(0x80 | n >> 8));
    o.push_back(static_cast<std::uint8_t>(n));
  }
}

// One protocol IE: id, criticality "reject", open type value.
inline void put_ie(Octets& o, std::uint16_t id, const Octets& value) {
  o.push_back(static_cast<std::uint8_t>(id >> 8));
  o.push_back(static_cast<std::uint8_t>(id));
  o.push_back(0x00);
  put_length(o, value.size());
  o.insert(o.end(), value.begin(), value.end());
}

// A constrained INTEGER whose octet count less one takes `bits` bits (X.691 13.2.6 a).
inline Octets ue_id(std::uint64_t v, unsigned bits) {
  std::size_t n = 1;
  while (n < 8 && v >> (8 * n)) ++n;
  Octets o{static_cast<std::uint8_t>((n - 1) << (8 - bits))};
  for (std::size_t i = n; i-- > 0;) o.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  return o;
}

enum class Ap { s1ap, ngap };

// The AS security of an InitialContextSetupRequest: SecurityKey and the UE security capabilities'
// 16-bit maps (first bit: algorithm 1; NGAP repeats them as the E-UTRA ones).
struct ContextSetupIes {
  Octets key;  // 32 octets
  std::uint16_t encryption = 0, integrity = 0;
};

// UESecurityCapabilities, unaligned inside (X.691 16.9): extension bit, iE-Extensions presence,
// then per BIT STRING its size-extension bit and 16 bits; padded to an octet.
inline Octets ue_security_capabilities(Ap ap, std::uint16_t encryption, std::uint16_t integrity) {
  std::vector<bool> bits{false, false};
  const std::vector<std::uint16_t> maps =
      ap == Ap::s1ap ? std::vector<std::uint16_t>{encryption, integrity}
                     : std::vector<std::uint16_t>{encryption, integrity, encryption, integrity};
  for (std::uint16_t map : maps) {
    bits.push_back(false);
    for (int b = 15; b >= 0; --b) bits.push_back(map >> b & 1);
  }
  Octets o((bits.size() + 7) / 8);
  for (std::size_t i = 0; i < bits.size(); ++i)
    if (bits[i]) o[i / 8] = static_cast<std::uint8_t>(o[i / 8] | 0x80 >> (i % 8));
  return o;
}

// An initiating message of procedure `code` with the RAN UE id, the core's UE id (when `core` is
// not ~0), the NAS-PDU (when not empty) and the AS security of an Initial Context Setup (when
// given; S1AP procedure 9, NGAP 14: SecurityKey IE 73 / 94, UESecurityCapabilities IE 107 / 119).
// Aligned PER, bit by bit, for the nested items below.
class AperWriter {
 public:
  void bits(std::uint64_t v, unsigned n) {
    for (unsigned i = n; i-- > 0;) bits_.push_back(v >> i & 1);
  }
  void align() {
    while (bits_.size() % 8) bits_.push_back(false);
  }
  void octets(const Octets& o) {
    align();
    for (std::uint8_t b : o) bits(b, 8);
  }
  void open(const Octets& o) {  // a length determinant (< 16K) and the octets
    Octets l;
    put_length(l, o.size());
    octets(l);
    octets(o);
  }
  void whole(std::uint64_t lb, std::uint64_t ub, std::uint64_t v) {  // X.691 11.5.7, ranges used here
    const std::uint64_t range = ub - lb + 1;
    if (range <= 255) {
      unsigned n = 0;
      while ((std::uint64_t{1} << n) < range) ++n;
      bits(v - lb, n);
    } else if (range == 256) {
      align();
      bits(v - lb, 8);
    } else if (range <= 65536) {
      align();
      bits(v - lb, 16);
    } else {  // BitRate (0..10000000000): octet count 1..5 in 3 bits, then the octets
      unsigned count = 1;
      while (count < 5 && (v - lb) >> (8 * count)) ++count;
      bits(count - 1, 3);
      align();
      bits(v - lb, 8 * count);
    }
  }
  Octets done() {
    align();
    Octets o(bits_.size() / 8);
    for (std::size_t i = 0; i < bits_.size(); ++i)
      if (bits_[i]) o[i / 8] = static_cast<std::uint8_t>(o[i / 8] | 0x80 >> (i % 8));
    return o;
  }

 private:
  std::vector<bool> bits_;
};

// One E-RAB or PDU session of a list: its NAS-PDU (empty: none, where optional) and the optional
// parts a real core may fill in, which the reader must step over.
struct SessionItem {
  Octets nas;
  bool gbr = false;         // S1AP: GBR-QosInformation present
  bool extensions = false;  // an iE-Extensions container in the item (S1AP: in its ARP)
  bool sd = false;          // NGAP: S-NSSAI with SD
};

// An empty-valued ProtocolExtensionContainer of one field (id 1, criticality ignore).
inline void put_extension_container(AperWriter& w) {
  w.whole(1, 65535, 1);
  w.whole(0, 65535, 1);
  w.bits(1, 2);
  w.open(Octets{0x00});
}

// S1AP: E-RABToBeSetupListCtxtSUReq (`kind` 0, item IE 52), E-RABToBeSetupListBearerSUReq (1,
// item IE 17) or E-RABToBeModifiedListBearerModReq (2, item IE 36) of these items.
inline Octets erab_list(int kind, const std::vector<SessionItem>& items) {
  AperWriter list;
  list.whole(1, 256, items.size());
  std::uint8_t id = 5;
  for (const SessionItem& i : items) {
    AperWriter w;
    w.bits(0, 1);                                  // extension bit
    if (kind == 0) w.bits(!i.nas.empty(), 1);      // nAS-PDU present
    w.bits(i.extensions && kind == 1, 1);          // iE-Extensions present
    w.bits(0, 1), w.whole(0, 15, id++ % 16);       // e-RAB-ID
    w.bits(0, 1), w.bits(i.gbr, 1), w.bits(0, 1);  // E-RABLevelQoSParameters preamble
    w.whole(0, 255, i.gbr ? 1 : 9);                // QCI
    w.bits(0, 1), w.bits(i.extensions, 1);         // AllocationAndRetentionPriority preamble
    w.whole(0, 15, 8), w.bits(1, 1), w.bits(0, 1);
    if (i.extensions) put_extension_container(w);
    if (i.gbr) {
      w.bits(0, 2);
      for (std::uint64_t rate : {10000000000ull, 50000000ull, 0ull, 255ull}) w.whole(0, 10000000000ull, rate);
    }
    if (kind != 2) {
      w.bits(0, 1), w.whole(1, 160, 32);  // an IPv4 TransportLayerAddress
      w.octets({10, 0, 0, 1});
      w.octets({0x12, 0x34, 0x56, static_cast<std::uint8_t>(id)});  // GTP-TEID
    }
    if (kind != 0 || !i.nas.empty()) w.open(i.nas);
    if (i.extensions && kind == 1) put_extension_container(w);
    list.whole(0, 65535, kind == 0 ? 52 : kind == 1 ? 17 : 36);
    list.bits(0, 2);
    list.open(w.done());
  }
  return list.done();
}

// NGAP: PDUSessionResourceSetupListCxtReq / SUReq (`modify` false) or ModifyListModReq items.
inline Octets session_list(bool modify, const std::vector<SessionItem>& items) {
  AperWriter w;
  w.whole(1, 256, items.size());
  std::uint8_t id = 1;
  for (const SessionItem& i : items) {
    w.bits(0, 1), w.bits(!i.nas.empty(), 1), w.bits(i.extensions, 1);
    w.whole(0, 255, id++);
    if (!i.nas.empty()) w.open(i.nas);
    if (!modify) {
      w.bits(0, 1), w.bits(i.sd, 1), w.bits(0, 1);
      w.bits(1, 8);  // SST eMBB
      if (i.sd) w.octets({0x01, 0x02, 0x03});
    }
    w.open(Octets{0x00, 0x00, 0x00});  // a transfer (opaque here): SEQUENCE { protocolIEs of none, ... }
    if (i.extensions) put_extension_container(w);
  }
  return w.done();
}

inline Octets ap_message(Ap ap, std::uint8_t code, std::uint64_t ran_ue, std::uint64_t core_ue, const Octets& nas,
                         const ContextSetupIes* security = nullptr,
                         const std::vector<std::pair<std::uint16_t, Octets>>& more = {}) {
  const bool s1 = ap == Ap::s1ap;
  Octets ies;
  std::uint16_t count = 0;
  if (core_ue != ~std::uint64_t{0}) put_ie(ies, s1 ? 0 : 10, ue_id(core_ue, s1 ? 2 : 3)), ++count;
  put_ie(ies, s1 ? 8 : 85, ue_id(ran_ue, 2)), ++count;
  if (security) {
    put_ie(ies, s1 ? 107 : 119, ue_security_capabilities(ap, security->encryption, security->integrity)), ++count;
    put_ie(ies, s1 ? 73 : 94, security->key), ++count;
  }
  for (const auto& [id, value] : more) put_ie(ies, id, value), ++count;
  if (!nas.empty()) {
    Octets v;
    put_length(v, nas.size());
    v.insert(v.end(), nas.begin(), nas.end());
    put_ie(ies, s1 ? 26 : 38, v), ++count;
  }
  Octets value{0x00, static_cast<std::uint8_t>(count >> 8), static_cast<std::uint8_t>(count)};
  value.insert(value.end(), ies.begin(), ies.end());
  Octets o{0x00, code, 0x40};
  put_length(o, value.size());
  o.insert(o.end(), value.begin(), value.end());
  return o;
}

inline Octets context_setup(Ap ap, std::uint64_t ran_ue, const ContextSetupIes& security, const Octets& nas = {},
                            const std::vector<SessionItem>& items = {}) {
  std::vector<std::pair<std::uint16_t, Octets>> more;
  if (!items.empty())
    more.emplace_back(ap == Ap::s1ap ? 24 : 71, ap == Ap::s1ap ? erab_list(0, items) : session_list(false, items));
  return ap_message(ap, ap == Ap::s1ap ? 9 : 14, ran_ue, 7, nas, &security, more);
}

// E-RABSetupRequest / E-RABModifyRequest (S1AP 5 / 6) or PDUSessionResourceSetupRequest /
// ModifyRequest (NGAP 29 / 26) with these items.
inline Octets session_request(Ap ap, bool modify, std::uint64_t ran_ue, const std::vector<SessionItem>& items) {
  const bool s1 = ap == Ap::s1ap;
  const std::uint8_t code = s1 ? (modify ? 6 : 5) : (modify ? 26 : 29);
  const std::uint16_t list = s1 ? (modify ? 30 : 16) : (modify ? 64 : 74);
  return ap_message(ap, code, ran_ue, 7, {}, nullptr,
                    {{list, s1 ? erab_list(modify ? 2 : 1, items) : session_list(modify, items)}});
}

// The message a NAS-PDU travels in: the first uplink one in InitialUEMessage, later ones in
// Uplink/DownlinkNASTransport.
inline Octets nas_transport(Ap ap, bool uplink, bool first, std::uint64_t ran_ue, const Octets& nas) {
  const bool s1 = ap == Ap::s1ap;
  const std::uint8_t code = first ? (s1 ? 12 : 15) : uplink ? (s1 ? 13 : 46) : (s1 ? 11 : 4);
  return ap_message(ap, code, ran_ue, first ? ~std::uint64_t{0} : 7, nas);
}

enum class Framing { srsran, ethernet_ipv4, sll2_ipv6, mac_lte, mac_lte_udp, mac_nr_udp };

// Builds packets: SCTP DATA chunks numbered per direction (TSN), one chunk per packet, or the
// message split across two packets when `fragment` is set.
class CaptureWriter {
 public:
  CaptureWriter(Framing framing, Ap ap) : framing_(framing), ap_(ap) {}

  // Returns the number of the (last) packet written for it.
  std::size_t message(bool uplink, const Octets& payload, bool fragment = false) {
    if (framing_ == Framing::srsran) return add(payload);
    std::uint32_t& tsn = uplink ? tsn_ul_ : tsn_dl_;
    Octets& last = uplink ? last_ul_ : last_dl_;
    if (!fragment) {
      last = sctp(uplink, data_chunk(0x03, tsn++, payload));
      return add(last);
    }
    const std::size_t half = payload.size() / 2;
    add(sctp(uplink, data_chunk(0x02, tsn++, Octets(payload.begin(), payload.begin() + half))));
    last = sctp(uplink, data_chunk(0x01, tsn++, Octets(payload.begin() + half, payload.end())));
    return add(last);
  }
  // The last packet of that direction sent again (an SCTP retransmission: the same TSN).
  std::size_t retransmit_last(bool uplink) { return add(uplink ? last_ul_ : last_dl_); }
  // The next packets' timestamps: `seconds`, then one second more each.
  void at(std::uint64_t seconds) { next_time_ = seconds; }

  // A packet as it is (srsRAN's MAC-LTE framing below builds them).
  std::size_t raw(Octets packet) { return add(std::move(packet)); }

  // A packet of another protocol (an ARP request; Ethernet framing only), which the reader skips.
  std::size_t other() {
    Octets p{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1, 0x08, 0x06};
    p.resize(42);
    return add(p);
  }
  std::uint32_t linktype() const {
    switch (framing_) {
      case Framing::srsran:
        return ap_ == Ap::s1ap ? 150 : 152;
      case Framing::ethernet_ipv4:
        return 1;
      case Framing::sll2_ipv6:
        return 276;
      case Framing::mac_lte:
        return 147;
      case Framing::mac_lte_udp:
      case Framing::mac_nr_udp:
        return 149;
    }
    return 0;
  }
  // Classic pcap for Ethernet and srsRAN framing, pcapng (nanosecond timestamps) for SLL2.
  void write(const std::string& path) const {
    Octets f;
    if (framing_ == Framing::sll2_ipv6) {
      block(f, 0x0a0d0d0a, {0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff});
      Octets idb{static_cast<std::uint8_t>(linktype()), static_cast<std::uint8_t>(linktype() >> 8), 0, 0, 0, 0, 1, 0};
      idb.insert(idb.end(), {9, 0, 1, 0, 9, 0, 0, 0, 0, 0, 0, 0});  // if_tsresol = 9 (ns), end of options
      block(f, 1, idb);
      for (std::size_t i = 0; i < packets_.size(); ++i) {
        const std::uint64_t ns = times_[i] * 1000000000ull + 250000000ull;
        Octets epb;
        le32(epb, 0);
        le32(epb, static_cast<std::uint32_t>(ns >> 32));
        le32(epb, static_cast<std::uint32_t>(ns));
        le32(epb, static_cast<std::uint32_t>(packets_[i].size()));
        le32(epb, static_cast<std::uint32_t>(packets_[i].size()));
        epb.insert(epb.end(), packets_[i].begin(), packets_[i].end());
        while (epb.size() % 4) epb.push_back(0);
        block(f, 6, epb);
      }
    } else {
      le32(f, 0xa1b2c3d4);
      f.insert(f.end(), {2, 0, 4, 0});
      le32(f, 0);
      le32(f, 0);
      le32(f, 65535);
      le32(f, linktype());
      for (std::size_t i = 0; i < packets_.size(); ++i) {
        le32(f, static_cast<std::uint32_t>(times_[i]));
        le32(f, 0);
        le32(f, static_cast<std::uint32_t>(packets_[i].size()));
        le32(f, static_cast<std::uint32_t>(packets_[i].size()));
        f.insert(f.end(), packets_[i].begin(), packets_[i].end());
      }
    }
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(f.data()), static_cast<std::streamsize>(f.size()));
  }

 private:
  Framing framing_;
  Ap ap_;
  std::uint32_t tsn_ul_ = 100, tsn_dl_ = 5000;
  std::uint64_t next_time_ = 0;       // 0: each packet one second after the previous, from 1700000000
  std::vector<std::uint64_t> times_;  // seconds
  Octets last_ul_, last_dl_;
  std::vector<Octets> packets_;

  std::size_t add(Octets p) {
    packets_.push_back(std::move(p));
    times_.push_back(next_time_ ? next_time_++ : 1700000000 + packets_.size() - 1);
    return packets_.size();
  }
  static void le32(Octets& o, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) o.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  static void be16(Octets& o, std::uint32_t v) {
    o.push_back(static_cast<std::uint8_t>(v >> 8));
    o.push_back(static_cast<std::uint8_t>(v));
  }
  static void be32(Octets& o, std::uint32_t v) {
    be16(o, v >> 16);
    be16(o, v);
  }
  static void block(Octets& f, std::uint32_t type, const Octets& body) {
    const auto len = static_cast<std::uint32_t>(body.size() + 12);
    le32(f, type);
    le32(f, len);
    f.insert(f.end(), body.begin(), body.end());
    le32(f, len);
  }
  Octets data_chunk(std::uint8_t flags, std::uint32_t tsn, const Octets& data) const {
    Octets c{0, flags};
    be16(c, static_cast<std::uint32_t>(16 + data.size()));
    be32(c, tsn);
    be16(c, 1);  // stream identifier
    be16(c, 0);  // stream sequence number (unread)
    be32(c, ap_ == Ap::s1ap ? 18 : 60);
    c.insert(c.end(), data.begin(), data.end());
    while (c.size() % 4) c.push_back(0);
    return c;
  }
  // CRC32c (RFC 9260 appendix A), bit by bit: test data, no speed needed.
  static std::uint32_t crc32c(const Octets& d) {
    std::uint32_t crc = 0xffffffff;
    for (std::uint8_t b : d) {
      crc ^= b;
      for (int k = 0; k < 8; ++k) crc = crc >> 1 ^ (0x82f63b78 & (0 - (crc & 1)));
    }
    return ~crc;
  }
  Octets sctp(bool uplink, const Octets& chunk) const {
    const std::uint16_t port = ap_ == Ap::s1ap ? 36412 : 38412;
    Octets s;
    be16(s, uplink ? 50000 : port);
    be16(s, uplink ? port : 50000);
    be32(s, 0x01020304);
    be32(s, 0);
    s.insert(s.end(), chunk.begin(), chunk.end());
    const std::uint32_t crc = crc32c(s);
    for (int i = 0; i < 4; ++i) s[8 + i] = static_cast<std::uint8_t>(crc >> (8 * i));  // little-endian on the wire
    Octets p;
    if (framing_ == Framing::ethernet_ipv4) {
      p = {2,    0,   0, 0, 0, static_cast<std::uint8_t>(uplink ? 2 : 1),
           2,    0,   0, 0, 0, static_cast<std::uint8_t>(uplink ? 1 : 2),
           0x08, 0x00};
      Octets ip{0x45, 0};
      be16(ip, static_cast<std::uint32_t>(20 + s.size()));
      ip.insert(ip.end(), {0, 0, 0x40, 0, 64, 132, 0, 0, 10, 0, 0, static_cast<std::uint8_t>(uplink ? 1 : 2), 10, 0, 0,
                           static_cast<std::uint8_t>(uplink ? 2 : 1)});
      std::uint32_t sum = 0;
      for (std::size_t i = 0; i < 20; i += 2) sum += static_cast<std::uint32_t>(ip[i] << 8 | ip[i + 1]);
      while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
      ip[10] = static_cast<std::uint8_t>(~sum >> 8);
      ip[11] = static_cast<std::uint8_t>(~sum);
      p.insert(p.end(), ip.begin(), ip.end());
    } else {
      p = {0x86, 0xdd, 0, 0, 0, 0, 0, 1, 0, 1, static_cast<std::uint8_t>(uplink ? 0 : 4), 6, 2, 0, 0, 0, 0, 1, 0, 0};
      Octets ip{0x60, 0, 0, 0};
      be16(ip, static_cast<std::uint32_t>(s.size()));
      ip.insert(ip.end(), {132, 64});
      for (int a = 0; a < 2; ++a) {
        ip.insert(ip.end(), {0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        ip.push_back(static_cast<std::uint8_t>((a == 0) == uplink ? 1 : 2));
      }
      p.insert(p.end(), ip.begin(), ip.end());
    }
    p.insert(p.end(), s.begin(), s.end());
    return p;
  }
};

// srsRAN's MAC-LTE framing (Wireshark's mac-lte-framed context: radio type FDD, direction,
// RNTI type C-RNTI, then RNTI, UE id, retx, CRC status and frame/subframe tags and the payload tag;
// link type 149 puts an 8-octet UDP header and the signature "mac-lte" first) around a MAC PDU.
inline Octets mac_lte_frame(bool udp, bool uplink, std::uint16_t rnti, bool crc_ok, const Octets& mac_pdu) {
  Octets f;
  if (udp) {
    f = {0xbe, 0xef, 0xde, 0xad, 0, 0, 0, 0};
    const std::string sig = "mac-lte";
    f.insert(f.end(), sig.begin(), sig.end());
  }
  f.insert(f.end(), {1, static_cast<std::uint8_t>(uplink ? 0 : 1), 3, 0x02, static_cast<std::uint8_t>(rnti >> 8),
                     static_cast<std::uint8_t>(rnti), 0x03, 0, 1, 0x06, 0, 0x07, static_cast<std::uint8_t>(crc_ok),
                     0x04, 0x01, 0x23, 0x01});
  f.insert(f.end(), mac_pdu.begin(), mac_pdu.end());
  return f;
}

// An RLC AM data PDU (TS 36.322 6.2.1.4) without LIs: D/C 1, RF 0, P 0, FI, E 0, SN.
inline Octets rlc_am(std::uint16_t sn, std::uint8_t fi, const Octets& data) {
  Octets o{static_cast<std::uint8_t>(0x80 | fi << 3 | (sn >> 8 & 3)), static_cast<std::uint8_t>(sn)};
  o.insert(o.end(), data.begin(), data.end());
  return o;
}

// A MAC PDU (TS 36.321 6.1.2) with one SDU of logical channel `lcid`, after a Timing Advance
// Command (downlink) or a Short BSR (uplink) control element, and `padding` octets at the end.
inline Octets mac_pdu(bool uplink, std::uint8_t lcid, const Octets& sdu, std::size_t padding) {
  Octets o{static_cast<std::uint8_t>(0x20 | 29)};  // E = 1, LCID 29: Timing Advance (DL) / Short BSR (UL)
  if (padding) {
    o.push_back(static_cast<std::uint8_t>(0x20 | lcid));
    if (sdu.size() < 128) {
      o.push_back(static_cast<std::uint8_t>(sdu.size()));
    } else {
      o.push_back(static_cast<std::uint8_t>(0x80 | sdu.size() >> 8));
      o.push_back(static_cast<std::uint8_t>(sdu.size()));
    }
    o.push_back(31);  // the last subheader: padding to the end
  } else {
    o.push_back(lcid);  // the last subheader: the SDU to the end
  }
  o.push_back(uplink ? 0x12 : 0x1f);  // the control element's octet
  o.insert(o.end(), sdu.begin(), sdu.end());
  o.insert(o.end(), padding, 0);
  return o;
}

// srsRAN's MAC-NR UDP framing (link type 149): an 8-octet UDP header, the signature "mac-nr",
// radio type FDD, direction, RNTI type C-RNTI, then the RNTI, UE id, HARQ id, PHR type 2 other
// cell and frame/subframe tags and the payload tag, around a MAC PDU.
inline Octets mac_nr_frame(bool uplink, std::uint16_t rnti, const Octets& mac_pdu) {
  const std::string sig = "mac-nr";
  Octets f(sig.begin(), sig.end());
  f.insert(f.end(), {1, static_cast<std::uint8_t>(uplink ? 0 : 1), 3, 0x02, static_cast<std::uint8_t>(rnti >> 8),
                     static_cast<std::uint8_t>(rnti), 0x03, 0, 1, 0x06, 0, 0x05, 0, 0x04, 0x01, 0x23, 0x01});
  f.insert(f.end(), mac_pdu.begin(), mac_pdu.end());
  const std::size_t length = 8 + f.size();  // the UDP length, which Wireshark checks
  f.insert(f.begin(),
           {0xbe, 0xef, 0xde, 0xad, static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length), 0, 0});
  return f;
}

// An NR RLC AM data PDU with a 12-bit SN (TS 38.322 6.2.2.4): D/C 1, P 0, SI (0 whole, 1 first,
// 2 last, 3 middle segment), SN, and SO for the last and middle segments.
inline Octets nr_rlc_am(std::uint16_t sn, std::uint8_t si, std::uint16_t so, const Octets& data) {
  Octets o{static_cast<std::uint8_t>(0x80 | si << 4 | (sn >> 8 & 0x0f)), static_cast<std::uint8_t>(sn)};
  if (si >= 2) o.insert(o.end(), {static_cast<std::uint8_t>(so >> 8), static_cast<std::uint8_t>(so)});
  o.insert(o.end(), data.begin(), data.end());
  return o;
}

// An NR MAC PDU (TS 38.321 6.1.2) with one SDU of logical channel `lcid`: downlink after a Timing
// Advance Command (LCID 61, one octet) and a UE Contention Resolution Identity (62, six), uplink
// after a C-RNTI (58, two) and a Short BSR (61, one); the SDU's L in 8 bits, or 16 when `long_l`;
// `padding` octets of padding (LCID 63) at the end.
inline Octets nr_mac_pdu(bool uplink, std::uint8_t lcid, const Octets& sdu, bool long_l, std::size_t padding) {
  Octets o;
  if (uplink)
    o = {58, 0x46, 0x01, 61, 0x12};
  else
    o = {61, 0x1f, 62, 1, 2, 3, 4, 5, 6};
  if (long_l || sdu.size() > 255)
    o.insert(o.end(), {static_cast<std::uint8_t>(0x40 | lcid), static_cast<std::uint8_t>(sdu.size() >> 8),
                       static_cast<std::uint8_t>(sdu.size())});
  else
    o.insert(o.end(), {lcid, static_cast<std::uint8_t>(sdu.size())});
  o.insert(o.end(), sdu.begin(), sdu.end());
  if (padding) {
    o.push_back(63);
    o.insert(o.end(), padding - 1, 0);
  }
  return o;
}

}  // namespace secmode::test
