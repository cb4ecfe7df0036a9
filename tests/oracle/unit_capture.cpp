// The capture reader below `secmode check --pcap`: file formats, link layers, SCTP and the
// S1AP / NGAP frame, each malformation reported with where and what.
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "oracle/ap_nas.h"
#include "oracle/capture.h"
#include "oracle/capture_file.h"
#include "oracle/capture_mac_lte.h"
#include "oracle/capture_mac_nr.h"
#include "oracle/capture_sctp.h"
#include "tests/cli/capture_writer.h"

namespace secmode::oracle {
namespace {

using test::Octets;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const UnusableInput& e) {
    return e.what();
  }
  return "no error";
}

Octets be_pcap(std::uint32_t magic, std::uint32_t linktype, const std::vector<Octets>& packets) {
  Octets f;
  auto be32 = [&f](std::uint32_t v) {
    for (int i = 3; i >= 0; --i) f.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  };
  be32(magic);
  f.insert(f.end(), {0, 2, 0, 4});
  be32(0);
  be32(0);
  be32(65535);
  be32(linktype);
  for (const Octets& p : packets) {
    be32(1700000000);
    be32(123456789);
    be32(static_cast<std::uint32_t>(p.size()));
    be32(static_cast<std::uint32_t>(p.size()));
    f.insert(f.end(), p.begin(), p.end());
  }
  return f;
}

const Octets kNas = {0x07, 0x41, 0x71};

TEST(Capture, BigEndianNanosecondPcap) {
  const Octets m = test::ap_message(test::Ap::s1ap, 12, 5, ~std::uint64_t{0}, kNas);
  const Octets file = be_pcap(0xa1b23c4d, kLinktypeS1apSrsran, {m, m});
  const auto packets = capture_packets(file);  // views `file`
  ASSERT_EQ(packets.size(), 2u);
  EXPECT_EQ(packets[1].number, 2u);
  EXPECT_EQ(packets[0].time_us, 1700000000ull * 1000000 + 123456);
  EXPECT_EQ(packets[0].linktype, kLinktypeS1apSrsran);
  EXPECT_TRUE(std::equal(m.begin(), m.end(), packets[0].data.begin(), packets[0].data.end()));
}

TEST(Capture, PcapngNanosecondTimestampsAndBlockChecks) {
  test::CaptureWriter w(test::Framing::sll2_ipv6, test::Ap::ngap);
  w.message(true, test::nas_transport(test::Ap::ngap, true, true, 9, kNas));
  const std::string path = ::testing::TempDir() + "/unit_capture.pcapng";
  w.write(path);
  std::ifstream in(path, std::ios::binary);
  Octets file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto packets = capture_packets(file);
  ASSERT_EQ(packets.size(), 1u);
  EXPECT_EQ(packets[0].time_us, 1700000000ull * 1000000 + 250000);
  EXPECT_EQ(packets[0].linktype, 276u);
  const CapturedTrace t = capture_pdus(file, {});
  ASSERT_EQ(t.pdus.size(), 1u);
  EXPECT_EQ(t.pdus[0].rat, Rat::fivegs);
  EXPECT_TRUE(t.pdus[0].uplink);
  EXPECT_EQ(t.pdus[0].srb, 0);
  EXPECT_EQ(t.pdus[0].pdu, kNas);

  Octets bad = file;
  bad[bad.size() - 1] ^= 1;  // the trailing copy of the last block's length
  EXPECT_NE(error_of([&] { capture_packets(bad); }).find("pcapng block lengths differ"), std::string::npos);
  bad = file;
  bad[8] = 0;  // the byte-order magic
  EXPECT_NE(error_of([&] { capture_packets(bad); }).find("without the byte-order magic"), std::string::npos);
}

// One S1AP message, its fields altered one at a time.
TEST(Capture, ApFrameErrorsNameOffsetAndField) {
  const Octets good = test::ap_message(test::Ap::s1ap, 13, 5, 7, kNas);
  const ApNas read = ap_nas(ApProtocol::s1ap, good);
  EXPECT_EQ(read.procedure, "UplinkNASTransport");
  EXPECT_EQ(read.ran_ue, 5u);
  EXPECT_TRUE(read.uplink);
  ASSERT_EQ(read.nas.size(), 1u);
  EXPECT_EQ(read.nas[0], kNas);

  const auto err = [](Octets m) { return error_of([&] { ap_nas(ApProtocol::s1ap, m); }); };
  Octets m = good;
  m[0] = 0x80;
  EXPECT_EQ(err(m), "S1AP offset 0: PDU CHOICE extension (not one of the three message kinds)");
  m = good;
  m[2] = 0xc0;
  EXPECT_EQ(err(m), "S1AP offset 2: criticality 3 (only reject, ignore, notify exist)");
  m = good;
  m[3] = 0xc1;
  EXPECT_EQ(err(m), "S1AP offset 3: fragmented length (16K octets or more) of message value");
  m = good;
  m.pop_back();
  EXPECT_NE(err(m).find("S1AP offset 3: message value of"), std::string::npos);
  m = good;
  m[m.size() - kNas.size() - 1] = 4;  // the NAS-PDU's own length, one more than its IE holds
  EXPECT_EQ(err(m), "S1AP offset 23: NAS-PDU of 4 octets in an IE value of 4");
  m = good;
  m[5] = 0x00;
  m[6] = 0x09;  // nine IEs announced, three present
  EXPECT_NE(err(m).find("truncated at ProtocolIE-ID"), std::string::npos) << err(m);
  EXPECT_EQ(err(test::ap_message(test::Ap::s1ap, 99, 5, 7, kNas)),
            "S1AP offset 0: procedure 99 carries a NAS-PDU, and its direction is not known here");
  EXPECT_EQ(err({}), "S1AP offset 0: truncated at PDU CHOICE");
}

TEST(Capture, WhatIsNotANewNasMessageIsLeftOutWithAReason) {
  const ApNas undelivered = ap_nas(ApProtocol::s1ap, test::ap_message(test::Ap::s1ap, 16, 5, 7, kNas));
  EXPECT_TRUE(undelivered.nas.empty());
  EXPECT_NE(undelivered.left_out.find("could not deliver"), std::string::npos);
  const test::ContextSetupIes security{Octets(32, 0x5a), 0xe000, 0x6000};
  const ApNas ics = ap_nas(ApProtocol::ngap, test::context_setup(test::Ap::ngap, 5, security, kNas));
  EXPECT_EQ(ics.nas.size(), 1u);  // the top-level NAS-PDU is read
  EXPECT_FALSE(ics.uplink);
  EXPECT_TRUE(ics.left_out.empty());
  const ApNas no_nas = ap_nas(ApProtocol::s1ap, test::ap_message(test::Ap::s1ap, 23, 5, 7, {}));
  EXPECT_TRUE(no_nas.nas.empty());
  EXPECT_TRUE(no_nas.left_out.empty());
}

// The AS security of an Initial Context Setup: S1AP's two maps, NGAP's NR ones (of four).
TEST(Capture, TheInitialContextSetupGivesKeyAndCapabilities) {
  Octets key(32);
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i * 7 + 1);
  for (test::Ap ap : {test::Ap::s1ap, test::Ap::ngap}) {
    const ApProtocol protocol = ap == test::Ap::s1ap ? ApProtocol::s1ap : ApProtocol::ngap;
    const ApNas m = ap_nas(protocol, test::context_setup(ap, 9, {key, 0xa001, 0x4000}));
    ASSERT_TRUE(m.context_setup);
    EXPECT_EQ(Octets(m.context_setup->key.begin(), m.context_setup->key.end()), key);
    EXPECT_EQ(m.context_setup->encryption, 0xa001);
    EXPECT_EQ(m.context_setup->integrity, 0x4000);
    EXPECT_EQ(m.ran_ue, 9u);
    EXPECT_EQ(m.procedure, "InitialContextSetupRequest");
    // Other messages carry no AS security, even with the IEs' identities.
    EXPECT_FALSE(
        ap_nas(protocol, test::ap_message(ap, ap == test::Ap::s1ap ? 11 : 4, 9, 7, kNas, nullptr)).context_setup);
  }
}

// The NAS-PDUs of E-RAB and PDU session items, in order, whatever optional parts the items have;
// an item cut short is refused with its offset.
TEST(Capture, NasPdusInsideItemsAreRead) {
  const test::ContextSetupIes security{Octets(32, 0x5a), 0xe000, 0x6000};
  const Octets a{0x27, 1, 2, 3}, b{0x27, 4, 5}, c(300, 0x27);  // c: a two-octet length determinant
  for (test::Ap ap : {test::Ap::s1ap, test::Ap::ngap}) {
    const ApProtocol protocol = ap == test::Ap::s1ap ? ApProtocol::s1ap : ApProtocol::ngap;
    const ApNas ics = ap_nas(protocol, test::context_setup(ap, 5, security, {}, {{a, true, true, true}, {{}}, {c}}));
    EXPECT_EQ(ics.nas, (std::vector<Octets>{a, c}));
    EXPECT_FALSE(ics.uplink);
    for (bool modify : {false, true}) {
      const ApNas m =
          ap_nas(protocol, test::session_request(ap, modify, 5, {{b, false, true, true}, {a, true, false, false}}));
      EXPECT_EQ(m.nas, (std::vector<Octets>{b, a})) << m.procedure;
      EXPECT_TRUE(m.left_out.empty());
    }
    // The item list's value cut short: the IE length no longer covers the last NAS-PDU.
    Octets cut = test::session_request(ap, false, 5, {{a, true, true, true}, {c}});
    const std::size_t extra = 10;
    cut.resize(cut.size() - extra);
    try {
      ap_nas(protocol, cut);
      FAIL() << "accepted";
    } catch (const UnusableInput& e) {
      EXPECT_NE(std::string(e.what()).find(ap == test::Ap::s1ap ? "S1AP offset" : "NGAP offset"), std::string::npos)
          << e.what();
    }
  }
}

TEST(Capture, AnInitialContextSetupWithoutItsSecurityIsRefused) {
  try {
    ap_nas(ApProtocol::s1ap, test::ap_message(test::Ap::s1ap, 9, 5, 7, kNas));
    FAIL() << "accepted";
  } catch (const UnusableInput& e) {
    EXPECT_NE(std::string(e.what()).find("InitialContextSetupRequest without SecurityKey (IE 73)"), std::string::npos)
        << e.what();
  }
  // A SecurityKey of 31 octets, and capabilities with extension additions.
  Octets m = test::context_setup(test::Ap::s1ap, 5, {Octets(31, 1), 0xe000, 0xe000});
  try {
    ap_nas(ApProtocol::s1ap, m);
    FAIL() << "accepted";
  } catch (const UnusableInput& e) {
    EXPECT_NE(std::string(e.what()).find("SecurityKey of 31 octets"), std::string::npos) << e.what();
  }
  m = test::context_setup(test::Ap::s1ap, 5, {Octets(32, 1), 0xe000, 0xe000});
  const Octets caps = test::ue_security_capabilities(test::Ap::s1ap, 0xe000, 0xe000);
  const auto at = std::search(m.begin(), m.end(), caps.begin(), caps.end());
  ASSERT_NE(at, m.end());
  *at |= 0x80;  // the SEQUENCE's extension bit
  try {
    ap_nas(ApProtocol::s1ap, m);
    FAIL() << "accepted";
  } catch (const UnusableInput& e) {
    EXPECT_NE(std::string(e.what()).find("UESecurityCapabilities with extension additions"), std::string::npos)
        << e.what();
  }
}

// An IPv4 packet with SCTP DATA chunks, built by hand to reach the reader's refusals.
Octets ipv4_sctp(std::uint16_t flags_fragment, std::uint8_t chunk_type, std::uint8_t chunk_flags, std::uint32_t tsn,
                 const Octets& payload) {
  Octets chunk{chunk_type,
               chunk_flags,
               0,
               static_cast<std::uint8_t>(16 + payload.size()),
               static_cast<std::uint8_t>(tsn >> 24),
               static_cast<std::uint8_t>(tsn >> 16),
               static_cast<std::uint8_t>(tsn >> 8),
               static_cast<std::uint8_t>(tsn),
               0,
               1,
               0,
               0,
               0,
               0,
               0,
               18};
  chunk.insert(chunk.end(), payload.begin(), payload.end());
  while (chunk.size() % 4) chunk.push_back(0);
  Octets p{0x45,
           0,
           0,
           0,
           0,
           0,
           static_cast<std::uint8_t>(flags_fragment >> 8),
           static_cast<std::uint8_t>(flags_fragment),
           64,
           132,
           0,
           0,
           10,
           0,
           0,
           1,
           10,
           0,
           0,
           2,
           0x8e,
           0x3c,
           0x8e,
           0x3c,
           0,
           0,
           0,
           1,
           0,
           0,
           0,
           0};
  p.insert(p.end(), chunk.begin(), chunk.end());
  p[2] = static_cast<std::uint8_t>(p.size() >> 8);
  p[3] = static_cast<std::uint8_t>(p.size());
  return p;
}

TEST(Capture, SctpAndIpRefusalsAndReassembly) {
  const Octets m = test::ap_message(test::Ap::s1ap, 12, 5, ~std::uint64_t{0}, kNas);
  const Octets first(m.begin(), m.begin() + 5), rest(m.begin() + 5, m.end());
  const auto read = [](const std::vector<Octets>& packets) {
    return ap_messages(capture_packets(be_pcap(0xa1b2c3d4, 101, packets)));  // raw IP
  };
  // Fragments in order are one message, completed by the second packet.
  const ApMessages two = read({ipv4_sctp(0x4000, 0, 0x02, 1, first), ipv4_sctp(0x4000, 0, 0x01, 2, rest)});
  ASSERT_EQ(two.messages.size(), 1u);
  EXPECT_EQ(two.messages[0].packet, 2u);
  EXPECT_EQ(two.messages[0].bytes, m);
  // A last fragment that continues nothing; a first one never completed.
  EXPECT_NE(error_of([&] { read({ipv4_sctp(0x4000, 0, 0x01, 2, rest)}); }).find("packet 1, offset 0: SCTP fragment"),
            std::string::npos);
  const ApMessages open = read({ipv4_sctp(0x4000, 0, 0x02, 1, first)});
  EXPECT_TRUE(open.messages.empty());
  ASSERT_EQ(open.notes.size(), 1u);
  EXPECT_NE(open.notes[0].find("without its last fragment"), std::string::npos);
  EXPECT_NE(error_of([&] { read({ipv4_sctp(0x2000, 0, 0x03, 1, m)}); }).find("fragmented IPv4 packet"),
            std::string::npos);
  EXPECT_NE(error_of([&] { read({ipv4_sctp(0x4000, 64, 0x03, 1, m)}); }).find("I-DATA"), std::string::npos);
  Octets short_ip = ipv4_sctp(0x4000, 0, 0x03, 1, m);
  short_ip[3] = static_cast<std::uint8_t>(short_ip[3] + 1);
  EXPECT_NE(error_of([&] { read({short_ip}); }).find("IPv4 lengths"), std::string::npos);
  // BSD loopback, the family in the capturing host's order.
  Octets loop{2, 0, 0, 0};
  const Octets ip = ipv4_sctp(0x4000, 0, 0x03, 1, m);
  loop.insert(loop.end(), ip.begin(), ip.end());
  EXPECT_EQ(ap_messages(capture_packets(be_pcap(0xa1b2c3d4, 0, {loop}))).messages.size(), 1u);
}

// RLC AM PDUs with LIs (TS 36.322 6.2.1.4: E/LI pairs of 12 bits, padded to an octet), a PDU
// whose SDU spans into the next, and the reader's refusals.
TEST(Capture, MacLteRlcAmLengthIndicatorsAndRefusals) {
  const auto read = [](const std::vector<Octets>& macs) {
    std::vector<Octets> frames;
    for (const Octets& m : macs) frames.push_back(test::mac_lte_frame(false, false, 0x46, true, m));
    return srb_pdus(capture_packets(be_pcap(0xa1b2c3d4, kLinktypeMacLteSrsran, frames)));
  };
  // SN 0, FI 01 (the last SDU continues), E 1; LIs 2 and 3; then 2, 3 and 1 data octets.
  const Octets two_lis{0x80 | 1 << 3 | 0x04, 0x00, 0x80, 0x20, 0x03, 0xa1, 0xa2, 0xb1, 0xb2, 0xb3, 0xc1};
  // SN 1, FI 10 (continues an SDU), no LI.
  const Octets rest{0x80 | 2 << 3, 0x01, 0xc2, 0xc3};
  const SrbPdus got = read({test::mac_pdu(false, 1, two_lis, 0), test::mac_pdu(false, 1, rest, 2)});
  ASSERT_EQ(got.pdus.size(), 3u);
  EXPECT_EQ(got.pdus[0].pdcp, (Octets{0xa1, 0xa2}));
  EXPECT_EQ(got.pdus[1].pdcp, (Octets{0xb1, 0xb2, 0xb3}));
  EXPECT_EQ(got.pdus[2].pdcp, (Octets{0xc1, 0xc2, 0xc3}));
  EXPECT_EQ(got.pdus[2].packet, 2u);
  EXPECT_EQ(got.pdus[0].srb, 1);
  EXPECT_FALSE(got.pdus[0].uplink);
  EXPECT_EQ(got.pdus[0].rnti, 0x46);
  // Out of order: SN 1 before SN 0 is held until SN 0 comes.
  EXPECT_EQ(read({test::mac_pdu(false, 1, rest, 0), test::mac_pdu(false, 1, two_lis, 0)}).pdus.size(), 3u);
  // A gap at the end is noted, never bridged.
  const SrbPdus gap = read({test::mac_pdu(false, 1, rest, 0)});
  EXPECT_TRUE(gap.pdus.empty());
  EXPECT_FALSE(gap.notes.empty());

  // The first PDU re-segmented for its retransmission (TS 36.322 6.2.1.5: RF 1, LSF, SO, LIs inside
  // each segment): the last segment first, then the first; the same SDUs come out.
  const Octets first_part{0xc0 | 1 << 3 | 0x04, 0x00, 0x00, 0x00, 0x00, 0x20, 0xa1, 0xa2, 0xb1};  // SO 0, LI 2
  const Octets last_part{0xc0 | 3 << 3 | 0x04, 0x00, 0x80, 0x03, 0x00, 0x20, 0xb2, 0xb3, 0xc1};   // LSF, SO 3, LI 2
  const SrbPdus parts = read({test::mac_pdu(false, 1, last_part, 0), test::mac_pdu(false, 1, first_part, 0),
                              test::mac_pdu(false, 1, rest, 0)});
  ASSERT_EQ(parts.pdus.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(parts.pdus[i].pdcp, got.pdus[i].pdcp);
  EXPECT_EQ(parts.pdus[0].packet, 2u);  // whole with its second segment
  // An SDU that ends where a segment ends (FI 00 on both, no LIs) is cut there too.
  const Octets a{0xc0, 0x00, 0x00, 0x00, 0xd1, 0xd2}, b{0xc0, 0x00, 0x80, 0x02, 0xe1};
  const SrbPdus cut = read({test::mac_pdu(false, 2, a, 0), test::mac_pdu(false, 2, b, 0)});
  ASSERT_EQ(cut.pdus.size(), 2u);
  EXPECT_EQ(cut.pdus[0].pdcp, (Octets{0xd1, 0xd2}));
  EXPECT_EQ(cut.pdus[1].pdcp, (Octets{0xe1}));
  EXPECT_EQ(cut.pdus[1].srb, 2);

  const auto err = [&](const std::vector<Octets>& macs) { return error_of([&] { read(macs); }); };
  const Octets long_first{0xc0 | 1 << 3, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5},
      short_last{0xc0 | 1 << 3, 0x00, 0x80, 0x02, 9};
  EXPECT_NE(err({test::mac_pdu(false, 1, long_first, 0), test::mac_pdu(false, 1, short_last, 0)})
                .find("segments reach beyond the one with LSF"),
            std::string::npos);
  EXPECT_NE(err({Octets{0x30}}).find("extended LCID"), std::string::npos);                // E = 1, LCID 16
  EXPECT_NE(err({Octets{0x21, 0x09, 0x01}}).find("exceeds the PDU"), std::string::npos);  // L 9, one octet
  EXPECT_NE(err({Octets{0x2b}}).find("LCID 11: its size is not known here"), std::string::npos);
  Octets li_too_long = two_lis;
  li_too_long[3] = 0x7f;  // LI 2047
  EXPECT_NE(err({test::mac_pdu(false, 1, li_too_long, 0)}).find("exceeds the PDU"), std::string::npos);
  Octets unknown_tag = test::mac_lte_frame(false, false, 0x46, true, {});
  unknown_tag[3] = 0x7e;
  EXPECT_NE(error_of([&] {
              srb_pdus(capture_packets(be_pcap(0xa1b2c3d4, kLinktypeMacLteSrsran, {unknown_tag})));
            }).find("context tag 126 is not known here"),
            std::string::npos);
}

// NR RLC AM segments reassembled by SO in any order, overlapping re-segments, a PDU received twice
// counting once, control elements of either direction stepped over, and the reader's refusals.
TEST(Capture, MacNrRlcAmSegmentsAndRefusals) {
  const auto read = [](const std::vector<std::pair<bool, Octets>>& macs) {
    std::vector<Octets> frames;
    for (const auto& [uplink, m] : macs) frames.push_back(test::mac_nr_frame(uplink, 0x4601, m));
    return nr_srb_pdus(capture_packets(be_pcap(0xa1b2c3d4, kLinktypeUdpSrsran, frames)));
  };
  const auto dl = [](const Octets& rlc) { return std::pair{false, test::nr_mac_pdu(false, 1, rlc, false, 0)}; };
  const Octets sdu{0x00, 0x05, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6};
  // Last (SO 5), first, middle (SO 2, overlapping the first by one octet).
  const SrbPdus got = read({dl(test::nr_rlc_am(7, 2, 5, {0xa4, 0xa5, 0xa6})),
                            dl(test::nr_rlc_am(7, 1, 0, {0x00, 0x05, 0xa1})),
                            dl(test::nr_rlc_am(7, 3, 2, {0xa1, 0xa2, 0xa3})),
                            dl(test::nr_rlc_am(7, 0, 0, sdu)),
                            {true, test::nr_mac_pdu(true, 2, test::nr_rlc_am(0, 0, 0, sdu), true, 5)}});
  ASSERT_EQ(got.pdus.size(), 2u);
  EXPECT_EQ(got.pdus[0].pdcp, sdu);
  EXPECT_EQ(got.pdus[0].packet, 3u);
  EXPECT_EQ(got.pdus[0].srb, 1);
  EXPECT_FALSE(got.pdus[0].uplink);
  EXPECT_EQ(got.pdus[0].rnti, 0x4601);
  EXPECT_EQ(got.pdus[1].srb, 2);
  EXPECT_TRUE(got.pdus[1].uplink);
  // A segment without the rest is noted at the end.
  const SrbPdus part = read({dl(test::nr_rlc_am(3, 1, 0, {1, 2}))});
  EXPECT_TRUE(part.pdus.empty());
  ASSERT_EQ(part.notes.size(), 1u);
  EXPECT_NE(part.notes[0].find("SN 3 left incomplete"), std::string::npos);

  const auto err = [&](const Octets& mac) { return error_of([&] { read({{false, mac}}); }); };
  EXPECT_NE(err({0x22}).find("truncated MAC subheader eLCID"), std::string::npos);
  EXPECT_NE(err({0x21, 0x01}).find("truncated MAC subheader eLCID"), std::string::npos);
  EXPECT_NE(err({0x01, 0x09, 0x80}).find("exceeds the PDU"), std::string::npos);  // L 9, one octet
  EXPECT_NE(err({0x41, 0x00}).find("truncated MAC subheader L"), std::string::npos);
  EXPECT_NE(err({0x01, 0x03, 0xa0, 0x07, 0x00}).find("truncated RLC AM header SO"), std::string::npos);
  // A last segment that ends before what the first segment already holds.
  EXPECT_NE(error_of([&] {
              read({dl(test::nr_rlc_am(1, 1, 0, {1, 2, 3, 4, 5})), dl(test::nr_rlc_am(1, 2, 2, {9}))});
            }).find("beyond the SDU's last octet"),
            std::string::npos);
  Octets unknown_tag = test::mac_nr_frame(false, 0x4601, {});
  unknown_tag[17] = 0x7e;
  EXPECT_NE(error_of([&] {
              nr_srb_pdus(capture_packets(be_pcap(0xa1b2c3d4, kLinktypeUdpSrsran, {unknown_tag})));
            }).find("context tag 126 is not known here"),
            std::string::npos);
}

// Every control element of TS 38.321 6.2.1 is stepped over by the size its clause of 6.1.3 gives,
// extended LCIDs included, so that the SRB SDU behind them is found; a reserved value ends the PDU
// with a note (5.13), a control element whose size the standard leaves unstated is refused.
TEST(Capture, MacNrControlElementsAndExtendedLcids) {
  const Octets srb = test::nr_rlc_am(4, 0, 0, {0x00, 0x04, 0xb1, 0xb2, 0xb3});
  const auto read = [&](bool uplink, Octets mac) {
    mac.insert(mac.end(), {1, static_cast<std::uint8_t>(srb.size())});
    mac.insert(mac.end(), srb.begin(), srb.end());
    return nr_srb_pdus(
        capture_packets(be_pcap(0xa1b2c3d4, kLinktypeUdpSrsran, {test::mac_nr_frame(uplink, 0x4601, mac)})));
  };
  // Each control element alone before the SDU, its content octets a value the table reserves
  // (DL LCID 40, UL LCID 37): one octet too few would read one as a subheader, one too many
  // would swallow the SDU's subheader.
  const auto found = [&](bool uplink, Octets subheader, std::size_t content) {
    subheader.insert(subheader.end(), content, uplink ? 37 : 40);
    try {
      const SrbPdus got = read(uplink, subheader);
      return got.pdus.size() == 1 && got.pdus[0].pdcp == Octets(srb.begin() + 2, srb.end()) && got.notes.empty();
    } catch (const UnusableInput&) {
      return false;
    }
  };
  // Downlink: Recommended bit rate (47, two octets), SP ZP CSI-RS (48, two), PUCCH spatial
  // relation (49, three), SP CSI reporting on PUCCH (51, two), TCI State Indication for PDCCH
  // (52, two), Duplication (56, one), SCell (57, four; 58, one), DRX (59, 60: none), Timing Advance
  // (61, one), UE Contention Resolution Identity (62, six); one-octet eLCIDs by their fixed sizes.
  for (const auto& [lcid, n] : std::vector<std::pair<std::uint8_t, std::size_t>>{
           {47, 2}, {48, 2}, {49, 3}, {51, 2}, {52, 2}, {56, 1}, {57, 4}, {58, 1}, {59, 0}, {60, 0}, {61, 1}, {62, 6}})
    EXPECT_TRUE(found(false, {lcid}, n)) << "DL LCID " << int{lcid};
  for (const auto& [e, n] : std::vector<std::pair<std::uint8_t, std::size_t>>{{218, 3},
                                                                              {221, 1},
                                                                              {225, 1},
                                                                              {226, 1},
                                                                              {230, 1},
                                                                              {236, 3},
                                                                              {237, 1},
                                                                              {242, 2},
                                                                              {243, 3},
                                                                              {244, 3},
                                                                              {247, 3},
                                                                              {251, 1},
                                                                              {252, 2},
                                                                              {254, 4},
                                                                              {255, 2}})
    EXPECT_TRUE(found(false, {34, e}, n)) << "DL eLCID " << int{e};
  // Uplink: CCCH under LX 1 (48 bits at even codepoints, 64 at odd), the fixed LCIDs, and the
  // fixed one-octet eLCIDs.
  EXPECT_TRUE(found(true, {0x80}, 6));
  EXPECT_TRUE(found(true, {0x87}, 8));
  for (const auto& [lcid, n] : std::vector<std::pair<std::uint8_t, std::size_t>>{{0, 8},
                                                                                 {35, 6},
                                                                                 {36, 8},
                                                                                 {44, 2},
                                                                                 {48, 4},
                                                                                 {49, 1},
                                                                                 {52, 6},
                                                                                 {53, 2},
                                                                                 {55, 0},
                                                                                 {57, 2},
                                                                                 {58, 2},
                                                                                 {59, 1},
                                                                                 {61, 1}})
    EXPECT_TRUE(found(true, {lcid}, n)) << "UL LCID " << int{lcid};
  for (const auto& [e, n] : std::vector<std::pair<std::uint8_t, std::size_t>>{{221, 4},
                                                                              {222, 1},
                                                                              {231, 3},
                                                                              {238, 1},
                                                                              {242, 0},
                                                                              {243, 3},
                                                                              {244, 3},
                                                                              {245, 2},
                                                                              {247, 2},
                                                                              {252, 4},
                                                                              {254, 4}})
    EXPECT_TRUE(found(true, {34, e}, n)) << "UL eLCID " << int{e};
  // Variable sizes: an L of 8 bits and of 16 (F = 1), and a two-octet eLCID logical channel's SDU.
  EXPECT_TRUE(found(false, {50, 3}, 3));                 // SP SRS
  EXPECT_TRUE(found(false, {53, 2}, 2));                 // TCI States for PDSCH
  EXPECT_TRUE(found(false, {0x40 | 34, 219, 0, 4}, 4));  // LTM Cell Switch Command, 16-bit L
  EXPECT_TRUE(found(false, {33, 0x01, 0x00, 2}, 2));
  EXPECT_TRUE(found(true, {62, 3}, 3));       // Long BSR
  EXPECT_TRUE(found(true, {34, 225, 2}, 2));  // Single Entry PHR with assumed PUSCH
  EXPECT_TRUE(found(true, {33, 0xff, 0xff, 1}, 1));

  // Reserved: DL LCID 40, DL eLCID 200, UL eLCID 218, UL LX 1 codepoint 8. The SDU behind is
  // discarded, as the UE's MAC entity discards it.
  for (const auto& [uplink, mac, name] :
       {std::tuple{false, Octets{40}, "LCID 40"}, std::tuple{false, Octets{34, 200}, "one-octet eLCID 200"},
        std::tuple{true, Octets{34, 218}, "one-octet eLCID 218"}, std::tuple{true, Octets{0x88}, "LX 1, LCID 8"}}) {
    const SrbPdus got = read(uplink, mac);
    EXPECT_TRUE(got.pdus.empty()) << name;
    ASSERT_EQ(got.notes.size(), 1u) << name;
    EXPECT_NE(got.notes[0].find(std::string(name) + " is reserved"), std::string::npos) << got.notes[0];
    EXPECT_NE(got.notes[0].find("TS 38.321 5.13"), std::string::npos);
  }
  // Delay Status Report (228) and Sidelink Configured Grant Confirmation (253): no size stated.
  for (const std::uint8_t e : {std::uint8_t{228}, std::uint8_t{253}})
    EXPECT_NE(error_of([&] {
                read(true, {34, e, 1, 2});
              }).find("one-octet eLCID " + std::to_string(e) + ": TS 38.321 states no size"),
              std::string::npos);
}

}  // namespace
}  // namespace secmode::oracle
